"""Round archives: `export_round` writes every record of a round (and its documents) into a zip;
`import_round` restores such a zip into a database that does not have the round, all or nothing.

Layout of the zip:
- `round.json`: format and version, the round, every record (model, original id, fields, many-to-many),
  and the SHA-256 of every other file in the zip;
- `round.json.sig`: the HMAC-SHA256 of `round.json` with the installation's archive key
  (`alke.archive.signing`), so a changed archive is refused;
- `documents/`: each cooperation document (published, else final, else latest version) and each agenda
  as DOCX and PDF, in Finnish and, where the document has one, Swedish, made by the owning apps' own
  export functions;
- `files/`: uploaded files the records refer to.

References between the round's records use the original ids (remapped on import); references to
anything else (regions, ministries, themes, indicators, users) use natural keys (see
`alke.archive.records`) and must exist where the archive is imported: an import writes records of the
round's own models only (`round_models()`) and never creates users, roles, keys or reference data. The audit
fields (created and modified at and by) are kept as they were; the change history stays in the system the
round came from.
"""

from __future__ import annotations

import graphlib
import hashlib
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alke.archive import signing
from alke.archive.reading import (
    FORMAT,
    MANIFEST,
    VERSION,
    ArchiveContents,
    ArchiveError,
    read_archive,
    safe_member,
)
from alke.archive.records import collect, find_by_natural_key, natural_key, round_models

__all__ = ["MANIFEST", "ArchiveError", "ImportResult", "export_round", "import_round", "read_archive"]


# ---------------------------------------------------------------------------------------------------
# Export


def _ref(model: type[models.Model], pk: Any, inside: dict, obj_getter) -> Any:
    label = model._meta.label
    if pk is None:
        return None
    if pk in inside.get(model, {}):
        return {"record": [label, pk]}
    return {"natural": [label, natural_key(obj_getter())]}


def serialize_record(obj: models.Model, inside: dict) -> dict[str, Any]:
    data: dict[str, Any] = {}
    files: list[str] = []
    for f in obj._meta.concrete_fields:
        if f.primary_key:
            continue
        if f.is_relation:
            data[f.name] = _ref(
                f.related_model, getattr(obj, f.attname), inside, lambda f=f: getattr(obj, f.name)
            )
        elif isinstance(f, models.FileField):
            value = getattr(obj, f.attname)
            data[f.name] = value.name if value else ""
            if value:
                files.append(value.name)
        else:
            data[f.name] = f.value_from_object(obj)
    m2m: dict[str, list] = {}
    for f in obj._meta.many_to_many:
        if not f.remote_field.through._meta.auto_created:
            continue  # an explicit through model is archived as records of its own
        related = list(getattr(obj, f.name).all().order_by("pk"))
        m2m[f.name] = [_ref(f.related_model, r.pk, inside, lambda r=r: r) for r in related]
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


def export_round(round_obj: models.Model, out: IO[bytes] | str, with_pdf: bool = True) -> dict[str, int]:
    """Write the signed archive of `round_obj` to `out` (a path or a binary file); returns records per model."""
    collected = collect(round_obj)
    records = []
    for model in sorted(collected, key=lambda m: m._meta.label):
        for pk in sorted(collected[model]):
            records.append(serialize_record(collected[model][pk], collected))
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
        "checksums": {name: hashlib.sha256(content).hexdigest() for name, content in extra},
    }
    manifest_bytes = json.dumps(manifest, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()
    try:
        signature = signing.sign(manifest_bytes)
    except signing.SignatureError as error:
        raise ArchiveError(str(error)) from error
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, manifest_bytes)
        archive.writestr(signing.SIGNATURE, signature)
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


def _record_ref(value: Any) -> tuple[str, int] | None:
    """(label, original id) of a reference to another record of the archive, else None."""
    if isinstance(value, dict) and "record" in value:
        return value["record"][0], value["record"][1]
    return None


class _Importer:
    """Writes the records of one archive; every check that can refuse runs before the first write."""

    def __init__(self, contents: ArchiveContents) -> None:
        self.manifest = contents.manifest
        self.files = contents.files
        self.records: list[dict[str, Any]] = self.manifest["records"]
        self.allowed = {m._meta.label: m for m in round_models()}
        self.pk_map: dict[tuple[str, int], int] = {}
        self.warnings: list[str] = []
        self._natural: dict[str, int | None] = {}
        self._missing_required: dict[str, set[str]] = {}
        self._missing_optional: dict[str, set[str]] = {}

    # -- checks ------------------------------------------------------------------------------------

    def model_of(self, record: dict[str, Any]) -> type[models.Model]:
        model = self.allowed.get(record["model"])
        if model is None:
            raise ArchiveError(
                _(
                    "Arkistossa on tietue mallista %(label)s, joka ei kuulu kierroksen tietoihin (käyttäjät, "
                    "roolit, avaimet, istunnot, hakuindeksi ja viitetiedot eivät kuulu). Arkistoa ei palauteta."
                )
                % {"label": record["model"]}
            )
        return model

    def check_references(self) -> None:
        """Every reference is well formed, points to the field's own model, and the records form one round."""
        keys: dict[tuple[str, int], int] = {}
        for index, record in enumerate(self.records):
            self.model_of(record)
            key = (record["model"], record["pk"])
            if key in keys:
                raise ArchiveError(
                    _("Arkistossa on tietue %(model)s %(pk)s kahdesti.") % {"model": key[0], "pk": key[1]}
                )
            keys[key] = index
        self.index_of = keys
        rounds = [r for r in self.records if r["model"] == "rounds.Round"]
        year = self.manifest["round"]["year"]
        if len(rounds) != 1 or rounds[0]["fields"].get("year") != year:
            raise ArchiveError(
                _("Arkistossa pitää olla täsmälleen yksi kierros, vuoden %(year)s kierros.") % {"year": year}
            )
        owners: dict[int, set[int]] = {i: set() for i in range(len(self.records))}
        for index, record in enumerate(self.records):
            model = self.model_of(record)
            for f in model._meta.concrete_fields:
                if f.is_relation and f.name in record["fields"]:
                    target = self._check_ref(record["fields"][f.name], f, record)
                    if target is not None:
                        owners[index].add(target)
            for name, refs in record.get("m2m", {}).items():
                try:
                    f = model._meta.get_field(name)
                except Exception:  # noqa: BLE001 - FieldDoesNotExist, named in the message
                    raise ArchiveError(
                        _("Kelvoton kenttä %(where)s.") % {"where": f"{record['model']}.{name}"}
                    ) from None
                if not f.many_to_many or not f.remote_field.through._meta.auto_created:
                    raise ArchiveError(
                        _("Kelvoton kenttä %(where)s.") % {"where": f"{record['model']}.{name}"}
                    )
                for ref in refs:
                    self._check_ref(ref, f, record)
        # A record belongs to the round when one of its references leads to the round (as in the export):
        # a walk from the round backwards along the references, each record visited once.
        referrers: dict[int, list[int]] = {}
        for index, targets in owners.items():
            for target in targets:
                referrers.setdefault(target, []).append(index)
        start = keys[("rounds.Round", rounds[0]["pk"])]
        belongs, queue = {start}, [start]
        while queue:
            for index in referrers.get(queue.pop(), []):
                if index not in belongs:
                    belongs.add(index)
                    queue.append(index)
        strangers = [self.records[i] for i in range(len(self.records)) if i not in belongs]
        if strangers:
            raise ArchiveError(
                _("Tietue %(model)s %(pk)s ei kuulu arkiston kierrokseen.")
                % {"model": strangers[0]["model"], "pk": strangers[0]["pk"]}
            )

    def _check_ref(self, value: Any, f: models.Field, record: dict[str, Any]) -> int | None:
        """Index of the archive record `value` points to (None for a natural key or nothing)."""
        where = f"{record['model']}.{f.name}"
        if value is None:
            return None
        expected = f.related_model._meta.label
        bad = _("Kelvoton viittaus kentässä %(where)s.") % {"where": where}
        if not isinstance(value, dict) or len(value) != 1:
            raise ArchiveError(bad)
        kind, target = next(iter(value.items()))
        if kind not in ("record", "natural") or not isinstance(target, list) or len(target) != 2:
            raise ArchiveError(bad)
        if target[0] != expected:
            raise ArchiveError(bad)
        if kind == "record":
            index = self.index_of.get((target[0], target[1]))
            if index is None:
                raise ArchiveError(
                    _("Viittaus %(where)s osoittaa tietueeseen, jota arkistossa ei ole.") % {"where": where}
                )
            return index
        self._resolve_natural(f.related_model, target[1], where, required=not f.null and not f.many_to_many)
        return None

    def _resolve_natural(self, model: type[models.Model], key: Any, where: str, required: bool) -> None:
        label = model._meta.label
        cache_key = json.dumps([label, key], sort_keys=True)
        if cache_key not in self._natural:
            try:
                found = find_by_natural_key(model, key)
            except (ValueError, ValidationError) as error:
                raise ArchiveError(
                    _("Kelvoton viittaus kentässä %(where)s: %(error)s") % {"where": where, "error": error}
                ) from None
            self._natural[cache_key] = found.pk if found is not None else None
        if self._natural[cache_key] is None:
            missing = self._missing_required if required else self._missing_optional
            missing.setdefault(label, set()).add(_describe_key(key))

    def check_missing(self) -> None:
        """Refuse when a required reference names something this database lacks; nothing is created."""
        if not self._missing_required:
            for label, keys in sorted(self._missing_optional.items()):
                self.warnings.append(f"{label} not found, left empty: {', '.join(sorted(keys))}")
            return
        listing = "; ".join(
            f"{label}: {', '.join(sorted(keys))}" for label, keys in sorted(self._missing_required.items())
        )
        if "accounts.User" in self._missing_required:
            hint = _(
                "Käyttäjiä ja rooleja ei luoda arkistosta: luo puuttuvat käyttäjät ensin (ne kirjautuvat "
                "tunnistuspalvelusta tai ylläpitäjä lisää ne) ja tuo arkisto uudelleen."
            )
        else:
            hint = _("Lataa viitetiedot ensin (alke load-reference).")
        raise ArchiveError(
            _(
                "Arkiston tietueet viittaavat kohteisiin, joita tässä tietokannassa ei ole: %(listing)s. %(hint)s"
            )
            % {"listing": listing, "hint": hint}
        )

    def order(self) -> list[int]:
        """Record indexes in an order where every required reference is written before the record."""
        sorter: graphlib.TopologicalSorter = graphlib.TopologicalSorter()
        for index, record in enumerate(self.records):
            model = self.allowed[record["model"]]
            needs = []
            for f in model._meta.concrete_fields:
                target = _record_ref(record["fields"].get(f.name)) if f.is_relation and not f.null else None
                if target is not None:
                    needs.append(self.index_of[target])
            sorter.add(index, *needs)
        try:
            return list(sorter.static_order())
        except graphlib.CycleError as error:
            record = self.records[error.args[1][0]]
            raise ArchiveError(
                _(
                    "Tietuetta %(model)s %(pk)s ei voi palauttaa: sen pakolliset viittaukset muodostavat "
                    "kehän."
                )
                % {"model": record["model"], "pk": record["pk"]}
            ) from None

    # -- writing -----------------------------------------------------------------------------------

    def run(self) -> ImportResult:
        from alke.rounds.models import Round

        year = self.manifest["round"]["year"]
        if Round.objects.filter(year=year).exists():
            raise ArchiveError(
                _(
                    "Kierros %(year)s on jo tietokannassa; arkisto palautetaan vain tietokantaan, jossa sitä ei ole."
                )
                % {"year": year}
            )
        self.check_references()
        self.check_missing()
        deferred: list[tuple[dict[str, Any], models.Field, Any]] = []
        for index in self.order():
            self._insert(self.records[index], deferred)
        for record, f, raw in deferred:
            model = self.allowed[record["model"]]
            model._base_manager.filter(pk=self.pk_map[(model._meta.label_lower, record["pk"])]).update(
                **{f.attname: self._resolve(raw, f)}
            )
        for record in self.records:
            self._m2m(record)
        counts: dict[str, int] = {}
        for record in self.records:
            counts[record["model"]] = counts.get(record["model"], 0) + 1
        return ImportResult(Round.objects.get(year=year), self.pk_map, counts, self.warnings)

    def _resolve(self, value: Any, f: models.Field) -> int | None:
        """The id a checked reference points to in this database (None: nothing, or a missing optional one)."""
        if value is None:
            return None
        target = _record_ref(value)
        if target is not None:
            return self.pk_map[(target[0].lower(), target[1])]
        label, key = value["natural"]
        return self._natural[json.dumps([label, key], sort_keys=True)]

    def _insert(self, record: dict[str, Any], deferred: list) -> None:
        model = self.allowed[record["model"]]
        fields = record["fields"]
        values: dict[str, Any] = {}
        for f in model._meta.concrete_fields:
            if f.primary_key or f.name not in fields:
                continue
            raw = fields[f.name]
            if f.is_relation:
                if f.null and _record_ref(raw) is not None:
                    deferred.append((record, f, raw))  # set once every record exists (cycles)
                    continue
                values[f.attname] = self._resolve(raw, f)
            elif isinstance(f, models.FileField):
                values[f.attname] = self._restore_file(raw, record)
            else:
                try:
                    values[f.attname] = f.to_python(raw)
                except (ValidationError, TypeError, ValueError) as error:
                    raise self._invalid(record, f.name, error) from error
        obj = model(**values)
        try:
            obj.clean_fields(exclude=[f.name for f in model._meta.concrete_fields if f.is_relation])
            obj.validate_unique()
            obj.validate_constraints()
        except ValidationError as error:
            name, problems = next(iter(error.message_dict.items()))
            raise self._invalid(record, name, " ".join(problems)) from error
        # raw: keep the audit timestamps as they were; no save() overrides, history or index updates.
        obj.save_base(raw=True, force_insert=True)
        self.pk_map[(model._meta.label_lower, record["pk"])] = obj.pk

    @staticmethod
    def _invalid(record: dict[str, Any], name: str, error: Any) -> ArchiveError:
        return ArchiveError(
            _("Kelvoton arvo kentässä %(where)s: %(error)s")
            % {"where": f"{record['model']} {record['pk']}.{name}", "error": error}
        )

    def _restore_file(self, name: Any, record: dict[str, Any]) -> str:
        if not name:
            return ""
        if not isinstance(name, str) or not safe_member(name) or name not in record.get("files", []):
            raise ArchiveError(_("Kelvoton tiedostonimi tietueessa %(model)s.") % {"model": record["model"]})
        content = self.files.get(f"files/{name}")
        if content is None:
            raise ArchiveError(_("Arkistosta puuttuu tiedosto %(name)s.") % {"name": name})
        return default_storage.save(name, ContentFile(content))

    def _m2m(self, record: dict[str, Any]) -> None:
        model = self.allowed[record["model"]]
        new_pk = self.pk_map[(model._meta.label_lower, record["pk"])]
        for name, refs in record.get("m2m", {}).items():
            f = model._meta.get_field(name)
            through = f.remote_field.through
            source_col = f.m2m_field_name() + "_id"
            target_col = f.m2m_reverse_field_name() + "_id"
            targets = {pk for pk in (self._resolve(ref, f) for ref in refs) if pk is not None}
            through._base_manager.bulk_create(
                [through(**{source_col: new_pk, target_col: pk}) for pk in sorted(targets)]
            )


def _describe_key(key: Any) -> str:
    if isinstance(key, dict) and len(key) == 1:
        value = next(iter(key.values()))
        return value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return json.dumps(key, sort_keys=True, ensure_ascii=False)


def import_round(source: IO[bytes] | str) -> ImportResult:
    """Restore a signed archive written by `export_round`; all or nothing."""
    contents = read_archive(source)
    try:
        with transaction.atomic():
            result = _Importer(contents).run()
            _reindex(result)
    except DatabaseError as error:
        raise ArchiveError(
            _("Arkistoa ei voitu tallentaa tietokantaan: %(error)s") % {"error": error}
        ) from error
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
