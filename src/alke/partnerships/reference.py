"""Loading the partnership part of the shipped reference data (called by `alke load-reference`).

The reference file holds facts only: the focus area taxonomy, the frameworks, the ecosystem and
bridge agreements, the thematic networks and development zones with their coordinators and the
regions they act in. Uncertain items carry their uncertainty in `uncertain`. Relations are added,
never removed, so what coordinators and contacts added in the register survives a reload.
"""

from __future__ import annotations

from datetime import date

from django.utils.text import slugify

from alke.core.services import upsert
from alke.partnerships.models import (
    DevelopmentZone,
    EcosystemAgreement,
    FocusArea,
    FocusAreaGroup,
    Framework,
    ThematicNetwork,
)
from alke.regions.models import Municipality, Organisation, Region


def _error(message: str) -> Exception:
    from alke.regions.services import ReferenceDataError

    return ReferenceDataError(f"reference.json: {message}")


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def validate(reference: dict) -> None:
    """Check names and codes before anything is stored; raise naming the first problem."""
    areas = {name for group in reference.get("focus_area_groups", []) for name in group["areas"]}
    for group in reference.get("focus_area_groups", []):
        for key in ("areas_sv", "areas_en"):
            if key in group and len(group[key]) != len(group["areas"]):
                raise _error(f"focus area group {group['code']}: {key} does not match areas one to one")
    frameworks = {f["code"] for f in reference.get("agreement_frameworks", [])}
    regions = set(reference.get("regional_councils", {}))
    slugs = set()
    for row in reference.get("ecosystem_agreements", []):
        slug = row.get("slug", "")
        if not slug or slug in slugs:
            raise _error(f"ecosystem agreement slug missing or repeated: {slug!r}")
        slugs.add(slug)
        if row.get("generation") not in EcosystemAgreement.Generation.values:
            raise _error(f"{slug}: unknown generation {row.get('generation')!r}")
        unknown = set(row.get("focus_areas", [])) - areas
        if unknown:
            raise _error(f"{slug}: focus areas not in the taxonomy: {', '.join(sorted(unknown))}")
        unknown = set(row.get("frameworks", [])) - frameworks
        if unknown:
            raise _error(f"{slug}: unknown frameworks {', '.join(sorted(unknown))}")
        if row["period_end"] < row["period_start"]:
            raise _error(f"{slug}: period ends before it starts")
    for key in ("ecosystem_agreements", "thematic_networks", "development_zones"):
        for row in reference.get(key, []):
            unknown = set(row.get("regions", [])) - regions
            if unknown:
                label = row.get("slug") or row.get("name_fi")
                raise _error(f"{label}: unknown region codes {', '.join(sorted(unknown))}")


def load_partnerships(reference: dict) -> None:
    """Store the partnership reference lists; idempotent (unchanged rows gain no history)."""
    validate(reference)
    for order, row in enumerate(reference["focus_area_groups"]):
        group, _ = upsert(
            FocusAreaGroup,
            code=row["code"],
            defaults={
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "order": order,
            },
        )
        # Swedish and English names of the areas are working translations (see SOURCES.md).
        names_sv, names_en = row.get("areas_sv", []), row.get("areas_en", [])
        for area_order, name in enumerate(row["areas"]):
            upsert(
                FocusArea,
                group=group,
                name_fi=name,
                defaults={
                    "order": area_order,
                    "name_sv": names_sv[area_order] if area_order < len(names_sv) else "",
                    "name_en": names_en[area_order] if area_order < len(names_en) else "",
                },
            )
    for order, row in enumerate(reference.get("agreement_frameworks", [])):
        upsert(
            Framework,
            code=row["code"],
            defaults={
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "order": order,
            },
        )
    regions = {r.code: r for r in Region.objects.all()}
    # Cities first, so a city that also coordinates a network or zone is one organisation.
    for row in reference.get("ecosystem_agreements", []):
        _load_agreement(row, regions)
    for model, key in ((ThematicNetwork, "thematic_networks"), (DevelopmentZone, "development_zones")):
        for row in reference[key]:
            record, _ = upsert(
                model,
                name_fi=row["name_fi"],
                defaults={
                    "coordinator_name": row["coordinator"],
                    "coordinator": coordinator_organisation(row["coordinator"]),
                    "period_start": date.fromisoformat(row["period_start"]),
                    "period_end": date.fromisoformat(row["period_end"]),
                    "is_national": bool(row.get("is_national")),
                    "uncertain_note": row.get("uncertain", ""),
                    "source": "TEM 8.11.2021",
                },
            )
            record.regions.add(*[regions[code] for code in row.get("regions", [])])


def _load_agreement(row: dict, regions: dict[str, Region]) -> None:
    parties = []
    for party in row.get("parties", []):
        municipality = Municipality.objects.select_related("region").get(code=party["municipality"])
        organisation, _ = upsert(
            Organisation,
            slug=slugify(party["name_fi"])[:64],
            defaults={
                "kind": Organisation.Kind.CITY,
                "region": municipality.region,
                "name_fi": party["name_fi"],
                "name_sv": party["name_sv"],
                "name_en": party["name_en"],
            },
        )
        parties.append((organisation, municipality))
    if row.get("council_party"):
        council = Organisation.objects.get(slug=f"liitto-{row['council_party'].lower()}")
        coordinator = council
    else:
        coordinator = parties[0][0] if parties else None
    agreement, _ = upsert(
        EcosystemAgreement,
        slug=row["slug"],
        defaults={
            "generation": row["generation"],
            "name_fi": row["name_fi"],
            "name_sv": row.get("name_sv", ""),
            "name_en": row.get("name_en", ""),
            "city_name": row.get("city_name", ""),
            "coordinator": coordinator,
            "signed_on": _date(row.get("signed_on")),
            "period_start": date.fromisoformat(row["period_start"]),
            "period_end": date.fromisoformat(row["period_end"]),
            "status": row.get("status", EcosystemAgreement.Status.ACTIVE),
            "uncertain_note": row.get("uncertain", ""),
            "source": "tem.fi, rakennerahastot.fi",
        },
    )
    agreement.regions.add(*[regions[code] for code in row.get("regions", [])])
    agreement.member_organisations.add(*[org for org, _ in parties])
    if row.get("council_party"):
        agreement.member_organisations.add(coordinator)
    agreement.municipalities.add(*[municipality for _, municipality in parties])
    if row.get("focus_areas"):
        agreement.focus_areas.add(*FocusArea.objects.filter(name_fi__in=row["focus_areas"]))
    if row.get("frameworks"):
        agreement.frameworks.add(*Framework.objects.filter(code__in=row["frameworks"]))


def coordinator_organisation(name: str) -> Organisation:
    """The organisation behind a network or zone coordinator: a regional council, a city already
    known from the agreements, or a new organisation of kind network."""
    known = (
        Organisation.objects.filter(name_fi=name)
        .order_by("kind")  # any exact match will do; order keeps the choice stable
        .first()
    )
    if known:
        return known
    organisation, _ = Organisation.objects.get_or_create(
        slug=slugify(name)[:64],
        defaults={"kind": Organisation.Kind.NETWORK, "name_fi": name},
    )
    return organisation
