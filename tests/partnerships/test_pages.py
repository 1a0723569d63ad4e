"""Pages, exports, the API and the hooks other apps use."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from alke.partnerships import demo, selectors, services
from alke.partnerships.models import DevelopmentZone, EcosystemAgreement, Funding, ThematicNetwork
from alke.regions.models import Region


@pytest.mark.django_db
def test_search_and_filters(reference):
    def names(kind, **query):
        return {r.name_fi for r in selectors.search(kind, selectors.Filters.from_query(query))}

    assert names("agreement", q="akkukemia") == {"Kokkolan ekosysteemisopimus"}
    assert names("agreement", region="mk11") == {"Kuopion ekosysteemisopimus", "Pohjois-Savon siltasopimus"}
    assert names("agreement", generation="bridge", region="MK18") == {"Kainuun siltasopimus"}
    wellbeing = names("agreement", group="wellbeing")
    assert "Lahden ekosysteemisopimus" in wellbeing and "Porin ekosysteemisopimus" not in wellbeing
    assert names("network", q="business tampere") == {"SIXNET"}
    assert len(names("network", national="1")) == 4
    assert names("zone", region="MK05") == {"Suomen kasvukäytävä"}
    assert names("zone", status="active") == set()  # the 2021–23 zones have ended


@pytest.mark.django_db
def test_hidden_records_are_for_coordinators_only(client, client_for, users, reference):
    sixnet = ThematicNetwork.objects.get(name_fi="SIXNET")
    services.update_frame(users["coordinator"], sixnet, is_public=False)
    url = reverse("partnerships:network_detail", args=[sixnet.pk])
    assert client.get(url).status_code == 404
    assert "SIXNET" not in client.get(reverse("partnerships:network_list")).content.decode()
    assert client.get(f"/api/v1/networks/{sixnet.pk}").status_code == 404
    assert client_for(users["coordinator"]).get(url).status_code == 200


@pytest.mark.django_db
def test_public_pages_render(client, reference):
    agreement = EcosystemAgreement.objects.get(slug="tampere")
    page = client.get(agreement.get_absolute_url()).content.decode()
    assert "Sustainable industry X" in page and "Kansallinen TKI-tiekartta" in page
    assert "Muokkaa sisältöä" not in page  # read-only to the public
    for url in (
        reverse("partnerships:index"),
        reverse("partnerships:agreement_list") + "?q=tampere&region=MK06&group=green&status=active",
        reverse("partnerships:network_list") + "?national=0&status=ended",
        reverse("partnerships:zone_list"),
        agreement.get_absolute_url(),
        f"/sv{agreement.get_absolute_url()}",
        f"/en{reverse('partnerships:index')}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url


@pytest.mark.django_db
def test_contact_edits_through_the_pages(client_for, users, reference):
    sixnet = ThematicNetwork.objects.get(name_fi="SIXNET")
    other = ThematicNetwork.objects.get(name_fi="Lakeland Finland")
    client = client_for(users["contact"])
    assert "Muokkaa sisältöä" in client.get(sixnet.get_absolute_url()).content.decode()
    response = client.post(
        reverse("partnerships:network_funding", args=[sixnet.pk]),
        {"funding-source": "akke", "funding-year": "2022", "funding-amount": "15000", "funding-note": ""},
    )
    assert response.status_code == 302
    assert Funding.objects.get(network=sixnet).amount == 15000
    response = client.post(
        reverse("partnerships:network_edit", args=[sixnet.pk]),
        {"description": "", "goals": "Uudet tavoitteet", "results": ""},
    )
    assert response.status_code == 302
    sixnet.refresh_from_db()
    assert sixnet.goals == "Uudet tavoitteet"
    denied = client.post(
        reverse("partnerships:network_funding", args=[other.pk]),
        {"funding-source": "akke", "funding-year": "2022", "funding-amount": "1"},
    )
    assert denied.status_code == 403
    assert client.get(reverse("partnerships:network_frame", args=[sixnet.pk])).status_code == 403
    assert not Funding.objects.filter(network=other).exists()


@pytest.mark.django_db
def test_bad_funding_form_names_the_problem(client_for, users, reference):
    sixnet = ThematicNetwork.objects.get(name_fi="SIXNET")
    client = client_for(users["contact"])
    response = client.post(
        reverse("partnerships:network_funding", args=[sixnet.pk]),
        {"funding-source": "akke", "funding-year": "1990", "funding-amount": "10"},
        follow=True,
    )
    assert "Vuosi" in response.content.decode()
    assert not Funding.objects.exists()


@pytest.mark.django_db
def test_exports_csv_and_xlsx(client, reference):
    response = client.get(reverse("partnerships:agreement_export", args=["csv"]) + "?generation=ecosystem")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["id", "nimi"] and len(rows) == 17
    assert any(row[1] == "Kokkolan ekosysteemisopimus" and "Akkukemia" in ";".join(row) for row in rows)
    response = client.get(reverse("partnerships:network_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 16
    assert sheet["B1"].value == "nimi"
    assert client.get(reverse("partnerships:zone_export", args=["pdf"])).status_code == 404


@pytest.mark.django_db
def test_api_lists_and_details(client, users, reference):
    data = client.get("/api/v1/agreements?generation=ecosystem&region=MK16").json()
    assert [a["slug"] for a in data["items"]] == ["kokkola"]
    sixnet = ThematicNetwork.objects.get(name_fi="SIXNET")
    services.set_funding(users["coordinator"], sixnet, source="akke", year=2022, amount="100", is_demo=True)
    detail = client.get(f"/api/v1/networks/{sixnet.pk}").json()
    assert detail["funding"] == [
        {"source": "akke", "year": 2022, "amount": "100.00", "note": "", "is_demo": True}
    ]
    assert client.get("/api/v1/zones").json()["count"] == 3
    assert client.get("/api/v1/networks?q=vety").json()["count"] == 1


@pytest.mark.django_db
def test_region_hook_and_panel(client, reference):
    pirkanmaa = Region.objects.get(code="MK06")
    found = selectors.for_region(pirkanmaa)
    assert {a.slug for a in found.agreements} == {"tampere", "silta-pirkanmaa"}
    assert {n.name_fi for n in found.networks} == {"SIXNET", "Kaupunkiseuduille elinvoimaa – MAL-verkosto"}
    assert {z.name_fi for z in found.zones} == {"Suomen kasvukäytävä"}
    page = client.get(reverse("regions:detail", args=["MK06"])).content.decode()
    assert 'href="/kumppanuudet/verkostot/' in page and "SIXNET" in page
    assert not selectors.for_region(Region.objects.get(code="MK21"))


@pytest.mark.django_db
def test_map_spec_and_its_table_tell_the_same(client, reference):
    spec = client.get(reverse("partnerships:map_spec")).json()
    shapes, points = spec["layer"]
    assert shapes["data"]["url"] == reverse("situation:geojson")
    regions = shapes["transform"][0]["lookup"] and shapes["transform"][0]["from"]["data"]["values"]
    assert len(regions) == 18
    pirkanmaa = next(r for r in regions if r["code"] == "MK06")
    assert (pirkanmaa["agreements"], pirkanmaa["networks"], pirkanmaa["zones"]) == (2, 2, 1)
    # The shapes are joined on the NLS region number, which must exist in the boundary file.
    geo = json.loads(client.get(reverse("situation:geojson")).getvalue())
    assert {r["number"] for r in regions} <= {f["properties"]["NATCODE"] for f in geo["features"]}
    cities = points["data"]["values"]
    assert len(cities) == 20  # 16 agreements: Helsinki–Espoo–Vantaa three cities, two with two
    lon, lat = next((c["lon"], c["lat"]) for c in cities if c["city"] == "Oulu")
    assert 25 < lon < 26.5 and 64.5 < lat < 65.5
    page = client.get(reverse("partnerships:index")).content.decode()
    assert 'id="map-table"' in page and 'data-chart-spec="partnership-map-spec"' in page


@pytest.mark.django_db
def test_demo_is_flagged_and_idempotent(reference, settings):
    demo.load_demo(lambda line: None)
    counts = (Funding.objects.count(), EcosystemAgreement.objects.count())
    demo.load_demo(lambda line: None)
    assert (Funding.objects.count(), EcosystemAgreement.objects.count()) == counts
    assert not Funding.objects.filter(is_demo=False).exists()
    growth = EcosystemAgreement.objects.get(generation="growth")
    assert growth.is_demo_field("*")
    assert EcosystemAgreement.objects.get(slug="tampere").lineage() == [growth]
    sixnet = ThematicNetwork.objects.get(name_fi="SIXNET")
    assert {"goals", "results", "member_organisations"} <= set(sixnet.demo_fields)
    assert json.dumps(sixnet.demo_fields)


@pytest.mark.django_db
def test_long_lists_are_paged_and_keep_their_filters(client, reference):
    from datetime import date

    ThematicNetwork.objects.bulk_create(
        ThematicNetwork(
            name_fi=f"Testiverkosto {i:02d}",
            coordinator_name="Testi",
            period_start=date(2024, 1, 1),
            period_end=date(2025, 12, 31),
        )
        for i in range(60)
    )
    page = client.get(reverse("partnerships:network_list") + "?q=testiverkosto").content.decode()
    assert "60 tulosta" in page and "Testiverkosto 49" in page and "Testiverkosto 50" not in page
    assert "?q=testiverkosto&amp;sivu=2" in page
    second = client.get(reverse("partnerships:network_list") + "?q=testiverkosto&sivu=2").content.decode()
    assert "Testiverkosto 59" in second and "Testiverkosto 00" not in second
    api = client.get("/api/v1/networks?q=testiverkosto&limit=10&offset=55").json()
    assert api["count"] == 60
    assert [n["name_fi"] for n in api["items"]] == [f"Testiverkosto {i}" for i in range(55, 60)]


@pytest.mark.django_db
def test_coordinator_changes_the_frame_through_the_page(client_for, users, reference):
    zone = DevelopmentZone.objects.get(name_fi="Viitoskäytävä")
    client = client_for(users["coordinator"])
    url = reverse("partnerships:zone_frame", args=[zone.pk])
    kainuu, lappi = Region.objects.get(code="MK18"), Region.objects.get(code="MK19")
    bad = client.post(url, {"period_start": "2021-01-01", "period_end": "2020-01-01", "regions": [kainuu.pk]})
    assert "Kausi päättyy ennen kuin se alkaa." in bad.content.decode()
    response = client.post(
        url,
        {"period_start": "2021-01-01", "period_end": "2023-12-31", "regions": [kainuu.pk, lappi.pk]},
    )
    assert response.status_code == 302
    zone.refresh_from_db()
    assert not zone.is_public
    assert sorted(r.code for r in zone.regions.all()) == ["MK18", "MK19"]
    assert zone.history.first().history_user == users["coordinator"]
