"""URLs. Pages are language-prefixed (Finnish unprefixed, /sv/, /en/); the API and admin are not.

Each capability app owns `alke/<app>/urls.py`; it is mounted under the prefix given here.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from alke.core.views import favicon, healthz

APP_PREFIXES = {
    "regions": "maakunnat/",
    "accounts": "tili/",
    "situation": "tilannekuva/",
    "rounds": "kierrokset/",
    "agenda": "agenda/",
    "schedule": "aikataulu/",
    "agreements": "asiakirjat/",
    "funding": "asiakirjat/",
    "followup": "seuranta/",
    "partnerships": "kumppanuudet/",
    "search": "haku/",
}


def _app_urls() -> list:
    patterns = []
    for app, prefix in APP_PREFIXES.items():
        module = f"alke.{app}.urls"
        if find_spec(module) is not None:
            patterns.append(path(prefix, include(import_module(module))))
    return patterns


urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", favicon),
    path("api/", include("alke.api.urls")),
]
if find_spec("alke.accounts.oidc_urls") is not None:
    urlpatterns.append(path("oidc/", include("alke.accounts.oidc_urls")))

urlpatterns += i18n_patterns(
    path("", include("alke.core.urls")),
    *_app_urls(),
    prefix_default_language=False,
)

# Anonymous visitors refused a page go to sign in; error pages in the active language (alke.core.errors).
handler403 = "alke.core.errors.permission_denied"
handler500 = "alke.core.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
