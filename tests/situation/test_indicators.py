"""Indicators computed from the real snapshot, checked against the CSV files independently."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import pytest
from django.utils import translation

from alke.regions.models import Region
from alke.situation.models import Indicator, IndicatorValue
from alke.situation.picture import region_picture
from alke.situation.selectors import indicator_value, population_by_region
from alke.situation.services import STATISTICS_DIR
from alke.situation.snapshot import TIMESERIES


def _csv(name: str) -> list[dict]:
    with (TIMESERIES / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_population_by_region(snapshot):
    latest = population_by_region()
    assert len(latest) == 18 and "MK21" not in latest  # Åland is outside the ALKE process
    assert population_by_region(2020)["MK01"] == 1702678
    rows = {
        (r["maakunta_code"], int(r["year"])): int(r["population"])
        for r in _csv("population_maakunta_2000_2022.csv")
    }
    assert latest == {code: rows[(code, 2022)] for code in latest}
    assert population_by_region(1990) == {}


def test_indicator_value(snapshot):
    assert indicator_value("SSS", "population", 2022) == Decimal(5563970)
    assert indicator_value("mk02", "population") == indicator_value("MK02", "population", 2022)
    change = indicator_value("MK02", "population-change-10y", 2022)
    populations = {
        int(r["year"]): int(r["population"])
        for r in _csv("population_maakunta_2000_2022.csv")
        if r["maakunta_code"] == "MK02"
    }
    assert populations[2022] == 485567
    expected = (Decimal(populations[2022]) / Decimal(populations[2012]) - 1) * 100
    assert change == expected.quantize(Decimal("0.1"))
    # No data is None, never zero.
    assert indicator_value("MK02", "rd-expenditure") is None
    assert indicator_value("MK02", "population", 1999) is None


def test_unemployment_rate_is_the_mean_of_complete_years(snapshot):
    rows = [
        r
        for r in _csv("registered_unemployment_maakunta_monthly_2006_2020.csv")
        if r["maakunta_code"] == "MK12"
    ]
    rates = [
        int(r["unemployed_jobseekers"]) / int(r["labour_force"]) * 100
        for r in rows
        if r["month"].startswith("2015")
    ]
    assert indicator_value("MK12", "unemployment-rate", 2015) == Decimal(sum(rates) / 12).quantize(
        Decimal("0.1")
    )
    # 2020 has only ten months in the snapshot, so no annual mean is made up for it.
    assert indicator_value("MK12", "unemployment-rate", 2020) is None
    # The year-on-year change compares October 2020 with October 2019 (same month: no seasonal effect).
    by_month = {r["month"]: int(r["unemployed_jobseekers"]) / int(r["labour_force"]) * 100 for r in rows}
    yoy = IndicatorValue.objects.get(indicator__code="unemployment-rate-yoy", area="MK12", year=2020)
    assert yoy.period == "2020-10"
    assert yoy.rounded == Decimal(by_month["2020-10"] - by_month["2019-10"]).quantize(Decimal("0.1"))


def test_growing_municipalities(snapshot):
    rows = _csv("population_kunta_2000_2022_sotkanet.csv")
    pop = {
        (r["kunta_code"], int(r["year"])): int(r["population"]) for r in rows if r["maakunta_code"] == "MK19"
    }
    codes = {c for c, _y in pop}
    growing = sum(1 for c in codes if pop[(c, 2022)] > pop[(c, 2021)])
    value = IndicatorValue.objects.get(indicator__code="growing-municipalities", area="MK19", year=2022)
    assert value.detail["growing"] == growing and value.detail["total"] == len(codes)
    assert value.value == Decimal(repr(round(growing / len(codes) * 100, 6)))


def test_standard_indicators_without_data_are_listed_not_invented(snapshot):
    picture = region_picture(Region.objects.get(code="MK02"))
    missing = {i.code for i in picture["missing"]}
    assert missing == {"rd-expenditure", "tertiary-education"}
    assert not IndicatorValue.objects.filter(indicator__code__in=missing).exists()
    assert Indicator.objects.get(code="tertiary-education").statfin_table == "12bq"


def _shipped(name: str) -> dict:
    return json.loads((STATISTICS_DIR / name).read_text(encoding="utf-8"))


def _cell(data: dict, **codes) -> float | None:
    """A value of a shipped JSON-stat file read with nothing but the json module."""
    pos = 0
    for dim, size in zip(data["id"], data["size"], strict=True):
        index = data["dimension"][dim]["category"]["index"]
        pos = pos * size + index.index(codes[dim])
    values = data["value"]
    return values.get(str(pos)) if isinstance(values, dict) else values[pos]


def test_net_inter_regional_migration_matches_statistics_finland(snapshot):
    """Check 1 of found/SOURCES.md: 11a5 sums equal the published net migration of 2020
    (Uusimaa +1 950, Pirkanmaa +2 517, Pohjanmaa −878; Statistics Finland, vamuu 2021/12)."""
    net = {
        iv.area: iv.value for iv in IndicatorValue.objects.filter(indicator__code="net-migration", year=2020)
    }
    assert (net["MK01"], net["MK06"], net["MK15"]) == (1950, 2517, -878)
    assert net["SSS"] == 0 and sum(v for a, v in net.items() if a != "SSS") == 0
    data = _shipped("statfin_muutl_pxt_11a5.json")
    regions = data["dimension"]["Tulomaakunta"]["category"]["index"]
    arrivals = sum(
        _cell(data, Vuosi="2020", Tulomaakunta="MK01", Lähtömaakunta=r) or 0 for r in regions if r != "MK01"
    )
    row = IndicatorValue.objects.get(indicator__code="in-migration", area="MK01", year=2020)
    assert row.value == arrivals and row.detail["in"] == arrivals
    out = IndicatorValue.objects.get(indicator__code="out-migration", area="MK01", year=2020).value
    assert arrivals - out == 1950


def test_eurostat_series_are_read_by_region_through_nuts_codes(snapshot):
    # Live births 16 259 and deaths 13 104 in FI1B1 (Helsinki-Uusimaa) in 2020: natural increase 3 155.
    assert indicator_value("MK01", "natural-increase", 2020) == Decimal(3155)
    # Share aged 65+ on 1 January 2015 in Uusimaa 16.1 % (demo_r_pjanind3), and FI197 is Pirkanmaa.
    assert indicator_value("MK01", "share-aged-65", 2015) == Decimal("16.1")
    pjan = _shipped("eurostat_demo_r_pjanind3_fi.json")
    pirkanmaa = _cell(pjan, freq="A", indic_de="PC_Y65_MAX", unit="PC", geo="FI197", time="2022")
    assert indicator_value("MK06", "share-aged-65", 2022) == Decimal(str(pirkanmaa))
    # GDP per inhabitant: Helsinki-Uusimaa 36 300 € in 2000; the whole country 45 400 € in 2021.
    assert indicator_value("MK01", "gdp-per-capita", 2000) == Decimal(36300)
    assert indicator_value("SSS", "gdp-per-capita", 2021) == Decimal(45400)
    assert indicator_value("MK01", "gdp-per-capita", 2021) is None  # not published for NUTS 3 yet


def test_labour_force_survey_rates_of_2020(snapshot):
    # Työvoimatutkimus 2020, liitetaulukko 28: Uusimaa 74,1 %, koko maa 71,6 %, Kainuu 63,9 %.
    assert indicator_value("MK01", "employment-rate", 2020) == Decimal("74.1")
    assert indicator_value("SSS", "employment-rate", 2020) == Decimal("71.6")
    assert indicator_value("MK18", "employment-rate", 2020) == Decimal("63.9")
    # Liitetaulukko 54: Pohjois-Karjala 8,9 / 10,4 / 13,3 % in 2018–2020.
    assert [indicator_value("MK12", "lfs-unemployment-rate", y) for y in (2018, 2019, 2020)] == [
        Decimal("8.9"),
        Decimal("10.4"),
        Decimal("13.3"),
    ]


def test_employed_persons_and_the_economic_structure(snapshot):
    data = _shipped("statfin_tyokay_pxt_115i.json")
    industries = data["dimension"]["Toimiala"]["category"]["index"]
    total = sum(
        _cell(data, Alue="MK01", Toimiala=i, Sukupuoli=s, Vuosi="2023")
        for i in industries
        for s in ("1", "2")
    )
    row = IndicatorValue.objects.get(indicator__code="employed-persons", area="MK01", year=2023)
    assert row.value == total
    assert row.detail["by"]["C"] == 45862 + 21541  # men and women in manufacturing, Uusimaa 2023
    country = IndicatorValue.objects.get(indicator__code="employed-persons", area="SSS", year=2023)
    regions = IndicatorValue.objects.filter(indicator__code="employed-persons", year=2023).exclude(area="SSS")
    assert country.value == sum(r.value for r in regions)  # every region, Åland included
    share = IndicatorValue.objects.get(indicator__code="manufacturing-share", area="MK01", year=2023)
    assert share.rounded == (Decimal(67403) / Decimal(total) * 100).quantize(Decimal("0.1"))
    picture = region_picture(Region.objects.get(code="MK01"))
    structure = picture["structure"]
    assert structure["year"] == 2023 and len(structure["rows"]) == len(industries)
    manufacturing = next(r for r in structure["rows"] if r["code"] == "C")
    assert manufacturing["count"] == 67403 and manufacturing["label"] == "C Teollisuus"
    assert abs(sum(r["share"] for r in structure["rows"]) - 100) < 1e-9


def test_region_picture_covers_the_common_theme(snapshot):
    picture = region_picture(Region.objects.get(code="MK19"), year_of_round=2027)
    topics = {group["topic"]: {s.indicator.code for s in group["summaries"]} for group in picture["theme"]}
    assert {"employment-rate", "unemployment-rate"} <= topics["labour"]
    assert {"net-migration", "in-migration", "out-migration"} <= topics["migration"]
    assert {"share-aged-65", "old-age-dependency"} <= topics["age_structure"]
    assert {"gdp-per-capita", "employed-persons"} <= topics["economy"]
    assert picture["has_eurostat"]
    by_code = {s.indicator.code: s for s in picture["summaries"]}
    # 2027 − 2023 = 4 > 2: old; every value carries its period.
    assert by_code["employed-persons"].is_old and "2023" in by_code["employed-persons"].old_text
    assert by_code["net-migration"].period == "2022" and by_code["net-migration"].period_range == "2002–2022"
    recent = region_picture(Region.objects.get(code="MK19"), year_of_round=2024)
    assert not {s.indicator.code: s for s in recent["summaries"]}["employed-persons"].is_old


def test_region_picture_rank_country_and_changes(snapshot):
    picture = region_picture(Region.objects.get(code="MK12"))
    rate = next(s for s in picture["summaries"] if s.indicator.code == "unemployment-rate")
    assert rate.year == 2019 and rate.rank == 1 and rate.rank_of == 18
    assert rate.country == IndicatorValue.objects.get(indicator=rate.indicator, area="SSS", year=2019).value
    assert rate.diff_country == rate.value - rate.country
    assert rate.changes[1] == rate.value - dict((y, v) for y, _p, v in rate.series)[2018]


def test_flags_explain_themselves_with_numbers(snapshot):
    uusimaa = region_picture(Region.objects.get(code="MK01"))
    outlier = next(
        f for f in uusimaa["flags"] if f.kind == "outlier" and f.indicator.code == "population-change-10y"
    )
    assert "+10,6 %" in outlier.text and "keskihajontaa" in outlier.text
    assert outlier.tone == "favourable"
    karelia = region_picture(Region.objects.get(code="MK12"))
    highest = next(
        f for f in karelia["flags"] if f.kind == "highest" and f.indicator.code == "unemployment-rate"
    )
    assert "12,9 %" in highest.text and highest.tone == "unfavourable"
    with translation.override("en"):
        english = region_picture(Region.objects.get(code="MK12"))
    text = next(f.text for f in english["flags"] if f.kind == "highest")
    assert "highest" in text and "12.9" in text
    with translation.override("sv"):
        swedish = region_picture(Region.objects.get(code="MK12"))
    assert "högst" in next(f.text for f in swedish["flags"] if f.kind == "highest")


def test_reversal_flag(snapshot):
    lappi = region_picture(Region.objects.get(code="MK19"))
    reversal = next(f for f in lappi["flags"] if f.kind == "reversal")
    assert reversal.indicator.code == "unemployment-rate-yoy"
    assert "2020-10" in reversal.text and "+2,9" in reversal.text


@pytest.mark.parametrize("code", ["MK01", "MK09", "MK16", "MK19"])
def test_every_region_picture_is_filled(snapshot, code):
    picture = region_picture(Region.objects.get(code=code))
    assert {s.indicator.code for s in picture["summaries"]} >= {
        "population",
        "unemployment-rate",
        "growing-municipalities",
    }
    assert picture["sources"] and all(s["licence"] == "CC BY 4.0" for s in picture["sources"])
