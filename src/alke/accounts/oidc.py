"""Sign-in through OpenID Connect providers: authorization code flow with PKCE, via Authlib.

Authlib is the well-kept client library here because it handles several providers at once, each
from its discovery document, and checks the ID token fully (signature against the provider's keys,
issuer, audience, expiry, nonce, at_hash). The providers come from `settings.OIDC_PROVIDERS`
(environment variables, see `alke.accounts.oidc_settings`); each is shown as a button on the
sign-in page. Who the user is and which roles they hold is decided in `alke.accounts.services`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from alke.accounts.claims import RoleRule, parse_rules

if TYPE_CHECKING:  # loaded where used, not when the app starts
    from joserfc.jwk import RSAKey

log = logging.getLogger(__name__)

SESSION_PROVIDER = "oidc_provider"
SESSION_ID_TOKEN = "oidc_id_token"
SESSION_NEXT = "oidc_next"
SESSION_LANGUAGE = "oidc_language"
# Encryption a provider may use for tokens sent to alke (RSA key management, AES content encryption).
JWE_ALGORITHMS = [
    "RSA-OAEP",
    "RSA-OAEP-256",
    "A128GCM",
    "A192GCM",
    "A256GCM",
    "A128CBC-HS256",
    "A192CBC-HS384",
    "A256CBC-HS512",
]


class SignInRefused(Exception):
    """Sign-in through a provider failed; `message` is shown to the user as it is."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class Provider:
    key: str
    config: dict
    rules: list[RoleRule]
    client: Any = field(repr=False)
    private_key: RSAKey | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        lang = (translation.get_language() or "fi")[:2]
        return self.config.get(f"label_{lang}") or self.config["label"]

    @property
    def issuer(self) -> str:
        return self.config["issuer"]

    def metadata(self) -> dict:
        """The provider's discovery document (fetched once per process by Authlib)."""
        return self.client.load_server_metadata()


def _private_key(path: str) -> RSAKey:
    from joserfc.jwk import RSAKey

    try:
        pem = Path(path).read_bytes()
    except OSError as error:
        raise RuntimeError(f"cannot read the OIDC private key file {path!r}: {error}") from None
    key = RSAKey.import_key(pem)
    key.ensure_kid()
    return key


def _build(config: dict) -> Provider:
    from authlib.integrations.django_client import OAuth
    from authlib.oauth2.rfc7523 import PrivateKeyJWT

    registry = OAuth()
    client_kwargs: dict[str, Any] = {
        "scope": config["scopes"],
        "code_challenge_method": "S256",
        "token_endpoint_auth_method": config["token_auth"],
        "default_timeout": settings.OIDC_TIMEOUT,
    }
    private_key = None
    register: dict[str, Any] = {}
    secret = config["client_secret"] or None
    if config["private_key_file"]:
        private_key = _private_key(config["private_key_file"])
    if config["token_auth"] == "private_key_jwt":
        # Authlib signs the client assertion with the "secret" when the method is private_key_jwt.
        secret = private_key
        register["client_auth_methods"] = [PrivateKeyJWT(headers={"kid": private_key.kid})]
    client = registry.register(
        name=config["key"],
        client_id=config["client_id"],
        client_secret=secret,
        server_metadata_url=config["metadata_url"],
        client_kwargs=client_kwargs,
        **register,
    )
    return Provider(config["key"], config, parse_rules(config["role_rules"]), client, private_key)


_cache: dict[str, Any] = {}


def providers() -> dict[str, Provider]:
    """The configured providers by key, in button order (built once; rebuilt when settings change)."""
    if "providers" not in _cache:
        _cache["providers"] = {config["key"]: _build(config) for config in settings.OIDC_PROVIDERS}
    return _cache["providers"]


@receiver(setting_changed)
def _forget_providers(setting: str, **kwargs) -> None:
    if setting in {"OIDC_PROVIDERS", "OIDC_TIMEOUT"}:
        _cache.clear()


def get_provider(key: str) -> Provider:
    try:
        return providers()[key]
    except KeyError:
        raise Http404(f"no identity provider {key!r}") from None


def _unreachable(provider: Provider) -> SignInRefused:
    return SignInRefused(
        _("Tunnistuspalveluun %(provider)s ei saatu yhteyttä. Yritä hetken kuluttua uudelleen.")
        % {"provider": provider.label},
        status=502,
    )


def begin(request: HttpRequest, provider: Provider) -> HttpResponse:
    """Redirect the browser to the provider; state, nonce and the PKCE verifier stay in the session."""
    import requests

    redirect_uri = request.build_absolute_uri(reverse("oidc:callback", args=[provider.key]))
    params = dict(provider.config["auth_params"])
    params.setdefault("ui_locales", (translation.get_language() or "fi")[:2])
    try:
        return provider.client.authorize_redirect(request, redirect_uri, **params)
    except (requests.RequestException, ValueError, RuntimeError) as error:
        log.warning("OIDC %s: discovery failed: %s", provider.key, error)
        raise _unreachable(provider) from error


@dataclass
class VerifiedSignIn:
    """Claims from a verified ID token (and the provider's user info) for one sign-in."""

    provider: Provider
    claims: dict
    id_token: str


def _decrypt(provider: Provider, value: str, what: str) -> str:
    """Open a token the provider encrypted to our key (JWE), giving the signed token inside."""
    from joserfc import errors as jose_errors
    from joserfc import jwe

    if provider.private_key is None:
        raise SignInRefused(
            _(
                "Tunnistuspalvelu salasi tunnisteen (%(what)s), mutta palvelulle ei ole asetettu avainta sen avaamiseen."
            )
            % {"what": what}
        )
    try:
        return jwe.decrypt_compact(value, provider.private_key, algorithms=JWE_ALGORITHMS).plaintext.decode()
    except (jose_errors.JoseError, ValueError) as error:
        log.warning("OIDC %s: cannot decrypt %s: %s", provider.key, what, error)
        raise SignInRefused(
            _(
                "Tunnistuspalvelun salaamaa tunnistetta (%(what)s) ei voitu avata, joten kirjautumista ei hyväksytty."
            )
            % {"what": what}
        ) from None


def _token_refusal(error: Exception) -> SignInRefused:
    """The message for an ID token that failed a check, naming what was wrong."""
    from joserfc import errors as jose_errors

    if isinstance(error, jose_errors.ExpiredTokenError):
        return SignInRefused(
            _(
                "Tunnistuspalvelun antama tunniste on vanhentunut, joten kirjautumista ei hyväksytty. "
                "Aloita kirjautuminen uudelleen; jos virhe toistuu, tarkista tietokoneen kello."
            )
        )
    if isinstance(
        error, jose_errors.BadSignatureError | jose_errors.DecodeError | jose_errors.InvalidKeyIdError
    ):
        return SignInRefused(
            _(
                "Tunnistuspalvelun antaman tunnisteen allekirjoitus ei täsmää: tunnistetta on muutettu "
                "tai sen ei ole antanut tunnistuspalvelu. Kirjautumista ei hyväksytty."
            )
        )
    claim = getattr(error, "claim", None) or getattr(error, "claim_name", None)
    if claim:
        return SignInRefused(
            _(
                "Tunnistuspalvelun antama tunniste ei kelpaa tähän palveluun: tieto %(claim)s puuttuu tai "
                "ei täsmää. Kirjautumista ei hyväksytty."
            )
            % {"claim": claim}
        )
    return SignInRefused(_("Tunnistuspalvelun antama tunniste ei kelpaa, joten kirjautumista ei hyväksytty."))


def _userinfo(provider: Provider, token: dict, subject: str) -> dict:
    """The user info endpoint's claims; a signed (or encrypted) answer is checked like the ID token."""
    from joserfc import jwt
    from joserfc.jwk import KeySet

    endpoint = provider.metadata().get("userinfo_endpoint")
    if not (provider.config["userinfo"] and endpoint):
        return {}
    response = provider.client.get(endpoint, token=token)
    response.raise_for_status()
    if response.headers.get("content-type", "").lower().startswith("application/jwt"):
        text = response.text.strip()
        if text.count(".") == 4:
            text = _decrypt(provider, text, "userinfo")
        keys = KeySet.import_key_set(provider.client.fetch_jwk_set())
        info = dict(jwt.decode(text, keys).claims)
    else:
        info = response.json()
    if info.get("sub") != subject:
        # OpenID Connect Core 5.3.2: user info for another subject must not be used.
        raise SignInRefused(_("Tunnistuspalvelun käyttäjätiedot koskevat eri henkilöä kuin tunniste."))
    return info


def complete(request: HttpRequest, provider: Provider) -> VerifiedSignIn:
    """Finish the flow at the callback: check state, swap the code, verify the ID token.

    Raises SignInRefused with a message for the user when anything is wrong.
    """
    import requests
    from authlib.common.errors import AuthlibBaseError
    from authlib.integrations.base_client import OAuthError
    from joserfc import errors as jose_errors

    framework = provider.client.framework
    state = request.GET.get("state", "")
    state_data = framework.get_state_data(request.session, state) if state else None
    if not state_data:
        raise SignInRefused(
            _(
                "Kirjautumispyyntöä ei löytynyt tästä istunnosta: se on jo käytetty, vanhentunut tai "
                "aloitettu toisessa selaimessa. Aloita kirjautuminen uudelleen."
            )
        )
    framework.clear_state_data(request.session, state)
    if request.GET.get("error"):
        # The provider's own description is logged, not shown: anyone can put text in a link.
        error = request.GET["error"][:64]
        log.info(
            "OIDC %s: provider ended the sign-in: %s %s",
            provider.key,
            error,
            request.GET.get("error_description", "")[:300],
        )
        if error in {"access_denied", "login_required", "consent_required", "interaction_required"}:
            raise SignInRefused(
                _("Kirjautuminen peruttiin, tai tunnistuspalvelu ei antanut sinulle pääsyä alkeen.")
            )
        raise SignInRefused(_("Tunnistuspalvelu keskeytti kirjautumisen (%(error)s).") % {"error": error})
    code = request.GET.get("code")
    if not code:
        raise SignInRefused(
            _("Tunnistuspalvelu ei palauttanut kirjautumiskoodia. Aloita kirjautuminen uudelleen.")
        )
    try:
        token = provider.client.fetch_access_token(
            redirect_uri=state_data["redirect_uri"], code=code, code_verifier=state_data.get("code_verifier")
        )
    except OAuthError as error:
        log.warning("OIDC %s: token request refused: %s", provider.key, error)
        raise SignInRefused(
            _("Tunnistuspalvelu ei hyväksynyt kirjautumiskoodia (%(error)s). Aloita kirjautuminen uudelleen.")
            % {"error": error.error}
        ) from None
    except requests.RequestException as error:
        log.warning("OIDC %s: token request failed: %s", provider.key, error)
        raise _unreachable(provider) from None
    id_token = token.get("id_token")
    if not id_token:
        raise SignInRefused(_("Tunnistuspalvelu ei antanut tunnistetta (ID-tunnistetta)."))
    if id_token.count(".") == 4:
        token["id_token"] = id_token = _decrypt(provider, id_token, "ID token")
    try:
        claims = dict(
            provider.client.parse_id_token(
                token, nonce=state_data.get("nonce"), leeway=settings.OIDC_CLOCK_SKEW
            )
        )
    except (jose_errors.JoseError, AuthlibBaseError, ValueError) as error:
        log.warning("OIDC %s: ID token refused: %r", provider.key, error)
        raise _token_refusal(error) from None
    except requests.RequestException as error:
        raise _unreachable(provider) from error
    try:
        info = _userinfo(provider, token, claims["sub"])
    except requests.RequestException as error:
        log.warning("OIDC %s: user info request failed: %s", provider.key, error)
        raise _unreachable(provider) from None
    except (jose_errors.JoseError, ValueError) as error:
        log.warning("OIDC %s: user info refused: %r", provider.key, error)
        raise _token_refusal(error) from None
    # The ID token's own claims win: they are the ones whose signature was checked above.
    return VerifiedSignIn(provider, {**info, **claims}, id_token)


def end_session_url(request: HttpRequest) -> str | None:
    """Where to send the browser to end the provider's session too (RP-initiated logout), or None.

    Call before the alke session is flushed: it reads the provider and ID token kept at sign-in.
    """
    import requests

    key = request.session.get(SESSION_PROVIDER)
    provider = providers().get(key) if key else None
    if provider is None or not provider.config["logout"]:
        return None
    try:
        if not provider.metadata().get("end_session_endpoint"):
            return None
        result = provider.client.create_logout_url(
            post_logout_redirect_uri=request.build_absolute_uri(reverse("oidc:signed_out")),
            id_token_hint=request.session.get(SESSION_ID_TOKEN),
            client_id=provider.config["client_id"],
            ui_locales=(translation.get_language() or "fi")[:2],
        )
    except (requests.RequestException, RuntimeError) as error:
        log.warning("OIDC %s: cannot build the logout address: %s", provider.key, error)
        return None
    return result["url"]


def public_jwks(provider: Provider) -> dict:
    """The public half of the provider's client key, for providers that fetch the client's keys."""
    if provider.private_key is None:
        raise Http404("no client key for this provider")
    public = provider.private_key.as_dict(private=False)
    public.setdefault("alg", "RS256")
    return {"keys": [public]}
