"""The situational picture in real Chromium: charts drawn under the strict CSP, tables, accessibility."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from alke.situation.services import load_snapshot
from tests.e2e.conftest import TIMEOUT_MS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def statistics(reference):
    load_snapshot()


def test_charts_render_under_the_real_csp(browser, live_server, statistics):
    # A context without bypass_csp: the page's own Content-Security-Policy is enforced.
    context = browser.new_context(base_url=live_server.url, locale="fi-FI")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    blocked_scripts = []
    page.on("console", lambda m: "script-src" in m.text and blocked_scripts.append(m.text))
    page.on("pageerror", lambda e: blocked_scripts.append(str(e)))
    try:
        response = page.goto("/maakunnat/MK12/")
        assert "script-src 'self'" in response.headers["content-security-policy"]
        # Every chart on the page draws: the key indicators' lines and the economic structure's bars.
        charts = page.locator("[data-chart-spec]").count()  # the server-rendered page: known after goto
        assert charts >= 5
        expect(page.locator(".chart--ready")).to_have_count(charts)
        expect(page.locator("[data-chart-spec='spec-structure'] svg")).to_have_count(1)
        expect(page.locator(".chart--failed")).to_have_count(0)
        assert blocked_scripts == []
        # The line chart has the region and the whole country in its legend.
        legend = page.locator("#spec-unemployment-rate + figure svg")
        expect(legend).to_contain_text("Pohjois-Karjala")
        expect(legend).to_contain_text("koko maa")
        # Every chart can be read as a table.
        population = page.locator(".chart-block:has(#chart-population)")
        population.locator("summary").click()
        expect(population.locator("details[open] table tbody tr")).to_have_count(23)

        page.goto("/tilannekuva/indikaattorit/unemployment-rate/?vuosi=2019")
        expect(page.locator(".chart--ready")).to_have_count(2)
        # One shape per region (or more).
        expect(page.locator("[data-chart-spec='spec-map'] svg path").nth(17)).to_be_attached()
    finally:
        context.close()


def test_region_picture_is_accessible(page, statistics):
    page.goto("/maakunnat/MK02/")
    expect(page.locator(".chart--ready").first).to_be_visible()
    expect(page.get_by_role("heading", name="Aluekehityksen tilannekuva")).to_be_visible()
    assert axe_violations(page) == []
    page.goto("/tilannekuva/indikaattorit/population-change-1y/")
    expect(page.locator(".chart--ready").first).to_be_visible()
    assert axe_violations(page) == []
