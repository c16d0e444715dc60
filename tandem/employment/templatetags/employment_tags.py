"""Employment on other pages: the panel on the participant page (`{% employment_panel access %}`),
the due counts for the caseload (`{% due_counts user as counts %}`), and the wording of a
sustainment check's or follow-up's state, said in text so that it never rests on colour."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.core.formatting import format_number
from tandem.employment import occupations, selectors
from tandem.employment.models import Adjustment, FollowUp, SustainmentCheck

register = template.Library()


def _days_text(due_on) -> str:
    days = (due_on - timezone.localdate()).days
    if days > 0:
        return ngettext("due in %(count)s day", "due in %(count)s days", days) % {
            "count": format_number(days)
        }
    if days == 0:
        return _("due today")
    return ngettext("overdue by %(count)s day", "overdue by %(count)s days", -days) % {
        "count": format_number(-days)
    }


@register.filter
def check_state(check: SustainmentCheck) -> str:
    """'due in 12 days', 'overdue by 3 days', 'confirmed (Payslip)' or 'not in work'."""
    if not isinstance(check, SustainmentCheck):
        return ""
    if check.status == SustainmentCheck.Status.CONFIRMED:
        return _("confirmed (%(evidence)s)") % {"evidence": check.get_evidence_display()}
    if check.status == SustainmentCheck.Status.NOT_IN_WORK:
        return _("not in work")
    return _days_text(check.due_on)


@register.filter
def check_tag(check: SustainmentCheck) -> str:
    """The shared tag colour for the state (the text says it too)."""
    if not isinstance(check, SustainmentCheck):
        return ""
    if check.status == SustainmentCheck.Status.CONFIRMED:
        return "completed"
    if check.status == SustainmentCheck.Status.NOT_IN_WORK:
        return "cancelled"
    return "urgent" if check.due_on < timezone.localdate() else "booked"


@register.filter
def follow_up_state(follow_up: FollowUp) -> str:
    if not isinstance(follow_up, FollowUp):
        return ""
    if follow_up.done_on is not None:
        return _("done")
    return _days_text(follow_up.due_on)


@register.filter
def follow_up_tag(follow_up: FollowUp) -> str:
    if not isinstance(follow_up, FollowUp):
        return ""
    if follow_up.done_on is not None:
        return "completed"
    return "urgent" if follow_up.due_on < timezone.localdate() else "booked"


@register.filter
def is_overdue(item) -> bool:
    """A check still to record or a follow-up still to do, after its due date."""
    if isinstance(item, SustainmentCheck):
        pending = item.status == SustainmentCheck.Status.DUE
    elif isinstance(item, FollowUp):
        pending = item.done_on is None
    else:
        return False
    return pending and item.due_on < timezone.localdate()


@register.filter
def occupation_label(code: str) -> str:
    """'5223 Shop sales assistants', in the active language."""
    return occupations.describe(code) if code else ""


@register.filter
def adjustment_labels(codes) -> list[str]:
    labels = dict(Adjustment.choices)
    return [str(labels.get(code, code)) for code in codes or []]


def _url(name: str, ref: str) -> str | None:
    try:
        return reverse(name, kwargs={"ref": ref})
    except NoReverseMatch:
        return None


@register.inclusion_tag("employment/panel.html")
def employment_panel(access):
    """The current job and the links into employment, in three queries whatever the record
    holds (the open placement, its checks and its follow-ups)."""
    participant = access.participant
    current = selectors.placements_for(access=access).filter(ended_on__isnull=True).first()
    next_check = next_follow_up = None
    if current is not None:
        next_check = min(
            (c for c in current.checks.all() if c.status == SustainmentCheck.Status.DUE),
            key=lambda c: (c.due_on, c.weeks),
            default=None,
        )
        next_follow_up = min(
            (f for f in current.follow_ups.all() if f.done_on is None),
            key=lambda f: (f.due_on, f.pk),
            default=None,
        )
    ref = participant.ref
    return {
        "access": access,
        "participant": participant,
        "current": current,
        "next_check": next_check,
        "next_follow_up": next_follow_up,
        "preferences_url": _url("employment:preferences", ref) if access.can_write else None,
        "matches_url": _url("employment:matches", ref),
        "placements_url": _url("employment:placements", ref),
        "placement_new_url": _url("employment:placement_new", ref) if access.can_write else None,
    }


@register.simple_tag
def due_counts(user) -> dict:
    """The user's sustainment checks to record (due within two weeks or overdue) and their
    overdue follow-ups: `{% due_counts user as counts %}` then `{{ counts.checks }}`."""
    return {
        "checks": selectors.checks_due(user=user, key_worker=user).count(),
        "follow_ups_overdue": selectors.follow_ups_due(
            user=user, key_worker=user, overdue_only=True
        ).count(),
    }
