"""Reads of proposals, issues, candidates, synergy and agendas, scoped to what the user may see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import translation

from alke.agenda.models import (
    Agenda,
    AgendaCandidate,
    AgendaItem,
    MinistryIssue,
    Proposal,
    SynergySuggestion,
)
from alke.agenda.synergy import analyse
from alke.core.manifest import Hook, contributions
from alke.core.permissions import can, ministry_ids_of, region_ids_of, scope_q
from alke.regions.models import Region
from alke.rounds.models import Round


def proposals(round_: Round, region: Region | None = None, status: str | None = None) -> QuerySet[Proposal]:
    qs = (
        Proposal.objects.filter(round=round_)
        .select_related("region", "merged_into")
        .prefetch_related("ministries", "themes")
        .order_by("region__code", "pk")
    )
    if region is not None:
        qs = qs.filter(region=region)
    if status:
        qs = qs.filter(status=status)
    return qs


def readable_proposals(user, qs: QuerySet[Proposal]) -> QuerySet[Proposal]:
    """Submitted proposals for every reader with the right; a draft only to whoever may edit it (its own
    region and the coordinator), as `may_see_proposal` decides for one proposal."""
    if not can(user, "proposal.view"):
        return qs.none()
    drafts = scope_q(user, "proposal.edit")
    return qs if drafts is None else qs.filter(~Q(status=Proposal.Status.DRAFT) | drafts)


def visible_proposals(user, round_: Round, **filters) -> QuerySet[Proposal]:
    """The round's proposals (see `proposals` for the filters) that the user may read."""
    return readable_proposals(user, proposals(round_, **filters))


def may_see_proposal(user, proposal: Proposal) -> bool:
    if not can(user, "proposal.view"):
        return False
    return proposal.status != Proposal.Status.DRAFT or can(user, "proposal.edit", proposal)


def issues(round_: Round, region: Region | None = None) -> QuerySet[MinistryIssue]:
    qs = (
        MinistryIssue.objects.filter(round=round_)
        .select_related("ministry")
        .prefetch_related("regions", "themes")
        .order_by("ministry__order", "pk")
    )
    return qs.filter(regions=region) if region is not None else qs


def candidates(round_: Round, region: Region | None = None) -> QuerySet[AgendaCandidate]:
    qs = AgendaCandidate.objects.filter(round=round_).select_related("region").order_by("region__code", "pk")
    return qs.filter(region=region) if region is not None else qs


def open_candidates(round_: Round, region: Region) -> QuerySet[AgendaCandidate]:
    return candidates(round_, region).filter(status=AgendaCandidate.Status.OPEN)


def agendas(round_: Round) -> QuerySet[Agenda]:
    return (
        Agenda.objects.filter(round=round_)
        .select_related("region", "round")
        .prefetch_related("regions", "items")
        .order_by("kind", "region__code", "pk")
    )


def agenda_detail(pk: int) -> Agenda:
    items = AgendaItem.objects.select_related(
        "theme", "issue", "issue__ministry", "candidate"
    ).prefetch_related("ministries", "proposals", "proposals__region", "indicators")
    return (
        Agenda.objects.select_related("round", "round__common_theme", "region")
        .prefetch_related(Prefetch("items", queryset=items), "regions", "comments__author")
        .get(pk=pk)
    )


def region_agenda(round_: Round, region: Region) -> Agenda | None:
    return Agenda.objects.filter(round=round_, region=region, kind=Agenda.AgendaKind.REGION).first()


@dataclass
class CandidateText:
    """How an app that offers agenda candidates (follow-up's carried-over conclusions, stored in Finnish)
    gives their text in another language: text(candidate, lang) -> (title, description) or None."""

    source: str
    text: Callable[[AgendaCandidate, str], tuple[str, str] | None]


CANDIDATE_TEXTS = Hook("agenda.candidate_texts", "candidates' text in other languages, by source (CandidateText)")


def item_text(item: AgendaItem, lang: str) -> tuple[str, str]:
    """An agenda item's title and description in `lang`: an item taken from a candidate and not edited
    since reads as its source writes it in that language; anything written by people stays as written."""
    candidate = item.candidate
    texts = {c.source: c.text for c in contributions(CANDIDATE_TEXTS)}
    text = texts.get(candidate.source) if candidate is not None else None
    translated = text(candidate, lang) if text is not None else None
    if translated is None:
        return item.title, item.description
    return (
        translated[0] if item.title == candidate.title else item.title,
        translated[1] if item.description == candidate.description else item.description,
    )


SESSIONS = Hook(
    "agenda.sessions",
    "published_session(agenda) -> the agenda's discussion once its time is published, or None",
)


def published_session(agenda: Agenda):
    """The agenda's discussion once its time is published (from the scheduling app), else None.

    With no scheduling app installed there is none.
    """
    for find in contributions(SESSIONS):
        session = find(agenda)
        if session is not None:
            return session
    return None


def joint_agendas_of(round_: Round, region: Region) -> QuerySet[Agenda]:
    return Agenda.objects.filter(round=round_, kind=Agenda.AgendaKind.JOINT, regions=region)


def suggestions(round_: Round) -> QuerySet[SynergySuggestion]:
    return (
        SynergySuggestion.objects.filter(round=round_)
        .prefetch_related("regions", "ministries", "proposals__region")
        .order_by("status", "-score", "pk")
    )


@dataclass
class Neighbour:
    proposal: Proposal
    score: float
    shared: list[str] = field(default_factory=list)  # why it matches: shared concepts, then shared words


def similar_proposals(proposal: Proposal, top: int = 3) -> list[Neighbour]:
    """The most similar submitted proposals of other regions in the same round, best first."""
    from alke.agenda.services import synergy_items

    pool = list(
        Proposal.objects.filter(round=proposal.round)
        .exclude(status=Proposal.Status.DRAFT)
        .exclude(pk=proposal.pk)
        .select_related("region")
    ) + [proposal]
    if len(pool) < 2:
        return []
    by_id = {str(p.pk): p for p in pool}
    result = analyse(synergy_items(pool), top=top)
    lang = translation.get_language() or "fi"
    neighbours = []
    for other, score in result.neighbours.get(str(proposal.pk), []):
        reason = result.reason(str(proposal.pk), other)
        neighbours.append(Neighbour(by_id[other], score, [*reason.labels(lang), *reason.words]))
    return neighbours


def my_regions(user) -> QuerySet[Region]:
    return Region.objects.filter(pk__in=region_ids_of(user)).order_by("code")


def my_ministry_ids(user) -> set[int]:
    return ministry_ids_of(user)
