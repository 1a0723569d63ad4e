"""API of the round's agenda work: proposals, agendas and the synergy analysis.

Proposals and agendas are working documents of the round's parties, so these endpoints need a signed-in user
(session or API token) with the right in the permission table; drafts stay visible to their own region only.

No `from __future__ import annotations` here: ninja reads the parameter types of a `@paginate`d
view through its wrapper, where string annotations such as `Year` cannot be resolved.
"""

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from alke.agenda import selectors
from alke.agenda.models import Agenda, Proposal
from alke.agenda.synergy import LANGUAGES, SynergyInputError, analyse, parse_items
from alke.core.api.params import Code, Pagination, Year
from alke.core.permissions import can
from alke.rounds.models import Round
from alke.rounds.selectors import phase_plan

router = Router(tags=["round and agenda"])


def _require(request, action: str) -> None:
    if not can(request.user, action):
        raise HttpError(403, f"permission {action} required")


class PhaseOut(Schema):
    phase: str
    label: str
    starts_on: date | None
    ends_on: date | None
    is_current: bool


class RoundOut(Schema):
    year: int
    name: str
    phase: str
    common_theme: str | None
    session_minutes: int
    is_demo: bool
    phases: list[PhaseOut]


class ProposalOut(Schema):
    id: int
    region: str
    title: str
    description: str
    request: str
    kind: str
    language: str
    status: str
    ministries: list[str]
    merged_into: int | None
    decision_reason: str
    is_demo: bool

    @staticmethod
    def resolve_region(proposal: Proposal) -> str:
        return proposal.region.code

    @staticmethod
    def resolve_ministries(proposal: Proposal) -> list[str]:
        return [m.abbreviation for m in proposal.ministries.all()]

    @staticmethod
    def resolve_merged_into(proposal: Proposal) -> int | None:
        return proposal.merged_into_id


class ItemOut(Schema):
    order: int
    title: str
    minutes: int
    source: str
    ministries: list[str]
    proposals: list[int]


class AgendaOut(Schema):
    id: int
    kind: str
    regions: list[str]
    title: str
    status: str
    session_minutes: int
    items: list[ItemOut]
    is_demo: bool


class SimilarItemIn(Schema):
    id: str
    region: str
    title: str
    text: str
    lang: str = ""


class SimilarIn(Schema):
    items: list[SimilarItemIn]
    top: int = 3
    lang: str = ""  # titles and concept labels: fi, sv or en (default: the request's language)


def _round_out(round_: Round) -> dict:
    return {
        "year": round_.year,
        "name": round_.name,
        "phase": round_.phase,
        "common_theme": round_.common_theme.name_fi if round_.common_theme else None,
        "session_minutes": round_.session_minutes,
        "is_demo": round_.is_demo,
        "phases": [
            {
                "phase": row.phase,
                "label": row.label,
                "starts_on": row.plan.starts_on if row.plan else None,
                "ends_on": row.plan.ends_on if row.plan else None,
                "is_current": row.is_current,
            }
            for row in phase_plan(round_)
        ],
    }


@router.get("/rounds", response=list[RoundOut], summary="Rounds of the regional development discussions")
def list_rounds(request):
    _require(request, "round.view")
    return [_round_out(r) for r in Round.objects.select_related("common_theme")]


@router.get("/rounds/{year}", response=RoundOut, summary="One round with its phases and deadlines")
def get_round(request, year: Year):
    _require(request, "round.view")
    return _round_out(get_object_or_404(Round.objects.select_related("common_theme"), year=year))


@router.get("/rounds/{year}/proposals", response=list[ProposalOut], summary="The round's proposals")
@paginate(Pagination)
def list_proposals(request, year: Year, region: Code | None = None, status: Code | None = None):
    """The proposals the caller may read, by region code and id: submitted ones for every reader with the
    right, drafts only for their own region and the coordinator. Filter by `region` (e.g. MK02) and
    `status` (draft, submitted, accepted, merged, declined)."""
    _require(request, "proposal.view")
    if status and status not in Proposal.Status.values:
        raise HttpError(422, f"Unknown status {status!r}; use one of {', '.join(Proposal.Status.values)}.")
    round_ = get_object_or_404(Round, year=year)
    qs = selectors.visible_proposals(request.user, round_, status=status or None)
    if region:
        qs = qs.filter(region__code=region.upper())
    return qs


@router.get(
    "/rounds/{year}/agendas", response=list[AgendaOut], summary="The round's agendas with their items"
)
def list_agendas(request, year: Year):
    _require(request, "round.view")
    round_ = get_object_or_404(Round, year=year)
    out = []
    for agenda in selectors.agendas(round_).prefetch_related("items__ministries", "items__proposals"):
        regions = (
            [agenda.region.code]
            if agenda.kind == Agenda.AgendaKind.REGION
            else [r.code for r in agenda.regions.all()]
        )
        out.append(
            {
                "id": agenda.pk,
                "kind": agenda.kind,
                "regions": regions,
                "title": agenda.title,
                "status": agenda.status,
                "session_minutes": agenda.session_minutes,
                "is_demo": agenda.is_demo,
                "items": [
                    {
                        "order": n,
                        "title": item.title,
                        "minutes": item.minutes,
                        "source": item.source,
                        "ministries": [m.abbreviation for m in item.ministries.all()],
                        "proposals": [p.pk for p in item.proposals.all()],
                    }
                    for n, item in enumerate(
                        sorted(agenda.items.all(), key=lambda i: (i.order, i.pk)), start=1
                    )
                ],
            }
        )
    return out


@router.post("/similar", summary="Similar proposals across regions (the `alke similar` contract)")
def similar(request, payload: SimilarIn):
    _require(request, "proposal.view")
    lang = payload.lang or translation.get_language() or "fi"
    if lang[:2] not in LANGUAGES:
        raise SynergyInputError(f'"lang" must be one of {", ".join(LANGUAGES)}')
    items = parse_items({"items": [item.dict() for item in payload.items]})
    return analyse(items, top=payload.top).as_json(lang)
