"""Round archives: `export_round` writes every record of a round (and its documents) into a zip;
`import_round` restores such a zip into a database that does not have the round, all or nothing.

Layout of the zip:
- `round.json`: format and version, the round, every record (model, original id, fields, many-to-many),
  and the SHA-256 of every other file in the zip;
- `documents/`: each cooperation document (published, else final, else latest version) and each agenda
  as DOCX and PDF, in Finnish and, where the document has one, Swedish, made by the owning apps' own
  export functions;
- `files/`: uploaded files the records refer to.

References between the round's records use the original ids (remapped on import); references to
anything else use natural keys (see `alke.archive.records`). The audit fields (created and modified
at and by) are kept as they were; the change history stays in the system the round came from.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alke.archive.records import collect, find_by_natural_key, natural_key

FORMAT = "alke-round-archive"
VERSION = 1
MANIFEST = "round.json"
# Limits an archive must stay within before anything is read into the database.
MAX_MEMBERS = 20_000
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # compressed to uncompressed; more is a zip bomb, not a round


class ArchiveError(ValueError):
    """The archive cannot be written or read; the message names the problem."""


# ---------------------------------------------------------------------------------------------------
# Export


# Of a user only these travel in an archive (never the password hash or the admin flags).
USER_FIELDS = {"username", "first_name", "last_name", "email", "preferred_language", "is_demo"}


def _ref(model: type[models.Model], pk: Any, inside: dict, obj_getter, outside: dict | None = None) -> Any:
    label = model._meta.label
    if pk is None:
        return None
    if pk in inside.get(model, {}):
        return {"record": [label, pk]}
    obj = obj_getter()
    key = natural_key(obj)
    if outside is not None:
        outside.setdefault((label, json.dumps(key, sort_keys=True, cls=DjangoJSONEncoder)), obj)
    return {"natural": [label, key]}


def serialize_reference(obj: models.Model, outside: dict) -> dict[str, Any]:
    """A thing outside the round that a record refers to, so an import can create it when it is missing."""
    record = serialize_record(obj, {}, outside, with_m2m=False)
    if obj._meta.label_lower == "accounts.user":
        record["fields"] = {k: v for k, v in record["fields"].items() if k in USER_FIELDS}
    record["key"] = natural_key(obj)
    del record["pk"]
    return record


def serialize_record(
    obj: models.Model, inside: dict, outside: dict | None = None, with_m2m: bool = True
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    files: list[str] = []
    for f in obj._meta.concrete_fields:
        if f.primary_key:
            continue
        if f.is_relation:
            data[f.name] = _ref(
                f.related_model, getattr(obj, f.attname), inside, lambda f=f: getattr(obj, f.name), outside
            )
        elif isinstance(f, models.FileField):
            value = getattr(obj, f.attname)
            data[f.name] = value.name if value else ""
            if value:
                files.append(value.name)
        else:
            data[f.name] = f.value_from_object(obj)
    m2m: dict[str, list] = {}
    for f in obj._meta.many_to_many if with_m2m else []:
        if not f.remote_field.through._meta.auto_created:
            continue  # an explicit through model is archived as records of its own
        related = list(getattr(obj, f.name).all().order_by("pk"))
        m2m[f.name] = [_ref(f.related_model, r.pk, inside, lambda r=r: r, outside) for r in related]
    return {"model": obj._meta.label, "pk": obj.pk, "fields": data, "m2m": m2m, "files": files}


def _documents(collected: dict, with_pdf: bool) -> list[tuple[str, bytes]]:
    """DOCX and PDF of the round's cooperation documents and agendas, from the owning apps."""
    out: list[tuple[str, bytes]] = []
    if apps.is_installed("alke.agreements"):
        try:
            from alke.agreements import exports as agreement_exports
            from alke.agreements.models import CooperationDocument
        except ImportError:
            agreement_exports = None
        if agreement_exports is not None:
            for doc in collected.get(CooperationDocument, {}).values():
                version = doc.published_version or doc.final_version or doc.latest_version()
                if version is None:
                    continue
                for lang in ["fi", "sv"] if doc.has_swedish else ["fi"]:
                    base = f"documents/yhteistyoasiakirja-{doc.region.code}-{doc.pk}-v{version.number}-{lang}"
                    out.append((f"{base}.docx", agreement_exports.document_docx(version, lang)))
                    if with_pdf:
                        out.append((f"{base}.pdf", agreement_exports.document_pdf(version, lang)))
    if apps.is_installed("alke.agenda"):
        try:
            from alke.agenda import exports as agenda_exports
            from alke.agenda.models import Agenda
        except ImportError:
            agenda_exports = None
        if agenda_exports is not None and hasattr(agenda_exports, "render_packet"):
            for agenda in collected.get(Agenda, {}).values():
                languages = ["fi", "sv"] if any(r.is_bilingual for r in _agenda_regions(agenda)) else ["fi"]
                for lang in languages:
                    for fmt in ["docx", "pdf"] if with_pdf else ["docx"]:
                        content, _type, name = agenda_exports.render_packet(agenda, lang, fmt)
                        out.append((f"documents/agenda-{agenda.pk}-{PurePosixPath(name).name}", content))
    return out


def _agenda_regions(agenda) -> list:
    if agenda.region_id:
        return [agenda.region]
    return list(agenda.regions.all())


def export_round(round_obj: models.Model, out: io.IOBase | str, with_pdf: bool = True) -> dict[str, int]:
    """Write the archive of `round_obj` to `out` (a path or a binary file); returns records per model."""
    collected = collect(round_obj)
    inside = {model: objs for model, objs in collected.items()}
    records = []
    outside: dict[tuple[str, str], models.Model] = {}
    for model in sorted(collected, key=lambda m: m._meta.label):
        for pk in sorted(collected[model]):
            records.append(serialize_record(collected[model][pk], inside, outside))
    references: dict[tuple[str, str], dict] = {}
    while len(references) < len(outside):  # references may refer further (a municipality to its region)
        for ref_key, obj in list(outside.items()):
            if ref_key not in references:
                references[ref_key] = serialize_reference(obj, outside)
    extra: list[tuple[str, bytes]] = _documents(collected, with_pdf)
    for record in records:
        for name in record["files"]:
            with default_storage.open(name, "rb") as handle:
                extra.append((f"files/{name}", handle.read()))
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "round": {"year": round_obj.year, "name": round_obj.name},
        "records": records,
        "references": [references[k] for k in sorted(references)],
        "checksums": {name: hashlib.sha256(content).hexdigest() for name, content in extra},
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1))
        for name, content in extra:
            archive.writestr(name, content)
    counts: dict[str, int] = {}
    for record in records:
        counts[record["model"]] = counts.get(record["model"], 0) + 1
    return counts


# ---------------------------------------------------------------------------------------------------
# Import


@dataclass
class ImportResult:
    round: Any
    pk_map: dict[tuple[str, int], int]
    counts: dict[str, int]
    warnings: list[str] = field(default_factory=list)


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and "\\" not in name


def read_archive(source: io.IOBase | str) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and the files of an archive, after checking its size, structure and checksums."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ArchiveError(_("Tiedosto ei ole zip-arkisto (%(error)s).") % {"error": error}) from error
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ArchiveError(_("Arkistossa on liikaa tiedostoja (%(n)s).") % {"n": len(infos)})
        total = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos) or 1
        if total > MAX_TOTAL_BYTES or total / packed > MAX_RATIO:
            raise ArchiveError(
                _("Arkisto purkautuisi liian suureksi (%(mb)s Mt); se ei ole kierrosarkisto.")
                % {"mb": total // (1024 * 1024)}
            )
        for info in infos:
            if not _safe_member(info.filename):
                raise ArchiveError(_("Arkistossa on kelvoton polku: %(name)s") % {"name": info.filename})
        names = {i.filename for i in infos}
        if MANIFEST not in names:
            raise ArchiveError(
                _("Arkistosta puuttuu %(name)s; se ei ole alke-kierrosarkisto.") % {"name": MANIFEST}
            )
        if archive.getinfo(MANIFEST).file_size > MAX_MANIFEST_BYTES:
            raise ArchiveError(_("%(name)s on liian suuri.") % {"name": MANIFEST})
        try:
            manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ArchiveError(
                _("%(name)s ei ole kelvollista JSONia: %(error)s") % {"name": MANIFEST, "error": error}
            ) from error
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ArchiveError(_("Arkisto ei ole alke-kierrosarkisto (format puuttuu tai on väärä)."))
        if manifest.get("version") != VERSION:
            raise ArchiveError(
                _("Arkiston versio %(found)s ei ole tuettu (tuettu: %(supported)s).")
                % {"found": manifest.get("version"), "supported": VERSION}
            )
        if not isinstance(manifest.get("records"), list) or not isinstance(manifest.get("round"), dict):
            raise ArchiveError(_("Arkiston rakenne on rikki: records tai round puuttuu."))
        files = {}
        checksums = manifest.get("checksums") or {}
        for name in names - {MANIFEST}:
            content = archive.read(name)
            if checksums.get(name) != hashlib.sha256(content).hexdigest():
                raise ArchiveError(_("Tiedoston %(name)s tarkistussumma ei täsmää.") % {"name": name})
            files[name] = content
        missing = set(checksums) - set(files)
        if missing:
            raise ArchiveError(
                _("Arkistosta puuttuu tiedostoja: %(names)s") % {"names": ", ".join(sorted(missing))}
            )
    return manifest, files


class _Importer:
    def __init__(self, manifest: dict[str, Any], files: dict[str, bytes]) -> None:
        self.manifest = manifest
        self.files = files
        self.pk_map: dict[tuple[str, int], int] = {}
        self.warnings: list[str] = []
        self.users_created: list[str] = []
        self.created_references: list[str] = []
        self._natural_cache: dict[str, Any] = {}

    def model(self, label: str) -> type[models.Model]:
        try:
            return apps.get_model(label)
        except (LookupError, ValueError) as error:
            raise ArchiveError(_("Arkistossa on tuntematon malli %(label)s.") % {"label": label}) from error

    def resolve(self, value: Any, nullable: bool, where: str) -> tuple[Any, bool]:
        """(id, deferred): the id a stored reference points to now; deferred when not imported yet."""
        if value is None:
            return None, False
        if not isinstance(value, dict) or len(value) != 1:
            raise ArchiveError(_("Kelvoton viittaus kentässä %(where)s.") % {"where": where})
        if "record" in value:
            label, old = value["record"]
            new = self.pk_map.get((label.lower(), old))
            return new, new is None
        label, key = value["natural"]
        cache_key = json.dumps([label, key], sort_keys=True)
        if cache_key not in self._natural_cache:
            model = self.model(label)
            found = find_by_natural_key(model, key)
            if found is None:
                found = self._create_reference(model, key, where)
            self._natural_cache[cache_key] = found.pk if found is not None else None
        pk = self._natural_cache[cache_key]
        if pk is None:
            if not nullable:
                raise ArchiveError(
                    _(
                        "Kohdetta %(label)s %(key)s ei löydy tietokannasta (%(where)s). Lataa viitetiedot ensin "
                        "(alke load-reference)."
                    )
                    % {"label": label, "key": key, "where": where}
                )
            self.warnings.append(f"{where}: {label} {key} not found; left empty")
        return pk, False

    def _create_reference(self, model: type[models.Model], key: Any, where: str):
        """Create a referenced thing the database lacks, from the archive's copy of it (None if absent)."""
        label = model._meta.label
        wanted = json.dumps(key, sort_keys=True)
        record = next(
            (
                r
                for r in self.manifest.get("references") or []
                if r.get("model") == label and json.dumps(r.get("key"), sort_keys=True) == wanted
            ),
            None,
        )
        if record is None:
            return None
        values = self._values(model, record, where)
        if values is None:
            return None
        obj = model(**values)
        if model._meta.label_lower == "accounts.user":
            obj.set_unusable_password()
            self.users_created.append(obj.username)
        else:
            self.created_references.append(f"{label} {key}")
        obj.save_base(raw=True, force_insert=True)
        return obj

    def run(self) -> ImportResult:
        manifest = self.manifest
        year = manifest["round"].get("year")
        from alke.rounds.models import Round

        if Round.objects.filter(year=year).exists():
            raise ArchiveError(
                _(
                    "Kierros %(year)s on jo tietokannassa; arkisto palautetaan vain tietokantaan, jossa sitä ei ole."
                )
                % {"year": year}
            )
        records = manifest["records"]
        pending = list(range(len(records)))
        deferred: list[tuple[int, str, Any]] = []
        while pending:
            progressed = []
            for index in pending:
                if self._insert(index, records[index], deferred):
                    progressed.append(index)
            if not progressed:
                # Nothing could go in: a cycle through required references, or a reference to nothing.
                record = records[pending[0]]
                raise ArchiveError(
                    _(
                        "Tietuetta %(model)s %(pk)s ei voi palauttaa: sen pakollinen viittaus ei osoita arkiston "
                        "tietueeseen."
                    )
                    % {"model": record.get("model"), "pk": record.get("pk")}
                )
            done = set(progressed)
            pending = [i for i in pending if i not in done]
        for index, name, value in deferred:
            record = records[index]
            model = self.model(record["model"])
            pk, later = self.resolve(value, True, f"{record['model']}.{name}")
            if later:
                raise ArchiveError(
                    _("Viittaus %(where)s osoittaa tietueeseen, jota arkistossa ei ole.")
                    % {"where": f"{record['model']}.{name}"}
                )
            model._base_manager.filter(pk=self.pk_map[(model._meta.label_lower, record["pk"])]).update(
                **{model._meta.get_field(name).attname: pk}
            )
        for record in records:
            self._m2m(record)
        round_obj = Round.objects.get(year=year)
        counts: dict[str, int] = {}
        for record in records:
            counts[record["model"]] = counts.get(record["model"], 0) + 1
        if self.created_references:
            self.warnings.append("created from the archive: " + "; ".join(self.created_references))
        if self.users_created:
            self.warnings.append(
                "created users without password or memberships: " + ", ".join(sorted(self.users_created))
            )
        return ImportResult(round_obj, self.pk_map, counts, self.warnings)

    def _values(self, model: type[models.Model], record: dict[str, Any], where_prefix: str, later=None):
        """Field values for a new row, or None while a required record it refers to is not in yet.

        References to nullable fields of other records are put in `later` (set once all exist).
        """
        fields = record.get("fields") or {}
        if not isinstance(fields, dict):
            raise ArchiveError(_("Kelvoton tietue %(where)s.") % {"where": where_prefix})
        values: dict[str, Any] = {}
        for f in model._meta.concrete_fields:
            if f.primary_key or f.name not in fields:
                continue
            raw = fields[f.name]
            where = f"{model._meta.label}.{f.name}"
            if f.is_relation:
                if isinstance(raw, dict) and "record" in raw:
                    if f.null and later is not None:
                        later.append((f.name, raw))
                        continue
                    pk, missing = self.resolve(raw, False, where)
                    if missing:
                        return None
                    values[f.attname] = pk
                else:
                    values[f.attname] = self.resolve(raw, f.null, where)[0]
            elif isinstance(f, models.FileField):
                values[f.attname] = self._restore_file(raw)
            else:
                try:
                    values[f.attname] = f.to_python(raw)
                except Exception as error:  # noqa: BLE001 - reported with the field that failed
                    raise ArchiveError(
                        _("Kelvoton arvo kentässä %(where)s: %(error)s") % {"where": where, "error": error}
                    ) from error
        return values

    def _insert(self, index: int, record: dict[str, Any], deferred: list) -> bool:
        label = record.get("model")
        model = self.model(label)
        if model._meta.parents:
            raise ArchiveError(_("Mallia %(label)s ei voi palauttaa kierrosarkistosta.") % {"label": label})
        later: list[tuple[str, Any]] = []
        values = self._values(model, record, f"{label} {record.get('pk')}", later)
        if values is None:
            return False  # try again after the record it needs
        obj = model(**values)
        # raw: keep the audit timestamps as they were; no save() overrides, history or index updates.
        obj.save_base(raw=True, force_insert=True)
        self.pk_map[(model._meta.label_lower, record["pk"])] = obj.pk
        deferred.extend((index, name, raw) for name, raw in later)
        return True

    def _restore_file(self, name: str) -> str:
        if not name:
            return ""
        content = self.files.get(f"files/{name}")
        if content is None:
            raise ArchiveError(_("Arkistosta puuttuu tiedosto %(name)s.") % {"name": name})
        return default_storage.save(name, ContentFile(content))

    def _m2m(self, record: dict[str, Any]) -> None:
        model = self.model(record["model"])
        new_pk = self.pk_map[(model._meta.label_lower, record["pk"])]
        for name, refs in (record.get("m2m") or {}).items():
            f = model._meta.get_field(name)
            through = f.remote_field.through
            source_col = f.m2m_field_name() + "_id"
            target_col = f.m2m_reverse_field_name() + "_id"
            rows = []
            for ref in refs:
                pk, missing = self.resolve(ref, True, f"{record['model']}.{name}")
                if missing:
                    raise ArchiveError(
                        _("Viittaus %(where)s osoittaa tietueeseen, jota arkistossa ei ole.")
                        % {"where": f"{record['model']}.{name}"}
                    )
                if pk is not None:
                    rows.append(through(**{source_col: new_pk, target_col: pk}))
            through._base_manager.bulk_create(rows)


def import_round(source: io.IOBase | str) -> ImportResult:
    """Restore an archive written by `export_round`; all or nothing."""
    manifest, files = read_archive(source)
    with transaction.atomic():
        result = _Importer(manifest, files).run()
        _reindex(result)
    return result


def _reindex(result: ImportResult) -> None:
    """Imported records bypass signals; put the searchable ones into the search index."""
    try:
        from alke.search.registry import sources
        from alke.search.services import index_object
    except ImportError:
        return
    for src in sources():
        label = src.model._meta.label_lower
        new_pks = [new for (model_label, _old), new in result.pk_map.items() if model_label == label]
        for obj in src.model._default_manager.filter(pk__in=new_pks):
            index_object(src, obj)


def describe(counts: dict[str, int]) -> str:
    return "\n".join(f"{label}: {n}" for label, n in sorted(counts.items()))
