"""Creating, revoking and accepting API tokens."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alke.api.models import KEY_PREFIX, ApiToken, digest
from alke.core.api.auth import ApiTokenError
from alke.core.domain import DomainError
from alke.core.permissions import require

MAX_VALID_DAYS = 365
MAX_ACTIVE_TOKENS = 20
# last_used_at is written at most this often per token, so reads do not turn into writes.
TOUCH_INTERVAL = timedelta(minutes=5)


class TokenError(DomainError):
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
        raise PermissionDenied(_("Voit perua vain omia avaimiasi."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.stamp(user)
        token.save(update_fields=["revoked_at", "modified_at", "modified_by"])
    return token


def token_for_key(key: str) -> ApiToken:
    """The active token for `key`, or ApiTokenError naming why it is not accepted."""
    if not key.startswith(KEY_PREFIX):
        raise ApiTokenError("The API key is not an alke key (it should start with 'alke_').")
    token = ApiToken.objects.select_related("user").filter(key_digest=digest(key)).first()
    if token is None:
        raise ApiTokenError("Unknown API key.")
    now = timezone.now()
    if token.revoked_at is not None:
        raise ApiTokenError("The API key has been revoked.")
    if token.expires_at <= now:
        raise ApiTokenError("The API key has expired.")
    if not token.user.is_active:
        raise ApiTokenError("The API key's user is no longer active.")
    if token.last_used_at is None or now - token.last_used_at > TOUCH_INTERVAL:
        # update() keeps this bookkeeping out of the audit history.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
