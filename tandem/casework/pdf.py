"""The printable plan: the plan as the viewer may see it, in the participant's language (labels,
dates and digits), right-to-left for Arabic and Persian, rendered to PDF by WeasyPrint."""

import datetime
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from tandem.casework.models import Milestone, Track
from tandem.casework.selectors import PlanView
from tandem.participants.models import Participant

RTL_LANGUAGES = frozenset({"ar", "fa"})

# What people type in "preferred language", in the four languages of the service.
_LANGUAGE_NAMES = {
    "en": {"en", "english", "engelsk", "الإنجليزية", "الانجليزية", "انگلیسی"},
    "da": {"da", "dansk", "danish", "الدنماركية", "دانمارکی"},
    "ar": {"ar", "arabic", "arabisk", "العربية", "عربي", "عربی"},
    # Dari is written and dated like Persian (Solar Hijri, Persian digits).
    "fa": {"fa", "farsi", "persian", "persisk", "فارسی", "فارسي", "الفارسية", "dari", "دری"},
}


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def participant_language(preferred: str, fallback: str) -> str:
    """The service language (en, da, ar, fa) for a person's free-text preferred language,
    or `fallback` (the viewer's language) when it is none of them."""
    supported = {code for code, _name in settings.LANGUAGES}
    text = _normalise(preferred or "")
    # Codes such as "fa-IR" or "ar_EG".
    code = text.replace("_", "-").split("-")[0]
    for language, names in _LANGUAGE_NAMES.items():
        if language in supported and (text in names or code == language):
            return language
    fallback_code = (fallback or settings.LANGUAGE_CODE).replace("_", "-").split("-")[0].lower()
    return fallback_code if fallback_code in supported else settings.LANGUAGE_CODE


def text_direction(text: str) -> str:
    """The direction of a piece of text by its first strong character (as dir="auto" would),
    or "auto" when it has none (digits, punctuation)."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "auto"


@dataclass(frozen=True)
class Text:
    """Text someone typed, with its own direction. WeasyPrint has no dir="auto", and a Persian
    goal in an English plan (or the reverse) needs it to keep its full stop at its end."""

    value: str

    @property
    def dir(self) -> str:
        return text_direction(self.value)

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class PrintMilestone:
    description: Text
    target_on: datetime.date
    state: str
    overdue: bool
    interventions: list[Text]


@dataclass(frozen=True)
class PrintGoal:
    description: Text
    milestones: list[PrintMilestone]


def _print_tracks(plan_view: PlanView, today: datetime.date) -> list[tuple[str, list[PrintGoal]]]:
    """The tracks with their labels in the active language (the selector's labels are in the
    viewer's), and each typed text with its direction."""
    tracks = []
    for value, _label, goal_views in plan_view.tracks:
        goals = [
            PrintGoal(
                description=Text(goal_view.goal.description),
                milestones=[
                    PrintMilestone(
                        description=Text(milestone.description),
                        target_on=milestone.target_on,
                        state=str(milestone.get_state_display()),
                        overdue=milestone.state in Milestone.OPEN_STATES
                        and milestone.target_on < today,
                        interventions=[
                            Text(referral.intervention.name)
                            for referral in milestone.interventions.all()
                        ],
                    )
                    for milestone in goal_view.milestones
                ],
            )
            for goal_view in goal_views
        ]
        tracks.append((str(Track(value).label), goals))
    return tracks


def plan_print_html(
    *,
    plan_view: PlanView,
    participant: Participant,
    language: str,
    printed_on: datetime.date | None = None,
) -> str:
    """The print page as HTML, rendered in `language` so labels and dates follow it."""
    plan = plan_view.plan
    enrolment = plan.enrolment
    today = timezone.localdate()
    with translation.override(language):
        return render_to_string(
            "casework/plans/print.html",
            {
                "plan": plan,
                "enrolment": enrolment,
                "tracks": _print_tracks(plan_view, today),
                "hidden_goals": plan_view.hidden_goals,
                "participant_name": Text(participant.full_name),
                "programme_name": Text(enrolment.programme.name),
                "organisation_name": Text(enrolment.organisation.name),
                "summary": Text(plan.summary),
                "key_worker": Text(enrolment.key_worker.display_name)
                if enrolment.key_worker
                else None,
                "language": language,
                "direction": "rtl" if language in RTL_LANGUAGES else "ltr",
                "printed_on": printed_on or today,
            },
        )


def html_to_pdf(html: str) -> bytes:
    # Imported here: loading WeasyPrint parses its stylesheets, which every process that
    # loads the URLs would otherwise pay for (and log) at start-up.
    import weasyprint

    # Only inline data: the print template carries its own CSS and the fonts are the system's,
    # so nothing is fetched from disk or the network while rendering.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
