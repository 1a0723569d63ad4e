"""Open API of the partnership register: /api/v1/agreements, /api/v1/networks, /api/v1/zones.

Public records only; the same search and filters as the pages. Funding rows invented for the
demo carry `is_demo: true`, and `demo_fields` names a record's invented fields.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from alke.core.api.params import MAX_CODE_LENGTH, MAX_TEXT_LENGTH, Id, Pagination
from alke.partnerships import selectors

router = Router(tags=["partnerships"])


class FundingOut(Schema):
    source: str
    year: int
    amount: Decimal
    note: str
    is_demo: bool


class ContactOut(Schema):
    name: str
    title: str
    organisation: str | None
    email: str
    is_demo: bool


class DocumentOut(Schema):
    title: str
    url: str
    published_on: date | None
    is_demo: bool


class RecordOut(Schema):
    id: int
    name_fi: str
    name_sv: str
    name_en: str
    coordinator: str
    period_start: date
    period_end: date
    regions: list[str]
    is_national: bool
    member_organisations: list[str]
    description: str
    goals: str
    results: str
    uncertain_note: str
    demo_fields: list[str]
    url: str


class RecordDetailOut(RecordOut):
    funding: list[FundingOut]
    contacts: list[ContactOut]
    documents: list[DocumentOut]


class AgreementOut(RecordOut):
    slug: str
    generation: str
    city_name: str
    status: str
    signed_on: date | None
    predecessor: int | None
    municipalities: list[str]
    focus_areas: list[str]
    frameworks: list[str]


class AgreementDetailOut(AgreementOut, RecordDetailOut):
    pass


class FilterIn(Schema):
    q: str = Field("", max_length=MAX_TEXT_LENGTH)
    region: str = Field("", max_length=MAX_CODE_LENGTH)
    status: str = Field("", max_length=MAX_CODE_LENGTH)
    national: str = Field("", max_length=1, description="1: national only, 0: regional only")


class AgreementFilterIn(FilterIn):
    generation: str = Field("", max_length=MAX_CODE_LENGTH)
    group: str = Field("", max_length=MAX_CODE_LENGTH * 2)


def _record(obj, detail: bool = False, members: list[str] | None = None) -> dict:
    data = {
        "id": obj.pk,
        "name_fi": obj.name_fi,
        "name_sv": obj.name_sv,
        "name_en": obj.name_en,
        "coordinator": obj.coordinator.name_fi if obj.coordinator else getattr(obj, "coordinator_name", ""),
        "period_start": obj.period_start,
        "period_end": obj.period_end,
        "regions": [r.code for r in obj.regions.all()],
        "is_national": obj.is_national,
        "member_organisations": members
        if members is not None
        else [o.name_fi for o in obj.member_organisations.all()],
        "description": obj.description,
        "goals": obj.goals,
        "results": obj.results,
        "uncertain_note": obj.uncertain_note,
        "demo_fields": list(obj.demo_fields or []),
        "url": obj.get_absolute_url(),
    }
    if obj.kind == "agreement":
        data.update(
            slug=obj.slug,
            generation=obj.generation,
            city_name=obj.city_name,
            status=obj.status,
            signed_on=obj.signed_on,
            predecessor=obj.predecessor_id,
            municipalities=[m.code for m in obj.municipalities.all()],
            focus_areas=[a.name_fi for a in obj.focus_areas.all()],
            frameworks=[f.code for f in obj.frameworks.all()],
        )
    if detail:
        data.update(
            funding=[
                {
                    "source": f.source,
                    "year": f.year,
                    "amount": f.amount,
                    "note": f.note,
                    "is_demo": f.is_demo,
                }
                for f in obj.fundings.all()
            ],
            contacts=[
                {
                    "name": c.name,
                    "title": c.title,
                    "organisation": c.organisation.name_fi if c.organisation else None,
                    "email": c.email,
                    "is_demo": c.is_demo,
                }
                for c in obj.contacts.all()
            ],
            documents=[
                {"title": d.title, "url": d.url, "published_on": d.published_on, "is_demo": d.is_demo}
                for d in obj.documents.all()
            ],
        )
    return data


class _Rows(Sequence):
    """The matching records, serialised only for the page the paginator slices out."""

    def __init__(self, kind: str, records):
        self.kind, self.records = kind, records

    def __len__(self) -> int:
        return self.records.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        ids = list(self.records.values_list("pk", flat=True)[index])
        members = selectors.names_by_record(
            self.kind, "member_organisations", self.records.model.objects.filter(pk__in=ids)
        )
        page = list(
            self.records.model.objects.filter(pk__in=ids)
            .select_related("coordinator")
            .prefetch_related("regions", *(_AGREEMENT_RELATIONS if self.kind == "agreement" else ()))
        )
        order = {pk: position for position, pk in enumerate(ids)}
        page.sort(key=lambda obj: order[obj.pk])
        return [_record(obj, members=members.get(obj.pk, [])) for obj in page]


_AGREEMENT_RELATIONS = ("municipalities", "focus_areas", "frameworks")


def _list(kind: str, filters: FilterIn) -> _Rows:
    return _Rows(kind, selectors.search(kind, selectors.Filters.from_query(filters.dict()), related=False))


def _one(kind: str, pk: int) -> dict:
    try:
        return _record(selectors.record(kind, pk), detail=True)
    except selectors.model_for(kind).DoesNotExist:
        raise Http404("no such record") from None


@router.get("/agreements", response=list[AgreementOut], summary="Ecosystem, growth and bridge agreements")
@paginate(Pagination)
def list_agreements(request, filters: Query[AgreementFilterIn]):
    return _list("agreement", filters)


@router.get("/agreements/{pk}", response=AgreementDetailOut, summary="One agreement with funding")
def get_agreement(request, pk: Id):
    return _one("agreement", pk)


@router.get("/networks", response=list[RecordOut], summary="Thematic networks of regional development")
@paginate(Pagination)
def list_networks(request, filters: Query[FilterIn]):
    return _list("network", filters)


@router.get("/networks/{pk}", response=RecordDetailOut, summary="One thematic network with funding")
def get_network(request, pk: Id):
    return _one("network", pk)


@router.get("/zones", response=list[RecordOut], summary="Development zones")
@paginate(Pagination)
def list_zones(request, filters: Query[FilterIn]):
    return _list("zone", filters)


@router.get("/zones/{pk}", response=RecordDetailOut, summary="One development zone with funding")
def get_zone(request, pk: Id):
    return _one("zone", pk)
