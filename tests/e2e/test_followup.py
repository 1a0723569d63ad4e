"""Follow-up in a real browser: the editable table by keyboard-reachable controls, the report's charts."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from alke.followup.models import ConclusionFollowUp
from tests.e2e.conftest import axe_violations, login
from tests.factories import ConclusionFactory, CooperationDocumentFactory, FollowUpUpdateFactory, RoundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def agreed(users):
    """Two agreed and published conclusions of Varsinais-Suomi, one of them in progress."""
    round_ = RoundFactory(year=2025, follow_up=True)
    first = ConclusionFactory(
        round=round_, text_fi="Ennakointimalli laaditaan.", ministries=["OKM"], deadline=date(2026, 6, 30)
    )
    second = ConclusionFactory(
        round=round_, text_fi="Palvelumalli kokeillaan.", region_responsible=True, deadline=date(2026, 3, 31)
    )
    CooperationDocumentFactory(round=round_, published=True)
    FollowUpUpdateFactory(conclusion=second, status="in_progress", progress=30)
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
    expect(page.get_by_text("1 johtopäätöksen seuranta päivitetty.")).to_be_visible()
    expect(page.get_by_label(f"Edistyminen (%): MK02 {first.order}")).to_have_value("25")
    followup = ConclusionFollowUp.objects.get(conclusion=first)
    assert (followup.status, followup.progress) == ("in_progress", 25)


def test_report_draws_charts_with_tables_and_public_page_is_accessible(page, users, agreed):
    login(page, "aune")
    page.goto("/seuranta/raportti/")
    expect(page.locator(".chart--ready").first).to_be_visible()
    expect(page.locator(".chart--failed")).to_have_count(0)
    expect(page.get_by_role("table", name="Johtopäätökset maakunnittain ja tiloittain")).to_be_visible()
    assert axe_violations(page) == []
    page.goto("/seuranta/julkinen/2025/")
    expect(page.get_by_role("cell", name="Palvelumalli kokeillaan.")).to_be_visible()
    assert axe_violations(page) == []
