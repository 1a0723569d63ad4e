"""Conclusions: recording, permissions, indicator links and the ministry worklist with its export."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from alke.agreements import services
from alke.agreements.selectors import worklist
from alke.regions.models import Ministry, Region
from tests.factories import AgendaFactory, AgendaItemFactory


@pytest.mark.django_db
def test_only_the_secretary_records_conclusions(users, round_, vs, okm):
    for key in ("region", "ministry", "aune", "contact", "nobody"):
        with pytest.raises(PermissionDenied):
            services.record_conclusion(users[key], round_, vs, text_fi="x", ministries=[okm])


@pytest.mark.django_db
def test_a_conclusion_names_text_and_a_responsible_party(users, round_, vs):
    with pytest.raises(services.AgreementError, match="Kirjoita johtopäätös"):
        services.record_conclusion(users["coordinator"], round_, vs, text_fi="  ", region_responsible=True)
    with pytest.raises(services.AgreementError, match="vähintään yksi vastuutaho"):
        services.record_conclusion(users["coordinator"], round_, vs, text_fi="Ilman vastuuta")


@pytest.mark.django_db
def test_conclusion_keeps_responsibilities_deadline_and_budget_flag(conclusion, okm):
    assert list(conclusion.ministries.all()) == [okm]
    assert conclusion.region_responsible and conclusion.needs_budget_decision
    assert conclusion.deadline == date(2026, 6, 30)
    assert conclusion.permission_ministries() == [okm.pk]


@pytest.mark.django_db
def test_ministry_worklist_spans_regions_and_filters_budget(users, round_, vs, okm, conclusion):
    lappi = Region.objects.get(code="MK19")
    lvm = Ministry.objects.get(abbreviation="LVM")
    other = services.record_conclusion(
        users["coordinator"], round_, lappi, text_fi="Lapin asia", ministries=[okm]
    )
    services.record_conclusion(users["coordinator"], round_, lappi, text_fi="Vain LVM", ministries=[lvm])
    assert set(worklist(okm.pk)) == {conclusion, other}
    assert list(worklist(okm.pk, budget_only=True)) == [conclusion]


@pytest.mark.django_db
def test_worklist_page_and_export_are_the_ministrys_own(users, conclusion, client_for):
    client = client_for(users["ministry"])
    page = client.get("/asiakirjat/tyolista/").content.decode()
    assert "Osaajatarpeiden ennakointimalli" in page
    assert client.get("/asiakirjat/tyolista/?ministerio=LVM").status_code == 403
    response = client.get("/asiakirjat/tyolista/xlsx/?budjetti=1")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][0].startswith("Työlista: OKM")
    assert rows[1][2] == "Johtopäätös" and rows[1][5] == "Edellyttää budjettipäätöstä"
    assert rows[2][1] == "Varsinais-Suomi"
    assert rows[2][2].startswith("Osaajatarpeiden")
    assert "OKM" in rows[2][3] and "Varsinais-Suomen liitto" in rows[2][3]
    assert rows[2][5] == "kyllä"
    assert client_for(users["region"]).get("/asiakirjat/tyolista/").status_code == 403


@pytest.mark.django_db
def test_coordinator_chooses_any_ministry(users, conclusion, client_for):
    page = client_for(users["coordinator"]).get("/asiakirjat/tyolista/?ministerio=OKM").content.decode()
    assert "Osaajatarpeiden ennakointimalli" in page


@pytest.mark.django_db
def test_indicator_link_with_baseline_and_target(users, conclusion):
    from alke.situation.models import Indicator

    indicator = Indicator.objects.filter(code="employment-rate").first()
    if indicator is None:
        indicator = Indicator.objects.create(
            code="employment-rate",
            name_fi="Työllisyysaste",
            unit_fi="%",
            topic="labour",
            dataset_code="test",
            derivation="level",
            source_fi="testi",
        )
    link = services.set_conclusion_indicator(
        users["coordinator"],
        conclusion,
        indicator,
        baseline_year=2024,
        baseline_value=Decimal("72.1"),
        target_year=2027,
        target_value=Decimal("75"),
    )
    assert link.indicator_code == "employment-rate" and link.unit == "%"
    with pytest.raises(services.AgreementError, match="Tavoitevuosi ei voi olla ennen"):
        services.set_conclusion_indicator(
            users["coordinator"], conclusion, indicator, baseline_year=2024, target_year=2020, target_value=1
        )
    document = services.create_document(users["coordinator"], conclusion.round, conclusion.region)
    indicators = document.latest_version().content["conclusions"][0]["indicators"]
    assert indicators == [
        {
            "code": "employment-rate",
            "name": indicator.name_fi,
            "name_sv": indicator.name_sv,
            "name_en": indicator.name_en,
            "unit": "%",
            "unit_sv": indicator.unit_sv,
            "unit_en": indicator.unit_en,
            "baseline_year": 2024,
            "baseline_value": "72.1",
            "target_year": 2027,
            "target_value": "75",
        }
    ]


@pytest.mark.django_db
def test_recording_through_the_page(users, round_, vs, okm, client_for):
    client = client_for(users["coordinator"])
    response = client.post(
        "/asiakirjat/kierros/2025/MK02/",
        {
            "text_fi": "Sivulta kirjattu johtopäätös.",
            "ministries": [okm.pk],
            "deadline": "2026-05-31",
            "needs_budget_decision": "on",
        },
    )
    assert response.status_code == 302
    page = client.get("/asiakirjat/kierros/2025/MK02/").content.decode()
    assert "Sivulta kirjattu johtopäätös." in page and "31.5.2026" in page
    assert (
        client_for(users["region"]).post("/asiakirjat/kierros/2025/MK02/", {"text_fi": "x"}).status_code
        == 403
    )


@pytest.mark.django_db
def test_conclusion_links_to_the_regions_agenda_item(users, round_, vs, okm):
    own = AgendaFactory(round=round_, region=vs)
    item = AgendaItemFactory(agenda=own, title="Meriteollisuuden osaajat", source="proposal")
    AgendaItemFactory(agenda=own, title="Yhteinen teema", source="common_theme")
    foreign = AgendaItemFactory(agenda=AgendaFactory(round=round_, region="MK19"), title="Lapin matkailu")
    conclusion = services.record_conclusion(
        users["coordinator"], round_, vs, text_fi="Osaajat", ministries=[okm], agenda_item=item
    )
    assert conclusion.agenda_item == item
    with pytest.raises(services.AgreementError, match="Agendan kohta ei kuulu"):
        services.record_conclusion(
            users["coordinator"], round_, vs, text_fi="Väärä", ministries=[okm], agenda_item=foreign
        )
    document = services.create_document(users["coordinator"], round_, vs)
    assert document.own_themes_fi == "Meriteollisuuden osaajat"
