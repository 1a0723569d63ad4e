import pytest

from tests.e2e.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_regional_official_switches_to_swedish_and_sees_the_region(page, users):
    login(page, "vs")
    page.goto("/")
    page.get_by_role("link", name="Varsinais-Suomi").click()
    page.get_by_role("button", name="Svenska").click()
    page.wait_for_load_state()
    assert page.url.endswith("/sv/maakunnat/MK02/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.get_by_role("heading", level=1).inner_text() == "Egentliga Finland"
    assert page.get_by_text("Egentliga Finlands förbund").first.is_visible()


def test_home_page_has_no_serious_accessibility_violations(page, reference):
    page.goto("/")
    assert page.locator(".card__title").count() == 18
    assert axe_violations(page) == []


def test_skip_link_moves_focus_to_main(page, reference):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
