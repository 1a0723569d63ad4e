"""The partnership register in Chromium: the map under the real CSP, accessibility, and a contact
updating their own network."""

import pytest
from playwright.sync_api import expect

from alke.partnerships.models import Funding, ThematicNetwork
from tests.e2e.conftest import TIMEOUT_MS, axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_map_renders_under_the_strict_csp(browser, live_server, reference):
    # A context that keeps the CSP (the shared `page` fixture bypasses it to inject axe).
    context = browser.new_context(base_url=live_server.url, locale="fi-FI")
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.log('Content Security Policy ' + e.sourceFile))"
    )
    page.goto("/kumppanuudet/")
    expect(page.locator("#partnership-map .chart--ready svg")).to_be_visible()
    # 18 region shapes (or more) plus the ecosystem agreement cities.
    expect(page.locator("#partnership-map svg path").nth(17)).to_be_attached()
    expect(page.locator("#partnership-map svg .mark-symbol path")).to_have_count(20)
    ours = [v for v in violations if "vega" in v or "kumppanuudet" in v or "charts" in v]
    assert ours == []
    # The same facts as a table, one row per mainland region.
    expect(page.locator("#map-table tbody tr")).to_have_count(18)
    context.close()


def test_register_pages_are_accessible_and_filterable(page, reference):
    page.goto("/kumppanuudet/sopimukset/")
    assert axe_violations(page) == []
    page.get_by_label("Maakunta").select_option("MK16")
    page.get_by_role("button", name="Hae", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("1 tulos")
    page.get_by_role("link", name="Kokkolan ekosysteemisopimus").click()
    expect(page.get_by_text("Akkukemia")).to_be_visible()
    assert axe_violations(page) == []


def test_contact_adds_funding_to_own_network_only(page, users):
    sixnet = ThematicNetwork.objects.get(name_fi="SIXNET")
    login(page, "contact")
    page.goto(sixnet.get_absolute_url())
    page.get_by_role("combobox", name="Rahoituslähde").select_option("akke")
    page.get_by_role("spinbutton", name="Vuosi").fill("2022")
    page.get_by_role("textbox", name="Summa (€)").fill("45000")
    page.get_by_role("button", name="Tallenna rahoitus").click()
    expect(page.get_by_text("Tiedot tallennettiin.")).to_be_visible()
    expect(page.locator("#funding table").get_by_text("45 000,00").first).to_be_visible()
    assert Funding.objects.get(network=sixnet).amount == 45000
    other = ThematicNetwork.objects.get(name_fi="Lakeland Finland")
    page.goto(other.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lakeland Finland")
    expect(page.get_by_role("button", name="Tallenna rahoitus")).to_have_count(0)
