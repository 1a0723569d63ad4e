"""OpenID Connect providers read from environment variables (imported by settings.py, so no Django here).

`ALKE_OIDC_PROVIDERS` lists provider keys, e.g. `entra,suomifi`. Each key K has its own variables
`ALKE_OIDC_<K>_*` (K upper-cased, `-` as `_`); docs/operations.md lists them with examples for
Microsoft Entra ID and Suomi.fi e-Identification. Values are kept as plain data here; the role rules
are parsed and checked by `alke.accounts.claims` and the system check in `alke.accounts.checks`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, urlsplit

TOKEN_AUTH_METHODS = ("client_secret_basic", "client_secret_post", "private_key_jwt", "none")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9-]{0,30}$")


class OIDCConfigurationError(ValueError):
    """A provider's environment variables are missing or malformed; the message names the variable."""


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise OIDCConfigurationError(f"expected 1 or 0, got {value!r}")


def provider_from_env(key: str, env: Mapping[str, str]) -> dict:
    """One provider's configuration as a plain dict; raises OIDCConfigurationError naming the variable."""
    if not KEY_PATTERN.match(key):
        raise OIDCConfigurationError(
            f"ALKE_OIDC_PROVIDERS: provider key {key!r} must be lower-case letters, digits and '-'"
        )
    prefix = f"ALKE_OIDC_{key.upper().replace('-', '_')}_"

    def get(name: str, default: str = "") -> str:
        return env.get(prefix + name, default).strip()

    def required(name: str) -> str:
        value = get(name)
        if not value:
            raise OIDCConfigurationError(f"{prefix}{name} must be set for provider {key!r}")
        return value

    issuer = required("ISSUER").rstrip("/")
    token_auth = get("TOKEN_AUTH", "client_secret_basic")
    if token_auth not in TOKEN_AUTH_METHODS:
        raise OIDCConfigurationError(
            f"{prefix}TOKEN_AUTH must be one of {', '.join(TOKEN_AUTH_METHODS)}, not {token_auth!r}"
        )
    secret = get("CLIENT_SECRET")
    private_key_file = get("PRIVATE_KEY_FILE")
    if token_auth.startswith("client_secret") and not secret:
        raise OIDCConfigurationError(f"{prefix}CLIENT_SECRET must be set when TOKEN_AUTH is {token_auth}")
    if token_auth == "private_key_jwt" and not private_key_file:
        raise OIDCConfigurationError(
            f"{prefix}PRIVATE_KEY_FILE must be set when TOKEN_AUTH is private_key_jwt"
        )
    flags = {}
    for name, default in (("USERINFO", True), ("LOGOUT", True)):
        try:
            flags[name] = _flag(env.get(prefix + name), default)
        except OIDCConfigurationError as error:
            raise OIDCConfigurationError(f"{prefix}{name}: {error}") from None
    scopes = get("SCOPES", "openid profile email")
    if "openid" not in scopes.split():
        raise OIDCConfigurationError(f"{prefix}SCOPES must include openid, got {scopes!r}")
    label = get("LABEL") or key
    return {
        "key": key,
        "label": label,
        "label_sv": get("LABEL_SV") or label,
        "label_en": get("LABEL_EN") or label,
        "issuer": issuer,
        "metadata_url": get("METADATA_URL") or f"{issuer}/.well-known/openid-configuration",
        "client_id": required("CLIENT_ID"),
        "client_secret": secret,
        "token_auth": token_auth,
        "private_key_file": private_key_file,
        "scopes": scopes,
        "auth_params": dict(parse_qsl(get("AUTH_PARAMS"), keep_blank_values=False)),
        "role_rules": get("ROLE_RULES"),
        "userinfo": flags["USERINFO"],
        "logout": flags["LOGOUT"],
        "first_name_claim": get("FIRST_NAME_CLAIM", "given_name"),
        "last_name_claim": get("LAST_NAME_CLAIM", "family_name"),
        "email_claim": get("EMAIL_CLAIM", "email"),
        "extra_origins": [o.rstrip("/") for o in get("EXTRA_ORIGINS").split() if o],
    }


def providers_from_env(env: Mapping[str, str]) -> list[dict]:
    """Every provider named in ALKE_OIDC_PROVIDERS, in the order given (the order of the buttons)."""
    keys = [k.strip() for k in env.get("ALKE_OIDC_PROVIDERS", "").split(",") if k.strip()]
    if len(set(keys)) != len(keys):
        raise OIDCConfigurationError("ALKE_OIDC_PROVIDERS names a provider twice")
    return [provider_from_env(key, env) for key in keys]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def form_action_origins(providers: Iterable[dict]) -> list[str]:
    """Origins the browser may be sent to after a form post: signing in and out redirect there.

    Content-Security-Policy `form-action` also covers redirects that follow a form submission, so the
    provider's button and alke's sign-out form need the providers' origins allowed.
    """
    origins: list[str] = []
    for provider in providers:
        for origin in [_origin(provider["issuer"]), *provider.get("extra_origins", [])]:
            if origin not in origins:
                origins.append(origin)
    return origins
