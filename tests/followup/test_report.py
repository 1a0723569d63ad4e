"""The AUNE report: the numbers, and that the page, the XLSX export and the API say the same."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from alke.followup import selectors, services
from alke.funding import services as akke
from alke.policy.models import Theme
from alke.regions.models import Ministry, Region
from alke.rounds.models import RoundPhase
from tests.factories import ProposalFactory

from .conftest import agree


@pytest.fixture
def funding(users, round_):
    """AKKE funding for VS (split and agreed before the documents are approved and frozen)."""
    coordinator = users["coordinator"]
    appropriation = akke.set_appropriation(coordinator, round_, total=Decimal("1000000.00"))
    akke.propose_split(coordinator, appropriation)
    akke.adopt_proposal(coordinator, appropriation)
    allocation = appropriation.allocations.get(region__code="MK02")
    entity = akke.save_entity(
        coordinator, allocation, name_fi="Osaajaohjelma", recipient="VS", amount="30000.00"
    )
    for kind, amount in (("commitment", "30000.00"), ("release", "5000.00"), ("payment", "12000.50")):
        akke.record_ledger_entry(
            coordinator, entity, kind=kind, amount=amount, booked_on=date(2025, 6, 1), reference="R-1"
        )
    return allocation


@pytest.fixture
def report_data(users, round_, funding, agreed):
    """VS: one done in time, one overdue in progress, one dropped; Satakunta: one not started, no deadline;
    AKKE funding for VS with a commitment, a release and a payment; a kick-off date and proposals."""
    okm_c, lvm_c, network_c = agreed
    coordinator = users["coordinator"]
    sk = Region.objects.get(code="MK04")
    (sk_c,) = agree(
        users,
        round_,
        sk,
        [
            dict(
                text_fi="Paluumuutto.",
                ministries=[Ministry.objects.get(abbreviation="OKM")],
                region_responsible=True,
            )
        ],
    )
    today = date(2026, 5, 15)
    services.record_update(coordinator, okm_c, status="done", on=date(2026, 4, 1), today=today)
    services.record_update(coordinator, lvm_c, status="in_progress", progress=40, today=today)
    services.record_update(coordinator, network_c, status="dropped", note="Ei rahoitusta.", today=today)
    services.set_details(coordinator, okm_c, theme=Theme.objects.get(slug="osaava-tyovoima"))
    RoundPhase.objects.create(
        round=round_, phase="kick_off", starts_on=date(2024, 8, 29), ends_on=date(2024, 9, 30)
    )
    for status in ("accepted", "merged", "declined", "draft"):
        ProposalFactory(round=round_, region="MK02", title=status, status=status)
    return {"today": today, "allocation": funding, "sk_conclusion": sk_c}


@pytest.mark.django_db
def test_report_numbers(report_data):
    report = selectors.aune_report(today=report_data["today"])
    assert [r.year for r in report.rounds] == [2025]
    t = report.total
    assert (t.total, t.not_started, t.in_progress, t.done, t.dropped, t.overdue) == (4, 1, 1, 1, 1, 1)
    assert (t.due, t.on_time, t.on_time_share) == (2, 1, 50.0)
    regions = {x.key: x for x in report.by_region}
    assert (regions["MK02"].total, regions["MK04"].total) == (3, 1)
    ministries = {x.key: x.total for x in report.by_ministry}
    assert ministries == {"OKM": 2, "LVM": 1, "-": 1}
    themes = {x.key: x.total for x in report.by_theme}
    assert themes[Theme.objects.get(slug="osaava-tyovoima").name] == 1 and themes["-"] == 3
    assert [r.conclusion.text_fi for r in report.overdue] == ["Raideyhteyden rahoitus selvitetään."]
    assert report.overdue[0].days_overdue == (date(2026, 5, 15) - date(2026, 3, 31)).days
    money = report.funding_totals
    assert money["allocated"] == Decimal("1000000.00")  # the whole appropriation, split and adopted
    vs_money = next(f for f in report.funding if f.region_code == "MK02")
    assert (vs_money.committed, vs_money.paid) == (Decimal("25000.00"), Decimal("12000.50"))
    process = report.process[0]
    vs_process = next(r for r in process.regions if r.region_code == "MK02")
    assert vs_process.days_to_approval == (timezone.localdate() - date(2024, 8, 29)).days
    assert (vs_process.proposals, vs_process.proposals_taken, vs_process.taken_share) == (3, 2, 66.7)
    assert (vs_process.due, vs_process.on_time) == (2, 1)
    regional = selectors.aune_report(region_codes=["mk04"], today=report_data["today"])
    assert regional.total.total == 1 and [f.region_code for f in regional.funding] == ["MK04"]


@pytest.mark.django_db
def test_page_export_and_api_agree(client_for, users, report_data):
    client = client_for(users["aune"])
    page = client.get("/seuranta/raportti/?kierros=2025").content.decode()
    api = client.get("/api/v1/follow-up/report?round=2025").json()
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(client.get("/seuranta/raportti/aune.xlsx?kierros=2025").content))
    sheet = {row[0]: row for row in workbook["Maakunnittain"].iter_rows(min_row=2, values_only=True)}
    summary = list(workbook["Yhteenveto"].iter_rows(values_only=True))
    api_regions = {r["label"]: r for r in api["by_region"]}
    for region in ("Varsinais-Suomi", "Satakunta"):
        page_total = re.search(
            rf'<th scope="row">{region}</th><td class="num" data-total>(\d+)</td>', page
        ).group(1)
        assert int(page_total) == sheet[region][1] == api_regions[region]["total"]
        assert sheet[region][2:6] == tuple(
            api_regions[region][s] for s in ("not_started", "in_progress", "done", "dropped")
        )
    page_totals = re.findall(
        r'<tr data-key="total"><th scope="row">Yhteensä</th><td class="num" data-total>(\d+)</td>', page
    )
    assert {int(x) for x in page_totals} == {api["total"]["total"]} == {summary[6][1]}
    funding_rows = list(workbook["Rahoitus"].iter_rows(min_row=2, values_only=True))
    funding = {row[1]: row for row in funding_rows} | {"Yhteensä": funding_rows[-1]}
    assert Decimal(str(funding["Varsinais-Suomi"][4])) == Decimal(
        next(r["committed"] for r in api["funding"]["rows"] if r["region"] == "MK02")
    )
    assert Decimal(str(funding["Yhteensä"][5])) == Decimal(api["funding"]["totals"]["paid"])
    overdue_rows = list(workbook["Myöhässä"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in overdue_rows] == [o["id"] for o in api["overdue"]]
    assert page.count('class="fu-status fu-status--in_progress"') >= len(api["overdue"])
    pdf = client.get("/seuranta/raportti/aune.pdf?kierros=2025")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_report_is_for_the_parties_only(client, client_for, users, report_data):
    assert client.get("/seuranta/raportti/").status_code in (302, 403)
    assert client.get("/api/v1/follow-up/report").status_code == 403
    assert client_for(users["contact"]).get("/seuranta/raportti/aune.xlsx").status_code == 403
