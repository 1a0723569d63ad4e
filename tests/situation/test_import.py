"""Importing tables: versions, idempotence, all-or-nothing, permissions, the command and the live client."""

from __future__ import annotations

import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command

from alke.situation import cells
from alke.situation.models import CellBlock, Dataset, DatasetVersion, Dimension
from alke.situation.parsers import StatsFormatError, parse, parse_jsonstat2
from alke.situation.services import import_cube

from .conftest import PX_11RC, SCB_DATA


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


def test_live_import_posts_the_query_as_json_stat2(reference, monkeypatch, tmp_path):
    """The live client (PxWeb API v1) is exercised with the network replaced by the real response."""
    sent = {}

    class Response:
        status_code = 200
        content = SCB_DATA.read_bytes()
        text = ""

    def fake_post(url, json=None, timeout=None):
        sent.update(url=url, body=json)
        return Response()

    monkeypatch.setattr("requests.post", fake_post)
    query = tmp_path / "kysely.json"
    query.write_text(
        json.dumps({"query": [{"code": "Alue", "selection": {"filter": "item", "values": ["MK01"]}}]})
    )
    url = "https://pxdata.stat.fi/PXWeb/api/v1/fi/StatFin/vaerak/statfin_vaerak_pxt_11ra.px"
    call_command("import_stats", url, "--query", str(query), stdout=io.StringIO())
    assert sent["url"] == url
    assert sent["body"]["response"] == {"format": "json-stat2"}
    version = Dataset.objects.get(code="statfin_vaerak_pxt_11ra").current_version
    assert version.origin == url and version.query["query"][0]["code"] == "Alue"


def test_table_address_without_a_query_posts_a_select_all_query(reference, monkeypatch):
    """A GET on a PxWeb table gives only its metadata, so the command shown on indicator pages must POST."""
    sent = {}

    class Response:
        status_code = 200
        content = SCB_DATA.read_bytes()
        text = ""

    def fake_post(url, json=None, timeout=None):
        sent.update(url=url, body=json)
        return Response()

    def no_get(*_args, **_kwargs):
        raise AssertionError("a PxWeb table must not be fetched with GET")

    monkeypatch.setattr("requests.post", fake_post)
    monkeypatch.setattr("requests.get", no_get)
    url = "https://pxdata.stat.fi/PXWeb/api/v1/fi/StatFin/vaerak/statfin_vaerak_pxt_11ra.px"
    call_command("import_stats", url, stdout=io.StringIO())
    assert sent == {"url": url, "body": {"query": [], "response": {"format": "json-stat2"}}}
    assert Dataset.objects.filter(code="statfin_vaerak_pxt_11ra").exists()


def test_table_metadata_is_refused_with_the_reason():
    metadata = json.dumps({"title": "Väestö", "variables": [{"code": "Alue", "values": ["SSS"]}]})
    with pytest.raises(StatsFormatError, match="metatiedot"):
        parse(metadata.encode())


def test_unreachable_service_is_a_clear_error(reference, monkeypatch):
    import requests

    def refuse(*_args, **_kwargs):
        raise requests.ConnectionError("connection refused")

    monkeypatch.setattr("requests.get", refuse)
    monkeypatch.setattr("requests.post", refuse)
    with pytest.raises(CommandError, match="yhteyttä"):
        call_command("import_stats", "https://pxdata.stat.fi/PXWeb/api/v1/fi/StatFin/x.px")
    assert not Dataset.objects.exists()


class _Collect:
    def __init__(self, sink: list):
        self.sink = sink

    def write(self, text: str) -> None:
        self.sink.append(text)

    def flush(self) -> None:
        pass
