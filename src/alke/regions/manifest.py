"""What the regions app offers the rest: reference data rights and read rules, navigation, the front page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alke.core.manifest import Manifest
from alke.core.permissions import ANY, Action, C, readable_by_everyone
from alke.core.registry import DEMO, HOME_SECTIONS, NAV, DemoLoader, NavEntry, PageSection
from alke.regions.selectors import mainland_regions
from alke.regions.services import load_reference, load_shipped_data


def _home_section(request) -> dict:
    return {"regions": mainland_regions()}


def _load_reference(say) -> None:
    """`alke seed-demo` starts from the real reference data and the shipped statistics."""
    for name, count in load_reference().as_dict().items():
        say(f"{name.replace('_', ' '):<24} {count:>5}")
    load_shipped_data(say)


manifest = Manifest(
    "regions",
    actions=[Action("reference.manage", {C: ANY})],
    read_rules={
        "regions.Region": readable_by_everyone,
        "regions.Municipality": readable_by_everyone,
        "regions.Ministry": readable_by_everyone,
        "regions.Organisation": readable_by_everyone,
    },
    contributes={
        NAV: [NavEntry(10, "regions:list", _("Maakunnat"))],
        HOME_SECTIONS: [PageSection(10, "regions/partials/home_section.html", _home_section)],
        DEMO: [DemoLoader(0, "reference data", _load_reference)],
    },
)
