"""API v1: one NinjaAPI that mounts each app's router.

Authentication is a bearer token from POST /auth/token. Errors have one shape:
404 {"detail": "Not found."} for anything missing *or* not the caller's (never a 403 that
would confirm a record exists), and 422 {"detail": [{"loc": [...], "msg": "..."}]} for bad
input, which changes nothing.
"""

import datetime

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router, Schema, Status
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer

from tandem.core.models import ApiToken, hash_token
from tandem.core.services import api_token_issue
from tandem.organisations.models import User
from tandem.organisations.selectors import active_memberships


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(token), expires_at__gt=timezone.now())
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        # Touch at most once a minute: a write per request would serialise readers on SQLite.
        if found.last_used_at is None or now - found.last_used_at > datetime.timedelta(minutes=1):
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        if found.user.language in dict(settings.LANGUAGES):
            translation.activate(found.user.language)
        return found.user


api = NinjaAPI(
    title="Tandem API",
    version="1",
    urls_namespace="api",
    auth=BearerToken(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        detail = [
            {"loc": ["body", field], "msg": str(message)}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        detail = [{"loc": ["body"], "msg": str(message)} for message in exc.messages]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(NinjaValidationError)
def malformed(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    detail = [
        {"loc": list(error.get("loc", [])), "msg": str(error.get("msg", ""))}
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Sign in first: send Authorization: Bearer <token>.")}, status=401
    )


auth_router = Router(tags=["auth"])


class Credentials(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str
    expires_at: datetime.datetime


class ErrorOut(Schema):
    detail: str


@auth_router.post("/token", auth=None, response={200: TokenOut, 401: ErrorOut})
def token(request: HttpRequest, credentials: Credentials):
    user = authenticate(request, username=credentials.username, password=credentials.password)
    if user is None or not user.is_active:
        return Status(401, {"detail": _("The username or password is not right.")})
    raw, issued = api_token_issue(user=user)
    return Status(200, {"token": raw, "expires_at": issued.expires_at})


class MembershipOut(Schema):
    organisation_ref: str
    organisation: str
    role: str
    role_label: str


class MeOut(Schema):
    username: str
    full_name: str
    language: str
    memberships: list[MembershipOut]


me_router = Router(tags=["me"])


@me_router.get("", response=MeOut)
def me(request: HttpRequest):
    user = request.user
    return {
        "username": user.username,
        "full_name": user.display_name,
        "language": user.language,
        "memberships": [
            {
                "organisation_ref": membership.organisation.ref,
                "organisation": membership.organisation.name,
                "role": membership.role,
                "role_label": str(membership.get_role_display()),
            }
            for membership in active_memberships(user=user)
        ],
    }


api.add_router("/auth", auth_router)
api.add_router("/me", me_router)
api.add_router("/participants", "tandem.participants.api.router")
api.add_router("/referrals", "tandem.referrals.api.router")
api.add_router("/participants", "tandem.casework.api.participant_router")
api.add_router("/participants", "tandem.interventions.api.participant_router")
api.add_router("", "tandem.casework.api.router")
api.add_router("/interventions", "tandem.interventions.api.router")
api.add_router("", "tandem.employment.api.router")
api.add_router("/participants", "tandem.employment.api.participant_router")
api.add_router("/finance", "tandem.finance.api.router")
api.add_router("/centres", "tandem.centres.api.router")
api.add_router("/monitoring", "tandem.monitoring.api.router")
