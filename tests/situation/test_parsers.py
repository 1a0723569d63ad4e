"""Parsers against the real StatFin PX file and the real PxWebApi 2.0 JSON-stat2 responses."""

from __future__ import annotations

import json

import pytest

from alke.situation.parsers import (
    StatsFormatError,
    detect_format,
    parse,
    parse_jsonstat2,
    parse_px,
    parse_pxweb_json,
)

from .conftest import PX_11RC, SCB_DATA, SCB_META


def test_px_multilingual_statfin_table():
    cube = parse_px(PX_11RC.read_bytes())
    assert cube.table_id == "statfin_vaerak_pxt_11rc"
    assert [d.code for d in cube.dims] == ["Vuosi", "Sukupuoli", "Ikä", "Tiedot"]
    assert cube.sizes == [159, 3, 19, 1]
    year, sex, age, info = cube.dims
    assert year.role == "time" and info.role == "metric"
    # Labels in all three languages come from the VALUES[sv]/VALUES[en] keys; codes from CODES.
    assert year.labels == {"fi": "Vuosi", "sv": "År", "en": "Year"}
    assert sex.categories[2].code == "2"
    assert sex.categories[2].labels == {"fi": "Naiset", "sv": "Kvinnor", "en": "Females"}
    assert age.categories[0].code == "SSS"
    assert info.categories[0].labels["en"] == "Population 31 Dec"
    assert cube.source["sv"] == "Statistikcentralen, befolkningsstruktur"
    assert cube.updated.year == 2024 and cube.updated.month == 4
    # First row is 1865: total population, then the first age group; the last value is 2023 females 85+.
    assert cube.values[0] == 1843245
    assert cube.values[1] == 264002
    assert len(cube.values) == 159 * 3 * 19


def test_px_2023_total_matches_published_population():
    cube = parse_px(PX_11RC.read_bytes())
    years = [c.code for c in cube.dims[0].categories]
    row = years.index("2022")
    # Row-major: Vuosi × Sukupuoli × Ikä; total sex, total age is the first cell of the row.
    assert cube.values[row * 3 * 19] == 5563970


def test_px_missing_values_are_missing_not_zero():
    raw = PX_11RC.read_bytes()
    head, _sep, data = raw.partition(b"DATA=")
    tokens = data.split()
    tokens[0] = b'".."'
    tokens[1] = b'"..."'
    cube = parse_px(head + b"DATA=\r\n" + b" ".join(tokens))
    assert cube.values[0] is None and cube.values[1] is None
    assert cube.status[0] == ".." and cube.status[1] == "..."
    assert cube.values[2] == 196804


def test_px_truncated_file_is_rejected_with_reason():
    raw = PX_11RC.read_bytes()
    with pytest.raises(StatsFormatError, match="katkennut"):
        parse_px(raw[: len(raw) - 500])
    with pytest.raises(StatsFormatError, match="DATA"):
        parse_px(raw[:5000])


def test_px_value_count_mismatch_names_sizes():
    raw = PX_11RC.read_bytes()
    head, _sep, data = raw.partition(b"DATA=")
    shortened = b" ".join(data.split()[:-2]) + b";"
    with pytest.raises(StatsFormatError, match=r"159 × 3 × 19 × 1"):
        parse_px(head + b"DATA=" + shortened)


def test_jsonstat2_pxwebapi_v2_response():
    cube = parse_jsonstat2(SCB_DATA.read_bytes())
    assert cube.table_id == "TAB6471"
    assert [d.code for d in cube.dims] == ["Region", "Alder", "Kon", "ContentsCode", "Tid"]
    assert cube.sizes == [21, 11, 3, 1, 4]
    region, _age, _sex, contents, tid = cube.dims
    assert region.role == "geo" and tid.role == "time" and contents.role == "metric"
    # The response is in Swedish: labels are kept under 'sv'.
    assert region.categories[0].labels == {"sv": "Stockholms län"}
    assert contents.categories[0].units == {"sv": "antal"}
    assert cube.values[:4] == [245284, 247245, 249358, 251635]
    assert cube.updated.year == 2026


def test_jsonstat2_nulls_and_sparse_values_are_missing():
    data = json.loads(SCB_DATA.read_text())
    data["value"][0] = None
    data["status"] = {"0": ".."}
    cube = parse_jsonstat2(data)
    assert cube.values[0] is None and cube.status[0] == ".."
    data["value"] = {"1": 5, "7": 0}
    cube = parse_jsonstat2(data)
    assert cube.values[0] is None and cube.values[1] == 5.0 and cube.values[7] == 0.0


def test_jsonstat2_errors_name_the_problem():
    with pytest.raises(StatsFormatError, match="metatieto"):
        parse_jsonstat2(SCB_META.read_bytes())
    data = json.loads(SCB_DATA.read_text())
    data["size"][0] = 20
    with pytest.raises(StatsFormatError, match="Region"):
        parse_jsonstat2(data)
    data = json.loads(SCB_DATA.read_text())
    data["value"] = data["value"][:-1]
    with pytest.raises(StatsFormatError, match="2771"):
        parse_jsonstat2(data)
    with pytest.raises(StatsFormatError, match="JSON"):
        parse(SCB_DATA.read_bytes()[:5000])


def test_pxweb_v1_json_format():
    response = {
        "columns": [
            {"code": "Alue", "text": "Alue", "type": "d"},
            {"code": "Vuosi", "text": "Vuosi", "type": "t"},
            {"code": "vaesto", "text": "Väestö 31.12.", "type": "c", "unit": "henkeä"},
        ],
        "comments": [],
        "data": [
            {"key": ["MK01", "2021"], "values": ["1714741"]},
            {"key": ["MK01", "2022"], "values": ["1733033"]},
            {"key": ["MK02", "2021"], "values": [".."]},
        ],
        "metadata": [{"updated": "2023-04-28T05:00:00Z", "label": "Väestö", "source": "Tilastokeskus"}],
    }
    cube = parse_pxweb_json(json.dumps(response).encode())
    assert cube.sizes == [2, 2, 1]
    assert cube.dims[0].role == "geo" and cube.dims[1].role == "time"
    assert cube.values == [1714741.0, 1733033.0, None, None]  # MK02 2022 absent, 2021 "..": both missing
    assert cube.status == {2: ".."}
    assert detect_format(json.dumps(response).encode()) == "pxweb-json"


def test_unknown_format():
    with pytest.raises(StatsFormatError, match="muotoa ei tunnistettu"):
        parse(b"kunta;arvo\n005;1\n")
    with pytest.raises(StatsFormatError, match="Tuntematon muoto"):
        parse(PX_11RC.read_bytes(), "xml")
