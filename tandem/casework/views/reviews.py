"""Cross-disciplinary case reviews of one person, and review queues: a fixed group of cases
(every matchgruppe-3 cash-benefit recipient, say) that a team works through one by one.

A queue is found only through `selectors.access_review_queue` (the user's organisations), a
review only among the person's own reviews, so another organisation's queue or review is a 404
like one that does not exist."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.casework import selectors, services
from tandem.casework.forms.reviews import QueueForm, ReviewForm, SkipForm
from tandem.casework.models import CaseReview, ReviewAction, ReviewQueue, ReviewQueueItem
from tandem.core.access import CASEWORK_ROLES, REFERRAL_HANDLING_ROLES, Access
from tandem.core.forms import add_service_errors
from tandem.core.pagination import paginate
from tandem.organisations.models import Membership, Organisation, User
from tandem.organisations.selectors import has_role, organisation_ids_for
from tandem.participants.models import AccessLogEntry, BenefitSituation, Participant
from tandem.participants.selectors import ParticipantAccess, access_participant, case_team
from tandem.participants.services import access_log_record
from tandem.referrals.models import SupportStage

# Attendees and action owners are offered from the case team and the owning organisation's
# casework staff; a national provider has hundreds, so the list is cut to keep the page usable.
CASE_TEAM_LIMIT = 50
STAFF_LIMIT = 100


def _log(request: HttpRequest, access: ParticipantAccess) -> None:
    access_log_record(
        user=request.user,
        access=access,
        action=AccessLogEntry.Action.VIEW_RECORD,
        channel=AccessLogEntry.Channel.WEB,
    )


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _require_queue_role(user: User) -> None:
    if not has_role(user=user, roles=REFERRAL_HANDLING_ROLES):
        raise Http404


# ---------------------------------------------------------------- review queues


@dataclass(frozen=True)
class DecisionCount:
    decision: str
    label: str
    count: int


def _decision_counts(queue: ReviewQueue) -> list[DecisionCount]:
    return [
        DecisionCount(
            decision=row["decision"],
            label=str(CaseReview.Decision(row["decision"]).label),
            count=row["count"],
        )
        for row in selectors.decisions_in_queue(queue=queue)
    ]


def _next_waiting(queue: ReviewQueue) -> ReviewQueueItem | None:
    return selectors.queue_items(queue=queue).filter(status=ReviewQueueItem.Status.WAITING).first()


def _review_url(item: ReviewQueueItem, queue: ReviewQueue) -> str:
    return (
        reverse("casework:review_new", kwargs={"ref": item.participant.ref}) + f"?item={queue.ref}"
    )


def _render_queue(
    request: HttpRequest,
    queue: ReviewQueue,
    skip_form: SkipForm | None = None,
    skip_for: str = "",
    status: int = 200,
) -> HttpResponse:
    page, query = paginate(request, selectors.queue_items(queue=queue))
    next_item = _next_waiting(queue)
    return render(
        request,
        "casework/reviews/queue_detail.html",
        {
            "queue": queue,
            "waiting": queue.total - queue.reviewed - queue.skipped,  # type: ignore[attr-defined]
            "decisions": _decision_counts(queue),
            "page_obj": page,
            "query_without_page": query,
            "next_item": next_item,
            "next_url": _review_url(next_item, queue) if next_item else "",
            "skip_form": skip_form,
            "skip_for": skip_for,
            "criteria": _criteria_labels(queue.criteria),
        },
        status=status,
    )


def _criteria_labels(criteria: dict) -> list[tuple[str, str]]:
    """The queue's criteria as the person who made it chose them, in the reader's language."""
    known = {
        "benefit_situation": (_("Benefit situation"), dict(BenefitSituation.choices)),
        "match_group": (
            _("Match group (matchgruppe)"),
            dict(Participant._meta.get_field("match_group").choices),
        ),
        "stage": (_("Supported-employment stage"), dict(SupportStage.choices)),
    }
    labels = []
    for key, (label, choices) in known.items():
        if key in criteria:
            value = criteria[key]
            labels.append((label, str(choices.get(value, value))))
    return labels


@login_required
def queue_list(request: HttpRequest) -> HttpResponse:
    _require_queue_role(request.user)
    page, query = paginate(request, selectors.review_queues(user=request.user))
    return render(
        request,
        "casework/reviews/queue_list.html",
        {"page_obj": page, "query_without_page": query},
    )


@login_required
def queue_new(request: HttpRequest) -> HttpResponse:
    organisation_ids = organisation_ids_for(user=request.user, roles=REFERRAL_HANDLING_ROLES)
    if not organisation_ids:
        raise Http404
    organisations = Organisation.objects.filter(pk__in=organisation_ids).order_by("name")
    form = QueueForm(_posted(request), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            queue = services.review_queue_create(
                actor=request.user,
                organisation=form.cleaned_data["organisation"],
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                criteria=form.criteria,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = queue.items.count()
            messages.success(
                request,
                _("The queue has been made with %(count)s cases to review.") % {"count": count},
            )
            return redirect("casework:queue_detail", ref=queue.ref)
    return render(
        request,
        "casework/reviews/queue_form.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


@login_required
def queue_detail(request: HttpRequest, ref: str) -> HttpResponse:
    queue = selectors.access_review_queue(user=request.user, ref=ref)
    return _render_queue(request, queue)


@login_required
@require_POST
def queue_item_skip(request: HttpRequest, ref: str) -> HttpResponse:
    queue = selectors.access_review_queue(user=request.user, ref=ref)
    participant_ref = request.POST.get("participant", "")
    item = selectors.queue_items(queue=queue).filter(participant__ref=participant_ref).first()
    if item is None:
        raise Http404
    form = SkipForm(request.POST)
    if form.is_valid():
        try:
            services.review_queue_item_skip(
                actor=request.user, item=item, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s has been skipped in this queue.")
                % {"name": item.participant.full_name},
            )
            url = reverse("casework:queue_detail", kwargs={"ref": queue.ref})
            page = request.GET.get("page", "")
            return redirect(f"{url}?page={page}" if page.isdigit() else url)
    return _render_queue(request, queue, skip_form=form, skip_for=participant_ref, status=422)


# ---------------------------------------------------------------- case reviews


@dataclass(frozen=True)
class StaffChoice:
    user: User
    label: str


def _staff(participant: Participant) -> dict[int, StaffChoice]:
    """Who may be named at a review: the case team first, then the owning organisation's
    casework staff, in two bounded queries."""
    staff: dict[int, StaffChoice] = {}
    for place in (
        case_team(participant=participant)
        .filter(user__is_active=True)
        .order_by("user__full_name", "user__username")[:CASE_TEAM_LIMIT]
    ):
        staff[place.user_id] = StaffChoice(
            user=place.user,
            label=_("%(name)s (case team: %(discipline)s)")
            % {"name": place.user.display_name, "discipline": place.get_discipline_display()},
        )
    memberships = (
        Membership.objects.filter(
            organisation_id=participant.owning_organisation_id,
            is_active=True,
            user__is_active=True,
            role__in=CASEWORK_ROLES,
        )
        .select_related("user")
        .order_by("user__full_name", "user__username")[:STAFF_LIMIT]
    )
    for membership in memberships:
        if membership.user_id not in staff:
            staff[membership.user_id] = StaffChoice(
                user=membership.user,
                label=_("%(name)s (%(role)s)")
                % {"name": membership.user.display_name, "role": membership.get_role_display()},
            )
    return staff


def _review_errors(error: ValidationError) -> ValidationError:
    """The service names action rows `actions.<index>`; the form names them by number."""
    if not hasattr(error, "error_dict"):
        return error
    renamed = {}
    for field, errors in error.error_dict.items():
        if field.startswith("actions."):
            field = f"action_{int(field.split('.', 1)[1]) + 1}_owner"
        renamed[field] = errors
    return ValidationError(renamed)


def _queue_place(
    request: HttpRequest, participant: Participant
) -> tuple[ReviewQueue | None, ReviewQueueItem | None]:
    queue_ref = request.GET.get("item", "")
    if not queue_ref:
        return None, None
    queue = selectors.access_review_queue(user=request.user, ref=queue_ref)
    item = selectors.queue_items(queue=queue).filter(participant=participant).first()
    if item is None:
        raise Http404
    return queue, item


@login_required
def review_new(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref, need=Access.WRITE)
    participant = access.participant
    queue, item = _queue_place(request, participant)
    if item is not None and item.status == ReviewQueueItem.Status.REVIEWED:
        messages.info(request, _("This case has already been reviewed in this queue."))
        return redirect("casework:queue_detail", ref=queue.ref)  # type: ignore[union-attr]
    enrolments = selectors.open_enrolments(participant=participant).order_by("-started_on", "-id")
    staff = _staff(participant)
    initial: dict = {"held_on": timezone.localdate(), "participant_present": True}
    open_list = list(enrolments)
    if len(open_list) == 1:
        initial["enrolment"] = open_list[0].ref
    form = ReviewForm(
        _posted(request),
        initial=initial,
        enrolments=enrolments,
        staff_choices=[(pk, choice.label) for pk, choice in staff.items()],
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                review = services.case_review_record(
                    actor=request.user,
                    participant=participant,
                    held_on=data["held_on"],
                    decision=data["decision"],
                    attendees=[staff[pk].user for pk in data["attendees"]],
                    enrolment=data["enrolment"],
                    other_attendees=data["other_attendees"],
                    participant_present=data["participant_present"],
                    participant_view=data["participant_view"],
                    discussion=data["discussion"],
                    decision_note=data["decision_note"],
                    actions=[
                        {**row, "owner": staff[row["owner"]].user if row["owner"] else None}
                        for row in form.actions()
                    ],
                    queue_item=item,
                )
            except ValidationError as error:
                add_service_errors(form, _review_errors(error))
            else:
                return _after_review(request, participant, review, queue)
    else:
        _log(request, access)
    return render(
        request,
        "casework/reviews/review_form.html",
        {
            "form": form,
            "participant": participant,
            "queue": queue,
            "item": item,
            "has_enrolments": bool(open_list),
        },
        status=422 if request.method == "POST" else 200,
    )


def _after_review(
    request: HttpRequest, participant: Participant, review: CaseReview, queue: ReviewQueue | None
) -> HttpResponse:
    if queue is None:
        messages.success(request, _("The case review has been recorded."))
        return redirect("casework:review_detail", ref=participant.ref, review_ref=review.ref)
    next_item = _next_waiting(queue)
    if next_item is None:
        messages.success(
            request,
            _(
                "The review of %(name)s has been recorded. Every case in “%(queue)s” has now been "
                "dealt with."
            )
            % {"name": participant.full_name, "queue": queue.name},
        )
        return redirect("casework:queue_detail", ref=queue.ref)
    messages.success(
        request,
        _("The review of %(name)s has been recorded. Next in “%(queue)s”: %(next)s.")
        % {
            "name": participant.full_name,
            "queue": queue.name,
            "next": next_item.participant.full_name,
        },
    )
    return redirect(_review_url(next_item, queue))


def _person_reviews(request: HttpRequest, access: ParticipantAccess):
    return selectors.reviews_visible(user=request.user).filter(participant=access.participant)


def _review_for(request: HttpRequest, access: ParticipantAccess, review_ref: str) -> CaseReview:
    review = (
        _person_reviews(request, access)
        .filter(ref=review_ref)
        .select_related("enrolment__programme", "queue_item__queue")
        .prefetch_related("attendees")
        .first()
    )
    if review is None:
        raise Http404
    return review


@dataclass(frozen=True)
class ActionRow:
    action: ReviewAction
    overdue: bool
    can_complete: bool


@login_required
def review_detail(request: HttpRequest, ref: str, review_ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref)
    review = _review_for(request, access, review_ref)
    _log(request, access)
    today = timezone.localdate()
    actions = [
        ActionRow(
            action=action,
            overdue=action.completed_on is None and action.due_on < today,
            can_complete=action.completed_on is None
            and (access.can_write or action.owner_id == request.user.pk),
        )
        for action in review.actions.all()
    ]
    queue_item = getattr(review, "queue_item", None)
    return render(
        request,
        "casework/reviews/review_detail.html",
        {
            "access": access,
            "participant": access.participant,
            "review": review,
            "actions": actions,
            # Staff of another organisation on the case team cannot open the queue.
            "queue": queue_item.queue if queue_item and access.can_write else None,
        },
    )


@login_required
@require_POST
def review_action_complete(
    request: HttpRequest, ref: str, review_ref: str, action_ref: str
) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref)
    review = _review_for(request, access, review_ref)
    action = next((a for a in review.actions.all() if a.ref == action_ref), None)
    if action is None or not (access.can_write or action.owner_id == request.user.pk):
        raise Http404
    try:
        services.review_action_complete(actor=request.user, action=action)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("“%(action)s” is marked done.") % {"action": action.description}
        )
    return redirect("casework:review_detail", ref=ref, review_ref=review.ref)


@login_required
def review_list(request: HttpRequest, ref: str) -> HttpResponse:
    access = access_participant(user=request.user, ref=ref)
    page, query = paginate(request, _person_reviews(request, access))
    _log(request, access)
    rows = [
        (review, [action for action in review.actions.all() if action.completed_on is None])
        for review in page.object_list
    ]
    return render(
        request,
        "casework/reviews/review_list.html",
        {
            "access": access,
            "participant": access.participant,
            "page_obj": page,
            "query_without_page": query,
            "rows": rows,
            "today": timezone.localdate(),
        },
    )


participant_urlpatterns = [
    path("reviews/", review_list, name="review_list"),
    path("reviews/new/", review_new, name="review_new"),
    path("reviews/<str:review_ref>/", review_detail, name="review_detail"),
    path(
        "reviews/<str:review_ref>/actions/<str:action_ref>/done/",
        review_action_complete,
        name="review_action_complete",
    ),
]
urlpatterns = [
    path("reviews/queues/", queue_list, name="queue_list"),
    path("reviews/queues/new/", queue_new, name="queue_new"),
    path("reviews/queues/<str:ref>/", queue_detail, name="queue_detail"),
    path("reviews/queues/<str:ref>/skip/", queue_item_skip, name="queue_item_skip"),
]
