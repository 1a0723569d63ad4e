"""The region drafts a proposal and its agenda in the browser; the pages pass axe (WCAG 2.1 AA)."""

from __future__ import annotations

from datetime import date

import pytest

from alke.agenda import services
from alke.agenda.models import Agenda, Proposal
from alke.policy.models import Theme
from alke.regions.models import Ministry, Region
from alke.rounds.models import Phase, Round, RoundPhase
from tests.e2e.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def round_(reference) -> Round:
    round_ = Round.objects.create(
        year=2031, name="ALKE 2031", phase=Phase.PROPOSALS, common_theme=Theme.objects.get(is_common=True)
    )
    RoundPhase.objects.create(
        round=round_, phase=Phase.PROPOSALS, starts_on=date(2030, 9, 1), ends_on=date(2030, 10, 15)
    )
    return round_


def test_region_writes_and_submits_a_proposal(page, users, round_):
    login(page, "vs")
    page.goto(f"/agenda/{round_.year}/ehdotukset/uusi/")
    assert axe_violations(page) == []
    page.locator("#id_title").fill("Tunnin junayhteys Turusta Helsinkiin")
    page.get_by_label("mahdollisuus").check()
    page.locator("#id_description").fill("Nopea ratayhteys yhdistäisi työssäkäyntialueet.")
    page.locator("#id_request").fill("Valtio sitoutuu hankeyhtiön rahoitukseen.")
    page.get_by_label("LVM").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Tallenna").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Tunnin junayhteys")
    with page.expect_navigation():
        page.get_by_role("button", name="Jätä ehdotus").click()
    assert page.get_by_text("Ehdotus jätetty.").is_visible()
    assert Proposal.objects.get().status == Proposal.Status.SUBMITTED
    assert axe_violations(page) == []


def test_agenda_items_are_reordered_by_keyboard_and_time_budget_shown(page, users, round_):
    vs = Region.objects.get(code="MK02")
    round_.phase = Phase.AGENDA
    round_.save()
    agenda = services.ensure_region_agenda(users["coordinator"], round_, vs)
    lvm = Ministry.objects.get(abbreviation="LVM")
    services.add_item(users["coordinator"], agenda, title="Raideyhteydet", minutes=60, ministries=[lvm])
    login(page, "vs")
    page.goto(agenda.get_absolute_url())
    assert page.get_by_text("Kohtien kesto yhteensä 105 min, keskustelu 150 min.").is_visible()
    up = page.get_by_role("button", name="Siirrä ylös: Raideyhteydet")
    up.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    first_row = page.locator("table.data-table tbody tr").first
    assert "Raideyhteydet" in first_row.inner_text()
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Merkitse agenda valmiiksi").click()
    assert Agenda.objects.get(pk=agenda.pk).status == Agenda.Status.READY
