"""The open API of the situational picture."""

from __future__ import annotations

from alke.situation.services import import_bytes

from .conftest import SCB_DATA


def test_indicators(client, snapshot):
    data = client.get("/api/v1/indicators").json()
    by_code = {i["code"]: i for i in data}
    assert by_code["population"]["has_data"] and by_code["population"]["latest_year"] == 2022
    assert not by_code["gdp-per-capita"]["has_data"] and by_code["gdp-per-capita"]["statfin_table"] == "12bf"


def test_indicator_values_filtered(client, snapshot):
    rows = client.get("/api/v1/indicators/population/values?region=MK02&year=2022").json()
    assert rows == [{"region": "MK02", "year": 2022, "period": "2022", "value": "485567", "detail": {}}]
    rows = client.get("/api/v1/indicators/population/values?year=2022").json()
    assert len(rows) == 20  # 18 mainland regions, Åland and the whole country
    assert client.get("/api/v1/indicators/nope/values").status_code == 404


def test_datasets_and_cells(client, reference):
    import_bytes(SCB_DATA.read_bytes())
    datasets = client.get("/api/v1/datasets").json()
    assert datasets[0]["code"] == "tab6471" and datasets[0]["versions"][0]["cell_count"] == 2772
    answer = client.get(
        "/api/v1/datasets/tab6471/cells?Region=01&Kon=TotSa&Alder=0-9&Tid=2026M01&Tid=2026M04"
    ).json()
    assert answer["count"] == 2
    first = answer["cells"][0]
    assert first["codes"] == {
        "Region": "01",
        "Alder": "0-9",
        "Kon": "TotSa",
        "ContentsCode": "000007SF",
        "Tid": "2026M01",
    }
    assert first["labels"]["Region"] == "Stockholms län" and first["value"] == 245284
    by_id = client.get(
        f"/api/v1/datasets/{datasets[0]['id']}/cells?Region=01&Kon=TotSa&Alder=0-9&Tid=2026M01"
    ).json()
    assert by_id["cells"][0]["value"] == 245284


def test_cells_errors_name_the_problem(client, reference):
    import_bytes(SCB_DATA.read_bytes())
    response = client.get("/api/v1/datasets/tab6471/cells?Maakunta=MK01")
    assert response.status_code == 400 and "Maakunta" in response.json()["detail"]
    response = client.get("/api/v1/datasets/tab6471/cells?Region=99")
    assert response.status_code == 400 and "99" in response.json()["detail"]
    assert client.get("/api/v1/datasets/nothing/cells").status_code == 404
