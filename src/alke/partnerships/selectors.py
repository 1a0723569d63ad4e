"""Reads of the partnership register: lists with search and filters, a region's partnerships,
the map data and the rows of the exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from alke.core.permissions import can
from alke.partnerships.models import (
    Contact,
    DevelopmentZone,
    EcosystemAgreement,
    FocusArea,
    FocusAreaGroup,
    Funding,
    ThematicNetwork,
)
from alke.regions.models import Region

KINDS = ("agreement", "network", "zone")
EXPORT_DATE_COLUMNS = ("alkaa", "päättyy", "allekirjoitettu")
MODELS = {"agreement": EcosystemAgreement, "network": ThematicNetwork, "zone": DevelopmentZone}


def model_for(kind: str):
    try:
        return MODELS[kind]
    except KeyError:
        raise ValueError(f"unknown partnership kind {kind!r}") from None


def visible(kind: str, user=None) -> QuerySet:
    """Records the user may read: public ones, and all of them for coordinators."""
    qs = model_for(kind).objects.all()
    if user is None or not can(user, "partnership.manage"):
        qs = qs.public()
    return qs


def _detail_prefetch(qs: QuerySet, kind: str) -> QuerySet:
    qs = qs.select_related("coordinator").prefetch_related(
        "regions",
        "member_organisations",
        Prefetch("contacts", queryset=Contact.objects.select_related("organisation")),
        "documents",
        "fundings",
    )
    if kind == "agreement":
        qs = qs.select_related("predecessor").prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.select_related("group")),
            "frameworks",
            "municipalities",
            "successors",
        )
    return qs


@dataclass
class Filters:
    """What a list is narrowed by; every field is optional."""

    q: str = ""
    region: str = ""
    group: str = ""  # focus area group code (agreements)
    generation: str = ""  # agreements
    status: str = ""  # agreements: preparation/active/ended; networks and zones: active/ended
    national: bool | None = None

    @classmethod
    def from_query(cls, data) -> Filters:
        national = data.get("national", "")
        return cls(
            q=(data.get("q") or "").strip()[:200],
            region=(data.get("region") or "").strip().upper()[:4],
            group=(data.get("group") or "").strip()[:32],
            generation=(data.get("generation") or "").strip()[:12],
            status=(data.get("status") or "").strip()[:12],
            national={"1": True, "0": False}.get(national),
        )

    def as_query(self) -> dict[str, str]:
        values = {
            "q": self.q,
            "region": self.region,
            "group": self.group,
            "generation": self.generation,
            "status": self.status,
            "national": "" if self.national is None else ("1" if self.national else "0"),
        }
        return {k: v for k, v in values.items() if v}


def search(kind: str, filters: Filters, user=None, related: bool = True) -> QuerySet:
    """The records of one kind matching the filters; with `related`, what a list page shows is
    prefetched (exports and the API read relations in bulk instead)."""
    qs = visible(kind, user)
    if filters.q:
        text = Q()
        for word in filters.q.split():
            one = (
                Q(name_fi__icontains=word)
                | Q(name_sv__icontains=word)
                | Q(name_en__icontains=word)
                | Q(description__icontains=word)
                | Q(goals__icontains=word)
                | Q(results__icontains=word)
                | Q(coordinator__name_fi__icontains=word)
                | Q(member_organisations__name_fi__icontains=word)
            )
            if kind == "agreement":
                one |= Q(city_name__icontains=word) | Q(focus_areas__name_fi__icontains=word)
            else:
                one |= Q(coordinator_name__icontains=word)
            text &= one
        qs = qs.filter(text)
    if filters.region:
        qs = qs.filter(regions__code=filters.region)
    if filters.national is not None:
        qs = qs.filter(is_national=filters.national)
    if kind == "agreement":
        if filters.group:
            qs = qs.filter(focus_areas__group__code=filters.group)
        if filters.generation:
            qs = qs.filter(generation=filters.generation)
        if filters.status:
            qs = qs.filter(status=filters.status)
    elif filters.status in ("active", "ended"):
        from django.utils import timezone

        today = timezone.localdate()
        active = Q(period_start__lte=today, period_end__gte=today)
        qs = qs.filter(active) if filters.status == "active" else qs.exclude(active)
    qs = qs.distinct().select_related("coordinator")
    if not related:
        return qs
    qs = qs.prefetch_related("regions")
    if kind == "agreement":
        qs = qs.prefetch_related(Prefetch("focus_areas", queryset=FocusArea.objects.select_related("group")))
    return qs


def record(kind: str, pk: int, user=None):
    """One record with everything its page shows; DoesNotExist when hidden from the user."""
    return _detail_prefetch(visible(kind, user), kind).get(pk=pk)


def may_see_record(user, obj) -> bool:
    """Whether the user may read this record (its page and its history): what `visible` lets through."""
    return visible(obj.kind, user).filter(pk=obj.pk).exists()


def funding_table(obj) -> dict[str, Any]:
    """Funding of a record as rows by year with a column per source, plus totals."""
    rows = list(obj.fundings.all())
    sources = [s for s in Funding.Source if any(r.source == s for r in rows)]
    years = sorted({r.year for r in rows})
    cells = {(r.year, r.source): r for r in rows}
    table = []
    for year in years:
        values = [cells.get((year, s)) for s in sources]
        total = sum((v.amount for v in values if v), Decimal("0"))
        table.append({"year": year, "cells": values, "total": total})
    totals = [sum((r.amount for r in rows if r.source == s), Decimal("0")) for s in sources]
    return {
        "sources": [s.label for s in sources],
        "rows": table,
        "totals": totals,
        "grand_total": sum(totals, Decimal("0")),
        "has_demo": any(r.is_demo for r in rows),
    }


def focus_area_groups() -> QuerySet:
    return FocusAreaGroup.objects.prefetch_related("areas")


@dataclass
class RegionPartnerships:
    """The agreements, networks and zones acting in one region (public records only)."""

    region: Region
    agreements: list = field(default_factory=list)
    networks: list = field(default_factory=list)
    zones: list = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.agreements or self.networks or self.zones)

    @property
    def count(self) -> int:
        return len(self.agreements) + len(self.networks) + len(self.zones)


LISTED_FIELDS = ("name_fi", "name_sv", "name_en", "period_start", "period_end")


def for_region(region: Region) -> RegionPartnerships:
    """The public agreements, networks and zones acting in `region` (a hook for other apps, e.g.
    a region's cooperation document links to these). Each item has `get_absolute_url()`.

    Only what the lists show is read (names, period, an agreement's generation, a network's or zone's
    coordinator name), not the long description, goals and results; other fields load on access."""
    agreements = (
        EcosystemAgreement.objects.public()
        .filter(regions=region)
        .only(*LISTED_FIELDS, "generation")
        .order_by("-period_start", "name_fi")
    )
    networks = (
        ThematicNetwork.objects.public()
        .filter(regions=region)
        .only(*LISTED_FIELDS, "coordinator_name")
        .order_by("name_fi")
    )
    zones = (
        DevelopmentZone.objects.public()
        .filter(regions=region)
        .only(*LISTED_FIELDS, "coordinator_name")
        .order_by("name_fi")
    )
    return RegionPartnerships(region, list(agreements), list(networks), list(zones))


def region_counts() -> dict[str, dict[str, int]]:
    """For each region code: how many public agreements, networks and zones act there."""
    counts: dict[str, dict[str, int]] = {
        code: {"agreement": 0, "network": 0, "zone": 0}
        for code in Region.objects.mainland().values_list("code", flat=True)
    }
    for kind in KINDS:
        through = model_for(kind).regions.through
        parent = f"{model_for(kind)._meta.model_name}"
        rows = through.objects.filter(**{f"{parent}__is_public": True}).values_list("region__code", flat=True)
        for code in rows:
            if code in counts:
                counts[code][kind] += 1
    return counts


def totals() -> dict[str, Any]:
    """Headline numbers of the register's front page."""
    public = {kind: model_for(kind).objects.public() for kind in KINDS}
    return {
        "ecosystem": public["agreement"].filter(generation="ecosystem").count(),
        "earlier": public["agreement"].exclude(generation="ecosystem").count(),
        "networks": public["network"].count(),
        "zones": public["zone"].count(),
        "funding": Funding.objects.filter(
            Q(agreement__is_public=True) | Q(network__is_public=True) | Q(zone__is_public=True)
        ).aggregate(total=Sum("amount"))["total"]
        or Decimal("0"),
        "funding_has_demo": Funding.objects.filter(is_demo=True).exists(),
    }


def names_by_record(kind: str, relation: str, records: QuerySet) -> dict[int, list[str]]:
    """Finnish names of a many-to-many relation for many records in one query, by record id.

    Lists and exports read relations this way instead of one related manager per record, which
    costs a queryset per row and dominates once the register has hundreds of rows."""
    model = model_for(kind)
    field = model._meta.get_field(relation)
    owner = model._meta.model_name
    target = field.related_model._meta.model_name
    rows = (
        field.remote_field.through.objects.filter(**{f"{owner}__in": records.order_by().values("pk")})
        .order_by(f"{target}__name_fi")
        .values_list(f"{owner}_id", f"{target}__name_fi")
    )
    found: dict[int, list[str]] = {}
    for record_id, name in rows:
        found.setdefault(record_id, []).append(name)
    return found


def funding_totals(kind: str, records: QuerySet) -> dict[int, tuple[Decimal, bool]]:
    """Record id -> (total funding, whether any of it is demo content), in one query."""
    rows = (
        Funding.objects.filter(**{f"{kind}__in": records.order_by().values("pk")})
        .values(f"{kind}_id")
        .annotate(total=Sum("amount"), demo=Count("pk", filter=Q(is_demo=True)))
    )
    return {row[f"{kind}_id"]: (row["total"], row["demo"] > 0) for row in rows}


def export_rows(kind: str, filters: Filters, user=None) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of a list export (CSV or XLSX): one row per record, in Finnish columns."""
    qs = search(kind, filters, user, related=False)
    header = ["id", "nimi", "nimi_sv", "nimi_en"]
    if kind == "agreement":
        header += ["sukupolvi", "kaupunki", "tila", "allekirjoitettu"]
    else:
        header += ["koordinaattori", "valtakunnallinen"]
    header += ["alkaa", "päättyy", "maakunnat", "jäsenorganisaatiot"]
    if kind == "agreement":
        header += ["painopistealueet", "kehykset"]
    header += ["rahoitus_yhteensä_eur", "rahoitus_demosisältöä", "epävarmat_tiedot", "osoite"]
    regions = names_by_record(kind, "regions", qs)
    members = names_by_record(kind, "member_organisations", qs)
    money = funding_totals(kind, qs)
    if kind == "agreement":
        areas = names_by_record(kind, "focus_areas", qs)
        frameworks = names_by_record(kind, "frameworks", qs)
    rows = []
    for obj in qs:
        row: list[Any] = [obj.pk, obj.name_fi, obj.name_sv, obj.name_en]
        if kind == "agreement":
            row += [obj.get_generation_display(), obj.city_name, obj.get_status_display(), obj.signed_on]
        else:
            row += [obj.coordinator_name, "kyllä" if obj.is_national else "ei"]
        row += [
            obj.period_start,
            obj.period_end,
            ", ".join(regions.get(obj.pk, [])),
            ", ".join(members.get(obj.pk, [])),
        ]
        if kind == "agreement":
            row += ["; ".join(areas.get(obj.pk, [])), "; ".join(frameworks.get(obj.pk, []))]
        total, demo = money.get(obj.pk, (Decimal("0"), False))
        row += [total, "kyllä" if demo else "ei", obj.uncertain_note, obj.get_absolute_url()]
        rows.append(row)
    return header, rows


def region_panel_context(request, region: Region) -> dict | None:
    """A region's page lists the public agreements, networks and zones acting in the region."""
    if not region.is_mainland:
        return None
    return {"partnerships": for_region(region)}
