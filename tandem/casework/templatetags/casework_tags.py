"""Template tags through which the participant page shows casework without importing it
(participants must not depend on casework: casework depends on participants)."""

import datetime
from dataclasses import dataclass

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.casework.models import Appointment
from tandem.casework.selectors import open_enrolments, timeline
from tandem.core.formatting import format_number
from tandem.referrals.models import Enrolment

register = template.Library()


@register.filter
def support_countdown(ends_on: datetime.date | None) -> str:
    """'in 12 days', 'ends today' or 'ended 3 days ago', from today in the service's zone."""
    if not isinstance(ends_on, datetime.date):
        return ""
    days = (ends_on - timezone.localdate()).days
    if days > 0:
        return ngettext("in %(count)s day", "in %(count)s days", days) % {
            "count": format_number(days)
        }
    if days == 0:
        return _("ends today")
    return ngettext("ended %(count)s day ago", "ended %(count)s days ago", -days) % {
        "count": format_number(-days)
    }


@register.filter
def days_in_stage(since: datetime.datetime | None) -> str:
    if not isinstance(since, datetime.datetime):
        return ""
    days = max((timezone.now() - since).days, 0)
    return ngettext("in this stage for %(count)s day", "in this stage for %(count)s days", days) % {
        "count": format_number(days)
    }


def _url_if_built(name: str, ref: str) -> str | None:
    # These pages belong to other parts of casework; link to them only once they exist.
    try:
        return reverse(name, kwargs={"ref": ref})
    except NoReverseMatch:
        return None


@dataclass(frozen=True)
class PanelEnrolment:
    enrolment: Enrolment
    ends_soon: bool


# How far ahead the end of a support period is flagged.
ENDS_SOON_DAYS = 28


@register.inclusion_tag("casework/panel.html", takes_context=True)
def casework_panel(context, access):
    """The enrolment, stage, links and next appointment on the participant page, in two
    queries whatever the record holds."""
    participant = access.participant
    today = timezone.localdate()
    enrolments = [
        PanelEnrolment(
            enrolment=enrolment,
            ends_soon=enrolment.support_ends_on is not None
            and (enrolment.support_ends_on - today).days <= ENDS_SOON_DAYS,
        )
        for enrolment in open_enrolments(participant=participant).order_by("-started_on", "-id")
    ]
    next_appointment = (
        Appointment.objects.filter(
            participant=participant,
            status=Appointment.Status.BOOKED,
            starts_at__gte=timezone.now(),
        )
        .select_related("staff")
        .order_by("starts_at", "id")
        .first()
    )
    ref = participant.ref
    request = context.get("request")
    # The newest few events, so the participant page carries the timeline's latest news.
    recent = timeline(access=access, user=request.user, limit=6) if request else []
    return {
        "recent": recent,
        "access": access,
        "participant": participant,
        "request": context.get("request"),
        "enrolments": enrolments,
        "next_appointment": next_appointment,
        "plan_url": _url_if_built("casework:plan", ref),
        "assessments_url": _url_if_built("casework:assessments", ref),
        "reviews_url": _url_if_built("casework:review_list", ref),
        "timeline_url": reverse("casework:timeline", kwargs={"ref": ref}),
        "contacts_url": reverse("casework:contacts", kwargs={"ref": ref}),
        "interventions_url": reverse("interventions:participant_list", kwargs={"ref": ref}),
    }
