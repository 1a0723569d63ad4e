"""Reads of the situational picture. Other apps use `population_by_region` and `indicator_value`."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Max, QuerySet

from alke.situation.models import Analysis, Dataset, Indicator, IndicatorValue

COUNTRY = "SSS"  # StatFin's code for the whole country ("KOKO MAA")
POPULATION = "population"


def _region_filter(region_code: str) -> dict:
    return {"area": region_code.upper()}


def latest_year(indicator_code: str) -> int | None:
    """The latest year for which the indicator has any value."""
    return IndicatorValue.objects.filter(indicator__code=indicator_code).aggregate(y=Max("year"))["y"]


def population_by_region(year: int | None = None) -> dict[str, int]:
    """Population on 31 December of `year` (latest year when None) for each mainland region.

    Keys are region codes (MK01 … MK19); Åland (MK21), outside the ALKE process, is left out. Reads the
    imported statistics (indicator `population`); an empty dict when nothing has been imported.
    """
    if year is None:
        year = latest_year(POPULATION)
        if year is None:
            return {}
    rows = IndicatorValue.objects.filter(
        indicator__code=POPULATION, year=year, region__isnull=False, region__is_mainland=True
    ).values_list("area", "value")
    return {code: int(value) for code, value in rows}


def indicator_value(region_code: str, indicator_code: str, year: int | None = None) -> Decimal | None:
    """The value of an indicator for a region (`MKxx`, or `SSS` for the whole country) and year.

    With `year` None, the latest year the region has a value for. Rounded to the indicator's decimals;
    None when there is no value (never zero for a missing value).
    """
    qs = IndicatorValue.objects.filter(indicator__code=indicator_code, **_region_filter(region_code))
    row = (
        (qs.filter(year=year) if year is not None else qs.order_by("-year"))
        .select_related("indicator")
        .first()
    )
    return row.rounded if row is not None else None


def indicators(active_only: bool = True) -> QuerySet[Indicator]:
    qs = Indicator.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def datasets() -> QuerySet[Dataset]:
    return Dataset.objects.prefetch_related("versions")


def series(indicator: Indicator, region_code: str) -> list[IndicatorValue]:
    """All values of one indicator for one region (or SSS), oldest first."""
    return list(
        IndicatorValue.objects.filter(indicator=indicator, **_region_filter(region_code)).order_by("year")
    )


def indicator_overview() -> list[dict]:
    """Active indicators grouped by topic, each with its latest year and whole-country value (or none),
    the table it reads and whether its latest value is old for the current round."""
    from alke.situation.picture import STALE_YEARS, fmt, round_year

    latest = {
        row["indicator"]: row["y"]
        for row in IndicatorValue.objects.values("indicator").annotate(y=Max("year")).order_by()
    }
    country = {
        (iv.indicator_id, iv.year): iv
        for iv in IndicatorValue.objects.filter(area=COUNTRY, indicator_id__in=latest).only(
            "indicator_id", "year", "value", "period"
        )
    }
    tables = dict(Dataset.objects.values_list("code", "table_id"))
    year_of_round = round_year()
    topics: dict[str, dict] = {}
    for ind in indicators():
        topic = topics.setdefault(ind.topic, {"topic": ind.get_topic_display(), "items": []})
        year = latest.get(ind.pk)
        row = country.get((ind.pk, year)) if year else None
        topic["items"].append(
            {
                "indicator": ind,
                "year": year,
                "country": fmt(row.value, ind.decimals) if row else None,
                "period": row.period if row else (str(year) if year else None),
                "table": (tables.get(ind.dataset_code) or ind.statfin_table) if year else ind.statfin_table,
                "is_old": year is not None and year_of_round - year > STALE_YEARS,
            }
        )
    return list(topics.values())


def import_command(indicator: Indicator) -> str:
    """The command that imports the StatFin table an indicator reads."""
    path = indicator.statfin_path or f"{indicator.dataset_code}.px"
    return (
        f"alke import-stats https://pxdata.stat.fi/PXWeb/api/v1/fi/StatFin/{path} "
        f"--dataset {indicator.dataset_code}"
    )


def region_analyses(region) -> list[Analysis]:
    """A region's analysis texts, newest round first, sections in their natural order."""
    order = {value: i for i, value in enumerate(Analysis.Section.values)}
    rows = Analysis.objects.filter(region=region).select_related("round", "organisation")
    return sorted(rows, key=lambda a: (-a.round.year, order[a.section], a.organisation.name_fi))
