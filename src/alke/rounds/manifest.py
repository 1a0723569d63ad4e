"""What the rounds app offers the rest: its actions and read rules, the phases, navigation and demo round."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alke.core.manifest import Manifest
from alke.core.permissions import ANY, PHASES, A, Action, C, M, PhaseLabel, R, readable_through, readable_with
from alke.core.registry import DEMO, NAV, DemoLoader, NavEntry
from alke.rounds.demo import load_demo_round
from alke.rounds.models import PHASE_ORDER, Phase

manifest = Manifest(
    "rounds",
    actions=[
        Action("round.manage", {C: ANY}),
        Action("round.view", {C: ANY, M: ANY, R: ANY, A: ANY}),
    ],
    read_rules={
        "rounds.Round": readable_with("round.view"),
        "rounds.RoundPhase": readable_through("round"),
    },
    contributes={
        PHASES: [PhaseLabel(order, code, Phase(code).label) for order, code in enumerate(PHASE_ORDER)],
        NAV: [NavEntry(30, "rounds:index", _("Kierrokset"), action="round.view")],
        DEMO: [DemoLoader(30, "round", load_demo_round)],
    },
)
