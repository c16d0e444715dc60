"""Caseloads: a specialist's own open cases with what needs doing next, and, for a team lead,
each specialist's load against the programme's limit (IPS fidelity: 20 per full-time
specialist by default)."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Min, Q, QuerySet, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone

from tandem.casework import selectors
from tandem.core.access import REFERRAL_HANDLING_ROLES, Role
from tandem.core.pagination import paginate
from tandem.organisations.models import User
from tandem.organisations.selectors import has_role, organisation_ids_for
from tandem.programmes.models import Programme
from tandem.referrals.models import Enrolment

# The end of a support period and a silence since the last contact are flagged this far ahead.
ENDS_SOON_DAYS = 30
CONTACT_GAP_DAYS = 30
DEFAULT_LIMIT: int = Programme._meta.get_field("caseload_limit").get_default()


@dataclass(frozen=True)
class CaseloadRow:
    enrolment: Enrolment
    days_in_stage: int | None
    days_since_contact: int | None
    ends_in_days: int | None

    @property
    def contact_overdue(self) -> bool:
        return self.days_since_contact is None or self.days_since_contact > CONTACT_GAP_DAYS

    @property
    def ends_soon(self) -> bool:
        return self.ends_in_days is not None and 0 < self.ends_in_days <= ENDS_SOON_DAYS

    @property
    def ends_today(self) -> bool:
        return self.ends_in_days == 0

    @property
    def ended(self) -> bool:
        return self.ends_in_days is not None and self.ends_in_days < 0


def _row(enrolment: Enrolment, today: datetime.date, now: datetime.datetime) -> CaseloadRow:
    last = enrolment.last_contact_at  # type: ignore[attr-defined]
    return CaseloadRow(
        enrolment=enrolment,
        days_in_stage=max((now - enrolment.stage_since).days, 0) if enrolment.stage_since else None,
        days_since_contact=(today - timezone.localdate(last)).days if last else None,
        ends_in_days=(enrolment.support_ends_on - today).days
        if enrolment.support_ends_on
        else None,
    )


def _summary(enrolments: QuerySet[Enrolment], today: datetime.date) -> dict:
    """The cards above the table, in one query whatever the size of the caseload."""
    figures = enrolments.aggregate(
        active=Count("pk", filter=Q(status=Enrolment.Status.ACTIVE)),
        paused=Count("pk", filter=Q(status=Enrolment.Status.PAUSED)),
        overdue=Sum("overdue_milestones"),
        ending=Count(
            "pk",
            filter=Q(
                support_ends_on__gte=today,
                support_ends_on__lte=today + datetime.timedelta(days=ENDS_SOON_DAYS),
            ),
        ),
        ended=Count("pk", filter=Q(support_ends_on__lt=today)),
        limit=Min("programme__caseload_limit"),
    )
    limit = figures["limit"] or DEFAULT_LIMIT
    return {
        "active": figures["active"],
        "paused": figures["paused"],
        "overdue": figures["overdue"] or 0,
        "ending": figures["ending"],
        "ended": figures["ended"],
        "limit": limit,
        "over_limit": figures["active"] > limit,
    }


def _render_caseload(request: HttpRequest, member: User) -> HttpResponse:
    enrolments = selectors.caseload(user=request.user, key_worker=member)
    today = timezone.localdate()
    now = timezone.now()
    page, query = paginate(request, enrolments)
    rows = [_row(enrolment, today, now) for enrolment in page.object_list]
    return render(
        request,
        "casework/caseload/caseload.html",
        {
            "member": member,
            "own": member.pk == request.user.pk,
            "page_obj": page,
            "query_without_page": query,
            "rows": rows,
            "summary": _summary(enrolments, today),
            "today": today,
            "ends_soon_days": ENDS_SOON_DAYS,
            "contact_gap_days": CONTACT_GAP_DAYS,
            "is_lead": has_role(user=request.user, roles={Role.TEAM_LEAD}),
        },
    )


@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    if not has_role(user=request.user, roles=REFERRAL_HANDLING_ROLES):
        raise Http404
    return _render_caseload(request, request.user)


@login_required
def member_caseload(request: HttpRequest, username: str) -> HttpResponse:
    if not has_role(user=request.user, roles=REFERRAL_HANDLING_ROLES):
        raise Http404
    member = get_object_or_404(User, username=username, is_active=True)
    if member.pk != request.user.pk:
        # Only the lead of a team the member carries a caseload in; anyone else sees nothing,
        # not even whether the username exists.
        led = organisation_ids_for(user=request.user, roles={Role.TEAM_LEAD})
        if not led & organisation_ids_for(user=member, roles=REFERRAL_HANDLING_ROLES):
            raise Http404
    return _render_caseload(request, member)


@login_required
def team_caseloads(request: HttpRequest) -> HttpResponse:
    if not has_role(user=request.user, roles={Role.TEAM_LEAD}):
        raise Http404
    loads = selectors.team_caseloads(user=request.user)
    page, query = paginate(request, loads)
    return render(
        request,
        "casework/caseload/team.html",
        {
            "page_obj": page,
            "query_without_page": query,
            "over_limit": sum(1 for load in loads if load.over_limit),
            "active_total": sum(load.active for load in loads),
        },
    )


participant_urlpatterns: list = []
urlpatterns = [
    path("caseload/", caseload, name="caseload"),
    path("caseload/team/", team_caseloads, name="team_caseloads"),
    path("caseload/staff/<str:username>/", member_caseload, name="member_caseload"),
]
