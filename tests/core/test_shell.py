import pytest
from django.urls import reverse

from alke.regions.models import Region

pytestmark = pytest.mark.django_db


MAINLAND = ["MK01", "MK02", *(f"MK{n:02d}" for n in range(4, 20))]  # the 18 regions; Åland (MK21) is not one


def test_home_lists_the_18_regions_with_links(client, reference):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(MAINLAND) == 18
    for code in MAINLAND:
        assert f'href="/maakunnat/{code}/"' in html
    assert 'href="/maakunnat/MK21/"' not in html and "Ahvenanmaa" not in html


def test_language_prefixes_and_html_lang(client, reference):
    fi = client.get("/maakunnat/MK02/")
    sv = client.get("/sv/maakunnat/MK02/")
    en = client.get("/en/maakunnat/MK02/")
    assert '<html lang="fi">' in fi.content.decode()
    assert '<html lang="sv">' in sv.content.decode() and "Egentliga Finland" in sv.content.decode()
    assert "Southwest Finland" in en.content.decode()


def test_security_headers(client, reference):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_history_view_shows_who_changed_what(client_for, users):
    region = Region.objects.get(code="MK02")
    region.stamp(users["coordinator"])
    region.name_en = "Southwest Finland (edited)"
    region.save()
    response = client_for(users["aune"]).get(reverse("core:history", args=["regions", "region", region.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Southwest Finland (edited)" in html and "coord" in html


def test_history_view_needs_a_role(client_for, users):
    region = Region.objects.get(code="MK02")
    url = reverse("core:history", args=["regions", "region", region.pk])
    assert client_for(users["nobody"]).get(url).status_code == 403


def test_history_view_refuses_non_domain_models(client_for, users):
    url = reverse("core:history", args=["auth", "group", 1])
    assert client_for(users["coordinator"]).get(url).status_code == 404


def test_api_lists_regions(client, reference):
    data = client.get("/api/v1/regions?mainland=true").json()
    assert data["count"] == 18
    assert data["items"][0]["code"] == "MK01"
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_shell_is_translated_to_swedish_and_english(client, reference):
    sv = client.get("/sv/").content.decode()
    en = client.get("/en/").content.decode()
    assert "Gå till innehållet" in sv and "Regionutvecklingsdiskussioner" in sv
    assert "Skip to content" in en and "Regional development discussions" in en


def test_commands_run_without_any_environment(tmp_path):
    """A checker may call `alke` with no ALKE_MODE or SECRET_KEY; commands that sign nothing work."""
    import os
    import subprocess
    import sys

    env = {
        k: v for k, v in os.environ.items() if k not in {"ALKE_MODE", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    env["ALKE_VAR_DIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "alke", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_production_collectstatic_succeeds(tmp_path):
    """The hashed-manifest storage used in production must resolve every reference in the static files."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, ALKE_MODE="production", SECRET_KEY="x" * 50, ALKE_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "alke", "collectstatic", "--noinput"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "static/staticfiles.json").exists()
