"""What the agreements app offers the rest: its actions and read rules, navigation, the region page's
panel, the round milestone of an approved document and the demo conclusions and documents."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alke.agreements import demo, selectors
from alke.agreements.views import region_panel
from alke.core.manifest import Manifest
from alke.core.permissions import (
    ANY,
    OWN_MINISTRY,
    OWN_REGION,
    A,
    Action,
    C,
    M,
    Objects,
    R,
    readable_through,
    readable_with,
)
from alke.core.registry import DEMO, NAV, REGION_PANELS, DemoLoader, NavEntry, PageSection
from alke.rounds.models import Phase
from alke.rounds.selectors import MILESTONES, RoundMilestone

# drafts included, as on the document page
_CONCLUSIONS = readable_with("conclusion.view")

manifest = Manifest(
    "agreements",
    actions=[
        Action("conclusion.record", {C: ANY}),
        Action("conclusion.view", {C: ANY, M: ANY, R: ANY, A: ANY}),
        Action("worklist.view", {C: ANY, M: OWN_MINISTRY}),
        # an unpublished document: its parties, the state and the regional councils it concerns (what
        # search finds; a published one everyone reads)
        Action(
            "document.view",
            {C: ANY, M: ANY, R: OWN_REGION},
            objects=Objects("agreements.CooperationDocument", region=("region", "other_regions")),
        ),
        Action("document.edit", {C: ANY, R: OWN_REGION}),
        Action("document.comment", {C: ANY, M: ANY, R: OWN_REGION}),
        Action("document.approve_state", {C: ANY}),
        Action("document.approve_region", {R: OWN_REGION}),
        Action("document.reopen", {C: ANY}),
        Action("document.publish", {C: ANY}),
    ],
    read_rules={
        "agreements.Conclusion": _CONCLUSIONS,
        "agreements.ConclusionIndicator": readable_through("conclusion"),
        "agreements.AgendaItemMinutes": _CONCLUSIONS,
        "agreements.CooperationDocument": _CONCLUSIONS,
        "agreements.DocumentVersion": _CONCLUSIONS,
        "agreements.DocumentApproval": _CONCLUSIONS,
        "agreements.DocumentComment": _CONCLUSIONS,
    },
    contributes={
        NAV: [NavEntry(60, "agreements:index", _("Yhteistyöasiakirjat"))],
        REGION_PANELS: [PageSection(60, "agreements/partials/region_panel.html", region_panel)],
        DEMO: [
            DemoLoader(60, "conclusions", demo.load_conclusions),
            # 61: the funding app agrees the funded entities on the conclusions before the documents
            DemoLoader(62, "cooperation documents", demo.load_documents),
        ],
        MILESTONES: [
            RoundMilestone(
                40,
                "document",
                _("yhteistyöasiakirja hyväksytty"),
                Phase.DOCUMENTS,
                selectors.approved_region_ids,
            )
        ],
    },
)
