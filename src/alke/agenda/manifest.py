"""What the agenda app offers the rest: its actions, read rules, pages of a round, milestones and demo."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alke.agenda import demo, panels, selectors
from alke.agenda.models import Agenda, Proposal
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
    PrivateHistory,
    R,
    readable_through,
    readable_with,
)
from alke.core.registry import DEMO, NAV, REGION_PANELS, DemoLoader, NavEntry, PageSection
from alke.rounds.models import Phase as P
from alke.rounds.selectors import MILESTONES, ROUND_TABS, RoundMilestone, RoundTab

PROPOSALS = Objects("agenda.Proposal", region=("region",))

ACTIONS = [
    Action("proposal.view", {C: ANY, M: ANY, R: ANY, A: ANY}),
    Action("proposal.create", {C: ANY, R: OWN_REGION}, phases={P.PROPOSALS}),
    Action("proposal.edit", {C: ANY, R: OWN_REGION}, phases={P.PROPOSALS}, objects=PROPOSALS),
    Action("proposal.submit", {C: ANY, R: OWN_REGION}, phases={P.PROPOSALS}, objects=PROPOSALS),
    Action("proposal.decide", {C: ANY}, phases={P.PROPOSALS, P.AGENDA}),
    Action("proposal.comment", {C: ANY, M: ANY, R: OWN_REGION}, phases={P.PROPOSALS, P.AGENDA}),
    Action("issue.raise", {C: ANY, M: OWN_MINISTRY}, phases={P.SITUATION, P.PROPOSALS, P.AGENDA}),
    Action("issue.edit", {C: ANY, M: OWN_MINISTRY}, phases={P.SITUATION, P.PROPOSALS, P.AGENDA}),
    Action("synergy.analyse", {C: ANY}, phases={P.PROPOSALS, P.AGENDA}),
    Action("synergy.decide", {C: ANY}, phases={P.PROPOSALS, P.AGENDA}),
    # follow-up carries unfinished conclusions over before the agendas are drafted
    Action(
        "candidate.add",
        {C: ANY, M: ANY, R: OWN_REGION},
        phases={P.KICK_OFF, P.SITUATION, P.PROPOSALS, P.AGENDA},
    ),
    Action("candidate.decide", {C: ANY, R: OWN_REGION}, phases={P.PROPOSALS, P.AGENDA}),
    Action("agenda.edit", {C: ANY, R: OWN_REGION}, phases={P.AGENDA}),
    Action("agenda.add_item", {C: ANY, M: ANY, R: OWN_REGION}, phases={P.AGENDA}),
    Action("agenda.comment", {C: ANY, M: ANY, R: OWN_REGION}, phases={P.AGENDA, P.SCHEDULING}),
]


def _submitted(round_) -> set[int]:
    return set(
        Proposal.objects.filter(round=round_)
        .exclude(status=Proposal.Status.DRAFT)
        .values_list("region_id", flat=True)
    )


def _proposal_counts(round_) -> dict[int, str]:
    """Per region how many proposals are submitted, and how many are still drafts."""
    rows = (
        Proposal.objects.filter(round=round_)
        .values("region")
        .annotate(
            draft=Count("pk", filter=Q(status=Proposal.Status.DRAFT)),
            submitted=Count("pk", filter=~Q(status=Proposal.Status.DRAFT)),
        )
    )
    counts = {}
    for row in rows:
        text = gettext("%(count)s jätetty") % {"count": row["submitted"]}
        if row["draft"]:
            text += " " + gettext("(+%(count)s luonnosta)") % {"count": row["draft"]}
        counts[row["region"]] = text
    return counts


def _agendas_ready(round_) -> set[int]:
    return set(
        Agenda.objects.filter(
            round=round_, kind=Agenda.AgendaKind.REGION, status=Agenda.Status.READY
        ).values_list("region_id", flat=True)
    )


def _region_agenda_url(round_, region) -> str:
    return reverse("agenda:region_agenda", args=[round_.year, region.code])


manifest = Manifest(
    "agenda",
    actions=ACTIONS,
    read_rules={
        # a draft proposal only to its own region and the coordinator
        "agenda.Proposal": selectors.may_see_proposal,
        "agenda.ProposalComment": readable_through("proposal"),
        "agenda.MinistryIssue": readable_with("proposal.view"),
        "agenda.SynergySuggestion": readable_with("proposal.view"),
        "agenda.AgendaCandidate": readable_with("round.view"),
        "agenda.Agenda": readable_with("round.view"),
        "agenda.AgendaItem": readable_through("agenda"),
        "agenda.AgendaComment": readable_through("agenda"),
    },
    private_history={
        # the draft's edits only to its own region and the coordinator, even after it has been submitted
        "agenda.Proposal": PrivateHistory("status", {"draft"}, selectors.may_see_proposal),
    },
    contributes={
        NAV: [NavEntry(40, "agenda:index", _("Agendat"), action="round.view")],
        REGION_PANELS: [PageSection(40, "agenda/partials/region_panel.html", panels.region_panel)],
        DEMO: [DemoLoader(40, "agenda", demo.load_demo_agenda)],
        ROUND_TABS: [
            RoundTab(10, "agenda:proposals", _("Ehdotukset")),
            RoundTab(20, "agenda:issues", _("Ministeriöiden nostot")),
            RoundTab(30, "agenda:synergy", _("Synergiat")),
            RoundTab(40, "agenda:agendas", _("Agendat")),
        ],
        MILESTONES: [
            RoundMilestone(
                10,
                "proposals",
                _("ehdotukset jätetty"),
                P.PROPOSALS,
                _submitted,
                detail=_proposal_counts,
                url=_region_agenda_url,
            ),
            RoundMilestone(
                20, "agenda", _("agenda valmis"), P.AGENDA, _agendas_ready, url=_region_agenda_url
            ),
        ],
    },
)
