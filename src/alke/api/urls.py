"""The public API at /api/v1/ (OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs).

Each capability app that has `alke/<app>/api.py` with a `router` is mounted at /api/v1/ under
that router's own paths, so routers are added without editing this file.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.urls import path
from ninja import NinjaAPI

from alke.api import views
from alke.core.api import errors
from alke.core.api.auth import ApiAuth

api = NinjaAPI(
    title="alke API",
    version="1",
    description=(
        "Open data of the state–region regional development partnership: regions, indicators, "
        "agendas, cooperation documents, conclusions and their follow-up, partnerships."
    ),
    urls_namespace="api-v1",
    # Reads are open; writes need an API key or a signed-in session with CSRF (see alke.core.api.auth).
    auth=ApiAuth(),
)
errors.install(api)

for app in settings.DOMAIN_APPS:
    module_name = f"{app}.api"
    if app != "alke.api" and find_spec(module_name) is not None:
        module = import_module(module_name)
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router("", router)

urlpatterns = [
    path("v1/", api.urls),
    path("avaimet/", views.tokens, name="api-tokens"),
    path("avaimet/<int:pk>/peru/", views.revoke, name="api-token-revoke"),
]
