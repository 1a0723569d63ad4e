"""Pages, exports and analysis texts: what each kind of user sees and may do."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse

from alke.core.permissions import Role
from alke.regions.models import Organisation, Region
from alke.situation.models import Analysis
from alke.situation.services import save_analysis
from tests.conftest import make_user
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
        "alke import-stats https://pxdata.stat.fi/PXWeb/api/v1/fi/StatFin/tkke/statfin_tkke_pxt_13vg.px"
        in html
    )
    assert "Tilastokeskuksen taulukko 13vg" in html  # an indicator without a source names its table
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
    html = client.get("/tilannekuva/indikaattorit/tertiary-education/").content.decode()
    assert "ei ole vielä tuotu aineistoa" in html and "Tilastokeskuksen taulukko 12bq" in html
    assert (
        "alke import-stats https://pxdata.stat.fi/PXWeb/api/v1/fi/StatFin/vkour/statfin_vkour_pxt_12bq.px"
        in html
    )
    assert "data-chart-spec" not in html


def test_region_page_covers_the_common_theme_with_periods_and_old_data(client, snapshot, round_):
    html = client.get("/maakunnat/MK13/").content.decode()
    assert "Yhteinen teema: Osaavan työvoiman saatavuus ja alueellinen liikkuvuus" in html
    for topic in ("Työllisyys", "Muuttoliike", "Ikärakenne", "Aluetalous"):
        assert f'<th scope="rowgroup" colspan="10" class="topic-row">{topic}</th>' in html
    for name in (
        "Työllisyysaste",
        "Maakuntien välinen nettomuutto",
        "Yli 64-vuotiaiden osuus",
        "Bruttokansantuote",
    ):
        assert name in html
    assert (
        "Elinkeinorakenne: työlliset toimialoittain 2023" in html
        and 'data-chart-spec="spec-structure"' in html
    )
    # The round is 2026: a value of 2020 is old, and says so with its year; cards show their period.
    assert "Tieto on vanha: viimeisin arvo on vuodelta 2020, kierros on 2026." in html
    assert "ajankohta 2022" in html
    assert "ennen vuoden 2021 kuntasiirtoja" in html  # a Eurostat series is on the page


def test_indicator_page_shows_period_old_data_and_nuts_note(client, snapshot, round_):
    html = client.get("/tilannekuva/indikaattorit/gdp-per-capita/").content.decode()
    assert "Ajankohta 2020." in html  # the regions' latest year
    assert "Tieto on vanha: viimeisin arvo on vuodelta 2020, kierros on 2026." in html
    assert "ennen vuoden 2021 kuntasiirtoja" in html
    html = client.get("/tilannekuva/indikaattorit/net-migration/").content.decode()
    assert "ennen vuoden 2021 kuntasiirtoja" not in html  # StatFin's own table: today's regions


def test_index_and_dataset_pages(client, snapshot):
    html = client.get(reverse("situation:index")).content.decode()
    assert "5\xa0563\xa0970" in html  # whole country's population 2022
    assert "ei aineistoa" in html
    # Every source with its latest period.
    assert "Lähteet ja niiden viimeisin ajanjakso" in html
    assert "2002–<strong>2022</strong>" in html  # 11a5 migration
    assert "2007–<strong>2023</strong>" in html  # 115i employed persons
    assert "2006M01–<strong>2020M10</strong>" in html  # tyonv 1001
    assert "nama_10r_3gdp" in html and "ennen vuoden 2021 kuntasiirtoja" in html
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


def test_import_page_previews_before_storing(client_for, users, reference):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from alke.situation.models import Dataset, PendingImport

    from .conftest import PX_11RC

    url = reverse("situation:import")
    assert client_for(users["region"]).get(url).status_code == 403
    coordinator = client_for(users["coordinator"])
    broken = SimpleUploadedFile("katkennut.px", PX_11RC.read_bytes()[:-200])
    response = coordinator.post(url, {"file": broken, "format": "auto"})
    assert response.status_code == 200 and "katkennut" in response.content.decode()
    response = coordinator.post(url, {"format": "auto"})
    assert "Anna joko tiedosto tai osoite" in response.content.decode()
    good = SimpleUploadedFile("11rc.px", PX_11RC.read_bytes())
    response = coordinator.post(url, {"file": good, "format": "auto"})
    html = response.content.decode()
    assert "Tuonnin esikatselu" in html and "uusi aineisto" in html and "9063 arvoa" in html
    assert not Dataset.objects.exists()  # nothing stored by the preview
    pending = PendingImport.objects.get()
    confirm = reverse("situation:import_confirm", args=[pending.token])
    # Only the one who previewed may confirm, and only a coordinator at all.
    assert client_for(users["region"]).post(confirm, {"action": "confirm"}).status_code == 403
    other = make_user("toinen", "tem", Role.COORDINATOR)
    response = client_for(other).post(confirm, {"action": "confirm"}, follow=True)
    assert "vanhentunut" in response.content.decode() and not Dataset.objects.exists()
    response = client_for(users["coordinator"]).post(confirm, {"action": "confirm"})
    assert response.status_code == 302 and response["Location"].endswith(
        "/aineistot/statfin_vaerak_pxt_11rc/"
    )
    assert Dataset.objects.get().created_by == users["coordinator"] and not PendingImport.objects.exists()
    # The same release again: the preview says it is a duplicate and offers no confirmation.
    again = coordinator.post(
        url, {"file": SimpleUploadedFile("kopio.px", PX_11RC.read_bytes()), "format": "auto"}
    )
    html = again.content.decode()
    assert "sama julkaisu on jo tuotu (aineisto statfin_vaerak_pxt_11rc, versio 1)" in html
    assert 'value="confirm"' not in html


def test_import_page_from_an_address_with_revisions(client_for, users, reference, pxweb):
    from alke.situation.models import DatasetVersion, PendingImport

    from .conftest import JSONSTAT

    path = "/PXWeb/api/v1/fi/StatFin/aku/statfin_aku_pxt_12dz.px"
    data = json.loads((JSONSTAT / "statfin_12dz_fi.json").read_text())
    pxweb.answer("POST", path, json.dumps(data).encode())
    coordinator = client_for(users["coordinator"])
    url = reverse("situation:import")
    query = '{"query": [{"code": "Vuosi", "selection": {"filter": "all", "values": ["*"]}}]}'
    coordinator.post(url, {"url": pxweb.url(path), "query": query, "format": "auto"})
    token = PendingImport.objects.get().token
    coordinator.post(reverse("situation:import_confirm", args=[token]), {"action": "confirm"})
    version = DatasetVersion.objects.get(dataset__code="statfin_aku_pxt_12dz")
    assert version.query["query"][0]["code"] == "Vuosi" and version.query["response"] == {
        "format": "json-stat2"
    }
    data["value"][6] = 1452900  # 2022 revised
    data["dimension"]["timeperiod_y"]["category"]["index"].append("2023")
    data["dimension"]["timeperiod_y"]["category"]["label"]["2023"] = "2023"
    data["size"][0] = 8
    data["value"].append(1400000)
    pxweb.answer("POST", path, json.dumps(data).encode())
    html = coordinator.post(url, {"url": pxweb.url(path), "query": query, "format": "auto"}).content.decode()
    assert "uusi versio 2" in html and "Uudet ajanjaksot: 2023" in html
    # Cells are compared by their codes, so the added year does not hide the revision.
    assert "Korjattuja arvoja 1, aiemmin puuttuneita nyt 0, nyt puuttuvia 0." in html
    assert "timeperiod_y=2022" in html and "1\xa0452\xa0840" in html and "1\xa0452\xa0900" in html
    token = PendingImport.objects.get().token
    response = coordinator.post(reverse("situation:import_confirm", args=[token]), {"action": "cancel"})
    assert response.status_code == 302 and not PendingImport.objects.exists()
    assert DatasetVersion.objects.filter(dataset__code="statfin_aku_pxt_12dz").count() == 1


def test_pdf_annex_chart_is_static_svg(snapshot):
    from alke.situation.charts import svg_line
    from alke.situation.picture import region_picture

    picture = region_picture(Region.objects.get(code="MK15"))
    population = next(s for s in picture["key"] if s.indicator.code == "population")
    svg = svg_line(population, "Pohjanmaa", "koko maa")
    assert svg.startswith("<svg") and svg.count("<polyline") == 2
    assert "indeksi 2000 = 100" in svg and "<script" not in svg
