"""Loading the reference data shipped in alke/data: validated first, then stored in one transaction."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from alke.core.domain import DomainError
from alke.core.manifest import Hook, contributions
from alke.core.services import upsert
from alke.policy.models import DecisionPriority, DevelopmentDecision, StatutoryObjective, SubTheme, Theme
from alke.regions.models import Ministry, Municipality, Organisation, Region

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REGION_FILE = "classification/maakunnat_2025.csv"
MUNICIPALITY_FILE = "classification/kunnat_2025.csv"
REFERENCE_FILE = "reference.json"
ALAND = "MK21"
BILINGUAL_LANGUAGE_CODES = {"1", "2", "3"}  # bilingual or Swedish-speaking municipalities


class ReferenceDataError(DomainError):
    """A reference file is missing, malformed or inconsistent; nothing was stored."""

    default_code = "reference_invalid"


@dataclass(order=True)
class ReferenceLoader:
    """Another app's part of the shipped reference data (the partnership register's lists).

    `load(reference)` gets the parsed reference.json, validates its part and stores it inside the one
    transaction of `load_reference`, raising ReferenceDataError naming the problem; `counts()` gives what
    is stored, for the command's report.
    """

    order: int
    name: str = field(compare=False)
    load: Callable[[dict], None] = field(compare=False)
    counts: Callable[[], dict[str, int]] = field(compare=False)


REFERENCE = Hook("regions.reference", "other apps' parts of the shipped reference data (ReferenceLoader)")
SHIPPED_DATA = Hook(
    "regions.shipped_data",
    "other apps' shipped real data (the statistics), loaded after the reference data it refers to by "
    "`alke load-reference` and so by `alke seed-demo` (alke.core.registry.DemoLoader, idempotent)",
)


def load_shipped_data(say) -> None:
    """Load every app's shipped real data in order, after `load_reference`; each loader reports by `say`."""
    for loader in contributions(SHIPPED_DATA):
        say(f"{loader.name}:")
        loader.load(lambda line: say(f"  {line}"))


@dataclass(frozen=True)
class ReferenceCounts:
    regions: int
    municipalities: int
    ministries: int
    organisations: int
    statutory_objectives: int
    decision_priorities: int
    themes: int
    others: dict[str, int] = field(default_factory=dict)
    """What the contributed loaders stored (focus areas, thematic networks, development zones)."""

    def as_dict(self) -> dict[str, int]:
        counts = {k: v for k, v in self.__dict__.items() if k != "others"}
        return {**counts, **self.others}


def _read_csv(path: Path, required: set[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = required - set(reader.fieldnames or [])
            if missing:
                raise ReferenceDataError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
            rows = list(reader)
    except FileNotFoundError:
        raise ReferenceDataError(f"reference file not found: {path}") from None
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(f"{path.name}: not UTF-8 ({exc})") from None
    for number, row in enumerate(rows, start=2):
        empty = [key for key in required if not (row.get(key) or "").strip()]
        if empty:
            raise ReferenceDataError(f"{path.name} line {number}: empty {', '.join(sorted(empty))}")
    return rows


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReferenceDataError(f"reference file not found: {path}") from None
    except json.JSONDecodeError as exc:
        raise ReferenceDataError(f"{path.name}: invalid JSON at line {exc.lineno}: {exc.msg}") from None


def _validate(regions: list[dict], municipalities: list[dict], reference: dict) -> None:
    codes = [r["code"] for r in regions]
    if len(set(codes)) != len(codes):
        raise ReferenceDataError(f"{REGION_FILE}: duplicate region codes")
    mainland = [c for c in codes if c != ALAND]
    if len(mainland) != 18:
        raise ReferenceDataError(f"{REGION_FILE}: expected 18 mainland regions, found {len(mainland)}")
    unknown = {m["maakunta_code"] for m in municipalities} - set(codes)
    if unknown:
        raise ReferenceDataError(f"{MUNICIPALITY_FILE}: unknown region codes {', '.join(sorted(unknown))}")
    councils = reference.get("regional_councils", {})
    missing = set(mainland) - set(councils)
    if missing:
        raise ReferenceDataError(f"{REFERENCE_FILE}: no regional council for {', '.join(sorted(missing))}")
    ministries = reference.get("ministries", [])
    if len(ministries) != 12 or sum(bool(m.get("is_coordinator")) for m in ministries) != 1:
        raise ReferenceDataError(f"{REFERENCE_FILE}: expected 12 ministries with exactly one coordinator")
    if not any(t.get("is_common") for t in reference.get("themes", [])):
        raise ReferenceDataError(f"{REFERENCE_FILE}: the common theme is missing")


def load_reference(data_dir: Path | None = None) -> ReferenceCounts:
    """Validate and load every reference list; idempotent; all or nothing."""
    base = Path(data_dir) if data_dir else DATA_DIR
    regions = _read_csv(base / REGION_FILE, {"code", "code_2digit", "name_fi", "name_sv", "name_en"})
    municipalities = _read_csv(
        base / MUNICIPALITY_FILE, {"kunta_code", "kunta_name_fi", "maakunta_code", "kielisuhde_code"}
    )
    reference = _read_json(base / REFERENCE_FILE)
    _validate(regions, municipalities, reference)
    with transaction.atomic():
        _load_regions(regions, municipalities, reference["regional_councils"])
        _load_ministries(reference["ministries"])
        upsert(
            Organisation,
            slug="aune",
            defaults={
                "kind": Organisation.Kind.ADVISORY_BOARD,
                "name_fi": "Alueiden uudistumisen neuvottelukunta (AUNE)",
                "name_sv": "Delegationen för regional förnyelse (AUNE)",
                "name_en": "Advisory Council on Regional Renewal (AUNE)",
            },
        )
        _load_policy(reference)
        loaders = contributions(REFERENCE)
        for loader in loaders:
            loader.load(reference)
    return ReferenceCounts(
        regions=Region.objects.count(),
        municipalities=Municipality.objects.count(),
        ministries=Ministry.objects.count(),
        organisations=Organisation.objects.count(),
        statutory_objectives=StatutoryObjective.objects.count(),
        decision_priorities=DecisionPriority.objects.count(),
        themes=Theme.objects.count(),
        others={name: count for loader in loaders for name, count in loader.counts().items()},
    )


def _load_regions(regions: list[dict], municipalities: list[dict], councils: dict) -> None:
    bilingual = {
        m["maakunta_code"] for m in municipalities if m["kielisuhde_code"] in BILINGUAL_LANGUAGE_CODES
    }
    by_code = {}
    for row in regions:
        council = councils.get(row["code"], {})
        region, _ = upsert(
            Region,
            code=row["code"],
            defaults={
                "number": row["code_2digit"],
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "nuts3_code": row.get("nuts3_code", ""),
                "is_mainland": row["code"] != ALAND,
                "is_bilingual": row["code"] in bilingual,
                "council_name_fi": council.get("name_fi", ""),
                "council_name_sv": council.get("name_sv", ""),
                "council_name_en": council.get("name_en", ""),
            },
        )
        by_code[region.code] = region
        if council:
            upsert(
                Organisation,
                slug=f"liitto-{region.code.lower()}",
                defaults={
                    "kind": Organisation.Kind.REGIONAL_COUNCIL,
                    "region": region,
                    "name_fi": council["name_fi"],
                    "name_sv": council.get("name_sv", ""),
                    "name_en": council.get("name_en", ""),
                },
            )
    existing = {m.code: m for m in Municipality.objects.all()}
    current, new = set(), []
    for row in municipalities:
        values = {
            "name_fi": row["kunta_name_fi"],
            "name_sv": row.get("kunta_name_sv", ""),
            "name_en": row.get("kunta_name_en", ""),
            "region": by_code[row["maakunta_code"]],
            "group": int(row["kuntaryhmitys_code"]) if row.get("kuntaryhmitys_code") else None,
            "language_status": row["kielisuhde_code"],
            "ely_code": row.get("ely_code", ""),
            "subregion_code": row.get("seutukunta_code", ""),
        }
        current.add(row["kunta_code"])
        municipality = existing.get(row["kunta_code"])
        if municipality is None:
            new.append(Municipality(code=row["kunta_code"], **values))
        elif any(getattr(municipality, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(municipality, key, value)
            municipality.save()
    bulk_create_with_history(new, Municipality, batch_size=500)
    # Municipalities merged away (e.g. Pertunmaa into Mäntyharju in 2025) leave the current division.
    Municipality.objects.exclude(code__in=current).delete()


def _load_ministries(ministries: list[dict]) -> None:
    for order, row in enumerate(ministries):
        ministry, _ = upsert(
            Ministry,
            abbreviation=row["abbreviation"],
            defaults={
                "name_fi": row["name_fi"],
                "name_sv": row.get("name_sv", ""),
                "name_en": row.get("name_en", ""),
                "is_coordinator": bool(row.get("is_coordinator")),
                "order": order,
            },
        )
        upsert(
            Organisation,
            slug=ministry.abbreviation.lower(),
            defaults={
                "kind": Organisation.Kind.MINISTRY,
                "ministry": ministry,
                "name_fi": ministry.name_fi,
                "name_sv": ministry.name_sv,
                "name_en": ministry.name_en,
            },
        )


def _load_policy(reference: dict) -> None:
    for row in reference["statutory_objectives"]:
        upsert(
            StatutoryObjective,
            number=row["number"],
            defaults={"text_fi": row["text_fi"], "text_sv": row["text_sv"], "text_en": row["text_en"]},
        )
    for row in reference["development_decisions"]:
        decision, _ = upsert(
            DevelopmentDecision,
            code=row["code"],
            defaults={
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "valid_from": date.fromisoformat(row["valid_from"]),
                "valid_to": date.fromisoformat(row["valid_to"]),
                "adopted_on": date.fromisoformat(row["adopted"]) if row.get("adopted") else None,
            },
        )
        for order, item in enumerate(row["items"]):
            upsert(
                DecisionPriority,
                decision=decision,
                name_fi=item["name_fi"],
                defaults={
                    "kind": item["kind"],
                    "name_sv": item["name_sv"],
                    "name_en": item["name_en"],
                    "order": order,
                },
            )
    for row in reference["themes"]:
        theme, _ = upsert(
            Theme,
            slug=row["slug"],
            defaults={
                "is_common": row["is_common"],
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "source": row.get("source", ""),
            },
        )
        for order, name in enumerate(row["subthemes"]):
            upsert(SubTheme, theme=theme, name_fi=name, defaults={"order": order})
