"""Writes of the situational picture: importing statistics, recomputing indicators, analysis texts.

Every write checks the permission table (`require`) and runs in one transaction, so a failed import
stores nothing. Commands run from the server's shell pass `user=None`: shell access is the authority
there, as with `alke load-reference`.

A release is recognised by its table id and the checksum of its structure and values: importing it
again, under any file name or dataset code, adds nothing and says where it already is. A dry run
(`preview_import`) reports what an import would do: a new dataset or version, new periods, revised
values and the indicators it would change.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import socket
import uuid
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alke.core.cache import STATS, bump
from alke.core.permissions import organisation_ids_of, require
from alke.regions.models import Region
from alke.situation import cells
from alke.situation import compute as comp
from alke.situation.definitions import INDICATORS, SHIPPED
from alke.situation.models import (
    Analysis,
    Category,
    Dataset,
    DatasetVersion,
    Dimension,
    Indicator,
    IndicatorValue,
    PendingImport,
)
from alke.situation.parsers import LANGS, Cube, StatsFormatError, is_statfin, parse, parse_all

if TYPE_CHECKING:  # loaded where used, not when the app starts
    import numpy as np

STATFIN_V1 = "https://pxdata.stat.fi/PXWeb/api/v1/{lang}/StatFin/{path}"
HTTP_TIMEOUT = 60
# A statistics service's answer larger than this is refused rather than read into memory.
MAX_RESPONSE_BYTES = 100 * 1024 * 1024
STATISTICS_DIR = Path(__file__).resolve().parent.parent / "data" / "statistics"
PENDING_HOURS = 24
EXAMPLES = 10  # revised values listed by name in a preview


@dataclass
class IndicatorEffect:
    """What an import would do to one indicator that reads the dataset."""

    indicator: Indicator
    error: str = ""
    latest_before: int | None = None
    latest_after: int | None = None


@dataclass
class ImportPreview:
    """The dry run of an import: what would be stored, what is new and what would change."""

    dataset_code: str
    title: str
    table_id: str
    format: str
    language: str
    dims: list[tuple[str, str, int]]  # code, label, size
    cells: int
    missing: int
    checksum: str
    is_new_dataset: bool = True
    current_number: int | None = None
    duplicate: DatasetVersion | None = None
    new_periods: list[str] = field(default_factory=list)
    dropped_periods: list[str] = field(default_factory=list)
    new_categories: dict[str, list[str]] = field(default_factory=dict)
    structure_changed: bool = False
    revised: int = 0
    appeared: int = 0
    disappeared: int = 0
    examples: list[tuple[dict[str, str], float | None, float | None]] = field(default_factory=list)
    indicators: list[IndicatorEffect] = field(default_factory=list)


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
    preview: ImportPreview | None = None
    duplicate: DatasetVersion | None = None


def _check(user) -> None:
    if user is not None:
        require(user, "stats.import")


def checksum(cube: Cube) -> str:
    """A fingerprint of a release's structure, values and status symbols, to recognise it again."""
    h = hashlib.sha256()
    for dim in cube.dims:
        h.update(dim.code.encode())
        h.update("\x1f".join(c.code for c in dim.categories).encode())
    h.update(array("d", [math.nan if v is None else v for v in cube.values]).tobytes())
    if cube.status:
        h.update("\x1e".join(f"{pos}:{sym}" for pos, sym in sorted(cube.status.items())).encode())
    return h.hexdigest()


def dataset_code_for(cube: Cube, origin: str = "") -> str:
    """The dataset code: a StatFin file name (statfin_…_pxt_…), else the table id, else the name."""
    stem = Path(urlsplit(origin).path if "://" in origin else origin).stem if origin else ""
    for candidate in (stem if stem.startswith("statfin_") else "", cube.table_id, cube.name, stem):
        code = slugify(str(candidate).replace(" ", "-"))[:100]
        if code:
            return code
    raise StatsFormatError(_("Taulukolle ei löytynyt tunnusta: anna se valitsimella --dataset."))


def default_licence(cube: Cube, origin: str) -> str:
    """Statistics Finland and Eurostat publish their data under CC BY 4.0; files do not say so."""
    source = " ".join(cube.source.values()).lower()
    if is_statfin(source, origin) or source.strip() in ("estat", "eurostat") or "eurostat" in origin:
        return "CC BY 4.0"
    return ""


def _texts(d: dict[str, str], limit: int) -> dict:
    """fi/sv/en columns and the other languages, each cut to the column's length."""
    return {
        **{f"_{lang}": (d.get(lang) or "")[:limit] for lang in LANGS},
        "other": {lang: text[:limit] for lang, text in d.items() if lang not in LANGS and text},
    }


def _store_structure(version: DatasetVersion, cube: Cube) -> None:
    dims = []
    for i, d in enumerate(cube.dims):
        t = _texts(d.labels, 255)
        dims.append(
            Dimension(
                version=version,
                code=d.code[:100],
                position=i,
                role=d.role if d.role in Dimension.Role.values else Dimension.Role.OTHER,
                label_fi=t["_fi"],
                label_sv=t["_sv"],
                label_en=t["_en"],
                other_labels=t["other"],
                size=d.size,
                total_code=d.total[:100],
            )
        )
    dims = Dimension.objects.bulk_create(dims)
    rows = []
    for dim, d in zip(dims, cube.dims, strict=True):
        for k, c in enumerate(d.categories):
            t, u = _texts(c.labels, 255), _texts(c.units, 100)
            rows.append(
                Category(
                    dimension=dim,
                    code=c.code[:100],
                    position=k,
                    label_fi=t["_fi"],
                    label_sv=t["_sv"],
                    label_en=t["_en"],
                    other_labels=t["other"],
                    unit_fi=u["_fi"] or next(iter(u["other"].values()), ""),
                    unit_sv=u["_sv"],
                    unit_en=u["_en"],
                    decimals=c.decimals,
                    parent_code=c.parent[:100],
                )
            )
    Category.objects.bulk_create(rows, batch_size=5000)


def _period_range(cube: Cube) -> tuple[str, str]:
    dim = cube.dim("time")
    if dim is None:
        return "", ""
    ordered = sorted(dim.codes, key=comp.period_sort_key)
    return ordered[0][:20], ordered[-1][:20]


def find_release(cube: Cube, digest: str | None = None) -> DatasetVersion | None:
    """The stored version that is this very release (same table id and checksum), in any dataset."""
    digest = digest or checksum(cube)
    return (
        DatasetVersion.objects.filter(checksum=digest, dataset__table_id=cube.table_id[:50])
        .select_related("dataset")
        .order_by("-is_current", "-number")
        .first()
    )


def _duplicate_message(version: DatasetVersion) -> str:
    return _("Sama julkaisu on jo tuotu: aineisto %(dataset)s, versio %(n)s%(state)s. Mitään ei lisätty.") % {
        "dataset": version.dataset.code,
        "n": version.number,
        "state": "" if version.is_current else _(" (ei voimassa oleva)"),
    }


def _cell_map(old_dims: list[tuple[str, list[str]]], cube: Cube) -> tuple[np.ndarray, np.ndarray] | None:
    """For every cell of `cube`, its position in the old version (and whether it exists there);
    None when the dimensions themselves differ."""
    import numpy as np

    if [code for code, _codes in old_dims] != [d.code for d in cube.dims]:
        return None
    old_sizes = [len(codes) for _code, codes in old_dims]
    strides = [math.prod(old_sizes[i + 1 :]) for i in range(len(old_sizes))]
    positions = np.zeros(tuple(d.size for d in cube.dims), dtype=np.int64)
    valid = np.ones(positions.shape, dtype=bool)
    for axis, ((_code, old_codes), dim, stride) in enumerate(zip(old_dims, cube.dims, strides, strict=True)):
        index = {c: k for k, c in enumerate(old_codes)}
        mapped = np.array([index.get(c, -1) for c in dim.codes], dtype=np.int64)
        shape = [1] * len(cube.dims)
        shape[axis] = dim.size
        positions = positions + (np.maximum(mapped, 0) * stride).reshape(shape)
        valid &= (mapped >= 0).reshape(shape)
    return positions, valid


def preview_import(cube: Cube, *, dataset_code: str | None = None, origin: str = "") -> ImportPreview:
    """What importing `cube` would do, without storing anything."""
    import numpy as np

    cube.validate()
    code = dataset_code or dataset_code_for(cube, origin)
    digest = checksum(cube)
    missing = sum(1 for v in cube.values if v is None)
    preview = ImportPreview(
        dataset_code=code,
        title=next(iter(cube.title.values()), "") if cube.title else "",
        table_id=cube.table_id,
        format=cube.format,
        language=cube.language,
        dims=[(d.code, next(iter(d.labels.values()), d.code), d.size) for d in cube.dims],
        cells=len(cube.values) - missing,
        missing=missing,
        checksum=digest,
        duplicate=find_release(cube, digest),
    )
    current = (
        DatasetVersion.objects.filter(dataset__code=code, is_current=True).select_related("dataset").first()
    )
    indicators = list(Indicator.objects.filter(dataset_code=code, is_active=True))
    latest = dict(
        IndicatorValue.objects.filter(indicator__in=indicators)
        .values("indicator")
        .annotate(y=Max("year"))
        .values_list("indicator", "y")
    )
    loaded = comp.cube_from_parsed(cube, code)
    for indicator in indicators:
        effect = IndicatorEffect(indicator, latest_before=latest.get(indicator.pk))
        try:
            series = comp.compute(indicator, loaded)
            years = [y for s in series.values() for y in s]
            effect.latest_after = max(years) if years else None
        except comp.IndicatorComputeError as exc:
            effect.error = str(exc)
        preview.indicators.append(effect)
    if current is None:
        return preview
    preview.is_new_dataset = False
    preview.current_number = current.number
    old_dims = [
        (d.code, list(d.categories.order_by("position").values_list("code", flat=True)))
        for d in current.dimensions.order_by("position")
    ]
    old_by_code = dict(old_dims)
    for dim in cube.dims:
        before = old_by_code.get(dim.code)
        if before is None:
            continue
        added = [c for c in dim.codes if c not in set(before)]
        if dim.role == "time":
            preview.new_periods = added
            preview.dropped_periods = [c for c in before if c not in set(dim.codes)]
        elif added:
            preview.new_categories[dim.code] = added[:50]
    mapping = _cell_map(old_dims, cube)
    if mapping is None:
        preview.structure_changed = True
        return preview
    positions, valid = mapping
    old_values = cells.read_all(current)
    new_values = np.array([math.nan if v is None else v for v in cube.values], dtype="<f8").reshape(
        positions.shape
    )
    before = np.where(valid, old_values[np.where(valid, positions, 0)], np.nan)
    both = valid & ~np.isnan(before) & ~np.isnan(new_values)
    changed = both & ~np.isclose(before, new_values, rtol=1e-12, atol=0)
    preview.revised = int(changed.sum())
    preview.appeared = int((valid & np.isnan(before) & ~np.isnan(new_values)).sum())
    preview.disappeared = int((valid & ~np.isnan(before) & np.isnan(new_values)).sum())
    for flat in np.flatnonzero(changed)[:EXAMPLES]:
        index = np.unravel_index(flat, positions.shape)
        codes = {d.code: d.codes[i] for d, i in zip(cube.dims, index, strict=True)}
        preview.examples.append((codes, float(before[index]), float(new_values[index])))
    return preview


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

    Importing the very same release again adds nothing. With `dry_run` nothing is written and the
    result carries the preview.
    """
    _check(user)
    cube.validate()
    code = dataset_code or dataset_code_for(cube, origin)
    digest = checksum(cube)
    missing = sum(1 for v in cube.values if v is None)
    duplicate = find_release(cube, digest)
    if dry_run:
        preview = preview_import(cube, dataset_code=code, origin=origin)
        return ImportResult(
            None,
            None,
            False,
            len(cube.values) - missing,
            missing,
            dry_run=True,
            preview=preview,
            duplicate=duplicate,
            message=_duplicate_message(duplicate) if duplicate else "",
        )
    if duplicate is not None:
        return ImportResult(
            duplicate.dataset,
            duplicate,
            False,
            duplicate.cell_count,
            duplicate.missing_count,
            duplicate=duplicate,
            message=_duplicate_message(duplicate),
        )
    with transaction.atomic():
        dataset = Dataset.objects.filter(code=code).first()
        if dataset is None:
            title, source = _texts(cube.title or {"fi": code}, 255), _texts(cube.source, 255)
            dataset = Dataset(
                code=code,
                name_fi=title["_fi"],
                name_sv=title["_sv"],
                name_en=title["_en"],
                other_names=title["other"],
                table_id=cube.table_id[:50],
                source_fi=source["_fi"] or next(iter(source["other"].values()), ""),
                source_sv=source["_sv"],
                source_en=source["_en"],
                licence=cube.licence or default_licence(cube, origin),
                url=origin if origin.startswith(("http://", "https://")) else "",
                is_snapshot=is_snapshot,
            )
            if not (dataset.name_fi or dataset.name_sv or dataset.name_en or dataset.other_names):
                dataset.name_fi = code
        elif origin.startswith(("http://", "https://")) and not dataset.url:
            dataset.url = origin[:500]
        dataset.stamp(user)
        dataset.save()
        number = (dataset.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        dataset.versions.filter(is_current=True).update(is_current=False)
        first, latest = _period_range(cube)
        version = DatasetVersion(
            dataset=dataset,
            number=number,
            is_current=True,
            format=cube.format or DatasetVersion.Format.JSONSTAT2,
            source_updated=cube.updated,
            origin=origin[:500],
            query=query,
            cell_count=len(cube.values) - missing,
            missing_count=missing,
            checksum=digest,
            notes="\n".join(cube.notes)[:10000],
            language=cube.language[:8],
            first_period=first,
            latest_period=latest,
        )
        version.stamp(user)
        version.save()
        _store_structure(version, cube)
        cells.write(version, cube.values, cube.status)
        result = ImportResult(dataset, version, True, version.cell_count, missing)
        if recompute:
            result.indicators, result.indicator_errors = recompute_indicators(dataset.code)
    return result


def import_bytes(raw: bytes, fmt: str = "auto", *, lang: str | None = None, **kwargs) -> ImportResult:
    return import_cube(parse(raw, fmt, lang=lang, origin=kwargs.get("origin", "")), **kwargs)


def import_all(raw: bytes, fmt: str = "auto", *, lang: str | None = None, **kwargs) -> list[ImportResult]:
    """Every table of `raw` (a JSON-stat collection may embed several), each as its own dataset."""
    cubes = parse_all(raw, fmt, lang=lang, origin=kwargs.get("origin", ""))
    if len(cubes) == 1:
        return [import_cube(cubes[0], **kwargs)]
    code = kwargs.pop("dataset_code", None)
    with transaction.atomic():
        return [
            import_cube(cube, dataset_code=f"{code}-{n}" if code else None, **kwargs)
            for n, cube in enumerate(cubes, start=1)
        ]


# ---------------------------------------------------------------- fetching from PxWeb


def _is_v1_table(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return "/api/v1/" in path and path.rstrip("/").endswith(".px")


def _v2_data_url(url: str) -> str | None:
    """The PxWebApi 2.0 data address of a table address (…/api/v2/tables/ID[/data]); None otherwise."""
    parts = urlsplit(url)
    segments = parts.path.rstrip("/").split("/")
    lowered = [s.lower() for s in segments]
    if "v2" not in lowered or "tables" not in lowered:
        return None
    at = lowered.index("tables")
    if len(segments) <= at + 1:
        return None
    path = "/".join(segments[: at + 2] + ["data"])
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def _check_address(url: str) -> None:
    """Only http(s); and in production no address inside the server's own networks (the service
    would otherwise reach, on a coordinator's request, what only the server can reach)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StatsFormatError(
            _("Osoitteen pitää alkaa http:// tai https:// (%(url)s).") % {"url": url[:200]}
        )
    if settings.DEMO_MODE:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except OSError as exc:
        raise StatsFormatError(
            _("Tilastopalvelun nimeä %(host)s ei löytynyt: %(error)s")
            % {"host": parts.hostname, "error": exc}
        ) from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            raise StatsFormatError(
                _("Osoite %(host)s on sisäverkossa (%(ip)s); tilastoja haetaan vain julkisista palveluista.")
                % {"host": parts.hostname, "ip": ip}
            )


def _request(method: str, url: str, body: dict | None = None) -> bytes:
    import requests

    _check_address(url)
    try:
        with requests.request(method, url, json=body, timeout=HTTP_TIMEOUT, stream=True) as response:
            if response.status_code >= 400:
                raise StatsFormatError(
                    _("Tilastopalvelu vastasi %(status)s osoitteelle %(url)s: %(body)s")
                    % {"status": response.status_code, "url": url, "body": response.text[:300]}
                )
            chunks, size = [], 0
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise StatsFormatError(
                        _("Tilastopalvelun vastaus on yli %(mb)s Mt; rajaa kyselyä (alueet, vuodet, luokat).")
                        % {"mb": MAX_RESPONSE_BYTES // (1024 * 1024)}
                    )
                chunks.append(chunk)
            return b"".join(chunks)
    except requests.RequestException as exc:
        raise StatsFormatError(
            _("Tilastopalveluun %(url)s ei saatu yhteyttä: %(error)s") % {"url": url, "error": exc}
        ) from None


def effective_query(url: str, query: dict | None) -> dict | None:
    """The PxWeb query alke sends to `url`: the given one (with JSON-stat 2 asked for in API v1), a
    select-all query for an API v1 table, or None for a plain GET (PxWebApi 2.0 builds its own)."""
    if _is_v1_table(url):
        body = dict(query) if query is not None else {"query": []}
        body.setdefault("response", {"format": "json-stat2"})
        return body
    return dict(query) if query is not None else None


def fetch(url: str, query: dict | None = None) -> tuple[bytes, dict | None]:
    """The table at `url` and the query that fetched it (stored with the version, so that
    `alke refresh-stats` asks for the same again).

    PxWeb API v1 (`…/api/v1/{lang}/…/table.px`): POST the query, or an empty one that selects
    everything (a GET answers only the metadata). PxWebApi 2.0 (`…/api/v2/tables/{id}`): POST the
    query's selection to `/data`, or without one every value of every variable (from `/metadata`).
    Any other address is fetched with GET.
    """
    body = effective_query(url, query)
    if body is not None and _is_v1_table(url):
        return _request("POST", url, body), body
    data_url = _v2_data_url(url)
    if data_url is not None:
        if body is None:
            metadata = parse_v2_metadata(_request("GET", data_url.replace("/data", "/metadata", 1)))
            body = {"selection": [{"variableCode": code, "valueCodes": ["*"]} for code in metadata]}
        separator = "&" if "?" in data_url else "?"
        target = (
            data_url
            if "outputformat" in data_url.lower()
            else f"{data_url}{separator}outputFormat=json-stat2"
        )
        return _request("POST", target, body), body
    if body is not None:
        return _request("POST", url, body), body
    return _request("GET", url), None


def parse_v2_metadata(raw: bytes) -> list[str]:
    """The variable codes of a PxWebApi 2.0 table from its metadata (JSON-stat 2.0 without values)."""
    from alke.situation.parsers import load_json

    data = load_json(raw)
    if isinstance(data, dict) and isinstance(data.get("id"), list):
        return [str(i) for i in data["id"]]
    if isinstance(data, dict) and isinstance(data.get("variables"), list):
        return [str(v.get("id") or v.get("code")) for v in data["variables"]]
    raise StatsFormatError(_("PxWebApi 2.0 -taulukon metatiedoista ei löytynyt muuttujia."))


def statfin_url(path: str, lang: str = "fi") -> str:
    """The PxWeb API v1 address of a StatFin table, e.g. `vaerak/statfin_vaerak_pxt_11ra.px`."""
    return STATFIN_V1.format(lang=lang, path=path.lstrip("/"))


@dataclass
class RefreshResult:
    dataset: Dataset
    result: ImportResult | None = None
    error: str = ""


def refreshable() -> list[DatasetVersion]:
    """Current versions fetched from a PxWeb service with a stored query."""
    return list(
        DatasetVersion.objects.filter(is_current=True, query__isnull=False, origin__startswith="http")
        .select_related("dataset")
        .order_by("dataset__code")
    )


def refresh_datasets(say: Callable[[str], None] = lambda _line: None) -> list[RefreshResult]:
    """Fetch every dataset with a stored PxWeb query again; a new release becomes a new version and
    the same release adds nothing. One failing service does not stop the others."""
    outcomes = []
    for version in refreshable():
        dataset = version.dataset
        try:
            raw, body = fetch(version.origin, version.query)
            cube = parse(raw, "auto", origin=version.origin)
            result = import_cube(cube, dataset_code=dataset.code, origin=version.origin, query=body)
        except StatsFormatError as exc:
            outcomes.append(RefreshResult(dataset, error=str(exc)))
            say(f"{dataset.code}: {_('ei päivitetty')}: {exc}")
            continue
        if result.created:
            say(
                f"{dataset.code}: {_('uusi julkaisu, versio %(n)s') % {'n': result.version.number}} "
                f"({result.cells} {_('arvoa')})"
            )
        else:
            say(f"{dataset.code}: {result.message}")
        outcomes.append(RefreshResult(dataset, result))
    return outcomes


# ---------------------------------------------------------------- the import page's two steps


def stage_import(
    user, raw: bytes, *, fmt: str, origin: str, query: dict | None, dataset_code: str | None
) -> tuple[PendingImport, ImportPreview]:
    """Parse and preview a table for `user` and keep it, unstored, until confirmed."""
    _check(user)
    cube = parse(raw, fmt, origin=origin)
    preview = preview_import(cube, dataset_code=dataset_code, origin=origin)
    with transaction.atomic():
        PendingImport.objects.filter(created_at__lt=timezone.now() - timedelta(hours=PENDING_HOURS)).delete()
        pending = PendingImport.objects.create(
            token=uuid.uuid4(),
            user=user,
            raw=raw,
            format=cube.format,
            origin=origin[:500],
            query=query,
            dataset_code=preview.dataset_code,
            checksum=preview.checksum,
        )
    return pending, preview


def pending_for(user, token) -> PendingImport:
    """The user's own previewed import that has not expired; PermissionDenied otherwise."""
    limit = timezone.now() - timedelta(hours=PENDING_HOURS)
    pending = PendingImport.objects.filter(token=token, user=user, created_at__gte=limit).first()
    if pending is None:
        raise StatsFormatError(
            _("Esikatseltua tuontia ei löytynyt tai se on vanhentunut; esikatsele tiedosto uudelleen.")
        )
    return pending


def confirm_import(user, token) -> ImportResult:
    """Store the previewed table exactly as previewed (its checksum is checked again)."""
    _check(user)
    pending = pending_for(user, token)
    cube = parse(bytes(pending.raw), pending.format, origin=pending.origin)
    if checksum(cube) != pending.checksum:
        raise StatsFormatError(_("Esikatseltu tiedosto on muuttunut; esikatsele se uudelleen."))
    with transaction.atomic():
        result = import_cube(
            cube, user=user, dataset_code=pending.dataset_code, origin=pending.origin, query=pending.query
        )
        pending.delete()
    return result


def discard_import(user, token) -> None:
    PendingImport.objects.filter(token=token, user=user).delete()


# ---------------------------------------------------------------- indicators


def ensure_indicators(user=None) -> int:
    """Create the shipped indicator definitions that do not exist yet, and bring those nobody has
    edited up to date with the shipped ones (a coordinator's edits are kept)."""
    if user is not None:
        require(user, "indicator.manage")
    created = 0
    with transaction.atomic():
        for spec in INDICATORS:
            defaults = {k: v for k, v in spec.items() if k != "code"}
            obj, was_created = Indicator.objects.get_or_create(code=spec["code"], defaults=defaults)
            created += was_created
            if not was_created and obj.modified_by_id is None:
                # Shipped fields not in the spec (is_key) fall back to the model default.
                changed = {
                    name: value
                    for name, value in {"is_key": False, **defaults}.items()
                    if getattr(obj, name) != value
                }
                if changed:
                    for name, value in changed.items():
                        setattr(obj, name, value)
                    obj.save()
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
    """Import the statistics shipped with alke (idempotent) and compute the indicators from them:
    the snapshot of `data/timeseries/` and the published tables of `data/statistics/`, the latter
    through the same parser and importer as any downloaded table."""
    from alke.situation.snapshot import SNAPSHOT

    _check(user)
    ensure_indicators()
    results = []

    def report(code: str, result: ImportResult) -> None:
        state = f"v{result.version.number} " if result.created else ""
        say(f"{code}: {state}{result.cells} cells{'' if result.created else ' (already imported)'}")
        results.append(result)

    with transaction.atomic():
        for code, build in SNAPSHOT:
            origin = f"alke/data/timeseries ({code})"
            report(
                code,
                import_cube(
                    build(), user=user, dataset_code=code, origin=origin, is_snapshot=True, recompute=False
                ),
            )
        for name, code in SHIPPED:
            raw, origin = (STATISTICS_DIR / name).read_bytes(), f"alke/data/statistics/{name}"
            report(
                code,
                import_bytes(
                    raw, user=user, dataset_code=code, origin=origin, is_snapshot=True, recompute=False
                ),
            )
        # Once for all: the definitions may also have changed since the values were computed.
        _done, errors = recompute_indicators()
    for code, error in errors.items():
        say(f"indicator {code}: {error}")
    return results


# ---------------------------------------------------------------- analysis texts


def save_analysis(
    user, *, region: Region, round, organisation, section: str, text: str, is_demo: bool = False
) -> Analysis:
    """Create or update the organisation's analysis text of one section for a region and round."""
    text = (text or "").strip()
    if not text:
        raise ValueError(_("Analyysiteksti ei voi olla tyhjä."))
    if section not in Analysis.Section.values:
        raise ValueError(_("Tuntematon osio %(section)s.") % {"section": section})
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
