"""The open API of the situational picture."""

from __future__ import annotations

from alke.situation.models import Indicator, IndicatorValue
from alke.situation.services import import_bytes

from .conftest import SCB_DATA

# The fifteen indicators of the situational picture before the shipped tables of the common theme.
ORIGINAL_FIFTEEN = [
    "population", "population-change-1y", "population-change-5y", "population-change-10y",
    "growing-municipalities", "unemployment-rate", "unemployment-rate-yoy", "vacancies-per-unemployed",
    "employment-rate", "natural-increase", "net-migration", "share-aged-65", "gdp-per-capita",
    "rd-expenditure", "tertiary-education",
]  # fmt: skip


def test_indicators(client, snapshot):
    data = client.get("/api/v1/indicators?limit=500").json()
    by_code = {i["code"]: i for i in data["items"]}
    assert data["count"] == len(data["items"]) == Indicator.objects.filter(is_active=True).count()
    assert by_code["population"]["has_data"] and by_code["population"]["latest_year"] == 2022
    with_data = [code for code in ORIGINAL_FIFTEEN if by_code[code]["has_data"]]
    assert len(with_data) >= 12, with_data
    assert by_code["gdp-per-capita"]["latest_year"] == 2021  # Eurostat: the whole country to 2021
    assert (
        by_code["net-migration"]["latest_year"] == 2022 and by_code["employment-rate"]["latest_year"] == 2020
    )
    # Those still without a source name the Statistics Finland table that fills them.
    assert not by_code["rd-expenditure"]["has_data"] and by_code["rd-expenditure"]["statfin_table"] == "13vg"
    assert (
        not by_code["tertiary-education"]["has_data"]
        and by_code["tertiary-education"]["statfin_table"] == "12bq"
    )


def test_indicators_page(client, snapshot):
    everything = [i["code"] for i in client.get("/api/v1/indicators").json()["items"]]
    assert everything == list(Indicator.objects.filter(is_active=True).values_list("code", flat=True))
    pages = [
        client.get(f"/api/v1/indicators?limit=3&offset={n}").json() for n in range(0, len(everything), 3)
    ]
    assert {page["count"] for page in pages} == {len(everything)}
    assert [i["code"] for page in pages for i in page["items"]] == everything
    assert client.get("/api/v1/indicators?limit=0").status_code == 422


def test_indicators_filtered(client, snapshot):
    def codes(query: str) -> set[str]:
        answer = client.get(f"/api/v1/indicators?{query}").json()
        assert answer["count"] == len(answer["items"])
        return {i["code"] for i in answer["items"]}

    active = Indicator.objects.filter(is_active=True)
    assert codes("topic=labour") == set(active.filter(topic="labour").values_list("code", flat=True))
    assert "population" not in codes("topic=labour")
    response = client.get("/api/v1/indicators?topic=weather")
    assert response.status_code == 422 and "weather" in response.json()["detail"]
    assert codes("key=true") == set(active.filter(is_key=True).values_list("code", flat=True))
    assert codes("key=false") == set(active.filter(is_key=False).values_list("code", flat=True))
    population = active.get(code="population")
    assert "population" in codes(f"dataset={population.dataset_code}")
    assert codes("dataset=no-such-dataset") == set()
    # `q` finds words in the code and in the name in every language, case-insensitively
    assert "population" in codes(f"q={population.name_fi.split()[0].upper()}")
    assert "population" in codes(f"q={population.name_en.split()[0]}")
    assert codes("q=popul") >= {"population"}
    assert codes("q=nothing+like+this") == set()


def test_indicator_values_filtered(client, snapshot):
    rows = client.get("/api/v1/indicators/population/values?region=MK02&year=2022").json()
    assert rows == {
        "items": [{"region": "MK02", "year": 2022, "period": "2022", "value": "485567", "detail": {}}],
        "count": 1,
    }
    rows = client.get("/api/v1/indicators/population/values?year=2022").json()
    assert rows["count"] == len(rows["items"]) == 20  # 18 mainland regions, Åland and the whole country
    assert client.get("/api/v1/indicators/nope/values").status_code == 404


def test_indicator_values_by_year_range(client, snapshot):
    url = "/api/v1/indicators/population/values?region=mk02"
    rows = client.get(f"{url}&year_from=2018&year_to=2020").json()
    assert [r["year"] for r in rows["items"]] == [2018, 2019, 2020] and rows["count"] == 3
    assert {r["region"] for r in rows["items"]} == {"MK02"}
    since = client.get(f"{url}&year_from=2021").json()
    assert [r["year"] for r in since["items"]] == [2021, 2022]
    until = client.get(f"{url}&year_to=2001").json()
    assert [r["year"] for r in until["items"]] == [2000, 2001]
    response = client.get(f"{url}&year_from=2020&year_to=2018")
    assert response.status_code == 422 and "year_from" in response.json()["detail"]


def test_indicator_values_page(client, snapshot):
    url = "/api/v1/indicators/population/values"
    total = IndicatorValue.objects.filter(indicator__code="population").count()
    first = client.get(url).json()
    assert first["count"] == total > 100 and len(first["items"]) == 100  # the default page
    assert first["items"][0]["region"] == "MK01" and first["items"][0]["year"] == 2000
    rest = client.get(f"{url}?limit=500&offset=100").json()
    assert rest["count"] == total and len(rest["items"]) == total - 100
    pairs = [(r["region"], r["year"]) for r in first["items"] + rest["items"]]
    assert pairs == sorted(pairs) and len(set(pairs)) == total
    assert client.get(f"{url}?limit=501").status_code == 422


def test_datasets_and_cells(client, reference):
    import_bytes(SCB_DATA.read_bytes())
    datasets = client.get("/api/v1/datasets").json()
    assert datasets[0]["code"] == "tab6471" and datasets[0]["versions"][0]["cell_count"] == 2772
    answer = client.get(
        "/api/v1/datasets/tab6471/cells?Region=01&Kon=TotSa&Alder=0-9&Tid=2026M01&Tid=2026M04"
    ).json()
    assert answer["count"] == 2 and answer["version"] == 1
    first = answer["items"][0]
    assert first["codes"] == {
        "Region": "01",
        "Alder": "0-9",
        "Kon": "TotSa",
        "ContentsCode": "000007SF",
        "Tid": "2026M01",
    }
    assert first["labels"]["Region"] == "Stockholms län" and first["value"] == 245284
    # Routes take the code; the database id is not a code.
    assert client.get(f"/api/v1/datasets/{datasets[0]['id']}/cells").status_code == 404
    detail = client.get("/api/v1/datasets/tab6471").json()
    assert detail["code"] == "tab6471" and detail["versions"][0]["latest_period"] == "2026M04"


def test_cells_page(client, reference):
    import_bytes(SCB_DATA.read_bytes())
    url = "/api/v1/datasets/tab6471/cells?Region=01&Kon=TotSa"
    everything = client.get(f"{url}&limit=500").json()
    total = everything["count"]
    assert total == len(everything["items"]) > 10
    assert everything["dimensions"] == ["Region", "Alder", "Kon", "ContentsCode", "Tid"]
    positions = [c["position"] for c in everything["items"]]
    assert positions == sorted(positions)  # the dataset's own order
    first = client.get(f"{url}&limit=4").json()
    second = client.get(f"{url}&limit=4&offset=4").json()
    assert first["count"] == second["count"] == total
    assert first["items"] + second["items"] == everything["items"][:8]
    assert client.get(f"{url}&offset={total}").json()["items"] == []
    default = client.get("/api/v1/datasets/tab6471/cells").json()
    assert default["count"] == 2772 and len(default["items"]) == 100
    last = client.get(f"/api/v1/datasets/tab6471/cells?offset={2772 - 1}").json()
    assert len(last["items"]) == 1 and last["items"][0]["position"] == 2771
    assert client.get("/api/v1/datasets/tab6471/cells?limit=0").status_code == 422


def test_cells_errors_name_the_problem(client, reference):
    import_bytes(SCB_DATA.read_bytes())
    response = client.get("/api/v1/datasets/tab6471/cells?Maakunta=MK01")
    assert response.status_code == 400 and "Maakunta" in response.json()["detail"]
    response = client.get("/api/v1/datasets/tab6471/cells?Region=99")
    assert response.status_code == 400 and "99" in response.json()["detail"]
    assert client.get("/api/v1/datasets/nothing/cells").status_code == 404
