"""Indicators computed from the real snapshot, checked against the CSV files independently."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest
from django.utils import translation

from alke.regions.models import Region
from alke.situation.models import Indicator, IndicatorValue
from alke.situation.picture import region_picture
from alke.situation.selectors import indicator_value, population_by_region
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
    assert indicator_value("MK02", "gdp-per-capita") is None
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
    assert {"employment-rate", "gdp-per-capita", "rd-expenditure", "tertiary-education"} <= missing
    assert not IndicatorValue.objects.filter(indicator__code__in=missing).exists()
    assert Indicator.objects.get(code="employment-rate").statfin_table == "115b"


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
