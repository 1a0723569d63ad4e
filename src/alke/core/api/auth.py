"""Authentication of the API: anyone reads, writes need an API token (or a signed-in browser session).

`ApiAuth` is the default authentication of the whole /api/v1/ (set where the routers are gathered), so
every router gets the same rule without repeating it:

- `Authorization: Bearer alke_…` authenticates the token's user for any method; a wrong, expired or
  revoked key is refused with 401 even for reads, so a client never silently falls back to public data;
- without the header, safe methods (GET, HEAD, OPTIONS) go through as the session's user or anonymous;
- without the header, writes need a signed-in session and a valid CSRF token (ninja's views are exempt
  from Django's CSRF middleware, so the check is made here).

`SignedInApiAuth` is the same with one difference, for endpoints that are not open data (the schedule):
an anonymous read is refused with 401 too.

What the authenticated user may then do is decided by the services through
`alke.core.permissions.require`, the same as on the pages.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security.http import HttpAuthBase
from ninja.utils import check_csrf

from alke.core.api import TOKENS
from alke.core.manifest import contributions

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ApiTokenError(AuthenticationError):
    """A presented token was not accepted; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(401, message)


def _token_for_key(key: str) -> Any:
    """The token of the presented key, from the token store the api app contributes."""
    lookups = contributions(TOKENS)
    if not lookups:
        raise ApiTokenError("API keys are not accepted by this service.")
    return lookups[0](key)


class ApiAuth(HttpAuthBase):
    """Bearer API tokens for writes; reads are open (see the module docstring)."""

    openapi_scheme = "bearer"
    openapi_description = (
        "Reads need no authentication. Writes need `Authorization: Bearer <API key>`; create a key on "
        "the page /api/avaimet/ after signing in. A key acts with its user's permissions."
    )

    def __call__(self, request: HttpRequest) -> Any | None:
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _, key = header.strip().partition(" ")
            if scheme.lower() != "bearer" or not key.strip():
                raise ApiTokenError("Use the header 'Authorization: Bearer <API key>'.")
            token = _token_for_key(key.strip())
            request.user = token.user
            request.api_token = token
            return token.user
        if request.method in SAFE_METHODS:
            return request.user
        if getattr(request.user, "is_authenticated", False):
            if check_csrf(request) is not None:
                raise AuthenticationError(403, "CSRF check failed: send the CSRF token or use an API key.")
            return request.user
        raise AuthenticationError(401, "Writing through the API needs an API key (Authorization: Bearer …).")


class SignedInApiAuth(ApiAuth):
    """`ApiAuth` for endpoints that are not open data: reads too need an API key or a signed-in session.

    An anonymous caller gets 401 (who are you?) rather than 403 (you may not), so a client knows to send
    its key; what a known user may do is still decided by `require` in the endpoint or service.
    """

    openapi_description = (
        "Needs `Authorization: Bearer <API key>` (or a signed-in browser session), for reads too; create a "
        "key on the page /api/avaimet/ after signing in. A key acts with its user's permissions."
    )

    def __call__(self, request: HttpRequest) -> Any | None:
        user = super().__call__(request)
        if not getattr(user, "is_authenticated", False):
            raise AuthenticationError(
                401, "This endpoint needs an API key (Authorization: Bearer …) or a signed-in session."
            )
        return user
