"""What each kind of assessment asks. One definition serves the form, the API's validation,
the side-by-side comparison of versions and the printed plan.

A question marked `health` is health content: its answer is stored in
`Assessment.health_answers` and shown only to clinical case-team members (and its author).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tandem.casework.models import Assessment


@dataclass(frozen=True)
class Question:
    key: str
    label: str | Promise
    kind: str = "text"  # text, number, yesno, severity
    health: bool = False
    help_text: str | Promise = ""


SEVERITIES = [
    ("none", _("None")),
    ("low", _("Low")),
    ("medium", _("Medium")),
    ("high", _("High")),
]
SEVERITY_RANK = {value: rank for rank, (value, _label) in enumerate(SEVERITIES)}

QUESTIONS: dict[str, list[Question]] = {
    Assessment.Kind.HEALTH_CONVERSATION: [
        Question("needs", _("Needs, in the person's own words")),
        Question("resources", _("Resources: what is going well, who helps")),
        Question("wishes", _("Wishes: what the person wants for work and life")),
        Question("health_situation", _("Health situation and how it affects work"), health=True),
        Question("support_agreed", _("Support the person asked for")),
    ],
    Assessment.Kind.VOCATIONAL_PROFILE: [
        Question("work_history", _("Work history")),
        Question("education", _("Education and qualifications")),
        Question("skills", _("Skills")),
        Question("job_preferences", _("Jobs the person would like")),
        Question("hours_wanted", _("Hours a week wanted"), kind="number"),
        Question("adjustments", _("Adjustments needed at work")),
        Question("travel_minutes", _("Longest journey to work (minutes)"), kind="number"),
        Question("driving_licence", _("Has a driving licence"), kind="yesno"),
    ],
    Assessment.Kind.BARRIER_ASSESSMENT: [
        Question("health", _("Physical health"), kind="severity", health=True),
        Question("mental_health", _("Mental health"), kind="severity", health=True),
        Question("social", _("Social circumstances"), kind="severity"),
        Question("housing", _("Housing"), kind="severity"),
        Question("childcare", _("Childcare"), kind="severity"),
        Question("substance_use", _("Substance use"), kind="severity", health=True),
        Question("skills_language", _("Skills and language"), kind="severity"),
        Question("confidence", _("Confidence"), kind="severity"),
        Question("debt", _("Debt"), kind="severity"),
        Question("caring", _("Caring responsibilities"), kind="severity"),
        Question("barrier_notes", _("Notes on the barriers")),
    ],
}


def questions_for(kind: str) -> list[Question]:
    return QUESTIONS[kind]
