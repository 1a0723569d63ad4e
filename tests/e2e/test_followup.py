"""Follow-up in a real browser: the editable table by keyboard-reachable controls, the report's charts."""

from __future__ import annotations

from datetime import date

import pytest

from alke.agreements import services as agreements
from alke.followup import services
from alke.regions.models import Ministry, Region
from alke.rounds.models import Phase, Round
from tests.e2e.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def agreed(users):
    """Two agreed and published conclusions of Varsinais-Suomi, one of them in progress."""
    coordinator = users["coordinator"]
    round_ = Round.objects.create(year=2025, name="ALKE 2025", phase=Phase.FOLLOW_UP)
    vs = Region.objects.get(code="MK02")
    okm = Ministry.objects.get(abbreviation="OKM")
    first = agreements.record_conclusion(coordinator, round_, vs, text_fi="Ennakointimalli laaditaan.", ministries=[okm], deadline=date(2026, 6, 30))
    second = agreements.record_conclusion(coordinator, round_, vs, text_fi="Palvelumalli kokeillaan.", region_responsible=True, deadline=date(2026, 3, 31))
    document = agreements.create_document(coordinator, round_, vs)
    number = document.latest_version().number
    agreements.approve(coordinator, document, number, "state")
    agreements.approve(users["region"], document, number, "region")
    agreements.publish(coordinator, document)
    services.record_update(coordinator, second, status="in_progress", progress=30)
    return first, second


def test_region_updates_a_conclusion_in_the_table(page, users, agreed):
    first, _second = agreed
    login(page, "vs")
    page.goto("/seuranta/paivita/")
    assert axe_violations(page) == []
    page.get_by_label(f"Tila: MK02 {first.order}").select_option("in_progress")
    page.get_by_label(f"Edistyminen (%): MK02 {first.order}").fill("25")
    page.get_by_label(f"Huomio: MK02 {first.order}").fill("Työpaja pidetty.")
    page.get_by_role("button", name="Tallenna muutetut rivit").click()
    page.wait_for_load_state()
    assert page.get_by_text("1 johtopäätöksen seuranta päivitetty.").is_visible()
    assert page.get_by_label(f"Edistyminen (%): MK02 {first.order}").input_value() == "25"


def test_report_draws_charts_with_tables_and_public_page_is_accessible(page, users, agreed):
    login(page, "aune")
    page.goto("/seuranta/raportti/")
    page.wait_for_selector(".chart--ready", timeout=15_000)
    assert page.locator(".chart--failed").count() == 0
    assert page.get_by_role("table", name="Johtopäätökset maakunnittain ja tiloittain").is_visible()
    assert axe_violations(page) == []
    page.goto("/seuranta/julkinen/2025/")
    assert page.get_by_role("cell", name="Palvelumalli kokeillaan.").is_visible()
    assert axe_violations(page) == []
