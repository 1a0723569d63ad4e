"""OpenID Connect endpoints, mounted at /oidc/ (outside the language prefix, so the addresses
registered at the providers stay the same in every language)."""

from django.urls import path

from alke.accounts import oidc_views

app_name = "oidc"
urlpatterns = [
    path("<slug:key>/kirjaudu/", oidc_views.begin, name="begin"),
    path("<slug:key>/paluu/", oidc_views.callback, name="callback"),
    path("<slug:key>/jwks.json", oidc_views.jwks, name="jwks"),
    path("uloskirjautunut/", oidc_views.signed_out, name="signed_out"),
]
