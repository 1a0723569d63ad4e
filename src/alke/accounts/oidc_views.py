"""Pages of the OpenID Connect sign-in: start, callback, signed out, and the client's public keys."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from alke.accounts import oidc
from alke.core.permissions import memberships


def _refused(request: HttpRequest, provider: oidc.Provider | None, message: str, status: int) -> HttpResponse:
    return render(
        request, "accounts/oidc_error.html", {"provider": provider, "message": message}, status=status
    )


@require_POST
def begin(request: HttpRequest, key: str) -> HttpResponse:
    """The provider's button posts here; the browser goes on to the provider's sign-in page."""
    provider = oidc.get_provider(key)
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        request.session[oidc.SESSION_NEXT] = next_url
    else:
        request.session.pop(oidc.SESSION_NEXT, None)
    # The callback address has no language prefix: remember the language the user was reading.
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language()
    request.session[oidc.SESSION_LANGUAGE] = language
    translation.activate(language)
    try:
        return oidc.begin(request, provider)
    except oidc.SignInRefused as refusal:
        return _refused(request, provider, refusal.message, refusal.status)


@never_cache
@require_GET
def callback(request: HttpRequest, key: str) -> HttpResponse:
    """The provider sends the browser back here with a code; sign in when everything checks out."""
    provider = oidc.get_provider(key)
    language = request.session.get(oidc.SESSION_LANGUAGE)
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        request.LANGUAGE_CODE = language
    try:
        verified = oidc.complete(request, provider)
        user = authenticate(request, oidc_sign_in=verified)
    except oidc.SignInRefused as refusal:
        return _refused(request, provider, refusal.message, refusal.status)
    except ValidationError as error:
        return _refused(request, provider, " ".join(error.messages), 403)
    if user is None:
        return _refused(request, provider, _("Käyttäjätunnuksesi on poistettu käytöstä."), 403)
    next_url = request.session.get(oidc.SESSION_NEXT)
    login(request, user)
    # Kept for signing out of the provider too (id_token_hint of RP-initiated logout).
    request.session[oidc.SESSION_PROVIDER] = provider.key
    request.session[oidc.SESSION_ID_TOKEN] = verified.id_token
    sync = user.oidc_membership_sync
    if sync.added:
        messages.info(
            request,
            ngettext(
                "Tunnistuspalvelun tietojen perusteella sait roolin: %(roles)s.",
                "Tunnistuspalvelun tietojen perusteella sait roolit: %(roles)s.",
                len(sync.added),
            )
            % {"roles": "; ".join(f"{m.get_role_display()} – {m.organisation}" for m in sync.added)},
        )
    if sync.removed:
        messages.warning(
            request,
            ngettext(
                "Tunnistuspalvelun tiedot eivät enää anna roolia: %(roles)s. Se päättyi.",
                "Tunnistuspalvelun tiedot eivät enää anna rooleja: %(roles)s. Ne päättyivät.",
                len(sync.removed),
            )
            % {"roles": "; ".join(f"{m.get_role_display()} – {m.organisation}" for m in sync.removed)},
        )
    if not memberships(user):
        messages.info(
            request,
            _("Tunnistuspalvelu ei kertonut rooliasi alkessa. Pyydä roolia; koordinaattori hyväksyy sen."),
        )
        return redirect("accounts:membership_request")
    return redirect(next_url or settings.LOGIN_REDIRECT_URL)


@require_GET
def signed_out(request: HttpRequest) -> HttpResponse:
    """The provider returns the browser here after ending its own session."""
    return render(request, "accounts/oidc_signed_out.html")


@require_GET
def jwks(request: HttpRequest, key: str) -> JsonResponse:
    """The public key of alke's client at this provider (for private_key_jwt and encrypted answers)."""
    return JsonResponse(oidc.public_jwks(oidc.get_provider(key)))
