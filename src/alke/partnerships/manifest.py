"""What the partnership register offers the rest: its actions and read rules, its part of the reference
data, navigation, the region page's panel and demo content."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alke.core.manifest import Manifest
from alke.core.permissions import (
    ANY,
    OWN_ORGANISATION,
    Action,
    C,
    K,
    readable_by_everyone,
    readable_through,
)
from alke.core.registry import DEMO, NAV, REGION_PANELS, DemoLoader, NavEntry, PageSection
from alke.partnerships import demo, selectors
from alke.partnerships.models import DevelopmentZone, FocusArea, ThematicNetwork
from alke.partnerships.reference import load_partnerships
from alke.regions.services import REFERENCE, ReferenceLoader


def _reference_counts() -> dict[str, int]:
    return {
        "focus_areas": FocusArea.objects.count(),
        "thematic_networks": ThematicNetwork.objects.count(),
        "development_zones": DevelopmentZone.objects.count(),
    }


manifest = Manifest(
    "partnerships",
    actions=[
        Action("partnership.manage", {C: ANY}),
        Action("partnership.edit_own", {C: ANY, K: OWN_ORGANISATION}),
    ],
    read_rules={
        # public records to everyone, the rest to the coordinator
        "partnerships.FocusAreaGroup": readable_by_everyone,
        "partnerships.FocusArea": readable_by_everyone,
        "partnerships.Framework": readable_by_everyone,
        "partnerships.PartnershipRecord": selectors.may_see_record,
        "partnerships.RecordDetail": readable_through("record"),
    },
    contributes={
        REFERENCE: [ReferenceLoader(10, "partnerships", load_partnerships, _reference_counts)],
        NAV: [NavEntry(80, "partnerships:index", _("Kumppanuudet"))],
        REGION_PANELS: [
            PageSection(80, "partnerships/partials/region_panel.html", selectors.region_panel_context)
        ],
        DEMO: [DemoLoader(80, "partnerships", demo.load_demo)],
    },
)
