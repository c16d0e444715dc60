"""One timeline of everything around the person, filtered by what the viewer may see."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from tandem.casework import selectors
from tandem.core.access import Access, Sensitivity
from tandem.participants.models import AccessLogEntry
from tandem.participants.selectors import access_participant
from tandem.participants.services import access_log_record

KIND_LABELS = {
    "note": _("Note"),
    "contact": _("Contact"),
    "appointment": _("Appointment"),
    "stage": _("Stage"),
    "review": _("Case review"),
    "assessment": _("Assessment"),
    "enrolment": _("Enrolment"),
}
SENSITIVITY_LABELS = dict(Sensitivity.choices)
# Kept as a day, not a moment: the time the selector gives them for sorting means nothing.
DATE_ONLY_KINDS = frozenset({"review", "assessment", "enrolment"})

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


def _limit(value: str | None) -> int:
    try:
        limit = int(value or DEFAULT_LIMIT)
    except ValueError:
        return DEFAULT_LIMIT
    return min(max(limit, 1), MAX_LIMIT)


@login_required
def timeline(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.READ)
    access_log_record(
        user=request.user,
        access=access,
        action=AccessLogEntry.Action.VIEW_RECORD,
        channel=AccessLogEntry.Channel.WEB,
    )
    limit = _limit(request.GET.get("limit"))
    entries = selectors.timeline(access=access, user=request.user, limit=limit)
    # A full page may mean there is more; the selector caps what one page can cost.
    more = len(entries) >= limit and limit < MAX_LIMIT
    return render(
        request,
        "casework/timeline/timeline.html",
        {
            "access": access,
            "participant": access.participant,
            "entries": [
                {
                    "entry": entry,
                    "kind": KIND_LABELS.get(entry.kind, entry.kind),
                    "sensitivity": SENSITIVITY_LABELS.get(entry.sensitivity, entry.sensitivity),
                    "date_only": entry.kind in DATE_ONLY_KINDS,
                }
                for entry in entries
            ],
            "limit": limit,
            "next_limit": min(limit * 2, MAX_LIMIT) if more else None,
        },
    )


participant_urlpatterns = [
    path("timeline/", timeline, name="timeline"),
]
urlpatterns: list = []
