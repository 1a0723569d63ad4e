"""The map of where agreements, networks and zones act: a Vega-Lite spec built on the server.

It is drawn by the situational picture's chart helper (alke.situation: charts.js with the vega
expression interpreter, so the strict CSP holds) over the region boundaries that app serves
(NLS 2023, CC BY 4.0). The counts are joined to the shapes by the region number.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from alke.core.charts import SCHEMA, config
from alke.partnerships import selectors
from alke.partnerships.models import EcosystemAgreement
from alke.regions.models import Region

GEO_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"
MUNICIPALITY_FILE = "kunnat_2023_nls.geojson"


@lru_cache(maxsize=1)
def municipality_points() -> dict[str, tuple[float, float]]:
    """Municipality code -> a representative point (the mean of its largest ring's vertices)."""
    data = json.loads((GEO_DIR / MUNICIPALITY_FILE).read_text(encoding="utf-8"))
    points = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        ring = max((p[0] for p in polygons), key=len)
        xs, ys = [x for x, _ in ring], [y for _, y in ring]
        points[feature["properties"]["NATCODE"]] = (
            round(sum(xs) / len(xs), 4),
            round(sum(ys) / len(ys), 4),
        )
    return points


def map_rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(region rows, city rows): the same facts the map draws, for the table fallback too."""
    counts = selectors.region_counts()
    regions = []
    for region in Region.objects.mainland().order_by("name_fi"):
        count = counts.get(region.code, {"agreement": 0, "network": 0, "zone": 0})
        regions.append(
            {
                "code": region.code,
                "number": region.number,
                "name": region.name,
                "agreements": count["agreement"],
                "networks": count["network"],
                "zones": count["zone"],
                "total": count["agreement"] + count["network"] + count["zone"],
                "url": f"{reverse('partnerships:agreement_list')}?region={region.code}",
            }
        )
    points = municipality_points()
    cities = []
    agreements = (
        EcosystemAgreement.objects.public()
        .filter(generation=EcosystemAgreement.Generation.ECOSYSTEM)
        .prefetch_related("municipalities")
        .order_by("name_fi")
    )
    for agreement in agreements:
        for municipality in agreement.municipalities.all():
            if municipality.code in points:
                lon, lat = points[municipality.code]
                cities.append(
                    {
                        "city": municipality.name,
                        "agreement": agreement.name,
                        "lon": lon,
                        "lat": lat,
                        "url": agreement.get_absolute_url(),
                    }
                )
    return regions, cities


def map_spec() -> dict[str, Any]:
    """A Vega-Lite choropleth of records per region with the agreement cities as points."""
    regions, cities = map_rows()
    total, agreements_label = _("Yhteensä"), _("Sopimukset")
    networks_label, zones_label = _("Teemaverkostot"), _("Kehittämisvyöhykkeet")
    fields = ["name", "agreements", "networks", "zones", "total", "url"]
    return {
        "$schema": SCHEMA,
        "description": _("Kartta: kumppanuudet maakunnittain ja ekosysteemisopimusten kaupungit"),
        "width": "container",
        "height": 560,
        "projection": {"type": "mercator"},
        "layer": [
            {
                "data": {
                    "url": reverse("situation:geojson"),
                    "format": {"type": "json", "property": "features"},
                },
                "transform": [
                    {
                        "lookup": "properties.NATCODE",
                        "from": {"data": {"values": regions}, "key": "number", "fields": fields},
                    },
                    {"filter": "isValid(datum.total)"},
                ],
                "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 1},
                "encoding": {
                    "color": {
                        "field": "total",
                        "type": "quantitative",
                        "title": _("Kumppanuuksia"),
                        "scale": {"scheme": "blues", "domainMin": 0},
                    },
                    "href": {"field": "url"},
                    "tooltip": [
                        {"field": "name", "title": _("Maakunta")},
                        {"field": "agreements", "title": agreements_label},
                        {"field": "networks", "title": networks_label},
                        {"field": "zones", "title": zones_label},
                        {"field": "total", "title": total},
                    ],
                },
            },
            {
                "data": {"values": cities},
                "mark": {
                    "type": "circle",
                    "size": 60,
                    "color": "#a4161a",
                    "stroke": "#ffffff",
                    "strokeWidth": 1,
                    "opacity": 1,
                },
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "href": {"field": "url"},
                    "tooltip": [
                        {"field": "city", "title": _("Kaupunki")},
                        {"field": "agreement", "title": agreements_label},
                    ],
                },
            },
        ],
        "config": config(background=None),
    }
