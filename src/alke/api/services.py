"""Creating and revoking API tokens."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alke.api.models import KEY_PREFIX, ApiToken, digest
from alke.core.permissions import require

MAX_VALID_DAYS = 365
MAX_ACTIVE_TOKENS = 20


class TokenError(ValueError):
    """A token could not be created; the message names the problem."""


@transaction.atomic
def create_token(user, name: str, valid_days: int = 90) -> tuple[ApiToken, str]:
    """A new token for `user`; returns (token, key). The key is not stored and cannot be shown again."""
    require(user, "api.token", user)
    name = (name or "").strip()
    if not name:
        raise TokenError(_("Anna avaimelle nimi, josta tunnistat käyttötarkoituksen."))
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise TokenError(_("Voimassaolo on 1–%(max)s päivää.") % {"max": MAX_VALID_DAYS})
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=timezone.now())
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise TokenError(
            _("Sinulla on jo %(n)s voimassa olevaa avainta; peru jokin ensin.") % {"n": MAX_ACTIVE_TOKENS}
        )
    prefix = secrets.token_hex(4)
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(4)
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        user=user,
        name=name[:100],
        prefix=prefix,
        key_digest=digest(key),
        expires_at=timezone.now() + timedelta(days=valid_days),
    )
    token.stamp(user)
    token.save()
    return token, key


@transaction.atomic
def revoke_token(user, token: ApiToken) -> ApiToken:
    """Revoke one of the user's own tokens (the administrator may revoke anyone's)."""
    require(user, "api.token", user)
    if token.user_id != user.pk and not user.is_superuser:
        raise PermissionError(_("Voit perua vain omia avaimiasi."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.stamp(user)
        token.save(update_fields=["revoked_at", "modified_at", "modified_by"])
    return token
