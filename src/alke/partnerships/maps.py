"""The map of where agreements, networks and zones act: a Vega-Lite spec built on the server.

The region polygons (NLS 2023, CC BY 4.0) are shipped in alke/data/geo. The spec carries its data
inline, so the page's script only fetches one JSON document and hands it to vega-embed, which runs
with the expression interpreter under the strict content security policy (no eval).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from alke.partnerships import selectors
from alke.partnerships.models import EcosystemAgreement
from alke.regions.models import Region

GEO_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"
REGION_FILE = "maakunnat_2023_nls.geojson"
MUNICIPALITY_FILE = "kunnat_2023_nls.geojson"


def _signed_area(ring: list[list[float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False)) / 2


def _d3_winding(polygon: list[list[list[float]]]) -> list[list[list[float]]]:
    """d3-geo reads a polygon's exterior ring clockwise (the reverse of RFC 7946); holes the other
    way. Rounded to about 100 m, which is plenty for a country map and halves the payload."""
    fixed = []
    for index, ring in enumerate(polygon):
        ring = [[round(x, 3), round(y, 3)] for x, y in ring]
        clockwise = _signed_area(ring) < 0
        if (index == 0) != clockwise:
            ring.reverse()
        fixed.append(ring)
    return fixed


def _geometry(geometry: dict) -> dict:
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": _d3_winding(geometry["coordinates"])}
    if geometry["type"] == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [_d3_winding(p) for p in geometry["coordinates"]],
        }
    return geometry


@lru_cache(maxsize=1)
def region_shapes() -> dict[str, dict]:
    """Region number (01…19) -> geometry, read once per process."""
    data = json.loads((GEO_DIR / REGION_FILE).read_text(encoding="utf-8"))
    return {f["properties"]["NATCODE"]: _geometry(f["geometry"]) for f in data["features"]}


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
    shapes = region_shapes()
    features = [
        {"type": "Feature", "geometry": shapes[row["number"]], "properties": row}
        for row in regions
        if row["number"] in shapes
    ]
    total, agreements_label = _("Yhteensä"), _("Sopimukset")
    networks_label, zones_label = _("Teemaverkostot"), _("Kehittämisvyöhykkeet")
    region_label, city_label = _("Maakunta"), _("Kaupunki")
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": _("Kartta: kumppanuudet maakunnittain ja ekosysteemisopimusten kaupungit"),
        "width": "container",
        "height": 560,
        "autosize": {"type": "fit", "contains": "padding"},
        "projection": {"type": "transverseMercator", "rotate": [-25, 0, 0]},
        "layer": [
            {
                "data": {"values": features},
                "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 1},
                "encoding": {
                    "color": {
                        "field": "properties.total",
                        "type": "quantitative",
                        "title": _("Kumppanuuksia"),
                        "scale": {"scheme": "blues", "domainMin": 0},
                    },
                    "href": {"field": "properties.url"},
                    "tooltip": [
                        {"field": "properties.name", "title": region_label},
                        {"field": "properties.agreements", "title": agreements_label},
                        {"field": "properties.networks", "title": networks_label},
                        {"field": "properties.zones", "title": zones_label},
                        {"field": "properties.total", "title": total},
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
                        {"field": "city", "title": city_label},
                        {"field": "agreement", "title": agreements_label},
                    ],
                },
            },
        ],
        "config": {"view": {"stroke": None}, "background": None},
    }
