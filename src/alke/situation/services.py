"""Writes of the situational picture: importing statistics, recomputing indicators, analysis texts.

Every write checks the permission table (`require`) and runs in one transaction, so a failed import
stores nothing. Commands run from the server's shell pass `user=None`: shell access is the authority
there, as with `alke load-reference`.
"""

from __future__ import annotations

import hashlib
import math
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alke.core.cache import STATS, bump
from alke.core.domain import DomainError
from alke.core.permissions import organisation_ids_of, require
from alke.regions.models import Region
from alke.situation import cells
from alke.situation import compute as comp
from alke.situation.definitions import INDICATORS
from alke.situation.models import (
    Analysis,
    Category,
    Dataset,
    DatasetVersion,
    Dimension,
    Indicator,
    IndicatorValue,
)
from alke.situation.parsers import Cube, StatsFormatError, parse

STATFIN_V1 = "https://pxdata.stat.fi/PXWeb/api/v1/{lang}/StatFin/{path}"
HTTP_TIMEOUT = 60


@dataclass
class ImportResult:
    dataset: Dataset | None
    version: DatasetVersion | None
    created: bool
    cells: int
    missing: int
    dry_run: bool = False
    message: str = ""
    indicator_errors: dict[str, str] = field(default_factory=dict)
    indicators: list[str] = field(default_factory=list)


def _check(user) -> None:
    if user is not None:
        require(user, "stats.import")


def checksum(cube: Cube) -> str:
    """A fingerprint of a release's structure and values, to recognise a re-import of the same one."""
    h = hashlib.sha256()
    for dim in cube.dims:
        h.update(dim.code.encode())
        h.update("\x1f".join(c.code for c in dim.categories).encode())
    h.update(array("d", [math.nan if v is None else v for v in cube.values]).tobytes())
    return h.hexdigest()


def dataset_code_for(cube: Cube, origin: str = "") -> str:
    stem = Path(origin.split("?")[0]).stem if origin else ""
    if stem.startswith("statfin_"):
        return slugify(stem)[:100]
    if cube.table_id:
        return slugify(cube.table_id.replace(" ", "-"))[:100]
    if stem:
        return slugify(stem)[:100]
    raise StatsFormatError(_("Taulukolle ei löytynyt tunnusta: anna se valitsimella --dataset."))


def default_licence(cube: Cube, origin: str) -> str:
    """Statistics Finland publishes its open data under CC BY 4.0; files do not carry the licence."""
    source = " ".join(cube.source.values()).lower()
    if "stat.fi" in origin or any(
        name in source for name in ("tilastokeskus", "statistics finland", "statistikcentralen")
    ):
        return "CC BY 4.0"
    return ""


def _text(d: dict[str, str], lang: str) -> str:
    return d.get(lang) or ""


def _store_structure(version: DatasetVersion, cube: Cube) -> None:
    dims = Dimension.objects.bulk_create(
        Dimension(
            version=version,
            code=d.code,
            position=i,
            role=d.role if d.role in Dimension.Role.values else Dimension.Role.OTHER,
            label_fi=(d.labels.get("fi") or next(iter(d.labels.values()), d.code))[:255],
            label_sv=_text(d.labels, "sv")[:255],
            label_en=_text(d.labels, "en")[:255],
            size=d.size,
        )
        for i, d in enumerate(cube.dims)
    )
    Category.objects.bulk_create(
        [
            Category(
                dimension=dim,
                code=c.code[:100],
                position=k,
                label_fi=(c.labels.get("fi") or next(iter(c.labels.values()), c.code))[:255],
                label_sv=_text(c.labels, "sv")[:255],
                label_en=_text(c.labels, "en")[:255],
                unit_fi=(c.units.get("fi") or next(iter(c.units.values()), ""))[:100],
                unit_sv=_text(c.units, "sv")[:100],
                unit_en=_text(c.units, "en")[:100],
                decimals=c.decimals,
                parent_code=c.parent[:100],
            )
            for dim, d in zip(dims, cube.dims, strict=True)
            for k, c in enumerate(d.categories)
        ],
        batch_size=5000,
    )


def import_cube(
    cube: Cube,
    *,
    user=None,
    dataset_code: str | None = None,
    origin: str = "",
    query: dict | None = None,
    dry_run: bool = False,
    is_snapshot: bool = False,
    recompute: bool = True,
) -> ImportResult:
    """Store a parsed table as a new version of its dataset (the older versions are kept).

    Importing the very same release again adds nothing. With `dry_run` nothing is written.
    """
    _check(user)
    cube.validate()
    code = dataset_code or dataset_code_for(cube, origin)
    digest = checksum(cube)
    missing = sum(1 for v in cube.values if v is None)
    if dry_run:
        return ImportResult(None, None, False, len(cube.values) - missing, missing, dry_run=True)
    with transaction.atomic():
        title = cube.title or {"fi": code}
        dataset = Dataset.objects.filter(code=code).first()
        if dataset is None:
            dataset = Dataset(
                code=code,
                name_fi=(title.get("fi") or next(iter(title.values())) or code)[:255],
                name_sv=_text(title, "sv")[:255],
                name_en=_text(title, "en")[:255],
                table_id=cube.table_id[:50],
                source_fi=(cube.source.get("fi") or next(iter(cube.source.values()), "") or "")[:255],
                source_sv=_text(cube.source, "sv")[:255],
                source_en=_text(cube.source, "en")[:255],
                licence=cube.licence or default_licence(cube, origin),
                url=origin if origin.startswith("http") else "",
                is_snapshot=is_snapshot,
            )
        current = dataset.versions.filter(is_current=True).first() if dataset.pk else None
        if current is not None and current.checksum == digest:
            return ImportResult(
                dataset,
                current,
                False,
                current.cell_count,
                current.missing_count,
                message=_("Sama julkaisu on jo tuotu (versio %(n)s); mitään ei lisätty.")
                % {"n": current.number},
            )
        dataset.stamp(user)
        dataset.save()
        number = (dataset.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        dataset.versions.filter(is_current=True).update(is_current=False)
        updated = cube.updated
        if updated is not None and timezone.is_naive(updated):
            updated = timezone.make_aware(updated, timezone.get_fixed_timezone(0))
        version = DatasetVersion(
            dataset=dataset,
            number=number,
            is_current=True,
            format=cube.format or DatasetVersion.Format.JSONSTAT2,
            source_updated=updated,
            origin=origin[:500],
            query=query,
            cell_count=len(cube.values) - missing,
            missing_count=missing,
            checksum=digest,
            notes="\n".join(cube.notes)[:10000],
        )
        version.stamp(user)
        version.save()
        _store_structure(version, cube)
        cells.write(version, cube.values, cube.status)
        result = ImportResult(dataset, version, True, version.cell_count, missing)
        if recompute:
            result.indicators, result.indicator_errors = recompute_indicators(dataset.code)
    return result


def import_bytes(raw: bytes, fmt: str = "auto", **kwargs) -> ImportResult:
    return import_cube(parse(raw, fmt), **kwargs)


def fetch(url: str, query: dict | None = None) -> bytes:
    """POST a PxWeb query to a table (the whole table when no query is given) or GET any other address;
    a clear error when the service cannot be reached."""
    import requests

    if query is None and _is_pxweb_table(url):
        # A GET on a PxWeb API v1 table answers with its metadata, not its data; an empty query selects all.
        query = {"query": []}
    try:
        if query is not None:
            body = dict(query)
            body.setdefault("response", {"format": "json-stat2"})
            response = requests.post(url, json=body, timeout=HTTP_TIMEOUT)
        else:
            response = requests.get(url, timeout=HTTP_TIMEOUT)
    except requests.RequestException as exc:
        raise StatsFormatError(
            _("Tilastopalveluun %(url)s ei saatu yhteyttä: %(error)s") % {"url": url, "error": exc}
        ) from None
    if response.status_code >= 400:
        raise StatsFormatError(
            _("Tilastopalvelu vastasi %(status)s osoitteelle %(url)s: %(body)s")
            % {"status": response.status_code, "url": url, "body": response.text[:300]}
        )
    return response.content


def _is_pxweb_table(url: str) -> bool:
    return "/api/v1/" in url.lower() and url.lower().rstrip("/").endswith(".px")


def statfin_url(path: str, lang: str = "fi") -> str:
    """The PxWeb API v1 address of a StatFin table, e.g. `vaerak/statfin_vaerak_pxt_11ra.px`."""
    return STATFIN_V1.format(lang=lang, path=path.lstrip("/"))


# ---------------------------------------------------------------- indicators


def ensure_indicators(user=None) -> int:
    """Create the shipped indicator definitions that do not exist yet (edited ones are kept)."""
    if user is not None:
        require(user, "indicator.manage")
    created = 0
    with transaction.atomic():
        for spec in INDICATORS:
            defaults = {k: v for k, v in spec.items() if k != "code"}
            _obj, was_created = Indicator.objects.get_or_create(code=spec["code"], defaults=defaults)
            created += was_created
    return created


def recompute_indicators(dataset_code: str | None = None) -> tuple[list[str], dict[str, str]]:
    """Rewrite the values of every active indicator reading `dataset_code` (all when None).

    Returns the codes computed and, per indicator that could not be computed, the reason.
    """
    regions = dict(Region.objects.values_list("code", "pk"))
    qs = Indicator.objects.filter(is_active=True)
    if dataset_code:
        qs = qs.filter(dataset_code=dataset_code)
    cubes: dict[str, comp.LoadedCube | None] = {}
    done: list[str] = []
    errors: dict[str, str] = {}
    with transaction.atomic():
        for indicator in qs:
            if indicator.dataset_code not in cubes:
                version = (
                    DatasetVersion.objects.filter(dataset__code=indicator.dataset_code, is_current=True)
                    .select_related("dataset")
                    .first()
                )
                cubes[indicator.dataset_code] = comp.load_cube(version) if version else None
            cube = cubes[indicator.dataset_code]
            if cube is None:
                continue
            try:
                series = comp.compute(indicator, cube)
            except comp.IndicatorComputeError as exc:
                errors[indicator.code] = str(exc)
                continue
            IndicatorValue.objects.filter(indicator=indicator).delete()
            rows = [
                IndicatorValue(
                    indicator=indicator,
                    region_id=regions.get(area),
                    area=area,
                    year=year,
                    period=label,
                    value=comp.to_decimal(value),
                    detail=detail,
                    version=cube.version,
                )
                for area, s in series.items()
                if area == comp.COUNTRY or area in regions
                for year, (value, label, detail) in s.items()
                if math.isfinite(value)
            ]
            IndicatorValue.objects.bulk_create(rows, batch_size=2000)
            done.append(indicator.code)
    # The values were replaced in bulk, which sends no signals: drop the pictures cached from the old ones.
    bump(STATS)
    return done, errors


def load_snapshot(say: Callable[[str], None] = lambda _line: None, user=None) -> list[ImportResult]:
    """Import the shipped statistics snapshot (idempotent) and compute the indicators from it."""
    from alke.situation.snapshot import SNAPSHOT

    _check(user)
    ensure_indicators()
    results = []
    for code, build in SNAPSHOT:
        result = import_cube(
            build(), user=user, dataset_code=code, origin=f"alke/data/timeseries ({code})", is_snapshot=True
        )
        say(
            f"{code}: {'v' + str(result.version.number) + ' ' if result.created else ''}"
            f"{result.cells} cells{'' if result.created else ' (already imported)'}"
        )
        results.append(result)
    return results


# ---------------------------------------------------------------- analysis texts


def save_analysis(
    user, *, region: Region, round, organisation, section: str, text: str, is_demo: bool = False
) -> Analysis:
    """Create or update the organisation's analysis text of one section for a region and round."""
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Analyysiteksti ei voi olla tyhjä."))
    if section not in Analysis.Section.values:
        raise DomainError(_("Tuntematon osio %(section)s.") % {"section": section})
    with transaction.atomic():
        analysis = Analysis.objects.filter(
            region=region, round=round, organisation=organisation, section=section
        ).first() or Analysis(region=region, round=round, organisation=organisation, section=section)
        require(user, "analysis.write", analysis)
        if not getattr(user, "is_superuser", False) and organisation.pk not in organisation_ids_of(user):
            raise PermissionDenied(_("Analyysin voi kirjoittaa vain oman organisaation nimissä."))
        analysis.text = text
        analysis.is_demo = is_demo
        analysis.stamp(user)
        analysis.save()
    return analysis


def delete_analysis(user, analysis: Analysis) -> None:
    require(user, "analysis.write", analysis)
    with transaction.atomic():
        analysis._history_user = user
        analysis.delete()
