"""Crafted round archives, each built from a real export, and what `import_round` does with them.

An archive is input from outside: it may add accounts, keys or memberships, point at records of other
rounds, lie about the size of its members, or be damaged. Each attack is refused with its reason and
leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
import tracemalloc
import zipfile

import pytest
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from alke.accounts.models import Membership, User
from alke.agenda.models import Proposal, ProposalComment
from alke.api.models import ApiToken, digest
from alke.archive import reading
from alke.archive.services import MANIFEST, ArchiveError, export_round, import_round
from alke.archive.signing import SIGNATURE, sign
from alke.rounds.models import Round
from tests.archive.test_round_archive import build_round

KNOWN_PASSWORD = "hyokkaajan-salasana-2026"
YEAR = 2033  # the crafted copy is a round this database does not have


@pytest.fixture
def exported(reference) -> dict[str, bytes]:
    """The members of a real export of a round, renamed to round 2033 so it could be imported here."""
    buffer = io.BytesIO()
    export_round(build_round(), buffer, with_pdf=False)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members[MANIFEST])
    manifest["round"]["year"] = YEAR
    for record in manifest["records"]:
        if record["model"] == "rounds.Round":
            record["fields"]["year"] = YEAR
            record["fields"]["name"] = f"ALKE {YEAR}"
        if record["model"] == "rounds.Notification":
            record["fields"]["key"] += "-copy"  # a reminder is unique per user and key
    members[MANIFEST] = json.dumps(manifest).encode()
    members[SIGNATURE] = sign(members[MANIFEST])
    return members


def rewrite(members: dict[str, bytes], change, resign: bool) -> dict[str, bytes]:
    """Apply `change` to the manifest and recompute every checksum inside it, as an attacker can."""
    manifest = json.loads(members[MANIFEST])
    change(manifest)
    manifest["checksums"] = {
        name: hashlib.sha256(content).hexdigest()
        for name, content in members.items()
        if name not in (MANIFEST, SIGNATURE)
    }
    out = dict(members)
    out[MANIFEST] = json.dumps(manifest).encode()
    if resign:
        out[SIGNATURE] = sign(out[MANIFEST])
    return out


def as_zip(members: dict[str, bytes], ballast: bool = False) -> io.BytesIO:
    """The members zipped; `ballast` adds incompressible bytes so the archive passes the cheap ratio filter
    and the test reaches the check it is about."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
        if ballast:
            archive.writestr("files/ballast", os.urandom(64 * 1024))
    buffer.seek(0)
    return buffer


def add_administrator(manifest: dict) -> None:
    """The reported attack: a superuser with a known password, a coordinator membership and an API key."""
    manifest["records"] += [
        {
            "model": "accounts.User",
            "pk": 9001,
            "fields": {
                "username": "hyokkaaja",
                "password": make_password(KNOWN_PASSWORD),
                "is_superuser": True,
                "is_staff": True,
                "is_active": True,
                "email": "h@example.invalid",
                "date_joined": "2026-01-01T00:00:00Z",
            },
            "m2m": {},
            "files": [],
        },
        {
            "model": "accounts.Membership",
            "pk": 9002,
            "fields": {
                "user": {"record": ["accounts.User", 9001]},
                "organisation": {"natural": ["regions.Organisation", {"slug": "tem"}]},
                "role": "coordinator",
                "is_active": True,
                "source": "local",
            },
            "m2m": {},
            "files": [],
        },
        {
            "model": "api.ApiToken",
            "pk": 9003,
            "fields": {
                "user": {"record": ["accounts.User", 9001]},
                "name": "takaovi",
                "prefix": "alke_takao",
                "key_digest": digest("alke_takaovi-salaisuus"),
                "expires_at": "2099-01-01T00:00:00Z",
            },
            "m2m": {},
            "files": [],
        },
    ]


def nothing_created() -> None:
    assert not Round.objects.filter(year=YEAR).exists()
    assert not User.objects.filter(username="hyokkaaja").exists()
    assert not User.objects.filter(is_superuser=True).exists()
    assert not Membership.objects.filter(role="coordinator", user__username="hyokkaaja").exists()
    assert not ApiToken.objects.filter(name="takaovi").exists()


@pytest.mark.django_db
def test_an_untouched_export_of_the_round_imports(reference, exported):
    """The control for the attacks below: the same archive, unchanged, is restored."""
    result = import_round(as_zip(dict(exported)))
    assert result.round.year == YEAR
    assert Proposal.objects.filter(round__year=YEAR, title="Raideyhteydet").exists()


@pytest.mark.django_db
def test_an_archive_adding_an_administrator_is_refused_by_its_signature(reference, exported, client):
    members = rewrite(dict(exported), add_administrator, resign=False)
    with pytest.raises(ArchiveError, match="allekirjoitus ei täsmää"):
        import_round(as_zip(members))
    nothing_created()
    assert not client.login(username="hyokkaaja", password=KNOWN_PASSWORD)
    assert client.get("/admin/").status_code == 302  # to the sign-in page


@pytest.mark.django_db
def test_even_a_signed_archive_cannot_add_accounts_memberships_or_keys(reference, exported):
    """Defence in depth: with the key (an insider), accounts, roles and keys are still not the round's."""
    members = rewrite(dict(exported), add_administrator, resign=True)
    with pytest.raises(ArchiveError, match="accounts.User, joka ei kuulu kierroksen tietoihin"):
        import_round(as_zip(members))
    nothing_created()

    def only_membership(manifest: dict) -> None:
        add_administrator(manifest)
        manifest["records"] = [r for r in manifest["records"] if r["model"] != "accounts.User"]

    with pytest.raises(ArchiveError, match="accounts.Membership, joka ei kuulu"):
        import_round(as_zip(rewrite(dict(exported), only_membership, resign=True)))
    nothing_created()


@pytest.mark.django_db
def test_the_command_refuses_the_crafted_archive_with_its_reason(reference, exported, tmp_path):
    path = tmp_path / "crafted.zip"
    path.write_bytes(as_zip(rewrite(dict(exported), add_administrator, resign=False)).getvalue())
    with pytest.raises(CommandError, match="allekirjoitus ei täsmää"):
        call_command("import_round", str(path))
    nothing_created()


@pytest.mark.django_db
def test_an_unsigned_archive_and_another_installations_archive_are_refused(reference, exported):
    members = dict(exported)
    unsigned = {k: v for k, v in members.items() if k != SIGNATURE}
    with pytest.raises(ArchiveError, match="ei ole allekirjoitettu"):
        import_round(as_zip(unsigned))
    with override_settings(ARCHIVE_SIGNING_KEY="toisen-asennuksen-avain-2026"):
        foreign = dict(members, **{SIGNATURE: sign(members[MANIFEST])})
    with pytest.raises(ArchiveError, match="toisella avaimella"):
        import_round(as_zip(foreign))
    # The same key on both sides (ALKE_ARCHIVE_KEY) is how installations exchange archives.
    with override_settings(ARCHIVE_SIGNING_KEY="toisen-asennuksen-avain-2026"):
        assert import_round(as_zip(foreign)).round.year == YEAR


@pytest.mark.django_db
def test_user_references_go_to_existing_users_by_name_and_never_create_one(reference, exported):
    def author_unknown(manifest: dict) -> None:
        for record in manifest["records"]:
            if record["model"] == "agenda.ProposalComment":
                record["fields"]["author"] = {"natural": ["accounts.User", {"username": "tuntematon"}]}

    with pytest.raises(ArchiveError, match="accounts.User: tuntematon.*Käyttäjiä ja rooleja ei luoda"):
        import_round(as_zip(rewrite(dict(exported), author_unknown, resign=True)))
    assert not User.objects.filter(username="tuntematon").exists()
    assert not Round.objects.filter(year=YEAR).exists()

    def editor_unknown(manifest: dict) -> None:
        for record in manifest["records"]:
            if record["model"] == "agenda.Proposal":
                record["fields"]["created_by"] = {"natural": ["accounts.User", {"username": "tuntematon"}]}

    result = import_round(as_zip(rewrite(dict(exported), editor_unknown, resign=True)))
    assert any("tuntematon" in w for w in result.warnings)
    assert not User.objects.filter(username="tuntematon").exists()
    proposal = Proposal.objects.get(round__year=YEAR, title="Raideyhteydet")
    assert proposal.created_by is None  # an optional reference to a missing user is left empty
    comment = ProposalComment.objects.get(proposal=proposal)
    assert comment.author.username == "koord-arkisto"  # the existing account, found by its name


@pytest.mark.django_db
def test_a_natural_key_must_be_a_unique_key(reference, exported):
    """{"is_superuser": true} would pick some administrator; only a model's unique fields identify."""

    def pick_admin(manifest: dict) -> None:
        for record in manifest["records"]:
            if record["model"] == "agenda.ProposalComment":
                record["fields"]["author"] = {"natural": ["accounts.User", {"is_superuser": "True"}]}

    User.objects.create_superuser("admin-x", password="admin-salasana-2026")
    with pytest.raises(ArchiveError, match="Kelvoton viittaus kentässä agenda.ProposalComment.author"):
        import_round(as_zip(rewrite(dict(exported), pick_admin, resign=True)))


@pytest.mark.django_db
def test_records_cannot_be_slipped_into_another_round(reference, exported):
    """A record pointing at an existing round (2032) is not part of the archived one and is refused."""

    def into_existing(manifest: dict) -> None:
        manifest["records"].append(
            {
                "model": "agenda.Proposal",
                "pk": 7777,
                "fields": {
                    "round": {"natural": ["rounds.Round", {"year": "2032"}]},
                    "region": {"natural": ["regions.Region", {"code": "MK02"}]},
                    "title": "Ujutettu",
                    "status": "accepted",
                },
                "m2m": {},
                "files": [],
            }
        )

    with pytest.raises(ArchiveError, match="agenda.Proposal 7777 ei kuulu arkiston kierrokseen"):
        import_round(as_zip(rewrite(dict(exported), into_existing, resign=True)))
    assert not Proposal.objects.filter(title="Ujutettu").exists()


# ---------------------------------------------------------------------------------------------------
# Limits: counted while unpacking, never taken from what the archive declares (finding 3)


def _lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """The zip with `name`'s uncompressed size set to `size` in both its local and central headers."""
    out = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    struct.pack_into("<I", out, info.header_offset + 22, size)
    position = out.find(b"PK\x01\x02")
    while position != -1:
        name_length = struct.unpack_from("<H", out, position + 28)[0]
        if bytes(out[position + 46 : position + 46 + name_length]) == name.encode():
            struct.pack_into("<I", out, position + 24, size)
        position = out.find(b"PK\x01\x02", position + 4)
    return bytes(out)


def _with_bomb(members: dict[str, bytes], name: str, megabytes: int) -> bytes:
    """The archive with `name` replaced by `megabytes` MB of zeros that claims to be 1 KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            if member != name:
                archive.writestr(member, content)
        with archive.open(name, "w") as handle:
            zeros = bytes(1024 * 1024)
            for _ in range(megabytes):
                handle.write(zeros)
    return _lie_about_size(buffer.getvalue(), name, 1024)


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["document", MANIFEST])
def test_a_member_unpacking_past_its_declared_size_stops_there(reference, exported, target):
    members = dict(exported)
    name = next(n for n in members if n.endswith(".docx")) if target == "document" else MANIFEST
    crafted = _with_bomb(members, name, megabytes=300)
    assert len(crafted) < 2 * 1024 * 1024  # a small file...
    tracemalloc.start()
    try:
        with pytest.raises(ArchiveError, match="vaurioitunut"):
            import_round(io.BytesIO(crafted))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024  # ...that never became 300 MB in memory
    assert not Round.objects.filter(year=YEAR).exists()


@pytest.mark.django_db
def test_a_damaged_zip_is_refused_with_a_message(reference, exported):
    data = as_zip(dict(exported)).getvalue()
    name = next(n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.endswith(".docx"))
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    start = info.header_offset + 30 + len(name.encode()) + len(info.extra)
    broken = bytearray(data)
    for i in range(start + 10, start + min(info.compress_size, 200)):
        broken[i] ^= 0x5A
    with pytest.raises(ArchiveError, match="vaurioitunut"):
        import_round(io.BytesIO(bytes(broken)))
    with pytest.raises(ArchiveError, match="ei ole zip-arkisto"):
        import_round(io.BytesIO(data[: len(data) // 2]))
    assert not Round.objects.filter(year=YEAR).exists()


@pytest.mark.django_db
def test_the_manifest_structure_is_bounded_before_it_is_parsed(reference, monkeypatch):
    deep = b'{"format": "alke-round-archive", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(ArchiveError, match="sisäkkäinen yli 32 tasoa"):
        import_round(as_zip({MANIFEST: deep, SIGNATURE: sign(deep)}, ballast=True))

    monkeypatch.setattr(reading, "MAX_CONTAINERS", 1000)
    wide = b'{"format": "alke-round-archive", "x": [' + b",".join([b"{}"] * 5000) + b"]}"
    with pytest.raises(ArchiveError, match="liian monimutkainen"):
        import_round(as_zip({MANIFEST: wide, SIGNATURE: sign(wide)}, ballast=True))
    # Brackets inside strings are text, not structure.
    text = json.dumps({"format": "alke-round-archive", "version": 2, "t": "[" * 5000}).encode()
    with pytest.raises(ArchiveError, match="round.year"):
        import_round(as_zip({MANIFEST: text, SIGNATURE: sign(text)}, ballast=True))


@pytest.mark.django_db
def test_an_oversized_manifest_is_refused_before_it_is_read(reference, exported, monkeypatch):
    monkeypatch.setattr(reading, "MAX_MANIFEST_BYTES", 256 * 1024)
    members = dict(exported)
    manifest = json.loads(members[MANIFEST])
    manifest["padding"] = os.urandom(256 * 1024).hex()  # incompressible, so only the size is wrong
    members[MANIFEST] = json.dumps(manifest).encode()
    members[SIGNATURE] = sign(members[MANIFEST])
    with pytest.raises(ArchiveError, match="round.json on liian suuri"):
        import_round(as_zip(members))
    assert not Round.objects.filter(year=YEAR).exists()
