"""The one configuration of every chart: the Vega-Lite version, font, text colours, axes and legends.

The apps build their specifications in Python (the situational picture, the AUNE report, the partnership
map) and start from `SCHEMA` and `config()`, so every chart looks and reads alike. They are drawn on the
page by the situational picture's chart partial and script; each chart has a table with the same numbers.
"""

from __future__ import annotations

from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
TEXT_COLOUR = "#1a1a1a"  # 17:1 against white


def config(**overrides: Any) -> dict:
    """The charts' common `config`, with `overrides` for one chart (e.g. background=None for a map)."""
    return {
        "font": FONT,
        "axis": {
            "labelFontSize": 12,
            "titleFontSize": 12,
            "labelColor": TEXT_COLOUR,
            "titleColor": TEXT_COLOUR,
        },
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
        "view": {"stroke": None},
        **overrides,
    }
