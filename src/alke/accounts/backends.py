"""Authentication backends: the identity provider, and passwords kept for demo and break-glass use."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class IdentityProviderBackend(ModelBackend):
    """Signs in the user behind a verified OpenID Connect sign-in (`alke.accounts.oidc.complete`).

    It never checks a password: the only credential it accepts is a VerifiedSignIn, which exists
    only after the ID token's signature, issuer, audience, expiry and nonce were checked.
    """

    def authenticate(self, request, oidc_sign_in=None, **kwargs):
        if oidc_sign_in is None:
            return None
        from alke.accounts.services import sign_in_from_claims

        user, sync = sign_in_from_claims(oidc_sign_in.provider, oidc_sign_in.claims)
        user.oidc_membership_sync = sync
        return user if self.user_can_authenticate(user) else None


class LocalPasswordBackend(ModelBackend):
    """Passwords kept by alke: everyone in demo mode; with PASSWORD_LOGIN=admin only superusers.

    In production the organisations' identity providers sign officials in; a password stays for the
    break-glass administrator, who must get in when a provider is down.
    """

    def user_can_authenticate(self, user) -> bool:
        if settings.PASSWORD_LOGIN == "admin" and not user.is_superuser:
            return False
        return super().user_can_authenticate(user)
