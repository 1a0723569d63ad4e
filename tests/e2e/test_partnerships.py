"""The partnership register in Chromium: the map under the real CSP, accessibility, and a contact
updating their own network."""

import pytest

from alke.partnerships.models import Funding, ThematicNetwork
from tests.e2e.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_map_renders_under_the_strict_csp(browser, live_server, reference):
    # A context that keeps the CSP (the shared `page` fixture bypasses it to inject axe).
    context = browser.new_context(base_url=live_server.url, locale="fi-FI")
    page = context.new_page()
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
    page.wait_for_selector("#partnership-map .chart--ready svg", timeout=20_000)
    # 18 region shapes plus the ecosystem agreement cities.
    assert page.locator("#partnership-map svg path").count() >= 18
    assert page.locator("#partnership-map svg .mark-symbol path").count() == 20
    ours = [v for v in violations if "vega" in v or "kumppanuudet" in v or "charts" in v]
    assert ours == []
    # The same facts as a table, one row per mainland region.
    assert page.locator("#map-table tbody tr").count() == 18
    context.close()


def test_register_pages_are_accessible_and_filterable(page, reference):
    page.goto("/kumppanuudet/sopimukset/")
    assert axe_violations(page) == []
    page.get_by_label("Maakunta").select_option("MK16")
    page.get_by_role("button", name="Hae", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("status").inner_text() == "1 tulos"
    page.get_by_role("link", name="Kokkolan ekosysteemisopimus").click()
    assert page.get_by_text("Akkukemia").is_visible()
    assert axe_violations(page) == []


def test_contact_adds_funding_to_own_network_only(page, users):
    sixnet = ThematicNetwork.objects.get(name_fi="SIXNET")
    login(page, "contact")
    page.goto(sixnet.get_absolute_url())
    page.get_by_role("combobox", name="Rahoituslähde").select_option("akke")
    page.get_by_role("spinbutton", name="Vuosi").fill("2022")
    page.get_by_role("textbox", name="Summa (€)").fill("45000")
    page.get_by_role("button", name="Tallenna rahoitus").click()
    page.wait_for_load_state()
    assert page.get_by_text("Tiedot tallennettiin.").is_visible()
    assert page.locator("#funding table").get_by_text("45 000,00").first.is_visible()
    assert Funding.objects.get(network=sixnet).amount == 45000
    other = ThematicNetwork.objects.get(name_fi="Lakeland Finland")
    page.goto(other.get_absolute_url())
    assert page.get_by_role("button", name="Tallenna rahoitus").count() == 0
