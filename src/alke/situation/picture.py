"""A region's situational picture: per indicator the latest value, changes, rank, difference to the
whole country, trend and flags for notable developments, each flag one sentence with its numbers.

Every value carries its period, and a value whose year is more than `STALE_YEARS` before the round's
year is marked old. The indicators of the common theme (employment, migration, age structure and
the regional economy) are grouped as such, and the employed persons by industry give the region's
economic structure. Series read from Eurostat's NUTS 3 tables are marked, since Eurostat keeps the
regions' borders from before the 2021 municipality transfers.

Read-only; built from `IndicatorValue`s in a few queries.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alke.core import formats
from alke.regions.models import Region
from alke.situation.models import DatasetVersion, Indicator, IndicatorValue

COUNTRY = "SSS"
CHANGE_YEARS = (1, 5, 10)
# A value more than this many years before the round's year is shown with a note that it is old.
STALE_YEARS = 2
# The common theme of the discussions (availability of skilled labour and regional mobility) in the
# topics that make it up, in the order the region page shows them.
THEME_TOPICS = [
    (Indicator.Topic.LABOUR, gettext_lazy("Työllisyys")),
    (Indicator.Topic.MIGRATION, gettext_lazy("Muuttoliike")),
    (Indicator.Topic.AGE_STRUCTURE, gettext_lazy("Ikärakenne")),
    (Indicator.Topic.ECONOMY, gettext_lazy("Aluetalous")),
]
OTHER_TOPICS = [
    (Indicator.Topic.POPULATION, gettext_lazy("Väestö")),
    (Indicator.Topic.SKILLS, gettext_lazy("Osaaminen ja koulutus")),
    (Indicator.Topic.INNOVATION, gettext_lazy("Tutkimus ja kehittäminen")),
]
STRUCTURE_INDICATOR = "employed-persons"
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
    round_year: int | None = None

    @property
    def decimals(self) -> int:
        return self.indicator.decimals

    @property
    def is_old(self) -> bool:
        """The latest value is more than STALE_YEARS years older than the round."""
        return self.round_year is not None and self.round_year - self.year > STALE_YEARS

    @property
    def old_text(self) -> str:
        return _("Tieto on vanha: viimeisin arvo on vuodelta %(year)s, kierros on %(round)s.") % {
            "year": self.year,
            "round": self.round_year,
        }

    @property
    def period_range(self) -> str:
        """The years the series covers, e.g. 2000–2022 (one year alone when there is one)."""
        first, last = self.series[0][0], self.series[-1][0]
        return str(last) if first == last else f"{first}\u2013{last}"

    @property
    def is_eurostat(self) -> bool:
        return is_nuts_series(self.indicator)

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


def is_nuts_series(indicator: Indicator) -> bool:
    """Read from a Eurostat NUTS 3 table, which keeps the regions' borders before 2021."""
    return (indicator.params or {}).get("area_codes") == "nuts3"


def round_year() -> int:
    """The year of the current round (the newest not closed), else the current year."""
    from alke.rounds.selectors import current_round

    current = current_round()
    return current.year if current else timezone.localdate().year


def common_theme_name() -> str:
    """The name of the common theme of the current round, else of the common theme in the policy frame."""
    from alke.policy.models import Theme
    from alke.rounds.selectors import current_round

    current = current_round()
    theme = (current.common_theme if current else None) or Theme.objects.filter(is_common=True).first()
    return theme.name if theme else ""


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
    indicator: Indicator,
    region_code: str,
    by_area: dict,
    mainland: set[str],
    year: int | None = None,
    round_year: int | None = None,
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
        round_year=round_year,
    )


def mainland_codes() -> set[str]:
    return set(Region.objects.mainland().values_list("code", flat=True))


def region_picture(region: Region, year_of_round: int | None = None) -> dict:
    """Everything the region page, its exports and the API show about one region."""
    year_of_round = year_of_round or round_year()
    indicators = list(Indicator.objects.filter(is_active=True))
    values = load_values(indicators)
    mainland = mainland_codes()
    summaries, missing = [], []
    for indicator in indicators:
        by_area = values.get(indicator.pk)
        summary = (
            summarise(indicator, region.code, by_area, mainland, round_year=year_of_round)
            if by_area
            else None
        )
        if summary is None:
            missing.append(indicator)
        else:
            summaries.append(summary)
    flags = [f for s in summaries for f in s.flags]
    by_topic = {
        topic: [s for s in summaries if s.indicator.topic == topic] for topic in Indicator.Topic.values
    }
    return {
        "region": region,
        "round_year": year_of_round,
        "summaries": summaries,
        "key": [s for s in summaries if s.indicator.is_key],
        "flags": flags,
        "missing": missing,
        "sources": sources_for(summaries),
        "theme_name": common_theme_name(),
        "theme": [
            {"topic": topic, "title": title, "summaries": by_topic[topic]} for topic, title in THEME_TOPICS
        ],
        "other_topics": [
            {"topic": topic, "title": title, "summaries": by_topic[topic]}
            for topic, title in OTHER_TOPICS
            if by_topic[topic]
        ],
        "structure": economic_structure(region, summaries),
        "has_eurostat": any(s.is_eurostat for s in summaries),
        "old": [s for s in summaries if s.is_old],
    }


def economic_structure(region: Region, summaries: list[Summary]) -> dict | None:
    """Employed persons by industry in the latest year: the region's shares against the whole country."""
    summary = next((s for s in summaries if s.indicator.code == STRUCTURE_INDICATOR), None)
    if summary is None or not summary.detail.get("by"):
        return None
    country = (
        IndicatorValue.objects.filter(indicator=summary.indicator, area=COUNTRY, year=summary.year)
        .values_list("detail", flat=True)
        .first()
        or {}
    )
    own, whole = summary.detail["by"], country.get("by") or {}
    version = DatasetVersion.objects.filter(
        dataset__code=summary.indicator.dataset_code, is_current=True
    ).first()
    labels = {}
    if version is not None:
        dim = version.dimensions.filter(code=(summary.indicator.params or {}).get("breakdown", "")).first()
        if dim is not None:
            labels = {c.code: c.label for c in dim.categories.all()}
    own_total, whole_total = sum(own.values()), sum(whole.values())
    rows = []
    for code, count in own.items():
        share = count / own_total * 100 if own_total else None
        country_share = whole[code] / whole_total * 100 if whole_total and code in whole else None
        rows.append(
            {
                "code": code,
                "label": labels.get(code, code),
                "count": count,
                "share": share,
                "country_share": country_share,
                "share_text": fmt(share, 1),
                "country_share_text": fmt(country_share, 1),
                "count_text": fmt(count, 0),
            }
        )
    rows.sort(key=lambda r: -(r["share"] or 0))
    return {"summary": summary, "year": summary.year, "period": summary.period, "rows": rows}


def sources_for(summaries: list[Summary]) -> list[dict]:
    """One line per dataset the summaries read."""
    return dataset_sources({s.indicator.dataset_code for s in summaries})


def dataset_sources(codes=None) -> list[dict]:
    """Source, table id, release date (or import date), latest period, version and licence of the
    current versions of the datasets `codes` (every dataset when None)."""
    versions = (
        DatasetVersion.objects.filter(is_current=True).select_related("dataset").order_by("dataset__code")
    )
    if codes is not None:
        versions = versions.filter(dataset__code__in=list(codes))
    nuts = {i.dataset_code for i in Indicator.objects.filter(is_active=True) if is_nuts_series(i)}
    return [
        {
            "dataset": v.dataset,
            "version": v,
            "source": v.dataset.source,
            "table_id": v.dataset.table_id,
            "date": v.source_updated or v.created_at,
            "is_release_date": v.source_updated is not None,
            "licence": v.dataset.licence,
            "first_period": v.first_period,
            "latest_period": v.latest_period,
            "is_eurostat": v.dataset.code in nuts,
        }
        for v in versions
    ]


def comparison(indicator: Indicator, year: int | None = None) -> dict:
    """All mainland regions for one indicator and year, ranked (highest first)."""
    rows = IndicatorValue.objects.filter(indicator=indicator, region__is_mainland=True).select_related(
        "region"
    )
    # The years the regions have values for (the whole country's series may run a year further).
    years = sorted(set(rows.values_list("year", flat=True)))
    if not years:
        return {
            "indicator": indicator,
            "years": [],
            "year": None,
            "rows": [],
            "country": None,
            "sources": [],
            "is_eurostat": is_nuts_series(indicator),
        }
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
        "period": ranked[0].period if ranked else str(year),
        "latest_year": years[-1],
        "round_year": (year_of_round := round_year()),
        "is_old": year_of_round - years[-1] > STALE_YEARS,
        "is_eurostat": is_nuts_series(indicator),
    }
