"""Vega-Lite specifications of the AUNE report's charts.

They are drawn by the situational picture's chart helper (`situation/partials/chart.html` and its
script, which uses Vega's expression interpreter so the CSP needs no eval); each chart on the page has
a table with the same numbers next to it, made from the same `Report`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from alke.core.charts import SCHEMA, config
from alke.followup.models import Status
from alke.followup.selectors import FundingRow, Report, Tally

# Colour-blind safe, each at least 3:1 against white.
STATUS_COLOURS = {
    Status.NOT_STARTED: "#6b6b6b",
    Status.IN_PROGRESS: "#0050a0",
    Status.DONE: "#1b7a3a",
    Status.DROPPED: "#a4262c",
}


def _status_scale() -> dict:
    return {
        "domain": [str(label) for _code, label in Status.choices],
        "range": [STATUS_COLOURS[code] for code in Status.values],
    }


def status_bars(tallies: list[Tally], description: str, axis_title: str) -> dict:
    """Horizontal stacked bars: conclusions by status under each key (region, theme, ministry, round)."""
    labels = dict(Status.choices)
    rows = [
        {"group": t.label, "status": str(labels[code]), "order": index, "count": t.counts[code]}
        for t in tallies
        for index, code in enumerate(Status.values)
        if t.counts[code]
    ]
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": {"step": 24},
        "data": {"values": rows},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {
                "field": "group",
                "type": "nominal",
                "title": axis_title,
                "sort": [t.label for t in tallies],
            },
            "x": {
                "field": "count",
                "type": "quantitative",
                "title": _("johtopäätöksiä"),
                "axis": {"tickMinStep": 1, "format": "d"},
            },
            "color": {"field": "status", "type": "nominal", "title": _("tila"), "scale": _status_scale()},
            "order": {"field": "order", "type": "quantitative"},
        },
        "config": config(),
    }


def trend_lines(report: Report) -> dict:
    """Across rounds: the share done and the share of due conclusions done in time."""
    rows = []
    for t in report.by_round:
        if t.done_share is not None:
            rows.append({"round": t.label, "measure": _("toteutuneet, %"), "value": t.done_share})
        if t.on_time_share is not None:
            rows.append(
                {"round": t.label, "measure": _("määräajassa toteutuneet, %"), "value": t.on_time_share}
            )
    return {
        "$schema": SCHEMA,
        "description": _("Toteutuneiden ja määräajassa toteutuneiden johtopäätösten osuus kierroksittain"),
        "width": "container",
        "height": 220,
        "data": {"values": rows},
        "mark": {"type": "line", "point": True, "strokeWidth": 2},
        "encoding": {
            "x": {
                "field": "round",
                "type": "ordinal",
                "title": _("kierros"),
                "sort": [t.label for t in report.by_round],
            },
            "y": {"field": "value", "type": "quantitative", "title": "%", "scale": {"domain": [0, 100]}},
            "color": {
                "field": "measure",
                "type": "nominal",
                "title": None,
                "scale": {"range": ["#0050a0", "#1b7a3a"]},
            },
            "strokeDash": {
                "field": "measure",
                "type": "nominal",
                "title": None,
                "scale": {"range": [[1, 0], [5, 3]]},
            },
        },
        "config": config(),
    }


def funding_bars(rows: list[FundingRow]) -> dict:
    """Grouped bars per region: allocated, committed and paid (euros)."""
    measures = [(_("kohdennettu"), "allocated"), (_("sidottu"), "committed"), (_("maksettu"), "paid")]
    values = [
        {"region": f"{r.region_name} {r.round_year}", "measure": label, "value": float(getattr(r, attr))}
        for r in rows
        for label, attr in measures
    ]
    return {
        "$schema": SCHEMA,
        "description": _("AKKE-rahoitus maakunnittain: kohdennettu, sidottu ja maksettu"),
        "width": "container",
        "height": {"step": 12},
        "data": {"values": values},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "region", "type": "nominal", "title": None},
            "yOffset": {"field": "measure", "type": "nominal", "sort": [m[0] for m in measures]},
            "x": {"field": "value", "type": "quantitative", "title": "€", "axis": {"format": ",.0f"}},
            "color": {
                "field": "measure",
                "type": "nominal",
                "title": None,
                "sort": [m[0] for m in measures],
                "scale": {"range": ["#6b6b6b", "#0050a0", "#1b7a3a"]},
            },
        },
        "config": config(),
    }


def report_charts(report: Report) -> dict[str, dict]:
    return {
        "region": status_bars(
            report.by_region, _("Johtopäätökset maakunnittain ja tiloittain"), _("maakunta")
        ),
        "theme": status_bars(report.by_theme, _("Johtopäätökset teemoittain ja tiloittain"), _("teema")),
        "ministry": status_bars(
            report.by_ministry, _("Johtopäätökset vastuuministeriöittäin ja tiloittain"), _("ministeriö")
        ),
        "trend": trend_lines(report),
        "funding": funding_bars(report.funding),
    }
