"""Assessment pages: every version of each kind, a new version, one version, and versions
side by side. Health answers reach the page only through `casework.selectors`."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.casework import selectors, services
from tandem.casework.assessments import SEVERITIES, Question, questions_for
from tandem.casework.forms.assessments import AssessmentForm, initial_value
from tandem.casework.models import Assessment
from tandem.core.access import Access
from tandem.core.forms import add_service_errors
from tandem.participants.models import AccessLogEntry
from tandem.participants.selectors import ParticipantAccess, access_participant
from tandem.participants.services import access_log_record


def _access(request: HttpRequest, ref: str, need: Access = Access.READ) -> ParticipantAccess:
    return access_participant(user=request.user, ref=ref, need=need)


def _log_read(request: HttpRequest, access: ParticipantAccess) -> None:
    access_log_record(
        user=request.user,
        access=access,
        action=AccessLogEntry.Action.VIEW_RECORD,
        channel=AccessLogEntry.Channel.WEB,
    )


def _kind(kind: str) -> str:
    if kind not in Assessment.Kind.values:
        raise Http404
    return kind


def _kind_label(kind: str) -> str:
    return str(Assessment.Kind(kind).label)


@dataclass(frozen=True)
class Answer:
    """One answer as the page shows it: `text` for choices, `value` for numbers and text."""

    value: Any
    kind: str
    text: str = ""
    hidden: bool = False

    @property
    def answered(self) -> bool:
        return self.value not in (None, "")


def _answer(question: Question, value: Any, hidden: bool = False) -> Answer:
    if hidden or value in (None, ""):
        return Answer(value=None, kind=question.kind, hidden=hidden)
    if question.kind == "severity":
        labels = dict(SEVERITIES)
        return Answer(value=value, kind="choice", text=str(labels.get(value, value)))
    if question.kind == "yesno":
        return Answer(value=value, kind="choice", text=_("Yes") if value else _("No"))
    return Answer(value=value, kind=question.kind)


@login_required
def assessments(request: HttpRequest, ref: str) -> HttpResponse:
    access = _access(request, ref)
    views = selectors.assessments_for(access=access, user=request.user)
    by_kind: dict[str, list[selectors.AssessmentView]] = {kind: [] for kind in Assessment.Kind}
    for view in views:
        by_kind[view.assessment.kind].append(view)
    _log_read(request, access)
    return render(
        request,
        "casework/assessments/list.html",
        {
            "access": access,
            "participant": access.participant,
            "sections": [(kind, label, by_kind[kind]) for kind, label in Assessment.Kind.choices],
        },
    )


@login_required
def assessment_new(request: HttpRequest, ref: str, kind: str) -> HttpResponse:
    kind = _kind(kind)
    access = _access(request, ref, need=Access.WRITE)
    versions = selectors.assessments_for(access=access, user=request.user, kind=kind)
    latest = versions[0] if versions else None
    initial: dict[str, Any] = {"assessed_on": timezone.localdate()}
    if latest is not None:
        for question in questions_for(kind):
            initial[question.key] = initial_value(question, latest.answers.get(question.key))
    form = AssessmentForm(
        request.POST if request.method == "POST" else None, kind=kind, initial=initial
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                assessment = services.assessment_record(
                    actor=request.user,
                    participant=access.participant,
                    kind=kind,
                    answers=form.answers(),
                    assessed_on=form.cleaned_data["assessed_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Version %(version)s of the %(kind)s has been saved.")
                    % {"version": assessment.version, "kind": _kind_label(kind).lower()},
                )
                return redirect(
                    "casework:assessment_detail", ref=ref, kind=kind, version=assessment.version
                )
    elif latest is not None:
        # The form is filled in with the last version's answers: opening it reads the record.
        _log_read(request, access)
    return render(
        request,
        "casework/assessments/form.html",
        {
            "form": form,
            "participant": access.participant,
            "kind": kind,
            "kind_label": _kind_label(kind),
            "latest": latest,
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
def assessment_detail(request: HttpRequest, ref: str, kind: str, version: int) -> HttpResponse:
    kind = _kind(kind)
    access = _access(request, ref)
    # Every version of this kind in one query: the page links to the newer and older ones.
    versions = selectors.assessments_for(access=access, user=request.user, kind=kind)
    view = next((v for v in versions if v.assessment.version == version), None)
    if view is None:
        raise Http404
    rows = [
        (question, _answer(question, view.answers.get(question.key)))
        for question in questions_for(kind)
        if not (question.health and view.health_hidden)
    ]
    numbers = [v.assessment.version for v in versions]
    earlier = [number for number in numbers if number < version]
    _log_read(request, access)
    return render(
        request,
        "casework/assessments/detail.html",
        {
            "access": access,
            "participant": access.participant,
            "view": view,
            "assessment": view.assessment,
            "kind": kind,
            "kind_label": _kind_label(kind),
            "rows": rows,
            "latest_version": max(numbers),
            "previous_version": max(earlier, default=None),
        },
    )


@dataclass(frozen=True)
class CompareRow:
    question: Question
    answers: list[Answer]
    changed: bool
    partly_hidden: bool


def _requested_versions(request: HttpRequest, available: list[int]) -> list[int]:
    wanted = set()
    for raw in request.GET.getlist("versions"):
        try:
            number = int(raw)
        except ValueError:
            continue
        if number in available:
            wanted.add(number)
    return sorted(wanted) if wanted else available[-2:]


@login_required
def assessment_compare(request: HttpRequest, ref: str, kind: str) -> HttpResponse:
    kind = _kind(kind)
    access = _access(request, ref)
    views = selectors.assessments_for(access=access, user=request.user, kind=kind)
    if not views:
        raise Http404
    by_version = {view.assessment.version: view for view in views}
    available = sorted(by_version)
    chosen = [by_version[number] for number in _requested_versions(request, available)]
    rows: list[CompareRow] = []
    if len(chosen) >= 2:
        comparison = selectors.assessment_compare(chosen, kind)
        for question, row in zip(questions_for(kind), comparison, strict=True):
            hidden = [question.health and view.health_hidden for view in chosen]
            if all(hidden):
                continue
            rows.append(
                CompareRow(
                    question=question,
                    answers=[
                        _answer(question, value, hidden=is_hidden)
                        for value, is_hidden in zip(row.values, hidden, strict=True)
                    ],
                    # A hidden answer cannot be told apart from a changed one.
                    changed=row.changed and not any(hidden),
                    partly_hidden=any(hidden),
                )
            )
    _log_read(request, access)
    return render(
        request,
        "casework/assessments/compare.html",
        {
            "access": access,
            "participant": access.participant,
            "kind": kind,
            "kind_label": _kind_label(kind),
            "views": list(reversed(views)),
            "chosen": chosen,
            "chosen_versions": [view.assessment.version for view in chosen],
            "rows": rows,
            "changed_count": sum(row.changed for row in rows),
        },
    )


participant_urlpatterns = [
    path("assessments/", assessments, name="assessments"),
    path("assessments/<str:kind>/new/", assessment_new, name="assessment_new"),
    path("assessments/<str:kind>/compare/", assessment_compare, name="assessment_compare"),
    path("assessments/<str:kind>/<int:version>/", assessment_detail, name="assessment_detail"),
]
urlpatterns: list = []
