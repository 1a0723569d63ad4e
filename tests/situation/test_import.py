"""Importing tables: versions, idempotence, all-or-nothing, permissions, the command and the live client."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from alke.situation import cells
from alke.situation.models import CellBlock, Dataset, DatasetVersion, Dimension
from alke.situation.parsers import parse_jsonstat2
from alke.situation.services import import_cube

from .conftest import JSONSTAT, PX_11RC, SCB_DATA, SCB_META


def test_px_import_keeps_labels_and_cells(reference):
    call_command("import_stats", str(PX_11RC), stdout=io.StringIO())
    dataset = Dataset.objects.get(code="statfin_vaerak_pxt_11rc")
    assert dataset.name_sv.startswith("11rc -- Befolkning")
    assert dataset.source_en == "Statistics Finland, population structure"
    assert dataset.licence == "CC BY 4.0"  # Statistics Finland's open data licence
    version = dataset.current_version
    assert version.number == 1 and version.format == "px" and version.cell_count == 9063
    assert version.source_updated.year == 2024
    dims = list(Dimension.objects.filter(version=version).order_by("position"))
    assert [d.label_sv for d in dims] == ["År", "Kön", "Ålder", "Uppgifter"]
    assert dims[1].categories.get(code="2").label_en == "Females"
    assert cells.read(version, [0, 9062]) == {0: (1843245.0, ""), 9062: (108625.0, "")}


def test_same_release_twice_adds_nothing_newer_release_adds_version(reference):
    data = json.loads(SCB_DATA.read_text())
    first = import_cube(parse_jsonstat2(data))
    again = import_cube(parse_jsonstat2(data))
    assert first.created and not again.created
    assert DatasetVersion.objects.filter(dataset__code="tab6471").count() == 1
    data["value"][0] = 245300
    data["updated"] = "2026-07-08T06:00:00Z"
    newer = import_cube(parse_jsonstat2(data))
    versions = list(DatasetVersion.objects.filter(dataset__code="tab6471").order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert [v.is_current for v in versions] == [False, True]
    # The old release keeps its own values.
    assert cells.read(versions[0], [0])[0] == (245284.0, "")
    assert cells.read(newer.version, [0])[0] == (245300.0, "")


def test_missing_values_are_not_stored_as_zero(reference):
    data = json.loads(SCB_DATA.read_text())
    data["value"][3] = None
    data["status"] = {"3": ".."}
    result = import_cube(parse_jsonstat2(data))
    assert result.missing == 1
    assert cells.read(result.version, [2, 3]) == {2: (249358.0, ""), 3: (None, "..")}


def test_dry_run_stores_nothing(reference):
    out = []
    call_command("import_stats", str(SCB_DATA), "--dry-run", stdout=_Collect(out))
    assert "nothing stored" in "".join(out)
    assert not Dataset.objects.exists()


def test_bad_input_stores_nothing_and_names_the_problem(reference, tmp_path):
    broken = tmp_path / "katkennut.px"
    broken.write_bytes(PX_11RC.read_bytes()[:-300])
    with pytest.raises(CommandError, match="katkennut"):
        call_command("import_stats", str(broken))
    wrong = tmp_path / "koot.json"
    data = json.loads(SCB_DATA.read_text())
    data["size"][4] = 5
    wrong.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="Tid"):
        call_command("import_stats", str(wrong))
    with pytest.raises(CommandError, match="PX-tiedostosta puuttuu DATA"):
        call_command("import_stats", str(SCB_DATA), "--format", "px")
    table = tmp_path / "taulukko.csv"
    table.write_text("kunta;arvo\n005;1\n")
    with pytest.raises(CommandError, match="muotoa ei tunnistettu"):
        call_command("import_stats", str(table))
    assert not Dataset.objects.exists() and not CellBlock.objects.exists()


def test_failure_while_storing_rolls_back(reference, monkeypatch):
    from alke.situation import services

    def explode(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.cells, "write", explode)
    with pytest.raises(RuntimeError):
        import_cube(parse_jsonstat2(SCB_DATA.read_bytes()))
    assert not Dataset.objects.exists() and not Dimension.objects.exists()


def test_import_requires_permission(users):
    cube = parse_jsonstat2(SCB_DATA.read_bytes())
    for role in ("region", "ministry", "aune", "nobody"):
        with pytest.raises(PermissionDenied):
            import_cube(cube, user=users[role])
    assert import_cube(cube, user=users["coordinator"]).created
    assert Dataset.objects.get(code="tab6471").created_by == users["coordinator"]


V1_PATH = "/PXWeb/api/v1/fi/StatFin/aku/statfin_aku_pxt_12dz.px"
V2_PATH = "/api/v2/tables/TAB6471"


def test_live_import_posts_the_query_as_json_stat2(reference, pxweb, tmp_path):
    """PxWeb API v1: the query is POSTed with JSON-stat 2 asked for, and stored with the version."""
    pxweb.answer("POST", V1_PATH, (JSONSTAT / "statfin_12dz_fi.json").read_bytes())
    query = tmp_path / "kysely.json"
    query.write_text(
        json.dumps({"query": [{"code": "Vuosi", "selection": {"filter": "item", "values": ["2022"]}}]})
    )
    url = pxweb.url(V1_PATH)
    call_command("import_stats", url, "--query", str(query), stdout=io.StringIO())
    method, _path, body = pxweb.requests[-1]
    assert method == "POST" and body["response"] == {"format": "json-stat2"}
    assert body["query"][0]["code"] == "Vuosi"
    version = Dataset.objects.get(code="statfin_aku_pxt_12dz").current_version
    assert version.origin == url and version.query == body
    assert version.source_updated.isoformat() == "2023-10-06T05:00:00+00:00"


def test_table_address_without_a_query_posts_a_select_all_query(reference, pxweb):
    """A GET on a PxWeb table gives only its metadata, so the command shown on indicator pages must POST."""
    pxweb.answer("POST", V1_PATH, (JSONSTAT / "statfin_12dz_fi.json").read_bytes())
    call_command("import_stats", pxweb.url(V1_PATH), stdout=io.StringIO())
    assert [(m, b) for m, _p, b in pxweb.requests] == [
        ("POST", {"query": [], "response": {"format": "json-stat2"}})
    ]
    assert Dataset.objects.get(code="statfin_aku_pxt_12dz").current_version.query == {
        "query": [],
        "response": {"format": "json-stat2"},
    }


def test_pxwebapi2_table_selects_every_value_from_its_metadata(reference, pxweb):
    pxweb.answer("GET", V2_PATH + "/metadata", SCB_META.read_bytes())
    pxweb.answer("POST", V2_PATH + "/data", SCB_DATA.read_bytes())
    call_command("import_stats", pxweb.url(V2_PATH + "/data?lang=sv"), stdout=io.StringIO())
    (get, _p, _b), (post, path, body) = pxweb.requests
    assert get == "GET" and post == "POST" and "outputFormat=json-stat2" in path and "lang=sv" in path
    assert body == {
        "selection": [
            {"variableCode": v, "valueCodes": ["*"]}
            for v in ["Region", "Alder", "Kon", "ContentsCode", "Tid"]
        ]
    }
    version = Dataset.objects.get(code="tab6471").current_version
    assert version.query == body and version.cell_count == 2772 and version.language == "sv"


def test_refresh_stats_adds_a_version_only_for_a_new_release(reference, pxweb):
    fi = json.loads((JSONSTAT / "statfin_12dz_fi.json").read_text())
    pxweb.answer("POST", V1_PATH, json.dumps(fi).encode())
    pxweb.answer("GET", V2_PATH + "/metadata", SCB_META.read_bytes())
    pxweb.answer("POST", V2_PATH + "/data", SCB_DATA.read_bytes())
    call_command("import_stats", pxweb.url(V1_PATH), stdout=io.StringIO())
    call_command("import_stats", pxweb.url(V2_PATH), stdout=io.StringIO())
    import_cube(
        parse_jsonstat2(SCB_DATA.read_bytes()), dataset_code="tiedostosta"
    )  # no address: not refreshed

    out = io.StringIO()
    call_command("refresh_stats", stdout=out)
    text = out.getvalue()
    assert "statfin_aku_pxt_12dz: Sama julkaisu on jo tuotu" in text and "tab6471: Sama julkaisu" in text
    assert "2 datasets checked: 0 new releases, 0 failed" in text
    assert DatasetVersion.objects.filter(dataset__code__in=["statfin_aku_pxt_12dz", "tab6471"]).count() == 2
    # The v2 refresh asked with the stored selection, not the metadata again.
    assert pxweb.requests[-1][2]["selection"][0] == {"variableCode": "Region", "valueCodes": ["*"]}

    fi["value"][-1] = 1452841  # a revised value: a new release of 12dz
    fi["updated"] = "2024-10-04T08:00:00"
    pxweb.answer("POST", V1_PATH, json.dumps(fi).encode())
    out = io.StringIO()
    call_command("refresh_stats", stdout=out)
    assert "statfin_aku_pxt_12dz: uusi julkaisu, versio 2" in out.getvalue()
    versions = list(DatasetVersion.objects.filter(dataset__code="statfin_aku_pxt_12dz").order_by("number"))
    assert [v.is_current for v in versions] == [False, True]
    assert cells.read(versions[1], [6])[6] == (1452841.0, "") and cells.read(versions[0], [6])[6] == (
        1452840.0,
        "",
    )
    assert DatasetVersion.objects.filter(dataset__code="tab6471").count() == 1


def test_refresh_stats_goes_on_past_a_failing_service_and_says_so(reference, pxweb):
    pxweb.answer("POST", V1_PATH, (JSONSTAT / "statfin_12dz_fi.json").read_bytes())
    pxweb.answer("GET", V2_PATH + "/metadata", SCB_META.read_bytes())
    pxweb.answer("POST", V2_PATH + "/data", SCB_DATA.read_bytes())
    call_command("import_stats", pxweb.url(V1_PATH), stdout=io.StringIO())
    call_command("import_stats", pxweb.url(V2_PATH), stdout=io.StringIO())
    pxweb.answer("POST", V1_PATH, b'{"error": "maintenance"}', status=503)
    out = io.StringIO()
    with pytest.raises(CommandError, match="statfin_aku_pxt_12dz: not refreshed"):
        call_command("refresh_stats", stdout=out)
    assert "503" in out.getvalue() and "tab6471: Sama julkaisu" in out.getvalue()


def test_production_refuses_addresses_inside_the_servers_network(reference, pxweb, settings):
    settings.DEMO_MODE = False
    pxweb.answer("POST", V1_PATH, (JSONSTAT / "statfin_12dz_fi.json").read_bytes())
    with pytest.raises(CommandError, match="sisäverkossa"):
        call_command("import_stats", pxweb.url(V1_PATH))
    assert pxweb.requests == [] and not Dataset.objects.exists()


def test_dry_run_reports_new_periods_revised_values_and_indicators(reference):
    from alke.situation.services import ensure_indicators

    ensure_indicators()
    old = json.loads((JSONSTAT / "statfin_12dz_fi.json").read_text())
    first = import_cube(parse_jsonstat2(old), dataset_code="tyti-12dz")
    assert first.created
    newer = json.loads((JSONSTAT / "statfin_12dz_fi.json").read_text())
    newer["value"][0] = 1526460  # 1990 revised
    preview = import_cube(parse_jsonstat2(newer), dataset_code="tyti-12dz", dry_run=True).preview
    assert preview.revised == 1 and preview.examples[0][1:] == (1526457.0, 1526460.0)
    assert preview.examples[0][0]["timeperiod_y"] == "1990" and preview.new_periods == []
    assert not preview.is_new_dataset and preview.current_number == 1
    assert DatasetVersion.objects.filter(dataset__code="tyti-12dz").count() == 1  # nothing stored


def test_unreachable_service_is_a_clear_error(reference):
    import socket

    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens on this port now
    with pytest.raises(CommandError, match="yhteyttä"):
        call_command("import_stats", f"http://127.0.0.1:{port}/PXWeb/api/v1/fi/StatFin/x.px")
    assert not Dataset.objects.exists()


class _Collect:
    def __init__(self, sink: list):
        self.sink = sink

    def write(self, text: str) -> None:
        self.sink.append(text)

    def flush(self) -> None:
        pass
