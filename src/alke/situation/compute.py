"""Indicator values computed from a dataset version (or a parsed table being previewed), following the
indicator's definition.

Derivations (Indicator.Derivation): `level` (the selected cell), `ratio` (numerator / denominator ×
scale), `difference` (numerator − denominator), `change_pct` (change % over `years`),
`growing_share` (share of sub-areas, e.g. municipalities of a region, that grew from the previous
year), `yoy_month` (monthly ratio against the same month a year earlier, free of seasonal variation)
and `flow` (moves between areas: into an area from the others, out of it, or the net).

A selection names one category per dimension, or a list of categories (or "*" for all) that are
summed; a sum with a missing part is missing. Monthly and quarterly series become yearly by
`annual`: `mean` of a complete year or the `last` period. `area_codes: nuts3` reads NUTS 3 codes
(Eurostat) as regions through the reference table of NUTS codes; `country: sum` adds the whole
country as the sum of the areas when the table has no total; `breakdown` keeps, per value, the
parts by the categories of one dimension (employed persons by industry).
"""

from __future__ import annotations

import csv
import functools
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from alke.situation import cells
from alke.situation.models import Category, DatasetVersion, Dimension, Indicator

if TYPE_CHECKING:  # loaded where used, not when the app starts
    import numpy as np

COUNTRY = "SSS"
NUTS_FILE = Path(__file__).resolve().parent.parent / "data" / "classification" / "nuts3_maakunnat.csv"
# Periods: 2024; 2024M01 or 2024-01; 2024Q1, 2024K1 (Finnish), 2024T1 (Spanish) or "2024 - 1"; 2024H1.
_TIME = re.compile(r"^(\d{4})(?:\s*(?:M|-)\s*(\d{1,2})|\s*[QKT]\s*([1-4])|\s*H\s*([12]))?$", re.I)


class IndicatorComputeError(ValueError):
    """The indicator's selection does not fit the dataset; the message names the mismatch."""


@functools.cache
def nuts_regions() -> dict[str, str]:
    """NUTS code (2021 and 2024 versions, and FI for the whole country) -> region code (MKxx, SSS)."""
    mapping = {"FI": COUNTRY}
    with NUTS_FILE.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            mapping[row["nuts3_2021"]] = row["code"]
            mapping[row["nuts3_2024"]] = row["code"]
    return mapping


@dataclass
class LoadedCube:
    dataset: str
    version: DatasetVersion | None
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
                    % {"ds": self.dataset, "dim": code, "dims": ", ".join(self.dims)}
                )
            return self.dims.index(code)
        if role in self.roles:
            return self.roles.index(role)
        raise IndicatorComputeError(
            _("Aineistossa %(ds)s ei ole %(role)s-ulottuvuutta.") % {"ds": self.dataset, "role": role}
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
        version.dataset.code,
        version,
        [d.code for d in dims],
        codes,
        parents,
        [d.role for d in dims],
        flat.reshape(shape),
    )


def cube_from_parsed(cube, dataset_code: str) -> LoadedCube:
    """A parsed table (alke.situation.parsers.Cube) as a LoadedCube, to preview indicators before storing."""
    import numpy as np

    array = np.array([math.nan if v is None else v for v in cube.values], dtype="<f8")
    return LoadedCube(
        dataset_code,
        None,
        [d.code for d in cube.dims],
        [d.codes for d in cube.dims],
        [{c.code: c.parent for c in d.categories if c.parent} for d in cube.dims],
        [d.role for d in cube.dims],
        array.reshape(tuple(d.size for d in cube.dims)),
    )


def _choice(cube: LoadedCube, ax: int, wanted) -> int | list[int]:
    """The index (or indices, to be summed) of the selected categories on axis `ax`."""
    codes = cube.codes[ax]
    if wanted == "*":
        return list(range(len(codes)))
    listed = [str(w) for w in wanted] if isinstance(wanted, list) else [str(wanted)]
    missing = [c for c in listed if c not in codes]
    if missing:
        raise IndicatorComputeError(
            _("Ulottuvuudessa %(dim)s ei ole luokkaa %(code)s (aineisto %(ds)s).")
            % {"dim": cube.dims[ax], "code": ", ".join(missing), "ds": cube.dataset}
        )
    indices = [codes.index(c) for c in listed]
    return indices if isinstance(wanted, list) else indices[0]


def _slice(cube: LoadedCube, keep: list[int], select: dict) -> np.ndarray:
    """The cube with the axes in `keep` (in that order) kept whole and every other axis fixed by
    `select` (a code, or a list/"*" summed; a dimension with one category needs no selection)."""
    import numpy as np

    array = cube.array
    # Sum or take the other axes from the last to the first so the remaining axis numbers stay valid.
    for ax in reversed(range(len(cube.dims))):
        if ax in keep:
            continue
        dim = cube.dims[ax]
        if dim in select:
            choice = _choice(cube, ax, select[dim])
            if isinstance(choice, list):
                array = np.take(array, choice, axis=ax).sum(axis=ax)  # NaN in a part: the sum is missing
            else:
                array = np.take(array, choice, axis=ax)
        elif len(cube.codes[ax]) == 1:
            array = np.take(array, 0, axis=ax)
        else:
            raise IndicatorComputeError(
                _("Indikaattorin valinnasta puuttuu ulottuvuus %(dim)s (aineisto %(ds)s).")
                % {"dim": dim, "ds": cube.dataset}
            )
    order = sorted(keep)
    return np.transpose(array, [order.index(ax) for ax in keep])


def _matrix(cube: LoadedCube, area_ax: int, time_ax: int, select: dict) -> np.ndarray:
    """The [area, time] slice with every other dimension fixed or summed by `select`."""
    return _slice(cube, [area_ax, time_ax], select)


def period(code: str) -> tuple[int, int | None, str]:
    """(year, month or None, kind) of a period code; kind is year, month, quarter or half.
    A quarter is dated by its last month, a half by June or December."""
    m = _TIME.match(code.strip())
    if not m:
        raise IndicatorComputeError(_("Ajanjaksoa %(code)s ei tunnistettu.") % {"code": code})
    year = int(m.group(1))
    if m.group(2):
        return year, int(m.group(2)), "month"
    if m.group(3):
        return year, int(m.group(3)) * 3, "quarter"
    if m.group(4):
        return year, int(m.group(4)) * 6, "half"
    return year, None, "year"


def period_sort_key(code: str) -> tuple[int, int]:
    try:
        year, month, _kind = period(code)
    except IndicatorComputeError:
        return (0, 0)
    return (year, month or 13)


def _periods(codes: list[str]) -> list[tuple[int, int | None]]:
    """(year, month) per period code; month None for a year. Where yearly totals stand next to
    quarters or months (as some offices publish them), the shorter periods are marked -1 so that the
    yearly values are used as they are."""
    out = [period(c) for c in codes]
    if len({kind for _y, _m, kind in out}) > 1 and any(kind == "year" for _y, _m, kind in out):
        return [(y, None if kind == "year" else -1) for y, _m, kind in out]
    return [(y, m) for y, m, _k in out]


Series = dict[int, tuple[float, str, dict]]  # year -> (value, period label, detail)


def _label(year: int, month: int, per_year: int) -> str:
    if per_year == 4:
        return f"{year}Q{(month + 2) // 3}"
    if per_year == 2:
        return f"{year}H{(month + 5) // 6}"
    return f"{year}-{month:02d}"


def _annual(row: np.ndarray, periods: list[tuple[int, int | None]], how: str) -> Series:
    """A yearly series from a yearly, quarterly or monthly row."""
    if any(month is None for _y, month in periods):
        return {
            y: (float(v), str(y), {})
            for (y, m), v in zip(periods, row, strict=True)
            if m is None and not math.isnan(v)
        }
    per_year = max(sum(1 for y, _m in periods if y == year) for year in {y for y, _m in periods})
    per_year = 12 if per_year > 4 else per_year
    by_year: dict[int, list[tuple[int, float]]] = {}
    for (y, month), v in zip(periods, row, strict=True):
        if not math.isnan(v):
            by_year.setdefault(y, []).append((month or 0, float(v)))
    out: Series = {}
    for y, items in by_year.items():
        if how == "last":
            month, v = max(items)
            out[y] = (v, _label(y, month, per_year), {})
        elif len(items) == per_year:  # a mean only of a complete year, so years stay comparable
            out[y] = (sum(v for _m, v in items) / per_year, str(y), {"periods": per_year})
    return out


def _with_country(cube: LoadedCube, area_ax: int) -> LoadedCube:
    """The cube with the whole country added as the sum of its areas, when it has no total of its own
    (a sum with a missing part is missing). Derivations then treat it like any area."""
    import numpy as np

    if COUNTRY in cube.codes[area_ax]:
        return cube
    total = np.sum(cube.array, axis=area_ax, keepdims=True)
    codes = [list(c) for c in cube.codes]
    codes[area_ax].append(COUNTRY)
    return LoadedCube(
        cube.dataset, cube.version, cube.dims, codes, cube.parents, cube.roles,
        np.concatenate([cube.array, total], axis=area_ax),
    )  # fmt: skip


def compute(indicator: Indicator, cube: LoadedCube) -> dict[str, Series]:
    """area code (MKxx or SSS) -> yearly series for the indicator."""
    p = indicator.params or {}
    if p.get("country") == "sum":
        cube = _with_country(cube, cube.axis(p.get("area"), "geo"))
    result = _compute(indicator, cube, p)
    if p.get("area_codes") == "nuts3":
        mapping = nuts_regions()
        result = {mapping[a]: s for a, s in result.items() if a in mapping}
    return result


def _compute(indicator: Indicator, cube: LoadedCube, p: dict) -> dict[str, Series]:
    import numpy as np

    area_ax = cube.axis(p.get("area"), "geo")
    time_ax = cube.axis(p.get("time"), "time")
    areas = cube.codes[area_ax]
    periods = _periods(cube.codes[time_ax])
    select = dict(p.get("select") or {})
    how = p.get("annual", "mean")
    kind = indicator.derivation
    D = Indicator.Derivation
    result: dict[str, Series] = {}
    if kind == D.FLOW:
        return _flows(cube, p, area_ax, time_ax, periods, select, how)
    if kind in (D.LEVEL, D.CHANGE_PCT, D.GROWING_SHARE):
        base = _matrix(cube, area_ax, time_ax, select)
        levels = {a: _annual(base[i], periods, how) for i, a in enumerate(areas)}
        if kind == D.LEVEL:
            if p.get("breakdown"):
                _breakdown(cube, p, area_ax, time_ax, periods, select, how, levels)
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
                _("Aineiston %(ds)s alueilla ei ole ylempää aluetta (maakuntaa).") % {"ds": cube.dataset}
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
    if kind == D.DIFFERENCE:
        return {a: _annual((num - den)[i], periods, how) for i, a in enumerate(areas)}
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(den != 0, num / den, np.nan) * float(p.get("scale", 1))
    if kind == D.RATIO:
        return {a: _annual(ratio[i], periods, how) for i, a in enumerate(areas)}
    if kind == D.YOY_MONTH:
        index = {per: k for k, per in enumerate(periods)}
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


def _breakdown(cube, p, area_ax, time_ax, periods, select, how, levels: dict[str, Series]) -> None:
    """Add to each value its parts by the categories of the `breakdown` dimension (detail "by")."""
    by_ax = cube.axis(p["breakdown"], "other")
    wanted = select.get(p["breakdown"], "*")
    choice = _choice(cube, by_ax, wanted)
    indices = choice if isinstance(choice, list) else [choice]
    rest = {k: v for k, v in select.items() if k != p["breakdown"]}
    parts = _slice(cube, [area_ax, time_ax, by_ax], rest)
    for i, area in enumerate(cube.codes[area_ax]):
        for k in indices:
            code = cube.codes[by_ax][k]
            for year, (value, *_rest) in _annual(parts[i, :, k], periods, how).items():
                if year in levels[area]:
                    levels[area][year][2].setdefault("by", {})[code] = value


def _flows(cube, p, area_ax, time_ax, periods, select, how) -> dict[str, Series]:
    """Moves into each area from the others (in), out of it to the others (out), or in − out (net).
    `area` is the dimension of the destination and `counterpart` that of the origin."""
    import numpy as np

    other_ax = cube.axis(p.get("counterpart"), "")
    flow = p.get("flow", "net")
    if cube.codes[other_ax] != cube.codes[area_ax]:
        raise IndicatorComputeError(
            _("Ulottuvuuksilla %(a)s ja %(b)s on eri alueet (aineisto %(ds)s).")
            % {"a": cube.dims[area_ax], "b": cube.dims[other_ax], "ds": cube.dataset}
        )
    matrix = _slice(cube, [area_ax, other_ax, time_ax], select)  # [to, from, time]
    between = np.where(
        ~np.eye(matrix.shape[0], dtype=bool)[:, :, None], matrix, 0.0
    )  # moves within an area are no flow
    inflow, outflow = between.sum(axis=1), between.sum(axis=0)
    values = {"in": inflow, "out": outflow, "net": inflow - outflow}.get(flow)
    if values is None:
        raise IndicatorComputeError(_("Tuntematon virta %(flow)s: käytä in, out tai net.") % {"flow": flow})
    result: dict[str, Series] = {}
    for i, area in enumerate(cube.codes[area_ax]):
        ins, outs = _annual(inflow[i], periods, how), _annual(outflow[i], periods, how)
        result[area] = {
            y: (v, label, {"in": ins[y][0], "out": outs[y][0]})
            for y, (v, label, _d) in _annual(values[i], periods, how).items()
            if y in ins and y in outs
        }
    if COUNTRY not in result:
        # The whole country: every move between its areas is both an arrival and a departure.
        totals = _annual(between.sum(axis=(0, 1)), periods, how)
        result[COUNTRY] = {
            y: (0.0 if flow == "net" else v, label, {"in": v, "out": v})
            for y, (v, label, _d) in totals.items()
        }
    return result


def to_decimal(value: float) -> Decimal:
    return Decimal(repr(round(value, 6)))
