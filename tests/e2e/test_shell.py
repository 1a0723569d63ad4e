import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_regional_official_switches_to_swedish_and_sees_the_region(page, users):
    login(page, "vs")
    page.goto("/")
    page.get_by_role("link", name="Varsinais-Suomi").click()
    expect(page).to_have_url(re.compile(r"/maakunnat/MK02/$"))
    page.get_by_role("button", name="Svenska").click()
    expect(page).to_have_url(re.compile(r"/sv/maakunnat/MK02/$"))
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Egentliga Finland")
    expect(page.get_by_text("Egentliga Finlands förbund").first).to_be_visible()


def test_home_page_has_no_serious_accessibility_violations(page, reference):
    page.goto("/")
    expect(page.locator(".card__title")).to_have_count(18)
    assert axe_violations(page) == []


def test_skip_link_moves_focus_to_main(page, reference):
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.locator("a.skip-link")).to_be_focused()
    expect(page.locator("a.skip-link")).to_have_attribute("href", "#main")
