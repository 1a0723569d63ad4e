"""What follow-up offers the rest: its actions and read rules, navigation, the region page's panel, demo."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from alke.agenda.models import AgendaCandidate
from alke.agenda.selectors import CANDIDATE_TEXTS, CandidateText
from alke.core.manifest import Manifest
from alke.core.permissions import (
    ANY,
    OWN_MINISTRY,
    OWN_ORGANISATION,
    OWN_REGION,
    A,
    Action,
    C,
    K,
    M,
    Objects,
    R,
    any_of,
    readable_through,
    readable_with,
)
from alke.core.registry import DEMO, NAV, REGION_PANELS, DemoLoader, NavEntry, PageSection
from alke.followup.candidates import candidate_text
from alke.followup.demo import load_demo
from alke.followup.views import region_panel

# A conclusion concerns its region, its responsible ministries, the organisations named in it and the
# organisation named to report on it.
CONCLUSIONS = Objects(
    "agreements.Conclusion",
    region=("region",),
    ministry=("ministries",),
    organisation=("organisations", "followup__responsible_organisation"),
)

manifest = Manifest(
    "followup",
    actions=[
        Action(
            "followup.update",
            {C: ANY, M: OWN_MINISTRY, R: OWN_REGION, K: OWN_ORGANISATION},
            objects=CONCLUSIONS,
        ),
        Action("report.view", {C: ANY, M: ANY, R: ANY, A: ANY}),
        Action("survey.answer", {C: ANY, M: ANY, R: ANY, A: ANY, K: ANY}),
        Action("survey.manage", {C: ANY}),
        Action("improvement.manage", {C: ANY}),
    ],
    read_rules={
        "followup.ConclusionFollowUp": any_of(
            readable_with("conclusion.view"), readable_with("followup.update")
        ),
        "followup.FollowUpUpdate": readable_through("followup"),
        "followup.FeedbackSurvey": any_of(readable_with("survey.answer"), readable_with("report.view")),
        "followup.SurveyQuestion": readable_through("survey"),
        "followup.ImprovementItem": readable_with("report.view"),
    },
    contributes={
        NAV: [NavEntry(70, "followup:index", _("Seuranta"))],
        REGION_PANELS: [PageSection(70, "followup/partials/region_panel.html", region_panel)],
        DEMO: [DemoLoader(70, "follow-up, feedback and the AUNE report", load_demo)],
        # carried-over conclusions read in the agenda's language
        CANDIDATE_TEXTS: [CandidateText(AgendaCandidate.Source.CARRY_OVER, candidate_text)],
    },
)
