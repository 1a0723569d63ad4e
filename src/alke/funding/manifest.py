"""What the funding app offers the rest: its actions and read rules, the document's funding section, the
funding page beside a round's documents and the demo appropriation and entities."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alke.agreements.content import DOCUMENT_SECTIONS
from alke.agreements.selectors import ROUND_PAGES
from alke.core.manifest import Manifest
from alke.core.permissions import ANY, OWN_REGION, A, Action, C, M, R, readable_with
from alke.core.registry import DEMO, DemoLoader
from alke.funding import demo, document
from alke.rounds.selectors import RoundTab

# a region sees its own allocation, entities and ledger; the appropriation is shared
_FUNDING = readable_with("funding.view")

manifest = Manifest(
    "funding",
    actions=[
        Action("funding.manage", {C: ANY}),
        Action("funding.view", {C: ANY, M: ANY, R: OWN_REGION, A: ANY}),
        Action("ledger.record", {C: ANY}),
    ],
    read_rules={
        "funding.Appropriation": readable_with("funding.view", scoped=False),
        "funding.RegionAllocation": _FUNDING,
        "funding.FundedEntity": _FUNDING,
        "funding.LedgerEntry": _FUNDING,
    },
    contributes={
        DOCUMENT_SECTIONS: [document.SECTION],
        ROUND_PAGES: [RoundTab(10, "funding:round", _("AKKE-rahoitus"), action="funding.view")],
        DEMO: [DemoLoader(61, "AKKE funding", demo.load_demo)],
    },
)
