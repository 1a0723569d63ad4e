"""Real published files (tests/fixtures/SOURCES.md) import to the publishers' values.

Each of the import defects of the issue has its test here on a file as published; the numbers
asserted are read from the files themselves (quoted in the comments).
"""

from __future__ import annotations

import io
import json
import time
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command

from alke.situation import cells
from alke.situation.models import Category, Dataset, DatasetVersion, Dimension
from alke.situation.parsers import StatsFormatError, parse, parse_all, parse_px

from .conftest import JSONSTAT, PX, PX_11RC, PXWEB_JSON, SCB_DATA


def cell(cube, **codes):
    """The value and status of the cell with these codes (one per dimension)."""
    pos = 0
    for dim in cube.dims:
        pos = pos * dim.size + dim.codes.index(codes[dim.code])
    return cube.values[pos], cube.status.get(pos, "")


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_stats", *map(str, args), stdout=out)
    return out.getvalue()


# ---------------------------------------------------------------- 1. codes of digits are codes


def test_dataset_code_of_digits_is_never_read_as_an_id(client, reference):
    """INE's table 14001 has MATRIX="14001"; an id 14001 does not exist, a dataset 0001 is not id 1."""
    run(PX / "ine_14001.px")
    dataset = Dataset.objects.get(code="14001")
    answer = client.get(
        "/api/v1/datasets/14001/cells",
        {
            "Comunidad Autónoma de residencia del matrimonio": "CA00",
            "edad de los cónyuges": "Todas las edades",
            "sexo ": "Esposos",
        },
    ).json()
    # DATA's first row: 162743 131818 1600 29325 (husbands: total, single, widowed, divorced)
    assert [c["value"] for c in answer["items"]] == [162743, 131818, 1600, 29325]
    assert answer["dataset"] == "14001"
    # A second dataset whose code happens to be the first one's id in digits.
    run(JSONSTAT / "jsonstat_org_canada.json", "--dataset", f"{dataset.pk:04d}")
    other = client.get(f"/api/v1/datasets/{dataset.pk:04d}").json()
    assert other["code"] == f"{dataset.pk:04d}" and other["name_en"].startswith("Population by sex")
    assert client.get(f"/api/v1/datasets/{dataset.pk}").status_code == 404  # an id is not a code
    assert client.get("/api/v1/datasets/14001").json()["table_id"] == "14001"


# ---------------------------------------------------------------- 2. the release decides


def test_same_release_under_another_name_is_a_duplicate(reference, tmp_path):
    renamed = tmp_path / "vaesto_ika_sukupuoli.px"
    renamed.write_bytes(PX_11RC.read_bytes())
    run(PX_11RC)
    dry = run(renamed, "--dry-run")
    assert "duplicate" in dry and "statfin_vaerak_pxt_11rc version 1" in dry
    again = run(renamed, "--dataset", "vaesto-kopio")
    assert "statfin_vaerak_pxt_11rc" in again and "Mitään ei lisätty" in again
    assert Dataset.objects.count() == 1 and DatasetVersion.objects.count() == 1


# ---------------------------------------------------------------- 3. a one-element status array


def test_one_element_status_applies_to_every_value():
    """Statistics Canada's sample: "status" : ["a"] for 120 values."""
    cube = parse((JSONSTAT / "jsonstat_org_canada.json").read_bytes())
    assert len(cube.values) == 120 and cube.status == dict.fromkeys(range(120), "a")
    assert cell(cube, country="CA", year="2012", age="T", concept="POP", sex="T") == (34880.5, "a")
    assert cell(cube, country="CA", year="2012", age="4", concept="PERCENT", sex="F") == (5.3, "a")


def test_status_by_position_and_sparse_values():
    """OECD: status {"10": "e", …}; ABS hierarchy: "value": {"0": null} over 132 categories."""
    oecd = parse((JSONSTAT / "jsonstat_org_oecd.json").read_bytes())
    assert cell(oecd, concept="UNR", area="AU", year="2003") == (5.943826289, "")
    assert oecd.status[10] == "e" and oecd.values[10] == 5.50415003  # AU 2013, estimated
    hierarchy = parse((JSONSTAT / "jsonstat_org_hierarchy.json").read_bytes())
    assert hierarchy.values == [None] * 132
    commodity = hierarchy.dims[0]
    assert {c.code: c.parent for c in commodity.categories}["1.1.1"] == "1.1"


# ---------------------------------------------------------------- 4. DATA rows ending with ';'


def test_px_rows_ending_with_semicolon_import():
    cube = parse_px((PX / "ine_14001.px").read_bytes())
    assert cube.sizes == [21, 48, 2, 4]
    assert cube.values[:8] == [162743, 131818, 1600, 29325, 162743, 133675, 930, 28138]
    # Andalucía (CA01), aged 30, wives, total: the row "1714 1699 ".." 15 1951 1900 1 50;"
    wives = cell(
        cube,
        **{
            "Comunidad Autónoma de residencia del matrimonio": "CA01",
            "edad de los cónyuges": "De 30",
            "sexo ": "Esposas",
            "estado civil anterior de los cónyuges": "Total",
        },
    )
    assert wives == (1951, "")
    # The last row "28 6 6 16 10 4 2 4;;" ends the file.
    assert cube.values[-8:] == [28, 6, 6, 16, 10, 4, 2, 4]
    missing = cell(
        cube,
        **{
            "Comunidad Autónoma de residencia del matrimonio": "CA00",
            "edad de los cónyuges": "Menos de 15",
            "sexo ": "Esposos",
            "estado civil anterior de los cónyuges": "Total",
        },
    )
    assert missing == (None, "..")


def test_px_count_mismatch_says_what_was_found_where():
    raw = (PX / "ine_14001.px").read_bytes()
    shortened = raw.replace(b"28 6 6 16 10 4 2 4;;", b"28 6 6 16 10 4 2;;")
    with pytest.raises(StatsFormatError) as info:
        parse_px(shortened)
    message = str(info.value)
    assert "8063" in message and "8064" in message  # found and expected
    assert "1008 riviä" in message and "7, 8" in message  # rows, and the counts per row found
    assert "21 × 48 × 2 × 4" in message


# ---------------------------------------------------------------- 5. an empty DESCRIPTION


def test_empty_description_leaves_the_title(reference):
    cube = parse_px((PX / "ine_1001.px").read_bytes())
    assert cube.title["es"].startswith("Errores de muestreo relativos, en porcentaje, de los parados")
    run(PX / "ine_icane_27067.px")
    dataset = Dataset.objects.get(code="2015_cc")
    assert dataset.name == "Índices nacionales y por comunidad autónoma de divisiones."
    assert dataset.other_names == {"es": "Índices nacionales y por comunidad autónoma de divisiones."}


# ---------------------------------------------------------------- 6. time without TIMEVAL


def test_time_dimension_recognised_without_timeval():
    quarters = parse_px((PX / "ine_1001.px").read_bytes())
    period = quarters.dims[2]
    assert period.code == "Periodo" and period.role == "time" and period.codes[:2] == ["2013T4", "2013T3"]
    # First value 0.86: total, both sexes, 2013T4; last 5.95: first-job seekers, women, 2008T1.
    assert quarters.values[0] == 0.86 and quarters.values[-1] == 5.95
    months = parse_px((PX / "ine_icane_27067.px").read_bytes())
    assert [d.role for d in months.dims] == ["geo", "other", "other", "time"]
    assert months.dims[3].codes == [
        "2018M12",
        "2018M11",
        "2018M10",
        "2018M09",
        "2018M08",
        "2018M07",
        "2018M06",
    ]
    assert months.status[0] == ".." and "." in months.status.values()
    # A table with no period at all gets no time dimension.
    assert "time" not in {d.role for d in parse_px((PX / "ine_14001.px").read_bytes()).dims}


def test_time_recognised_in_indicator_computation_for_every_period_form():
    from alke.situation.compute import period

    assert period("2024") == (2024, None, "year")
    assert period("2024Q1") == period("2024K1") == period("2024T1") == (2024, 3, "quarter")
    assert period("2024M01") == (2024, 1, "month")


# ---------------------------------------------------------------- 7. the language of the labels


def test_swedish_statfin_response_is_stored_as_swedish(reference, tmp_path):
    """PxWebApi 2.0 answers have no language tag; "År" and "Uppgifter" are Swedish, not Finnish."""
    run(JSONSTAT / "statfin_12dz_sv.json", "--dataset", "statfin-12dz-sv")
    version = Dataset.objects.get(code="statfin-12dz-sv").current_version
    assert version.language == "sv"
    year = Dimension.objects.get(version=version, code="timeperiod_y")
    assert (year.label_fi, year.label_sv) == ("", "År") and year.label == "År"
    total = Category.objects.get(dimension__version=version, code="SSS")
    assert (total.label_fi, total.label_sv) == ("", "Totalt")
    dataset = version.dataset
    assert dataset.name_sv.startswith("12dz -- Deltagande i vuxenutbildning") and dataset.name_fi == ""
    assert dataset.source_sv == "Statistikcentralen, deltagande i vuxenutbildning"
    assert cells.read(version, [0, 6]) == {0: (1526457.0, ""), 6: (1452840.0, "")}
    finnish = parse((JSONSTAT / "statfin_12dz_fi.json").read_bytes())
    assert finnish.language == "fi" and finnish.dims[0].labels == {"fi": "Vuosi"}


def test_language_from_the_request_address():
    """The address asked for Swedish (/api/v1/sv/…); the file itself says nothing."""
    raw = (JSONSTAT / "statfin_12dz_age_sv.json").read_bytes()
    cube = parse(raw, origin="https://pxdata.stat.fi/PXWeb/api/v1/sv/StatFin/aku/statfin_aku_pxt_12dz.px")
    assert cube.language == "sv" and cube.dims[1].categories[1].labels == {"sv": "18 - 24"}


def test_px_without_finnish_fills_its_own_languages(reference):
    """The Swiss FSO's file is de/fr/it/en: English labels go to the English fields, the others aside."""
    run(PX / "bfs_px-x-0602000000_107.px")
    version = Dataset.objects.get(code="px-x-0602000000_107").current_version
    assert version.language == "de"
    division = Dimension.objects.get(version=version, code="Wirtschaftsabteilung")
    assert (division.label_fi, division.label_en) == ("", "Economic division")
    assert division.other_labels == {
        "de": "Wirtschaftsabteilung",
        "fr": "Division économique",
        "it": "Divisione economica",
    }
    trade = Category.objects.get(dimension=division, code="45-47")
    assert trade.other_labels["fr"].startswith(
        "45-47 Commerce, réparation d’automobiles"
    )  # ’ is Windows-1252
    assert division.total_code == "5-96"  # ELIMINATION("Wirtschaftsabteilung")="5-96 Total"
    # DATA starts 9.1091 9.2381 … (2004Q1, 2004Q2 of the first row)
    assert cells.read(version, [0, 1]) == {0: (9.1091, ""), 1: (9.2381, "")}


# ---------------------------------------------------------------- 8. time zones


def test_time_zone_offsets_are_converted_and_local_times_made_utc():
    cantabria = parse((JSONSTAT / "icane_cantabria_epa.json").read_bytes())
    assert cantabria.updated == datetime(2017, 1, 25, 23, 0, tzinfo=UTC)  # 2017-01-26T00:00:00+01:00
    statfin = parse_px(PX_11RC.read_bytes())
    assert statfin.updated == datetime(2024, 4, 26, 5, 0, tzinfo=UTC)  # "20240426 08:00" in Helsinki
    swiss = parse_px((PX / "bfs_px-x-0602000000_107.px").read_bytes())
    assert swiss.updated == datetime(2023, 2, 24, 7, 30, tzinfo=UTC)  # "20230224 08:30" in Zurich
    pxwebapi2 = parse((JSONSTAT / "statfin_12dz_fi.json").read_bytes())
    assert pxwebapi2.updated == datetime(2023, 10, 6, 5, 0, tzinfo=UTC)  # "2023-10-06T08:00:00", Helsinki
    scb = parse((PXWEB_JSON / "scb_v1_BefolkningNy_en.json").read_bytes())
    assert scb.updated == datetime(2025, 2, 21, 7, 0, tzinfo=UTC)  # "2025-02-21T07:00:00Z"


def test_stored_update_time_is_the_converted_one(reference):
    run(JSONSTAT / "icane_cantabria_epa.json", "--dataset", "icane-epa")
    stored = Dataset.objects.get(code="icane-epa").current_version.source_updated
    assert stored == datetime(2017, 1, 25, 23, 0, tzinfo=UTC)


# ---------------------------------------------------------------- 9. JSON-stat 1.x and PxWeb json


@pytest.mark.parametrize("name", ["jsonstat_org_oecd_canada_v1.json", "scb_statswe_v1.json"])
def test_jsonstat_1_is_refused_by_name(reference, name):
    with pytest.raises(CommandError, match=r"JSON-stat 1\.x .*2\.0"):
        run(JSONSTAT / name)
    assert not Dataset.objects.exists()


def test_pxweb_json_value_dimension_takes_the_files_language():
    swedish = parse((PXWEB_JSON / "scb_v1_ME0104T24_sv.json").read_bytes())
    assert swedish.language == "sv"
    contents = swedish.dims[-1]
    assert contents.code == "ContentsCode" and contents.labels == {"sv": "Uppgifter"}
    assert contents.categories[0].labels == {"sv": "Antal personröster"}
    assert cell(swedish, Parti="M", Kon="1", Tid="2002", ContentsCode="ME0104AV") == (133222, "")
    english = parse((PXWEB_JSON / "scb_v1_BefolkningNy_en.json").read_bytes())
    assert english.dims[-1].labels == {"en": "Information"} and english.dims[0].labels == {"en": "year"}
    assert cell(english, Tid="2011", ContentsCode="BE0101N1") == (9482855, "")
    assert any("difference between the population" in note for note in english.notes)


# ---------------------------------------------------------------- the CODEPAGE


def test_codepage_must_be_a_text_encoding():
    raw = PX_11RC.read_bytes()
    for codec in ("punycode", "rot13", "zlib", "base64", "no-such-codepage"):
        started = time.perf_counter()
        with pytest.raises(StatsFormatError, match="CODEPAGE"):
            parse_px(raw.replace(b'CODEPAGE="iso-8859-15"', f'CODEPAGE="{codec}"'.encode()))
        assert time.perf_counter() - started < 1  # refused before decoding, not after
    for codec in ("windows-1252", "ISO-8859-1", "latin1"):
        cube = parse_px(raw.replace(b'CODEPAGE="iso-8859-15"', f'CODEPAGE="{codec}"'.encode()))
        assert cube.dims[1].categories[2].labels["sv"] == "Kvinnor"


# ---------------------------------------------------------------- JSON-stat 2.0 variants


def test_jsonstat_variants_of_the_samples():
    galicia = parse((JSONSTAT / "jsonstat_org_galicia.json").read_bytes())
    assert [d.role for d in galicia.dims] == ["geo", "other", "other", "time", "geo", "metric"]
    assert galicia.values[:3] == [2695880, 1096027, 357648]
    gsp = parse((JSONSTAT / "jsonstat_org_us_gsp.json").read_bytes())
    concept = gsp.dims[2]
    assert concept.categories[0].units == {"en": "million"} and concept.categories[0].decimals == 0
    assert cell(gsp, year="2013", state="01", concept="gsp") == (174400, "")
    both = parse_all((JSONSTAT / "jsonstat_org_oecd_canada_col.json").read_bytes())
    assert [c.name for c in both] == ["oecd", "canada"] and both[1].values[0] == 34880.5
    with pytest.raises(StatsFormatError, match="ei ole luku"):
        parse((JSONSTAT / "jsonstat_org_order.json").read_bytes())  # text values, not a table of numbers


def test_collection_imports_each_dataset(reference):
    out = run(JSONSTAT / "jsonstat_org_oecd_canada_col.json")
    assert "oecd: version 1 stored" in out and "canada: version 1 stored" in out
    assert set(Dataset.objects.values_list("code", flat=True)) == {"oecd", "canada"}


def test_sparse_values_and_statuses_survive_storage(client, reference):
    run(JSONSTAT / "jsonstat_org_oecd.json", "--dataset", "oecd")
    answer = client.get("/api/v1/datasets/oecd/cells", {"area": "AU", "year": ["2003", "2013"]}).json()
    assert [(c["value"], c["status"]) for c in answer["items"]] == [(5.943826289, ""), (5.50415003, "e")]


def test_pxwebapi2_response_round_trip(client, reference):
    data = json.loads(SCB_DATA.read_text())
    run(SCB_DATA)
    answer = client.get(
        "/api/v1/datasets/tab6471/cells", {"Region": "01", "Kon": "TotSa", "Alder": "0-9"}
    ).json()
    assert [c["value"] for c in answer["items"]] == data["value"][:4]
