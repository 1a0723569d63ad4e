"""The region drafts a proposal and its agenda in the browser; the pages pass axe (WCAG 2.1 AA)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from alke.agenda import services
from alke.agenda.models import Agenda, Proposal
from alke.rounds.models import Phase, Round
from tests.e2e.conftest import axe_violations, login
from tests.factories import RoundFactory, ministry, region

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def round_(reference) -> Round:
    return RoundFactory(
        year=2031, proposals=True, common=True, phases={Phase.PROPOSALS: (date(2030, 9, 1), date(2030, 10, 15))}
    )


def test_region_writes_and_submits_a_proposal(page, users, round_):
    login(page, "vs")
    page.goto(f"/agenda/{round_.year}/ehdotukset/uusi/")
    assert axe_violations(page) == []
    page.locator("#id_title").fill("Tunnin junayhteys Turusta Helsinkiin")
    page.get_by_label("mahdollisuus").check()
    page.locator("#id_description").fill("Nopea ratayhteys yhdistäisi työssäkäyntialueet.")
    page.locator("#id_request").fill("Valtio sitoutuu hankeyhtiön rahoitukseen.")
    page.get_by_label("LVM").check()
    page.get_by_role("button", name="Tallenna").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Tunnin junayhteys"))
    page.get_by_role("button", name="Jätä ehdotus").click()
    expect(page.get_by_text("Ehdotus jätetty.")).to_be_visible()
    assert Proposal.objects.get().status == Proposal.Status.SUBMITTED
    assert axe_violations(page) == []


def test_agenda_items_are_reordered_by_keyboard_and_time_budget_shown(page, users, round_):
    round_.phase = Phase.AGENDA
    round_.save()
    agenda = services.ensure_region_agenda(users["coordinator"], round_, region("MK02"))
    services.add_item(users["coordinator"], agenda, title="Raideyhteydet", minutes=60, ministries=[ministry("LVM")])
    login(page, "vs")
    page.goto(agenda.get_absolute_url())
    expect(page.get_by_text("Kohtien kesto yhteensä 105 min, keskustelu 150 min.")).to_be_visible()
    rows = page.locator("table.data-table tbody tr")
    expect(rows.first).not_to_contain_text("Raideyhteydet")  # the common theme comes first
    up = page.get_by_role("button", name="Siirrä ylös: Raideyhteydet")
    up.focus()
    page.keyboard.press("Enter")
    expect(rows.first).to_contain_text("Raideyhteydet")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Merkitse agenda valmiiksi").click()
    expect(page.get_by_text("Agenda merkitty valmiiksi.")).to_be_visible()
    assert Agenda.objects.get(pk=agenda.pk).status == Agenda.Status.READY
