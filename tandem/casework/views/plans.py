"""The individual plan of a person's open enrolment: goals in parallel tracks, milestones and
the interventions that serve them, the person's agreement, and a printable copy.

Goals and milestones are found through `selectors.plan_view`, so a goal the viewer may not see
(a health goal for a specialist, say) is a 404 like a goal of somebody else's plan."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.casework import pdf, selectors, services
from tandem.casework.forms.plans import (
    AgreementForm,
    GoalForm,
    MilestoneForm,
    MilestoneStateForm,
    PlanForm,
)
from tandem.casework.models import Milestone, Plan
from tandem.core.access import Access
from tandem.core.forms import add_service_errors
from tandem.interventions.selectors import intervention_referrals_for
from tandem.participants.models import AccessLogEntry
from tandem.participants.selectors import ParticipantAccess, access_participant
from tandem.participants.services import access_log_record
from tandem.referrals.models import Enrolment

WEB = AccessLogEntry.Channel.WEB


@dataclass
class Choice:
    """The open enrolments of the person and the one whose plan is shown."""

    enrolments: list[Enrolment]
    enrolment: Enrolment | None

    @property
    def plan(self) -> Plan | None:
        return getattr(self.enrolment, "plan", None) if self.enrolment else None

    @property
    def query(self) -> str:
        return f"?enrolment={self.enrolment.ref}" if self.enrolment else ""


@dataclass
class Found:
    choice: Choice
    plan_view: selectors.PlanView
    goal: selectors.GoalView
    milestone: Milestone | None = None


def _open_enrolments(access: ParticipantAccess) -> list[Enrolment]:
    return list(selectors.open_enrolments(participant=access.participant).select_related("plan"))


def _choose(request: HttpRequest, access: ParticipantAccess) -> Choice:
    enrolments = _open_enrolments(access)
    wanted = request.GET.get("enrolment", "")
    if wanted:
        enrolment = next((e for e in enrolments if e.ref == wanted), None)
        if enrolment is None:
            raise Http404
    else:
        enrolment = enrolments[0] if enrolments else None
    return Choice(enrolments=enrolments, enrolment=enrolment)


def _choose_plan(request: HttpRequest, access: ParticipantAccess) -> tuple[Choice, Plan]:
    choice = _choose(request, access)
    if choice.plan is None:
        raise Http404
    return choice, choice.plan


def _find(
    request: HttpRequest, access: ParticipantAccess, *, goal_ref: str = "", milestone_ref: str = ""
) -> Found:
    """A goal or milestone of this person's plans that the viewer may see, or 404."""
    enrolments = _open_enrolments(access)
    for enrolment in enrolments:
        plan = getattr(enrolment, "plan", None)
        if plan is None:
            continue
        view = selectors.plan_view(access=access, user=request.user, plan=plan)
        choice = Choice(enrolments=enrolments, enrolment=enrolment)
        for _track, _label, goals in view.tracks:
            for goal_view in goals:
                if goal_ref and goal_view.goal.ref == goal_ref:
                    return Found(choice=choice, plan_view=view, goal=goal_view)
                for milestone in goal_view.milestones if milestone_ref else []:
                    if milestone.ref == milestone_ref:
                        return Found(
                            choice=choice, plan_view=view, goal=goal_view, milestone=milestone
                        )
    raise Http404


def _plan_url(ref: str, choice: Choice) -> str:
    return reverse("casework:plan", kwargs={"ref": ref}) + choice.query


def _log(request: HttpRequest, access: ParticipantAccess, action: str) -> None:
    access_log_record(user=request.user, access=access, action=action, channel=WEB)


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _plan_context(
    request: HttpRequest,
    access: ParticipantAccess,
    choice: Choice,
    plan_view: selectors.PlanView | None = None,
    state_error: dict | None = None,
) -> dict:
    plan = choice.plan
    if plan is not None and plan_view is None:
        plan_view = selectors.plan_view(access=access, user=request.user, plan=plan)
    today = timezone.localdate()
    return {
        "access": access,
        "participant": access.participant,
        "choice": choice,
        "enrolment": choice.enrolment,
        "plan": plan,
        "plan_view": plan_view,
        "goal_count": sum(len(goals) for _t, _l, goals in plan_view.tracks) if plan_view else 0,
        "review_overdue": bool(plan and plan.review_on and plan.review_on < today),
        "today": today,
        "open_states": [str(state) for state in Milestone.OPEN_STATES],
        "state_choices": Milestone.State.choices,
        "state_error": state_error,
    }


@login_required
def plan_page(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref)
    choice = _choose(request, access)
    _log(request, access, AccessLogEntry.Action.VIEW_RECORD)
    return render(request, "casework/plans/plan.html", _plan_context(request, access, choice))


@login_required
def plan_new(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    choice = _choose(request, access)
    if choice.enrolment is None:
        raise Http404
    if choice.plan is not None:
        return redirect(_plan_url(ref, choice))
    form = PlanForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_create(
                actor=request.user,
                enrolment=choice.enrolment,
                summary=form.cleaned_data["summary"],
                review_on=form.cleaned_data["review_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The plan has been made. Add the person's goals to it."))
            return redirect(_plan_url(ref, choice))
    return render(
        request,
        "casework/plans/plan_form.html",
        {"form": form, "participant": access.participant, "choice": choice, "creating": True},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def plan_edit(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    choice, plan = _choose_plan(request, access)
    form = PlanForm(
        _posted(request), initial={"summary": plan.summary, "review_on": plan.review_on}
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.plan_update(
                    actor=request.user,
                    plan=plan,
                    summary=form.cleaned_data["summary"],
                    review_on=form.cleaned_data["review_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The plan has been updated."))
                return redirect(_plan_url(ref, choice))
    else:
        _log(request, access, AccessLogEntry.Action.VIEW_RECORD)
    return render(
        request,
        "casework/plans/plan_form.html",
        {"form": form, "participant": access.participant, "choice": choice, "creating": False},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def goal_new(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    choice, plan = _choose_plan(request, access)
    form = GoalForm(_posted(request), initial={"track": request.GET.get("track")})
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_add(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal has been added."))
            return redirect(_plan_url(ref, choice))
    return render(
        request,
        "casework/plans/goal_form.html",
        {"form": form, "participant": access.participant, "choice": choice},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def milestone_new(request: HttpRequest, ref: str, goal_ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    found = _find(request, access, goal_ref=goal_ref)
    form = MilestoneForm(
        _posted(request), referrals=intervention_referrals_for(participant=access.participant)
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                services.milestone_add(
                    actor=request.user,
                    goal=found.goal.goal,
                    description=form.cleaned_data["description"],
                    target_on=form.cleaned_data["target_on"],
                    intervention_referrals=list(form.cleaned_data["interventions"]),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The milestone has been added."))
                return redirect(_plan_url(ref, found.choice))
    else:
        _log(request, access, AccessLogEntry.Action.VIEW_RECORD)
    return render(
        request,
        "casework/plans/milestone_form.html",
        {
            "form": form,
            "participant": access.participant,
            "choice": found.choice,
            "goal": found.goal.goal,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def milestone_state(request: HttpRequest, ref: str, milestone_ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    found = _find(request, access, milestone_ref=milestone_ref)
    milestone = found.milestone
    if milestone is None:
        raise Http404
    form = MilestoneStateForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_set_state(
                actor=request.user, milestone=milestone, state=form.cleaned_data["state"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(milestone)s” is now: %(state)s.")
                % {
                    "milestone": milestone.description,
                    "state": Milestone.State(form.cleaned_data["state"]).label,
                },
            )
            return redirect(_plan_url(ref, found.choice))
    # The refused change is shown on the whole plan again, so this is a read of it too.
    _log(request, access, AccessLogEntry.Action.VIEW_RECORD)
    errors = [str(message) for messages_ in form.errors.values() for message in messages_]
    context = _plan_context(
        request,
        access,
        found.choice,
        plan_view=found.plan_view,
        state_error={"ref": milestone.ref, "description": milestone.description, "errors": errors},
    )
    return render(request, "casework/plans/plan.html", context, status=422)


@login_required
def plan_agree(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    choice, plan = _choose_plan(request, access)
    form = AgreementForm(_posted(request), initial={"agreed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_agree(
                actor=request.user,
                plan=plan,
                method=form.cleaned_data["method"],
                agreed_on=form.cleaned_data["agreed_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The person's agreement to the plan has been recorded."))
            return redirect(_plan_url(ref, choice))
    return render(
        request,
        "casework/plans/agree_form.html",
        {"form": form, "participant": access.participant, "choice": choice, "plan": plan},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def plan_pdf(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref)
    _choice, plan = _choose_plan(request, access)
    view = selectors.plan_view(access=access, user=request.user, plan=plan)
    language = pdf.participant_language(
        access.participant.preferred_language, translation.get_language() or ""
    )
    document = pdf.html_to_pdf(
        pdf.plan_print_html(plan_view=view, participant=access.participant, language=language)
    )
    _log(request, access, AccessLogEntry.Action.EXPORT)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{plan.ref}.pdf"'
    return response


participant_urlpatterns = [
    path("plan/", plan_page, name="plan"),
    path("plan/new/", plan_new, name="plan_new"),
    path("plan/edit/", plan_edit, name="plan_edit"),
    path("plan/agree/", plan_agree, name="plan_agree"),
    path("plan/pdf/", plan_pdf, name="plan_pdf"),
    path("plan/goals/new/", goal_new, name="goal_new"),
    path("plan/goals/<str:goal_ref>/milestones/new/", milestone_new, name="milestone_new"),
    path("plan/milestones/<str:milestone_ref>/state/", milestone_state, name="milestone_state"),
]
urlpatterns: list = []
