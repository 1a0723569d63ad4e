"""Error handling shared by every page.

A page that needs a signed-in user raises `PermissionDenied` (usually through
`alke.core.permissions.require`). For an anonymous visitor that is not a dead end: they are sent to
the sign-in page with `?next=` pointing back, so after signing in they land where they were going.
A signed-in user without the right gets the 403 page, which says why and where to go next.
The API keeps its own JSON errors (alke.core.api.errors); nothing here applies under /api/v1/.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseServerError
from django.shortcuts import redirect
from django.template import loader
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from alke.core.permissions import RULES

API_PREFIX = "/api/v1/"
logger = logging.getLogger(__name__)


def same_site_path(request: HttpRequest, url: str | None) -> str | None:
    """The path (and query) of `url` if it points into this site, so it is safe to link to; else None."""
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "") or None


def _next_for_anonymous(request: HttpRequest) -> str | None:
    """Where to return after signing in: the page itself for a read; for an htmx request or a form
    post, the page the visitor was looking at."""
    if request.headers.get("HX-Request"):
        current = same_site_path(request, request.headers.get("HX-Current-URL"))
        if current:
            return current
    if request.method in ("GET", "HEAD"):
        return request.get_full_path()
    return same_site_path(request, request.headers.get("Referer"))


def _reason(exception: BaseException | None) -> str:
    """The exception's message when it is written for people; bare action codes are left out."""
    text = str(exception or "").strip()
    if not text or text in RULES:
        return ""
    return text


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    """handler403: anonymous visitors go to sign in; others get the 403 page in their language."""
    user = getattr(request, "user", None)
    anonymous = user is None or not user.is_authenticated
    if anonymous and not request.path.startswith(API_PREFIX):
        next_url = _next_for_anonymous(request)
        to_login = (
            redirect_to_login(next_url, settings.LOGIN_URL) if next_url else redirect(settings.LOGIN_URL)
        )
        if request.headers.get("HX-Request"):
            # htmx would swap the sign-in page into a fragment; ask it to load the whole page instead.
            response = HttpResponseForbidden()
            response["HX-Redirect"] = to_login["Location"]
            return response
        return to_login
    template = loader.get_template("403.html")
    return HttpResponseForbidden(template.render({"reason": _reason(exception)}, request))


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the self-contained 500.html (no context processors, no database).

    Should even that template fail (say a static file missing from the manifest), a bare page in the
    active language is still better than the web server's own error.
    """
    try:
        body = loader.get_template("500.html").render()
    except Exception:
        logger.exception("500.html could not be rendered")
        title = escape(_("Palvelussa tapahtui virhe"))
        text = escape(
            _(
                "Tämän pyynnön muutoksia ei tallennettu. Yritä hetken kuluttua uudelleen; jos virhe toistuu, ota yhteyttä palvelun ylläpitoon."
            )
        )
        body = (
            f'<!DOCTYPE html><html lang="{escape(get_language() or settings.LANGUAGE_CODE)}"><meta charset="utf-8">'
            f"<title>{title} – alke</title><main><h1>{title}</h1><p>{text}</p>"
            f'<p><a href="/">alke</a></p></main></html>'
        )
    return HttpResponseServerError(body)
