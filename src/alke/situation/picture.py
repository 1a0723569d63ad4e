"""A region's situational picture: per indicator the latest value, changes, rank, difference to the
whole country, trend and flags for notable developments, each flag one sentence with its numbers.

Read-only; built from `IndicatorValue`s in two queries.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from alke.core import formats
from alke.regions.models import Region
from alke.situation.models import DatasetVersion, Indicator, IndicatorValue

COUNTRY = "SSS"
CHANGE_YEARS = (1, 5, 10)
OUTLIER_Z = 2.0  # standard deviations from the regions' mean that make a change "far from the others'"

Values = dict[int, dict[str, dict[int, tuple[Decimal, str, dict]]]]  # indicator -> area -> year -> row


def fmt(value: float | Decimal | None, decimals: int = 1, signed: bool = False) -> str:
    """A number in the active language's format, the same as in the documents (`alke.core.formats`)."""
    return formats.number(value, decimals, signed=signed)


@dataclass
class Flag:
    indicator: Indicator
    kind: str  # outlier | reversal | highest | lowest
    tone: str  # favourable | unfavourable | neutral
    text: str


@dataclass
class Summary:
    indicator: Indicator
    year: int
    period: str
    value: Decimal
    detail: dict
    changes: dict[int, Decimal | None]
    change_kind: str  # pct | diff
    rank: int | None
    rank_of: int
    country: Decimal | None
    diff_country: Decimal | None
    trend: str  # up | down | flat
    slope: float | None
    series: list[tuple[int, str, Decimal]]
    country_series: list[tuple[int, str, Decimal]]
    flags: list[Flag] = field(default_factory=list)

    @property
    def decimals(self) -> int:
        return self.indicator.decimals

    @property
    def value_text(self) -> str:
        return fmt(self.value, self.decimals)

    @property
    def country_text(self) -> str:
        return fmt(self.country, self.decimals)

    @property
    def diff_country_text(self) -> str:
        return fmt(self.diff_country, self.decimals, signed=True)

    def change_text(self, years: int) -> str:
        value = self.changes.get(years)
        if value is None:
            return "–"
        return fmt(value, 1 if self.change_kind == "pct" else self.decimals, signed=True)

    @property
    def change_1_text(self) -> str:
        return self.change_text(1)

    @property
    def change_unit(self) -> str:
        if self.change_kind == "pct":
            return "%"
        return _("%-yks.") if self.indicator.unit == "%" else self.indicator.unit

    @property
    def changes_list(self) -> list[tuple[int, str]]:
        return [(n, self.change_text(n)) for n in CHANGE_YEARS]


def change_kind(indicator: Indicator) -> str:
    if indicator.derivation == Indicator.Derivation.LEVEL:
        return (indicator.params or {}).get("change", "pct")
    return "diff"


def load_values(indicators: list[Indicator]) -> Values:
    out: Values = {}
    rows = IndicatorValue.objects.filter(indicator__in=indicators).values_list(
        "indicator_id", "area", "year", "value", "period", "detail"
    )
    for ind, area, year, value, period, detail in rows:
        out.setdefault(ind, {}).setdefault(area, {})[year] = (value, period, detail)
    return out


def _change(series: dict[int, tuple[Decimal, str, dict]], year: int, n: int, kind: str) -> Decimal | None:
    if year - n not in series:
        return None
    now, before = series[year][0], series[year - n][0]
    if kind == "pct":
        return (now / before - 1) * 100 if before else None
    return now - before


def _slope(points: list[tuple[int, Decimal]]) -> float | None:
    if len(points) < 3:
        return None
    xs = [float(y) for y, _v in points]
    ys = [float(v) for _y, v in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var if var else None


def _trend(slope: float | None, level: Decimal, kind: str) -> str:
    if slope is None:
        return "flat"
    # "Flat" when the fitted change over ten years stays under 1 % of the level (levels) or 0.1 units.
    threshold = abs(float(level)) * 0.001 if kind == "pct" else 0.01
    if abs(slope) <= threshold:
        return "flat"
    return "up" if slope > 0 else "down"


def _tone(indicator: Indicator, direction: float) -> str:
    if indicator.higher_is_better is None or direction == 0:
        return "neutral"
    return "favourable" if (direction > 0) == indicator.higher_is_better else "unfavourable"


def _development(
    indicator: Indicator, series: dict[int, tuple[Decimal, str, dict]], year: int
) -> Decimal | None:
    """The measure compared across regions: the value itself for change indicators, else its 1-year change."""
    if indicator.derivation in (Indicator.Derivation.CHANGE_PCT, Indicator.Derivation.YOY_MONTH):
        return series[year][0] if year in series else None
    if year not in series:
        return None
    return _change(series, year, 1, change_kind(indicator))


def _flags(
    indicator: Indicator,
    region_code: str,
    by_area: dict[str, dict[int, tuple[Decimal, str, dict]]],
    year: int,
    mainland: set[str],
) -> list[Flag]:
    flags: list[Flag] = []
    own = by_area.get(region_code, {})
    if year not in own:
        return flags
    name = indicator.name
    period = own[year][1]
    d = indicator.decimals
    is_change = indicator.derivation in (Indicator.Derivation.CHANGE_PCT, Indicator.Derivation.YOY_MONTH)
    years_param = int((indicator.params or {}).get("years", 1))
    kind = change_kind(indicator)
    if is_change:
        unit = indicator.unit
    elif kind == "pct":
        unit = "%"
    else:
        unit = _("%-yks.") if indicator.unit == "%" else indicator.unit

    # 1. A development far from the other regions'.
    measures = {a: _development(indicator, by_area.get(a, {}), year) for a in mainland}
    measures = {a: m for a, m in measures.items() if m is not None}
    mine = measures.get(region_code)
    if mine is not None and len(measures) >= 5 and not (indicator.derivation == "level" and kind == "pct"):
        values = [float(m) for m in measures.values()]
        mean, sd = statistics.fmean(values), statistics.pstdev(values)
        if sd > 0:
            z = (float(mine) - mean) / sd
            if abs(z) >= OUTLIER_Z:
                params = {
                    "name": name,
                    "value": fmt(mine, d if is_change else max(d, 1), signed=True),
                    "unit": unit,
                    "period": period,
                    "mean": fmt(mean, d if is_change else max(d, 1), signed=True),
                    "z": fmt(abs(z), 1),
                }
                if is_change:
                    text = (
                        _(
                            "%(name)s oli %(value)s %(unit)s (%(period)s), selvästi eri tasolla kuin muissa "
                            "maakunnissa: maakuntien keskiarvo %(mean)s %(unit)s, poikkeama %(z)s keskihajontaa."
                        )
                        % params
                    )
                else:
                    text = (
                        _(
                            "%(name)s muuttui vuodessa %(value)s %(unit)s (%(period)s), selvästi eri tavoin kuin "
                            "muissa maakunnissa: maakuntien keskiarvo %(mean)s %(unit)s, poikkeama %(z)s "
                            "keskihajontaa."
                        )
                        % params
                    )
                flags.append(Flag(indicator, "outlier", _tone(indicator, float(mine) - mean), text))

    # 2. A reversal of the trend of the three previous years.
    prev_years = [year - k for k in (1, 2, 3, 4)]
    if all(y in own for y in prev_years) and not (is_change and years_param > 1):
        if is_change:
            signs = [own[y][0] for y in [year, *prev_years[:3]]]
            now = signs[0]
            if now != 0 and all(s != 0 and (s > 0) != (now > 0) for s in signs[1:]):
                params = {"name": name, "value": fmt(now, d, signed=True), "unit": unit, "period": period}
                text = (
                    _(
                        "%(name)s kääntyi positiiviseksi: %(value)s %(unit)s (%(period)s), kun se oli negatiivinen "
                        "kolmena edellisenä vuonna."
                    )
                    if now > 0
                    else _(
                        "%(name)s kääntyi negatiiviseksi: %(value)s %(unit)s (%(period)s), kun se oli positiivinen "
                        "kolmena edellisenä vuonna."
                    )
                ) % params
                flags.append(Flag(indicator, "reversal", _tone(indicator, float(now)), text))
        else:
            steps = [_change(own, y, 1, kind) for y in [year, *prev_years[:3]]]
            last, before = steps[0], steps[1:]
            minimum = Decimal("0.1")
            if (
                last is not None
                and all(s is not None for s in before)
                and abs(last) >= minimum
                and all(s != 0 and (s > 0) != (last > 0) for s in before)
            ):
                total = sum(before, Decimal(0))
                params = {
                    "name": name,
                    "change": fmt(last, max(d, 1), signed=True),
                    "unit": unit,
                    "period": period,
                    "before": fmt(total, max(d, 1), signed=True),
                }
                text = (
                    _(
                        "%(name)s kääntyi nousuun: %(change)s %(unit)s (%(period)s), kun se oli laskenut kolme "
                        "edellistä vuotta (yhteensä %(before)s %(unit)s)."
                    )
                    if last > 0
                    else _(
                        "%(name)s kääntyi laskuun: %(change)s %(unit)s (%(period)s), kun se oli noussut kolme "
                        "edellistä vuotta (yhteensä %(before)s %(unit)s)."
                    )
                ) % params
                flags.append(Flag(indicator, "reversal", _tone(indicator, float(last)), text))

    # 3. The highest or lowest of the regions (key indicators only, to keep the list short).
    if indicator.is_key:
        latest = {a: by_area[a][year][0] for a in mainland if year in by_area.get(a, {})}
        if len(latest) >= 5 and region_code in latest:
            ordered = sorted(latest.values())
            country = by_area.get(COUNTRY, {}).get(year)
            params = {
                "name": name,
                "value": fmt(own[year][0], d),
                "unit": indicator.unit,
                "period": period,
                "country": fmt(country[0], d) if country else "–",
            }
            if own[year][0] == ordered[-1] and ordered[-1] != ordered[0]:
                text = _(
                    "%(name)s on maakunnista korkein: %(value)s %(unit)s (%(period)s; koko maa %(country)s %(unit)s)."
                )
                flags.append(Flag(indicator, "highest", _tone(indicator, 1), text % params))
            elif own[year][0] == ordered[0] and ordered[-1] != ordered[0]:
                text = _(
                    "%(name)s on maakunnista matalin: %(value)s %(unit)s (%(period)s; koko maa %(country)s %(unit)s)."
                )
                flags.append(Flag(indicator, "lowest", _tone(indicator, -1), text % params))
    return flags


def summarise(
    indicator: Indicator, region_code: str, by_area: dict, mainland: set[str], year: int | None = None
) -> Summary | None:
    own = by_area.get(region_code, {})
    if not own:
        return None
    year = year if year in own else max(own)
    value, period, detail = own[year]
    kind = change_kind(indicator)
    changes = {n: _change(own, year, n, kind) for n in CHANGE_YEARS}
    latest = {a: by_area[a][year][0] for a in mainland if year in by_area.get(a, {})}
    rank = sorted(latest.values(), reverse=True).index(value) + 1 if region_code in latest else None
    country_row = by_area.get(COUNTRY, {}).get(year)
    country = country_row[0] if country_row else None
    recent = [(y, v) for y, (v, _p, _d) in sorted(own.items()) if year - 9 <= y <= year]
    slope = _slope(recent)
    return Summary(
        indicator=indicator,
        year=year,
        period=period,
        value=value,
        detail=detail or {},
        changes=changes,
        change_kind=kind,
        rank=rank,
        rank_of=len(latest),
        country=country,
        # A count's difference to the whole country says nothing; rates and changes compare directly.
        diff_country=(value - country) if country is not None and kind != "pct" else None,
        trend=_trend(slope, value, kind),
        slope=slope,
        series=[(y, p, v) for y, (v, p, _d) in sorted(own.items())],
        country_series=[(y, p, v) for y, (v, p, _d) in sorted(by_area.get(COUNTRY, {}).items())],
        flags=_flags(indicator, region_code, by_area, year, mainland),
    )


def mainland_codes() -> set[str]:
    return set(Region.objects.mainland().values_list("code", flat=True))


def region_picture(region: Region) -> dict:
    """Everything the region page, its exports and the API show about one region."""
    indicators = list(Indicator.objects.filter(is_active=True))
    values = load_values(indicators)
    mainland = mainland_codes()
    summaries, missing = [], []
    for indicator in indicators:
        by_area = values.get(indicator.pk)
        summary = summarise(indicator, region.code, by_area, mainland) if by_area else None
        if summary is None:
            missing.append(indicator)
        else:
            summaries.append(summary)
    flags = [f for s in summaries for f in s.flags]
    return {
        "region": region,
        "summaries": summaries,
        "key": [s for s in summaries if s.indicator.is_key],
        "flags": flags,
        "missing": missing,
        "sources": sources_for(summaries),
    }


def sources_for(summaries: list[Summary]) -> list[dict]:
    """One line per dataset the summaries read."""
    return dataset_sources({s.indicator.dataset_code for s in summaries})


def dataset_sources(codes) -> list[dict]:
    """Source, table id, release date (or import date), version and licence of the current versions."""
    versions = (
        DatasetVersion.objects.filter(dataset__code__in=list(codes), is_current=True)
        .select_related("dataset")
        .order_by("dataset__code")
    )
    return [
        {
            "dataset": v.dataset,
            "version": v,
            "source": v.dataset.source,
            "table_id": v.dataset.table_id,
            "date": v.source_updated or v.created_at,
            "is_release_date": v.source_updated is not None,
            "licence": v.dataset.licence,
        }
        for v in versions
    ]


def comparison(indicator: Indicator, year: int | None = None) -> dict:
    """All mainland regions for one indicator and year, ranked (highest first)."""
    rows = IndicatorValue.objects.filter(indicator=indicator, region__is_mainland=True).select_related(
        "region"
    )
    years = sorted(set(IndicatorValue.objects.filter(indicator=indicator).values_list("year", flat=True)))
    if not years:
        return {"indicator": indicator, "years": [], "year": None, "rows": [], "country": None, "sources": []}
    if year not in years:
        year = years[-1]
    ranked = sorted(rows.filter(year=year), key=lambda r: r.value, reverse=True)
    country = IndicatorValue.objects.filter(indicator=indicator, area=COUNTRY, year=year).first()
    return {
        "indicator": indicator,
        "years": years,
        "year": year,
        "rows": [
            {
                "rank": i + 1,
                "region": r.region,
                "value": r.value,
                "text": fmt(r.value, indicator.decimals),
                "period": r.period,
                "detail": r.detail,
            }
            for i, r in enumerate(ranked)
        ],
        "country": country,
        "country_text": fmt(country.value, indicator.decimals) if country else "–",
        "sources": dataset_sources([indicator.dataset_code]),
    }
