"""Reads of proposals, issues, candidates, synergy and agendas, scoped to what the user may see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
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
from alke.core.permissions import can, ministry_ids_of, region_ids_of
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


def visible_proposals(user, round_: Round, **filters) -> QuerySet[Proposal]:
    """Submitted proposals for every reader with the right; drafts only to their own region and the coordinator."""
    qs = proposals(round_, **filters)
    if not can(user, "proposal.view"):
        return qs.none()
    if can(user, "round.manage"):
        return qs
    return qs.filter(~Q(status=Proposal.Status.DRAFT) | Q(region_id__in=region_ids_of(user)))


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


# Candidates other capabilities offer (follow-up's carried-over conclusions) are stored in Finnish; their
# source gives the same text in another language: source -> fn(candidate, lang) -> (title, description).
CANDIDATE_TEXTS: dict[str, Callable[[AgendaCandidate, str], tuple[str, str] | None]] = {}


def register_candidate_text(
    source: str, text: Callable[[AgendaCandidate, str], tuple[str, str] | None]
) -> None:
    CANDIDATE_TEXTS[source] = text


def item_text(item: AgendaItem, lang: str) -> tuple[str, str]:
    """An agenda item's title and description in `lang`: an item taken from a candidate and not edited
    since reads as its source writes it in that language; anything written by people stays as written."""
    candidate = item.candidate
    text = CANDIDATE_TEXTS.get(candidate.source) if candidate is not None else None
    translated = text(candidate, lang) if text is not None else None
    if translated is None:
        return item.title, item.description
    return (
        translated[0] if item.title == candidate.title else item.title,
        translated[1] if item.description == candidate.description else item.description,
    )


def published_session(agenda: Agenda):
    """The agenda's discussion (`schedule.Session`) once its time is published, else None.

    A draft timetable's placements are the coordinator's working copy (see the schedule app), and a
    packet travels beyond the coordinator, so only a scheduled session of a published timetable of the
    agenda's own round counts. With several such sessions the earliest is the discussion.
    None also while the scheduling capability is not installed.
    """
    try:
        session = apps.get_model("schedule.Session")
        timetable = apps.get_model("schedule.Timetable")
    except LookupError:
        return None
    return (
        session.objects.filter(
            agenda=agenda,
            timetable__round_id=agenda.round_id,
            timetable__status=timetable.Status.PUBLISHED,
            date__isnull=False,
            slot__isnull=False,
        )
        .select_related("slot", "timetable")
        .order_by("date", "slot__start", "code")
        .first()
    )


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
