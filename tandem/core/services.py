import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tandem.core.models import ApiToken, hash_token


@transaction.atomic
def api_token_issue(*, user) -> tuple[str, ApiToken]:
    """A new bearer token; the raw value is returned once and never stored."""
    raw = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        key_hash=hash_token(raw),
        expires_at=timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DAYS),
    )
    return raw, token


@transaction.atomic
def user_language_set(*, user, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValueError(language)
    user.language = language
    user.save(update_fields=["language"])
