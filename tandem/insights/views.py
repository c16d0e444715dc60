from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tandem.core.access import Role
from tandem.insights.selectors import SMALL_COUNT_THRESHOLD, programme_overview
from tandem.organisations.selectors import has_role


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    if not has_role(user=request.user, roles={Role.PROGRAMME_MANAGER}):
        raise Http404
    return render(
        request,
        "insights/overview.html",
        {"figures": programme_overview(user=request.user), "threshold": SMALL_COUNT_THRESHOLD},
    )
