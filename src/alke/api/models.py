"""API tokens: how programs write through the API with a user's own permissions.

Only a SHA-256 digest of the secret is stored; the key itself is shown once, when it is created.
A token acts exactly as its user does on the pages (the same permission table decides), so a token
never grants more than its owner has, and revoking or expiring it ends its use at once.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alke.core.models import AuditedModel

KEY_PREFIX = "alke_"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(AuditedModel):
    """A named API key of one user; `prefix` identifies it in lists and logs without revealing it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("käyttäjä"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("nimi"),
        max_length=100,
        help_text=_("Mihin avainta käytetään, esim. maakunnan raportointijärjestelmä."),
    )
    prefix = models.CharField(_("tunniste"), max_length=12, unique=True)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("vanhenee"))
    revoked_at = models.DateTimeField(_("peruttu"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("viimeksi käytetty"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API-avain")
        verbose_name_plural = _("API-avaimet")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def permission_organisations(self) -> list[int]:
        return []
