"""The situational picture as the conclusions see it: indicator choices and baselines."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from alke.situation import selectors as situation
from alke.situation.models import Indicator


@dataclass
class Baseline:
    indicator: Indicator
    year: int | None
    value: Decimal | None

    @property
    def name(self) -> str:
        return self.indicator.name_fi

    @property
    def unit(self) -> str:
        return self.indicator.unit_fi


def choices() -> list[tuple[str, str]]:
    """Active indicators of the situational picture, as (code, name) for a select."""
    return [(i.code, f"{i.name} ({i.unit})") for i in situation.indicators()]


def baseline(region_code: str, indicator_code: str, round_year: int) -> Baseline:
    """The region's latest value of the indicator up to the round's year (the conclusion's baseline)."""
    indicator = Indicator.objects.get(code=indicator_code)
    values = [v for v in situation.series(indicator, region_code) if v.year <= round_year]
    if not values:
        return Baseline(indicator, None, None)
    latest = values[-1]
    return Baseline(
        indicator, latest.year, situation.indicator_value(region_code, indicator_code, latest.year)
    )
