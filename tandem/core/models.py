"""Shared foundations: base models every domain app builds on, and API tokens."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Crockford-style alphabet without look-alike characters: references are read aloud on the phone.
REF_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
REF_LENGTH = 12


def new_ref() -> str:
    """An opaque public reference: random, so it reveals neither order nor volume."""
    return "".join(secrets.choice(REF_ALPHABET) for _ in range(REF_LENGTH))


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PublicRefModel(TimeStampedModel):
    """A record that appears in URLs: addressed by `ref`, never by its sequential id."""

    ref = models.CharField(
        _("reference"), max_length=REF_LENGTH, unique=True, default=new_ref, editable=False
    )

    class Meta:
        abstract = True


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored: a database leak reveals no token."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"token {self.pk} for user {self.user_id}"
