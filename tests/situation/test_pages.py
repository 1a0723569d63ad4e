"""Pages, exports and analysis texts: what each kind of user sees and may do."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse

from alke.regions.models import Organisation, Region
from alke.situation.models import Analysis
from alke.situation.services import save_analysis
from tests.factories import RoundFactory


@pytest.fixture
def round_(reference):
    return RoundFactory(year=2026)


def test_region_page_shows_cards_flags_charts_tables_and_sources(client, snapshot):
    html = client.get("/maakunnat/MK12/").content.decode()
    assert "Aluekehityksen tilannekuva" in html
    assert "Työttömien työnhakijoiden osuus työvoimasta" in html
    assert "maakunnista korkein: 12,9 %" in html  # the flag, with its numbers
    assert 'data-chart-spec="spec-population"' in html
    assert '<script id="spec-population" type="application/json">' in html  # spec as data, not code
    assert "Näytä luvut taulukkona" in html
    assert "tyonv 1001" in html and "CC BY 4.0" in html  # source line with table id and licence
    assert (
        "alke import-stats https://pxdata.stat.fi/PXWeb/api/v1/fi/StatFin/tyokay/statfin_tyokay_pxt_115b.px"
        in html
    )
    # No inline script anywhere: the CSP forbids it.
    assert "<script>" not in html and "<script " + 'type="module"' not in html


def test_region_page_without_statistics_says_so(client, reference):
    html = client.get("/maakunnat/MK02/").content.decode()
    assert "Tilastoja ei ole vielä tuotu" in html


def test_region_page_in_swedish_and_english(client, snapshot):
    sv = client.get("/sv/maakunnat/MK19/").content.decode()
    assert "Lägesbild över den regionala utvecklingen" in sv and "Folkmängd" in sv
    en = client.get("/en/maakunnat/MK19/").content.decode()
    assert "Key indicators" in en and "turned positive" in en


def test_chart_spec_is_valid_json_with_region_and_country(client, snapshot):
    html = client.get("/maakunnat/MK02/").content.decode()
    start = html.index('<script id="spec-unemployment-rate" type="application/json">')
    body = html[html.index(">", start) + 1 : html.index("</script>", start)]
    spec = json.loads(body)
    areas = {row["area"] for row in spec["data"]["values"]}
    assert areas == {"Varsinais-Suomi", "koko maa"}
    assert spec["mark"]["type"] == "line"


def test_indicator_comparison_page(client, snapshot):
    html = client.get("/tilannekuva/indikaattorit/unemployment-rate/?vuosi=2015").content.decode()
    assert "maakunnittain 2015" in html
    assert html.index("Pohjois-Karjala") < html.index("Pohjanmaa</a>")  # ranked, highest first
    assert 'data-chart-spec="spec-map"' in html and 'data-chart-spec="spec-bars"' in html
    assert "Maanmittauslaitos" in html


def test_indicator_without_data_shows_the_import_command_not_numbers(client, snapshot):
    html = client.get("/tilannekuva/indikaattorit/gdp-per-capita/").content.decode()
    assert "ei ole vielä tuotu aineistoa" in html
    assert (
        "alke import-stats https://pxdata.stat.fi/PXWeb/api/v1/fi/StatFin/altp/statfin_altp_pxt_12bf.px"
        in html
    )
    assert "data-chart-spec" not in html


def test_index_and_dataset_pages(client, snapshot):
    html = client.get(reverse("situation:index")).content.decode()
    assert "5\xa0563\xa0970" in html  # whole country's population 2022
    assert "ei aineistoa" in html
    html = client.get(reverse("situation:dataset", args=["snapshot-tyonv-1001"])).content.decode()
    assert "Työttömät työnhakijat" in html and "voimassa" in html


def test_geojson_and_interpreter_are_served(client, reference):
    geo = client.get(reverse("situation:geojson"))
    assert json.loads(b"".join(geo.streaming_content))["features"][0]["properties"]["NATCODE"]
    js = client.get(reverse("situation:interpreter")).content.decode()
    assert "globalThis.vegaExpressionInterpreter = expression" in js and "from 'vega-util'" not in js


def test_exports(client, snapshot):
    base = "/tilannekuva/maakunnat/MK02/tilannekuva"
    response = client.get(f"{base}.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    pop = [r for r in rows if r["indicator"] == "population" and r["year"] == "2022"]
    assert {r["area"]: r["value"] for r in pop} == {"MK02": "485567", "SSS": "5563970"}
    assert all(r["source"] and r["licence"] for r in pop)  # attribution travels with the CSV (CC BY)
    xlsx = client.get(f"{base}.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb.sheetnames == ["Yhteenveto", "Aikasarjat", "Lähteet"]
    docx = client.get(f"{base}.docx")
    with zipfile.ZipFile(io.BytesIO(docx.content)) as z:
        document = z.read("word/document.xml").decode()
    assert "Varsinais-Suomi" in document and "485\xa0567" in document
    pdf = client.get(f"{base}.pdf")
    assert pdf.content.startswith(b"%PDF") and pdf["Content-Disposition"].endswith('.pdf"')
    assert client.get(f"{base}.odt").status_code == 404
    indicator_csv = client.get("/tilannekuva/indikaattorit/population/data.csv").content.decode("utf-8-sig")
    assert (
        indicator_csv.count("\n") == 1 + 20 * 23
    )  # header; 18 mainland regions, Åland and the country × 23 years


def test_analysis_visibility(client, client_for, users, snapshot, round_):
    save_analysis(
        users["region"],
        region=Region.objects.get(code="MK02"),
        round=round_,
        organisation=Organisation.objects.get(slug="liitto-mk02"),
        section=Analysis.Section.OUTLOOK,
        text="Teknologiateollisuuden tilauskanta kasvaa.",
    )
    assert "Teknologiateollisuuden" not in client.get("/maakunnat/MK02/").content.decode()
    assert "Teknologiateollisuuden" in client_for(users["aune"]).get("/maakunnat/MK02/").content.decode()


def test_analysis_write_permissions(client_for, users, reference, round_):
    region = Region.objects.get(code="MK02")
    own_org = Organisation.objects.get(slug="liitto-mk02")
    url = reverse("situation:analysis_edit", args=["MK02"])
    data = {"round": round_.pk, "organisation": own_org.pk, "section": "recent", "text": "Väestö kasvaa."}
    assert client_for(users["other_region"]).post(url, data).status_code == 403
    assert client_for(users["aune"]).get(url).status_code == 403
    response = client_for(users["region"]).post(url, data)
    assert response.status_code == 302
    analysis = Analysis.objects.get(region=region, section="recent")
    assert analysis.created_by == users["region"] and analysis.history.count() == 1
    # A ministry writes in its own name, not in the regional council's.
    ministry = client_for(users["ministry"])
    response = ministry.post(url, {**data, "organisation": own_org.pk})
    assert response.status_code == 200 and "organisation" in response.context["form"].errors
    okm = Organisation.objects.get(slug="okm")
    assert ministry.post(url, {**data, "organisation": okm.pk, "text": "OKM:n näkemys."}).status_code == 302
    assert Analysis.objects.filter(region=region).count() == 2


def test_empty_analysis_is_refused(client_for, users, reference, round_):
    url = reverse("situation:analysis_edit", args=["MK02"])
    org = Organisation.objects.get(slug="liitto-mk02")
    response = client_for(users["region"]).post(
        url, {"round": round_.pk, "organisation": org.pk, "section": "recent", "text": "   "}
    )
    assert response.status_code == 200 and not Analysis.objects.exists()


def test_upload_import_for_the_coordinator_only(client_for, users, reference):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from alke.situation.models import Dataset

    from .conftest import PX_11RC

    url = reverse("situation:import")
    assert client_for(users["region"]).get(url).status_code == 403
    coordinator = client_for(users["coordinator"])
    broken = SimpleUploadedFile("katkennut.px", PX_11RC.read_bytes()[:-200])
    response = coordinator.post(url, {"file": broken, "format": "auto"})
    assert response.status_code == 200 and "katkennut" in response.content.decode()
    dry = SimpleUploadedFile("11rc.px", PX_11RC.read_bytes())
    response = coordinator.post(url, {"file": dry, "format": "auto", "dry_run": "on"})
    assert "9063" in response.content.decode() and not Dataset.objects.exists()
    good = SimpleUploadedFile("11rc.px", PX_11RC.read_bytes())
    response = coordinator.post(url, {"file": good, "format": "px"})
    assert response.status_code == 302 and response["Location"].endswith(
        "/aineistot/statfin_vaerak_pxt_11rc/"
    )
    assert Dataset.objects.get().created_by == users["coordinator"]


def test_pdf_annex_chart_is_static_svg(snapshot):
    from alke.situation.charts import svg_line
    from alke.situation.picture import region_picture

    picture = region_picture(Region.objects.get(code="MK15"))
    population = next(s for s in picture["key"] if s.indicator.code == "population")
    svg = svg_line(population, "Pohjanmaa", "koko maa")
    assert svg.startswith("<svg") and svg.count("<polyline") == 2
    assert "indeksi 2000 = 100" in svg and "<script" not in svg
