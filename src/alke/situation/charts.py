"""Vega-Lite specifications for the charts. They travel to the page as JSON data blocks and are drawn
by `situation/js/charts.js` with Vega's expression interpreter, so no `eval` is needed under the CSP.
Every chart has a table next to it with the same numbers.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from alke.core.charts import SCHEMA, config
from alke.situation.picture import Summary

REGION_COLOUR = "#0050a0"
COUNTRY_COLOUR = "#6b6b6b"


def _locale_format(decimals: int) -> str:
    return f",.{decimals}f"


def indexed(summary: Summary) -> bool:
    """Levels such as population are charted as an index (first common year = 100) to compare sizes."""
    return summary.change_kind == "pct"


def series_rows(summary: Summary, region_name: str, country_name: str) -> tuple[list[dict], str]:
    """The rows the chart and its table show, and the y-axis title."""
    own = {y: v for y, _p, v in summary.series}
    country = {y: v for y, _p, v in summary.country_series}
    rows: list[dict] = []
    if indexed(summary):
        common = sorted(set(own) & set(country))
        if not common:
            return [], summary.indicator.unit
        base = common[0]
        title = _("indeksi %(year)s = 100") % {"year": base}
        for y in common:
            rows.append({"year": y, "area": region_name, "value": round(float(own[y] / own[base] * 100), 2)})
            rows.append(
                {"year": y, "area": country_name, "value": round(float(country[y] / country[base] * 100), 2)}
            )
        return rows, title
    for y, v in sorted(own.items()):
        rows.append({"year": y, "area": region_name, "value": round(float(v), summary.decimals + 1)})
    for y, v in sorted(country.items()):
        if y in own:
            rows.append({"year": y, "area": country_name, "value": round(float(v), summary.decimals + 1)})
    return rows, summary.indicator.unit


def line_spec(summary: Summary, region_name: str, country_name: str) -> dict:
    rows, y_title = series_rows(summary, region_name, country_name)
    decimals = 1 if indexed(summary) else summary.decimals
    return {
        "$schema": SCHEMA,
        "description": _("%(indicator)s %(period)s: %(region)s ja koko maa")
        % {"indicator": summary.indicator.name, "period": summary.period_range, "region": region_name},
        "width": "container",
        "height": 200,
        "data": {"values": rows},
        "mark": {"type": "line", "point": True, "strokeWidth": 2},
        "encoding": {
            "x": {
                "field": "year",
                "type": "quantitative",
                "title": _("vuosi"),
                "axis": {"format": "d", "tickMinStep": 1},
            },
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": y_title,
                "scale": {"zero": False},
                "axis": {"format": _locale_format(decimals)},
            },
            "color": {
                "field": "area",
                "type": "nominal",
                "title": None,
                "legend": {"orient": "bottom", "title": None},
                "scale": {"domain": [region_name, country_name], "range": [REGION_COLOUR, COUNTRY_COLOUR]},
            },
            "strokeDash": {
                "field": "area",
                "type": "nominal",
                "title": None,
                "legend": {"orient": "bottom", "title": None},
                "scale": {"domain": [region_name, country_name], "range": [[1, 0], [5, 3]]},
            },
        },
        "config": config(),
    }


def bar_spec(comparison: dict, highlight: str | None = None) -> dict:
    indicator = comparison["indicator"]
    rows = [
        {"region": r["region"].name, "code": r["region"].code, "value": float(r["value"])}
        for r in comparison["rows"]
    ]
    layers: list[dict] = [
        {
            "mark": {"type": "bar"},
            "encoding": {
                "y": {"field": "region", "type": "nominal", "sort": "-x", "title": None},
                "x": {
                    "field": "value",
                    "type": "quantitative",
                    "title": indicator.unit,
                    "axis": {"format": _locale_format(indicator.decimals)},
                },
                "color": {
                    "condition": {"test": f"datum.code === '{highlight or ''}'", "value": "#c8102e"},
                    "value": REGION_COLOUR,
                },
            },
        }
    ]
    if comparison.get("country") is not None:
        layers.append(
            {
                "data": {"values": [{"value": float(comparison["country"].value)}]},
                "mark": {"type": "rule", "color": "#1a1a1a", "strokeDash": [4, 3], "strokeWidth": 2},
                "encoding": {"x": {"field": "value", "type": "quantitative"}},
            }
        )
    return {
        "$schema": SCHEMA,
        "description": _("%(indicator)s maakunnittain %(year)s, suurimmasta pienimpään")
        % {"indicator": indicator.name, "year": comparison["year"]},
        "width": "container",
        "height": {"step": 22},
        "data": {"values": rows},
        "layer": layers,
        "config": config(),
    }


def map_spec(comparison: dict) -> dict:
    indicator = comparison["indicator"]
    rows = [
        {"natcode": r["region"].number, "region": r["region"].name, "value": float(r["value"])}
        for r in comparison["rows"]
    ]
    scheme = {"scheme": "blues"}  # darker = larger value, whichever direction is better
    return {
        "$schema": SCHEMA,
        "description": _("Kartta: %(indicator)s maakunnittain %(year)s")
        % {"indicator": indicator.name, "year": comparison["year"]},
        "width": "container",
        "height": 520,
        "data": {"url": reverse("situation:geojson"), "format": {"type": "json", "property": "features"}},
        "transform": [
            {
                "lookup": "properties.NATCODE",
                "from": {"data": {"values": rows}, "key": "natcode", "fields": ["region", "value"]},
            },
            {"filter": "isValid(datum.value)"},
        ],
        "projection": {"type": "mercator"},
        "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.8},
        "encoding": {
            "color": {
                "field": "value",
                "type": "quantitative",
                "title": indicator.unit,
                "scale": scheme,
                "legend": {"orient": "right", "format": _locale_format(indicator.decimals)},
            }
        },
        "config": config(),
    }


def svg_line(
    summary: Summary, region_name: str, country_name: str, width: int = 330, height: int = 150
) -> str:
    """A small static SVG line chart for the PDF annex (WeasyPrint draws SVG but runs no JavaScript)."""
    from django.utils.html import escape

    from alke.situation.picture import fmt

    rows, y_title = series_rows(summary, region_name, country_name)
    if not rows:
        return ""
    years = sorted({r["year"] for r in rows})
    values = [r["value"] for r in rows]
    lo, hi = min(values), max(values)
    if hi == lo:
        hi, lo = hi + 1, lo - 1
    left, right, top, bottom = 44, 8, 8, 34
    pw, ph = width - left - right, height - top - bottom

    def x(year: int) -> float:
        return left + (pw * (year - years[0]) / (years[-1] - years[0]) if len(years) > 1 else pw / 2)

    def y(value: float) -> float:
        return top + ph * (1 - (value - lo) / (hi - lo))

    decimals = 1 if indexed(summary) else summary.decimals
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="8">',
        f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#888"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="#888"/>',
        f'<text x="{left - 3}" y="{top + 6}" text-anchor="end">{escape(fmt(hi, decimals))}</text>',
        f'<text x="{left - 3}" y="{top + ph}" text-anchor="end">{escape(fmt(lo, decimals))}</text>',
        f'<text x="{left}" y="{top + ph + 10}">{years[0]}</text>',
        f'<text x="{left + pw}" y="{top + ph + 10}" text-anchor="end">{years[-1]}</text>',
        f'<text x="{left + pw / 2}" y="{top + ph + 10}" text-anchor="middle">{escape(y_title)}</text>',
    ]
    for name, colour, dash, offset in (
        (region_name, REGION_COLOUR, "", 0),
        (country_name, COUNTRY_COLOUR, ' stroke-dasharray="4 3"', 150),
    ):
        points = " ".join(f"{x(r['year']):.1f},{y(r['value']):.1f}" for r in rows if r["area"] == name)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="1.5"{dash}/>')
        parts.append(
            f'<line x1="{left + offset}" y1="{height - 6}" x2="{left + offset + 16}" y2="{height - 6}" '
            f'stroke="{colour}" stroke-width="1.5"{dash}/>'
        )
        parts.append(f'<text x="{left + offset + 20}" y="{height - 3}">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def structure_spec(structure: dict, region_name: str, country_name: str) -> dict:
    """Employed persons by industry: the region's shares next to the whole country's, as bars."""
    rows = []
    for row in structure["rows"]:
        if row["share"] is not None:
            rows.append({"industry": row["label"], "area": region_name, "share": round(row["share"], 2)})
        if row["country_share"] is not None:
            rows.append(
                {"industry": row["label"], "area": country_name, "share": round(row["country_share"], 2)}
            )
    order = [row["label"] for row in structure["rows"]]
    return {
        "$schema": SCHEMA,
        "description": _("Työlliset toimialoittain %(year)s: %(region)s ja koko maa, osuus työllisistä")
        % {"year": structure["period"], "region": region_name},
        "width": "container",
        "height": {"step": 11},
        "data": {"values": rows},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {
                "field": "industry",
                "type": "nominal",
                "sort": order,
                "title": None,
                "axis": {"labelLimit": 260},
            },
            "x": {
                "field": "share",
                "type": "quantitative",
                "title": "%",
                "axis": {"format": _locale_format(1)},
            },
            "yOffset": {"field": "area", "sort": [region_name, country_name]},
            "color": {
                "field": "area",
                "type": "nominal",
                "title": None,
                "legend": {"orient": "bottom", "title": None},
                "scale": {"domain": [region_name, country_name], "range": [REGION_COLOUR, COUNTRY_COLOUR]},
            },
        },
        "config": config(),
    }
