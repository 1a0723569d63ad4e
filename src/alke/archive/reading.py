"""Reading a round archive without trusting it: limits, signature, manifest structure and checksums.

Nothing the archive declares about itself is believed. Each member is decompressed in small chunks while
its bytes are counted, so a member that unpacks to more than it claims, or more than the limits, stops at
the limit; a damaged zip is refused with a message; the manifest's signature is checked before it is
parsed, and its structure (size, nesting depth, number of values) is bounded before the JSON parser sees it.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import IO, Any

from django.utils.translation import gettext as _

from alke.archive.signing import SIGNATURE, SignatureError, verify

FORMAT = "alke-round-archive"
VERSION = 2  # 2: signed, no copies of users or reference data (version 1 archives are unsigned)
MANIFEST = "round.json"

# Limits an archive must stay within; a real round is far below each.
MAX_MEMBERS = 20_000
MAX_TOTAL_BYTES = 512 * 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200  # uncompressed to compressed; more is a zip bomb, not a round
MAX_DEPTH = 32  # a record's natural keys nest at most a few levels
MAX_CONTAINERS = 4_000_000  # JSON objects and arrays in the manifest
MAX_RECORDS = 1_000_000
CHUNK = 1024 * 1024
_ALLOWED_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")


class ArchiveError(ValueError):
    """The archive cannot be written or read; the message names the problem."""


@dataclass
class ArchiveContents:
    manifest: dict[str, Any]
    members: list[str]
    files: dict[str, bytes] = field(default_factory=dict)  # uploaded files (`files/…`), for the import


def safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


class _Budget:
    """Bytes still allowed to be unpacked from the whole archive."""

    def __init__(self, total: int) -> None:
        self.left = total

    def take(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise ArchiveError(
                _("Arkisto purkautuisi yli %(mb)s megatavuksi; se ei ole kierrosarkisto.")
                % {"mb": MAX_TOTAL_BYTES // (1024 * 1024)}
            )


def _damaged(name: str, error: Exception) -> ArchiveError:
    return ArchiveError(
        _("Arkisto on vaurioitunut: tiedostoa %(name)s ei voi purkaa (%(error)s).")
        % {"name": name, "error": error}
    )


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, budget: _Budget, keep: bool):
    """(sha256 hex, content or None): the member unpacked chunk by chunk, never past `limit` bytes."""
    digest = hashlib.sha256()
    parts: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(CHUNK):
                size += len(chunk)
                budget.take(len(chunk))
                if size > limit:
                    raise ArchiveError(
                        _("Tiedosto %(name)s purkautuu yli sallitun koon (%(mb)s Mt).")
                        % {"name": info.filename, "mb": limit // (1024 * 1024)}
                    )
                if size > info.file_size:
                    raise ArchiveError(
                        _("Tiedosto %(name)s purkautuu suuremmaksi kuin arkisto ilmoittaa.")
                        % {"name": info.filename}
                    )
                digest.update(chunk)
                if keep:
                    parts.append(chunk)
    except ArchiveError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError) as error:
        raise _damaged(info.filename, error) from error
    return digest.hexdigest(), (b"".join(parts) if keep else None)


def check_structure(data: bytes) -> None:
    """Refuse a manifest nested deeper than MAX_DEPTH or with more than MAX_CONTAINERS objects and arrays.

    Strings are blanked first (a bracket inside a string is text), then the brackets are counted: linear
    in the size and done in C except the final walk over the brackets.
    """
    brackets = _STRING.sub(b'""', data).translate(None, _NOT_BRACKET)
    if len(brackets) > 2 * MAX_CONTAINERS:
        raise ArchiveError(
            _("%(name)s on liian monimutkainen (yli %(n)s objektia tai listaa).")
            % {"name": MANIFEST, "n": MAX_CONTAINERS}
        )
    depth = deepest = 0
    for byte in brackets:
        if byte in b"[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    raise ArchiveError(
                        _("%(name)s on sisäkkäinen yli %(n)s tasoa; se ei ole kierrosarkisto.")
                        % {"name": MANIFEST, "n": MAX_DEPTH}
                    )
        else:
            depth -= 1


def _shape_error(what: str) -> ArchiveError:
    return ArchiveError(_("Arkiston rakenne on rikki: %(what)s.") % {"what": what})


def check_shape(manifest: Any) -> None:
    """The manifest has the keys and types the importer reads, so a malformed one is refused by name."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(_("Arkisto ei ole alke-kierrosarkisto (format puuttuu tai on väärä)."))
    if manifest.get("version") != VERSION:
        raise ArchiveError(
            _("Arkiston versio %(found)s ei ole tuettu (tuettu: %(supported)s).")
            % {"found": manifest.get("version"), "supported": VERSION}
        )
    round_info, records = manifest.get("round"), manifest.get("records")
    if not isinstance(round_info, dict) or not isinstance(round_info.get("year"), int):
        raise _shape_error("round.year")
    if not isinstance(records, list):
        raise _shape_error("records")
    if len(records) > MAX_RECORDS:
        raise _shape_error(f"records > {MAX_RECORDS}")
    for index, record in enumerate(records):
        ok = (
            isinstance(record, dict)
            and isinstance(record.get("model"), str)
            and isinstance(record.get("pk"), int)
            and isinstance(record.get("fields"), dict)
            and isinstance(record.get("m2m", {}), dict)
            and all(isinstance(v, list) for v in record.get("m2m", {}).values())
            and isinstance(record.get("files", []), list)
            and all(isinstance(n, str) for n in record.get("files", []))
        )
        if not ok:
            raise _shape_error(f"records[{index}]")
    checksums = manifest.get("checksums")
    if not isinstance(checksums, dict) or not all(isinstance(v, str) for v in checksums.values()):
        raise _shape_error("checksums")


def read_archive(source: IO[bytes] | str) -> ArchiveContents:
    """The manifest and uploaded files of a signed archive, after checking limits, signature and checksums."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ArchiveError(_("Tiedosto ei ole zip-arkisto (%(error)s).") % {"error": error}) from error
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ArchiveError(_("Arkistossa on liikaa tiedostoja (%(n)s).") % {"n": len(infos)})
        names = [i.filename for i in infos]
        for info in infos:
            if not safe_member(info.filename):
                raise ArchiveError(_("Arkistossa on kelvoton polku: %(name)s") % {"name": info.filename})
            if info.compress_type not in _ALLOWED_COMPRESSION or info.flag_bits & 0x1:
                raise ArchiveError(
                    _("Tiedosto %(name)s on salattu tai pakattu tavalla, jota kierrosarkisto ei käytä.")
                    % {"name": info.filename}
                )
        if len(set(names)) != len(names):
            raise ArchiveError(_("Arkistossa on sama tiedostonimi useammin kuin kerran."))
        # What the archive declares is a first, cheap filter; the real limits are counted while unpacking.
        declared = sum(i.file_size for i in infos)
        packed = sum(i.compress_size for i in infos) or 1
        if declared > MAX_TOTAL_BYTES or declared / packed > MAX_RATIO:
            raise ArchiveError(
                _("Arkisto purkautuisi liian suureksi (%(mb)s Mt); se ei ole kierrosarkisto.")
                % {"mb": declared // (1024 * 1024)}
            )
        if MANIFEST not in names:
            raise ArchiveError(
                _("Arkistosta puuttuu %(name)s; se ei ole alke-kierrosarkisto.") % {"name": MANIFEST}
            )
        budget = _Budget(MAX_TOTAL_BYTES)
        manifest_info = archive.getinfo(MANIFEST)
        if manifest_info.file_size > MAX_MANIFEST_BYTES:
            raise ArchiveError(_("%(name)s on liian suuri.") % {"name": MANIFEST})
        _digest, manifest_bytes = _stream(archive, manifest_info, MAX_MANIFEST_BYTES, budget, keep=True)
        signature = None
        if SIGNATURE in names:
            _digest, signature = _stream(archive, archive.getinfo(SIGNATURE), 4096, budget, keep=True)
        try:
            verify(manifest_bytes, signature)
        except SignatureError as error:
            raise ArchiveError(str(error)) from error
        check_structure(manifest_bytes)
        try:
            manifest = json.loads(manifest_bytes.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
            raise ArchiveError(
                _("%(name)s ei ole kelvollista JSONia: %(error)s") % {"name": MANIFEST, "error": error}
            ) from error
        check_shape(manifest)
        checksums = manifest["checksums"]
        contents = ArchiveContents(manifest, names)
        for info in infos:
            if info.filename in (MANIFEST, SIGNATURE):
                continue
            if info.filename not in checksums:
                raise ArchiveError(
                    _("Tiedosto %(name)s ei kuulu arkistoon (sitä ei ole luettelossa).")
                    % {"name": info.filename}
                )
            keep = info.filename.startswith("files/")
            digest, content = _stream(archive, info, MAX_TOTAL_BYTES, budget, keep=keep)
            if checksums[info.filename] != digest:
                raise ArchiveError(
                    _("Tiedoston %(name)s tarkistussumma ei täsmää.") % {"name": info.filename}
                )
            if keep:
                contents.files[info.filename] = content
        missing = set(checksums) - set(names)
        if missing:
            raise ArchiveError(
                _("Arkistosta puuttuu tiedostoja: %(names)s") % {"names": ", ".join(sorted(missing))}
            )
    return contents
