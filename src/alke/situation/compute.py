"""Indicator values computed from the current version of a dataset, following the indicator's definition.

Derivations (Indicator.Derivation): `level` (the selected cell), `ratio` (numerator / denominator ×
scale), `change_pct` (change % over `years`), `growing_share` (share of sub-areas, e.g. municipalities
of a region, that grew from the previous year) and `yoy_month` (monthly ratio against the same month a
year earlier, free of seasonal variation). Monthly series become yearly by `annual`: `mean` of a
complete year (12 months) or the `last` month available.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from alke.situation import cells
from alke.situation.models import Category, DatasetVersion, Dimension, Indicator

if TYPE_CHECKING:  # loaded where used, not when the app starts
    import numpy as np

COUNTRY = "SSS"
_TIME = re.compile(r"^(\d{4})(?:[M\-](\d{1,2})|Q([1-4]))?$")


class IndicatorComputeError(ValueError):
    """The indicator's selection does not fit the dataset; the message names the mismatch."""


@dataclass
class LoadedCube:
    version: DatasetVersion
    dims: list[str]
    codes: list[list[str]]
    parents: list[dict[str, str]]
    roles: list[str]
    array: np.ndarray  # NaN = missing

    def axis(self, code: str | None, role: str) -> int:
        if code:
            if code not in self.dims:
                raise IndicatorComputeError(
                    _("Aineistossa %(ds)s ei ole ulottuvuutta %(dim)s (on: %(dims)s).")
                    % {"ds": self.version.dataset.code, "dim": code, "dims": ", ".join(self.dims)}
                )
            return self.dims.index(code)
        if role in self.roles:
            return self.roles.index(role)
        raise IndicatorComputeError(
            _("Aineistossa %(ds)s ei ole %(role)s-ulottuvuutta.")
            % {"ds": self.version.dataset.code, "role": role}
        )


def load_cube(version: DatasetVersion) -> LoadedCube:
    dims = list(Dimension.objects.filter(version=version).order_by("position"))
    codes, parents = [], []
    for dim in dims:
        cats = list(
            Category.objects.filter(dimension=dim).order_by("position").values_list("code", "parent_code")
        )
        codes.append([c for c, _p in cats])
        parents.append({c: p for c, p in cats if p})
    shape = tuple(len(c) for c in codes)
    flat = cells.read_all(version)
    if flat.size != math.prod(shape):
        raise IndicatorComputeError(
            _("Aineiston %(ds)s versiossa on %(found)s arvoa, odotettiin %(expected)s.")
            % {"ds": version.dataset.code, "found": flat.size, "expected": math.prod(shape)}
        )
    return LoadedCube(
        version, [d.code for d in dims], codes, parents, [d.role for d in dims], flat.reshape(shape)
    )


def _matrix(cube: LoadedCube, area_ax: int, time_ax: int, select: dict[str, str]) -> np.ndarray:
    """The [area, time] slice with every other dimension fixed by `select` (or its only category)."""
    index: list = []
    for ax, dim in enumerate(cube.dims):
        if ax in (area_ax, time_ax):
            index.append(slice(None))
            continue
        if dim in select:
            code = str(select[dim])
            if code not in cube.codes[ax]:
                raise IndicatorComputeError(
                    _("Ulottuvuudessa %(dim)s ei ole luokkaa %(code)s (aineisto %(ds)s).")
                    % {"dim": dim, "code": code, "ds": cube.version.dataset.code}
                )
            index.append(cube.codes[ax].index(code))
        elif len(cube.codes[ax]) == 1:
            index.append(0)
        else:
            raise IndicatorComputeError(
                _("Indikaattorin valinnasta puuttuu ulottuvuus %(dim)s (aineisto %(ds)s).")
                % {"dim": dim, "ds": cube.version.dataset.code}
            )
    matrix = cube.array[tuple(index)]
    return matrix if area_ax < time_ax else matrix.T


def _periods(codes: list[str]) -> list[tuple[int, int | None]]:
    out = []
    for code in codes:
        m = _TIME.match(code.strip())
        if not m:
            raise IndicatorComputeError(_("Ajanjaksoa %(code)s ei tunnistettu.") % {"code": code})
        month = int(m.group(2)) if m.group(2) else (int(m.group(3)) * 3 if m.group(3) else None)
        out.append((int(m.group(1)), month))
    return out


Series = dict[int, tuple[float, str, dict]]  # year -> (value, period label, detail)


def _annual(row: np.ndarray, periods: list[tuple[int, int | None]], how: str) -> Series:
    """A yearly series from a yearly or monthly row."""
    if all(month is None for _y, month in periods):
        return {
            y: (float(v), str(y), {}) for (y, _m), v in zip(periods, row, strict=True) if not math.isnan(v)
        }
    by_year: dict[int, list[tuple[int, float]]] = {}
    for (y, month), v in zip(periods, row, strict=True):
        if not math.isnan(v):
            by_year.setdefault(y, []).append((month or 0, float(v)))
    out: Series = {}
    for y, items in by_year.items():
        if how == "last":
            month, v = max(items)
            out[y] = (v, f"{y}-{month:02d}", {})
        elif len(items) == 12:  # a mean only of a complete year, so years stay comparable
            out[y] = (sum(v for _m, v in items) / 12, str(y), {"months": 12})
    return out


def compute(indicator: Indicator, cube: LoadedCube) -> dict[str, Series]:
    """area code -> yearly series for the indicator."""
    import numpy as np

    p = indicator.params or {}
    area_ax = cube.axis(p.get("area"), "geo")
    time_ax = cube.axis(p.get("time"), "time")
    areas = cube.codes[area_ax]
    periods = _periods(cube.codes[time_ax])
    select = dict(p.get("select") or {})
    how = p.get("annual", "mean")
    kind = indicator.derivation
    D = Indicator.Derivation
    result: dict[str, Series] = {}
    if kind in (D.LEVEL, D.CHANGE_PCT, D.GROWING_SHARE):
        base = _matrix(cube, area_ax, time_ax, select)
        levels = {a: _annual(base[i], periods, how) for i, a in enumerate(areas)}
        if kind == D.LEVEL:
            return levels
        if kind == D.CHANGE_PCT:
            n = int(p.get("years", 1))
            for a, s in levels.items():
                result[a] = {
                    y: ((v / s[y - n][0] - 1) * 100, label, {"base_year": y - n})
                    for y, (v, label, _d) in s.items()
                    if y - n in s and s[y - n][0]
                }
            return result
        # growing_share: group sub-areas by their parent (region); the whole country takes them all.
        parents = cube.parents[area_ax]
        if not parents:
            raise IndicatorComputeError(
                _("Aineiston %(ds)s alueilla ei ole ylempää aluetta (maakuntaa).")
                % {"ds": cube.version.dataset.code}
            )
        groups: dict[str, list[str]] = {COUNTRY: list(areas)}
        for a in areas:
            groups.setdefault(parents.get(a, ""), []).append(a)
        years = sorted({y for s in levels.values() for y in s})
        for region, members in groups.items():
            if not region:
                continue
            series: Series = {}
            for y in years:
                pairs = [
                    (levels[m][y][0], levels[m][y - 1][0])
                    for m in members
                    if y in levels[m] and y - 1 in levels[m]
                ]
                if not pairs:
                    continue
                growing = sum(1 for now, before in pairs if now > before)
                shrinking = sum(1 for now, before in pairs if now < before)
                series[y] = (
                    growing / len(pairs) * 100,
                    str(y),
                    {"growing": growing, "shrinking": shrinking, "total": len(pairs)},
                )
            result[region] = series
        return result
    num = _matrix(cube, area_ax, time_ax, {**select, **(p.get("numerator") or {})})
    den = _matrix(cube, area_ax, time_ax, {**select, **(p.get("denominator") or {})})
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(den != 0, num / den, np.nan) * float(p.get("scale", 1))
    if kind == D.RATIO:
        return {a: _annual(ratio[i], periods, how) for i, a in enumerate(areas)}
    if kind == D.YOY_MONTH:
        index = {period: k for k, period in enumerate(periods)}
        for i, a in enumerate(areas):
            monthly: dict[int, list[tuple[int, float, float]]] = {}
            for k, (y, month) in enumerate(periods):
                prev = index.get((y - 1, month))
                if month is None or prev is None:
                    continue
                now, before = ratio[i, k], ratio[i, prev]
                if not (math.isnan(now) or math.isnan(before)):
                    monthly.setdefault(y, []).append((month, float(now - before), float(now)))
            result[a] = {}
            for y, items in monthly.items():
                month, diff, now = max(items)
                result[a][y] = (diff, f"{y}-{month:02d}", {"rate": round(now, 3)})
        return result
    raise IndicatorComputeError(_("Tuntematon johtamistapa %(kind)s.") % {"kind": kind})


def to_decimal(value: float) -> Decimal:
    return Decimal(repr(round(value, 6)))
