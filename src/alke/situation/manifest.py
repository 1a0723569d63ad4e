"""What the situational picture offers the rest: its actions and read rules, navigation, panel and demo."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alke.core.manifest import Manifest
from alke.core.permissions import ANY, OWN_REGION, A, Action, C, M, R, readable_by_everyone, readable_with
from alke.core.registry import DEMO, NAV, REGION_PANELS, DemoLoader, NavEntry, PageSection
from alke.regions.services import SHIPPED_DATA
from alke.situation import demo, services
from alke.situation.views import panel_context

manifest = Manifest(
    "situation",
    actions=[
        Action("stats.import", {C: ANY}),
        Action("indicator.manage", {C: ANY}),
        Action("analysis.write", {C: ANY, M: ANY, R: OWN_REGION}),
        Action("analysis.view", {C: ANY, M: ANY, R: ANY, A: ANY}),
    ],
    read_rules={
        # the statistics are public, the analyses are not
        "situation.Dataset": readable_by_everyone,
        "situation.DatasetVersion": readable_by_everyone,
        "situation.Indicator": readable_by_everyone,
        "situation.Analysis": readable_with("analysis.view"),
    },
    contributes={
        NAV: [NavEntry(20, "situation:index", _("Tilannekuva"))],
        REGION_PANELS: [PageSection(20, "situation/panel.html", panel_context)],
        # Real statistics, not demo content: `alke load-reference` (and so `alke seed-demo`) loads them.
        SHIPPED_DATA: [DemoLoader(20, "situational picture (shipped statistics)", services.load_snapshot)],
        # Analysis texts hang on a round, so they load after the rounds app's demo (order 30).
        DEMO: [DemoLoader(35, "situational picture (analysis texts)", demo.load_analyses)],
    },
)
