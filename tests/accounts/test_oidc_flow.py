"""The whole authorization code flow against a real provider (django-oauth-toolkit on loopback).

alke runs in the test process (Django's test client); the provider runs in its own process and a
requests session plays the browser there. The browser test in tests/e2e covers the same in Chromium.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import requests
from django.test import Client

from alke.accounts.models import ExternalIdentity, Membership, User
from alke.core.permissions import Role
from alke.regions.models import Organisation
from tests.oidc_provider import configure_alke, running_provider

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def idp():
    with running_provider() as provider:
        yield provider


@pytest.fixture
def alke(idp, settings, reference):
    """alke configured for the test provider, as the environment variables would configure it."""
    configure_alke(settings, idp)
    # The callback address must be the registered loopback one, so the client calls itself 127.0.0.1.
    return Client(SERVER_NAME="127.0.0.1")


def sign_in(client: Client, idp, username: str, language: str = "fi"):
    """Press the provider's button in alke, sign in at the provider, and return alke's answer."""
    start = client.post("/oidc/testi/kirjaudu/", {"next": "/tili/profiili/", "language": language})
    assert start.status_code == 302, start.content
    authorize = start["Location"]
    assert "code_challenge_method=S256" in authorize and "code_challenge=" in authorize
    browser = requests.Session()
    answer = browser.get(authorize, allow_redirects=False)
    login_url = requests.compat.urljoin(authorize, answer.headers["Location"])
    browser.get(login_url)
    answer = browser.post(
        login_url,
        data={
            "username": username,
            "password": idp.password,
            "csrfmiddlewaretoken": browser.cookies["provider_csrftoken"],
            "next": urlsplit(login_url).query.removeprefix("next=")
            and requests.utils.unquote(urlsplit(login_url).query.removeprefix("next=")),
        },
        allow_redirects=False,
    )
    assert answer.status_code == 302, "the provider did not accept the test user"
    answer = browser.get(
        requests.compat.urljoin(authorize, answer.headers["Location"]), allow_redirects=False
    )
    callback = urlsplit(answer.headers["Location"])
    assert callback.path == "/oidc/testi/paluu/", answer.headers["Location"]
    return client.get(f"{callback.path}?{callback.query}")


def test_sign_in_creates_user_with_role_from_groups(alke, idp):
    response = sign_in(alke, idp, "virkailija")
    assert response.status_code == 302 and response["Location"] == "/tili/profiili/"
    user = User.objects.get(external_identities__subject__isnull=False)
    assert (user.first_name, user.last_name, user.email) == (
        "Outi",
        "Opetusvirkamies",
        "virkailija@tunnistus.test",
    )
    assert not user.has_usable_password()
    membership = Membership.objects.get(user=user)
    assert (membership.organisation.slug, membership.role, membership.source) == (
        "okm",
        Role.MINISTRY,
        Membership.Source.IDENTITY_PROVIDER,
    )
    identity = ExternalIdentity.objects.get(user=user)
    assert identity.issuer == idp.issuer and identity.mapped_claims == {"groups": ["ALKE-OKM"]}
    profile = alke.get("/tili/profiili/").content.decode()
    assert "opetus- ja kulttuuriministeriö" in profile


def test_role_ends_when_the_directory_no_longer_grants_it(alke, idp):
    sign_in(alke, idp, "siirtyva")
    user = User.objects.get(username="siirtyva")
    local = Membership.objects.create(
        user=user, organisation=Organisation.objects.get(slug="aune"), role=Role.AUNE
    )
    alke.post("/tili/ulos/")
    # She moves from OKM to TEM's coordination: the directory administrator changes her groups.
    idp.set_groups("siirtyva", "ALKE-TEM-KOORD")
    response = sign_in(alke, idp, "siirtyva")
    assert response.status_code == 302
    active = set(
        Membership.objects.filter(user=user, is_active=True).values_list("organisation__slug", "role")
    )
    # The provider's okm role ended, its new coordinator role began; the local membership stayed.
    assert active == {("tem", Role.COORDINATOR), (local.organisation.slug, Role.AUNE)}
    ended = Membership.objects.get(user=user, organisation__slug="okm", role=Role.MINISTRY)
    assert not ended.is_active and ended.history.count() == 2
    assert User.objects.filter(first_name="Sirpa").count() == 1  # same person, same account


def test_user_without_mapped_role_is_asked_to_request_one(alke, idp):
    response = sign_in(alke, idp, "uusi")
    assert response.status_code == 302 and response["Location"] == "/tili/jasenyys/"
    page = alke.get("/tili/jasenyys/")
    assert "Pyydä roolia" in page.content.decode()
    assert not Membership.objects.filter(user__username="uusi").exists()


def test_tampered_id_token_is_refused(alke, idp):
    response = sign_in(alke, idp, "vaarennettu")
    text = response.content.decode()
    assert response.status_code == 400
    assert "allekirjoitus ei täsmää" in text
    assert not User.objects.filter(username="vaarennettu").exists()
    assert not Membership.objects.filter(role=Role.COORDINATOR, user__first_name="Ville").exists()
    assert "_auth_user_id" not in alke.session


def test_expired_id_token_is_refused(alke, idp):
    response = sign_in(alke, idp, "vanhentunut")
    assert response.status_code == 400
    assert "vanhentunut" in response.content.decode()
    assert not User.objects.filter(username="vanhentunut").exists()


def test_callback_replayed_is_refused(alke, idp):
    """A code and state used once cannot be used again (the state left the session)."""
    start = alke.post("/oidc/testi/kirjaudu/")
    state = re.search(r"state=([^&]+)", start["Location"])[1]
    response = alke.get(f"/oidc/testi/paluu/?code=made-up&state={state}x")
    assert response.status_code == 400
    assert "Kirjautumispyyntöä ei löytynyt" in response.content.decode()


def test_sign_out_ends_the_provider_session_too(alke, idp):
    sign_in(alke, idp, "virkailija")
    response = alke.post("/tili/ulos/")
    assert response.status_code == 302
    logout = response["Location"]
    assert logout.startswith(f"{idp.issuer}/logout/?")
    assert "id_token_hint=" in logout and "post_logout_redirect_uri=" in logout
    assert "_auth_user_id" not in alke.session


def test_expired_token_message_in_the_language_the_user_started_in(alke, idp):
    response = sign_in(alke, idp, "vanhentunut", language="sv")
    assert response.status_code == 400
    assert "har gått ut" in response.content.decode() and 'lang="sv"' in response.content.decode()


def test_provider_error_is_explained_without_repeating_the_providers_text(alke, idp):
    start = alke.post("/oidc/testi/kirjaudu/")
    state = re.search(r"state=([^&]+)", start["Location"])[1]
    response = alke.get(
        "/oidc/testi/paluu/",
        {"error": "access_denied", "error_description": "Soita numeroon 0700 123 456", "state": state},
    )
    alert = re.search(r'role="alert">(.*?)</div>', response.content.decode(), re.S)[1]
    assert response.status_code == 400
    assert "Kirjautuminen peruttiin" in alert and "0700" not in alert
