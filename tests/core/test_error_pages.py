"""Error pages speak the visitor's language and show a way forward; anonymous visitors are sent to sign in."""

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.test import Client, override_settings
from django.urls import path

import alke.urls

pytestmark = pytest.mark.django_db

REPORT = "/seuranta/raportti/"


def _boom(request: HttpRequest):
    raise RuntimeError("boom")


def _refuse(request: HttpRequest):
    raise PermissionDenied("report.view")


# This module doubles as a URLconf: the site's own URLs plus a view that fails and one that refuses.
urlpatterns = [
    *alke.urls.urlpatterns,
    *i18n_patterns(path("test-boom/", _boom), path("test-refuse/", _refuse), prefix_default_language=False),
]
handler403 = alke.urls.handler403
handler500 = alke.urls.handler500


def test_404_in_finnish(client):
    response = client.get("/ei-tallaista-sivua/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="fi">' in html
    assert "Sivua ei löytynyt" in html
    assert 'class="skip-link"' in html and 'class="site-header"' in html  # the site's own shell
    assert 'href="/"' in html  # to the front page
    assert "/tili/kirjaudu/?next=" in html  # anonymous: sign in


def test_404_in_swedish(client):
    response = client.get("/sv/ingen-sadan-sida/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="sv">' in html
    assert "Sidan hittades inte" in html
    assert 'href="/sv/"' in html
    assert "Sivua ei löytynyt" not in html


def test_404_offers_the_way_back_within_the_site(client):
    html = client.get("/ei-ole/", headers={"Referer": "http://testserver/maakunnat/"}).content.decode()
    assert 'href="/maakunnat/"' in html
    foreign = client.get("/ei-ole/", headers={"Referer": "https://evil.example/"}).content.decode()
    assert "evil.example" not in foreign


def test_signed_in_user_without_rights_gets_the_403_page(client_for, users):
    response = client_for(users["contact"]).get(REPORT)
    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="fi">' in html and "Ei käyttöoikeutta" in html
    assert "Pyydä jäsenyyttä" in html
    assert "report.view" not in html  # the action code is not shown to people
    assert "Kirjaudu sisään" not in html  # already signed in


def test_403_in_swedish(client_for, users):
    response = client_for(users["nobody"]).get("/sv" + REPORT)
    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="sv">' in html and "Ingen behörighet" in html


def test_anonymous_visitor_is_sent_to_sign_in_and_back(client, users):
    response = client.get(REPORT + "?kierros=2025")
    assert response.status_code == 302
    assert response["Location"] == "/tili/kirjaudu/?next=/seuranta/raportti/%3Fkierros%3D2025"
    swedish = client.get("/sv" + REPORT)
    assert swedish.status_code == 302 and swedish["Location"].startswith(
        "/sv/tili/kirjaudu/?next=/sv/seuranta/"
    )
    # after signing in the visitor lands on the page they asked for
    signed_in = client_for_login(client, users["aune"], response["Location"])
    assert signed_in.status_code == 302 and signed_in["Location"] == REPORT + "?kierros=2025"


def client_for_login(client, user, login_url):
    user.set_password("salasana-joka-kelpaa")
    user.save()
    return client.post(login_url, {"username": user.username, "password": "salasana-joka-kelpaa"})


@override_settings(ROOT_URLCONF=__name__)
def test_anonymous_form_post_returns_to_the_page_of_the_form(client):
    response = client.post("/test-refuse/", {}, headers={"Referer": "http://testserver/seuranta/"})
    assert response.status_code == 302 and response["Location"] == "/tili/kirjaudu/?next=/seuranta/"
    foreign = client.post("/test-refuse/", {}, headers={"Referer": "https://evil.example/x"})
    assert foreign.status_code == 302 and foreign["Location"] == "/tili/kirjaudu/"


@override_settings(ROOT_URLCONF=__name__)
def test_api_refusals_are_not_redirected(client):
    # API errors stay machine-readable; only pages send people to sign in.
    response = client.get("/api/v1/follow-up/report")
    assert response.status_code == 403


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize(
    ("prefix", "lang", "title"),
    [("", "fi", "Palvelussa tapahtui virhe"), ("/sv", "sv", "Ett fel inträffade i tjänsten")],
)
def test_500_page_renders_in_the_active_language(prefix, lang, title):
    client = Client(raise_request_exception=False)
    response = client.get(f"{prefix}/test-boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{lang}">' in html and title in html
    assert f'href="{prefix}/"' in html


def test_csrf_failure_page_explains_and_keeps_the_shell():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/sv/tili/kirjaudu/", {"username": "x", "password": "y"})
    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="sv">' in html and "Formuläret kunde inte skickas" in html
    assert 'class="site-header"' in html


def test_400_page_for_a_bad_request(client):
    response = client.get("/", headers={"Referer": "http://evil.example/"}, HTTP_HOST="evil.example")
    html = response.content.decode()
    assert response.status_code == 400
    assert '<html lang="fi">' in html and "Virheellinen pyyntö" in html
