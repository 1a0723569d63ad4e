"""In Chromium, under alke's real Content-Security-Policy: sign in at a real OpenID Connect provider
(django-oauth-toolkit on loopback), get the role the directory grants, sign out of both."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import TIMEOUT_MS, axe_violations, login
from tests.oidc_provider import configure_alke, running_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def idp():
    with running_provider() as provider:
        yield provider


@pytest.fixture
def alke_page(browser, live_server, settings, reference, idp):
    configure_alke(settings, idp)
    # The provider accepts loopback callbacks on any port, by address: use 127.0.0.1, not localhost.
    base = live_server.url.replace("localhost", "127.0.0.1")
    context = browser.new_context(base_url=base, locale="fi-FI")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    yield page
    context.close()


def sign_in_at_provider(page, username: str, password: str) -> None:
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in to the provider").click()


def at_provider(idp) -> re.Pattern:
    return re.compile(re.escape(idp.issuer.removesuffix("/o")) + r"/accounts/login/")


def test_official_signs_in_gets_role_from_directory_and_signs_out(alke_page, idp):
    page = alke_page
    page.goto("/tili/kirjaudu/?next=/tili/profiili/")
    page.get_by_role("button", name="Kirjaudu: Testitunnistus").click()
    expect(page).to_have_url(at_provider(idp))
    sign_in_at_provider(page, "virkailija", idp.password)
    expect(page).to_have_url(re.compile(r"/tili/profiili/$"))
    expect(page.get_by_role("status").get_by_text("sait roolin")).to_be_visible()
    expect(page.locator("main ul").first).to_contain_text("Ministeriön virkailija – opetus- ja kulttuuriministeriö")
    expect(page.get_by_role("link", name="Outi Opetusvirkamies")).to_be_visible()

    page.get_by_role("button", name="Kirjaudu ulos").click()
    expect(page).to_have_url(re.compile(r"/oidc/uloskirjautunut/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Olet kirjautunut ulos")
    expect(page.get_by_role("link", name="Kirjaudu sisään")).to_be_visible()

    # The provider's session ended too: signing in again asks for the password there.
    page.goto("/tili/kirjaudu/")
    page.get_by_role("button", name="Kirjaudu: Testitunnistus").click()
    expect(page).to_have_url(at_provider(idp))
    expect(page.get_by_label("User name")).to_be_visible()


@pytest.mark.parametrize(
    ("username", "message"),
    [("vaarennettu", "allekirjoitus ei täsmää"), ("vanhentunut", "tunniste on vanhentunut")],
    ids=["tampered", "expired"],
)
def test_bad_token_is_refused_in_the_browser(alke_page, idp, username, message):
    page = alke_page
    page.goto("/tili/kirjaudu/")
    page.get_by_role("button", name="Kirjaudu: Testitunnistus").click()
    sign_in_at_provider(page, username, idp.password)
    expect(page).to_have_url(re.compile(r"/oidc/testi/paluu/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kirjautuminen ei onnistunut")
    expect(page.get_by_role("alert")).to_contain_text(message)
    expect(page.get_by_role("link", name="Kirjaudu sisään")).to_be_visible()  # still signed out


def test_sign_in_page_with_provider_buttons_is_accessible(page, settings, reference, idp):
    configure_alke(settings, idp)
    page.goto("/tili/kirjaudu/")
    expect(page.get_by_role("heading", name="Kirjaudu organisaatiosi tunnistuksella")).to_be_visible()
    assert axe_violations(page) == []


def test_newcomer_requests_a_role_and_the_coordinator_approves_it(page, users):
    login(page, "nobody")
    page.goto("/tili/jasenyys/")
    page.get_by_label("Organisaatio").select_option(label="Satakuntaliitto")
    page.get_by_label("Rooli").select_option(label="maakunnan liiton virkailija")
    page.get_by_label("Perustelu").fill("Aloitin Satakuntaliitossa suunnittelijana.")
    page.get_by_role("button", name="Lähetä pyyntö").click()
    expect(page.get_by_role("status").get_by_text("Pyyntö lähetetty")).to_be_visible()
    assert axe_violations(page) == []

    page.context.clear_cookies()
    login(page, "coord")
    page.get_by_role("link", name="Jäsenyyspyynnöt").click()
    expect(page.get_by_role("table").first).to_contain_text("Aloitin Satakuntaliitossa")
    assert axe_violations(page) == []
    page.get_by_label("Perustelu (näkyy pyytäjälle)").fill("Vahvistettu liiton kirjaamosta.")
    page.get_by_role("button", name="Hyväksy: nobody").click()
    expect(page.get_by_role("status").get_by_text("Jäsenyys hyväksytty")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Ei odottavia pyyntöjä.")
    assert users["nobody"].memberships.filter(organisation__slug="liitto-mk04", role="region").exists()
