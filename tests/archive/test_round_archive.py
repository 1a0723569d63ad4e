"""Round archive: export, wipe, import, export again — nothing lost, nothing changed.

The attack tests (tests/archive/test_archive_attacks.py) build crafted archives from a real export.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from alke.agenda.models import Agenda, AgendaItem, Proposal, ProposalComment
from alke.agreements.content import compose
from alke.agreements.models import Conclusion, CooperationDocument, DocumentVersion
from alke.archive.services import MANIFEST, ArchiveError, export_round, import_round, read_archive
from alke.archive.signing import SIGNATURE, sign
from alke.regions.models import Ministry, Region
from alke.regions.services import load_reference
from alke.rounds.models import Notification, Round, RoundPhase
from alke.search.models import SearchEntry
from tests.conftest import make_user


def build_round() -> Round:
    coordinator = make_user("koord-arkisto", "tem", "coordinator", first_name="Kaisa", email="k@example.fi")
    region_user = make_user("vs-arkisto", "liitto-mk02", "region")
    round_ = Round.objects.create(year=2032, name="ALKE 2032", phase="documents", session_minutes=120)
    RoundPhase.objects.create(
        round=round_, phase="proposals", starts_on=date(2032, 1, 10), ends_on=date(2032, 2, 28)
    )
    vs, sk = Region.objects.get(code="MK02"), Region.objects.get(code="MK04")
    okm, lvm = Ministry.objects.get(abbreviation="OKM"), Ministry.objects.get(abbreviation="LVM")
    main = Proposal(
        round=round_,
        region=vs,
        title="Raideyhteydet",
        description="Tunnin juna <b>Turkuun</b>.",
        status="accepted",
        submitted_at=timezone.now(),
    )
    main.stamp(region_user)
    main.save()
    main.ministries.set([okm, lvm])
    merged = Proposal.objects.create(
        round=round_,
        region=sk,
        title="Rata",
        description="Sama asia.",
        status="merged",
        merged_into=main,
        language="fi",
    )
    ProposalComment.objects.create(proposal=main, author=coordinator, text="Hyvä ehdotus – “lainausmerkit”.")
    agenda = Agenda.objects.create(round=round_, region=vs, title="Varsinais-Suomen keskustelu")
    item = AgendaItem.objects.create(
        agenda=agenda, order=1, title="Raideyhteydet", minutes=30, source="proposal"
    )
    item.proposals.set([main, merged])
    item.ministries.set([lvm])
    conclusion = Conclusion.objects.create(
        round=round_,
        region=vs,
        order=1,
        text_fi="LVM selvittää.",
        text_sv="KM utreder.",
        deadline=date(2033, 6, 30),
    )
    conclusion.ministries.set([lvm])
    document = CooperationDocument.objects.create(round=round_, region=vs, background_fi="Tausta.")
    version = DocumentVersion.objects.create(
        document=document, number=1, content=compose(document), note="ensi"
    )
    document.final_version = version  # a cycle: the document points to its own version
    document.save()
    Notification.objects.create(user=region_user, round=round_, subject="Määräpäivä lähestyy", key="dl-1")
    return round_


def canonical(manifest: dict, back: dict[tuple[str, int], int] | None = None) -> list:
    """The records with ids mapped back to the original ones, sorted, without export timestamps."""
    back = back or {}

    def old(label: str, pk: int) -> int:
        return back.get((label.lower(), pk), pk)

    def ref(value):
        if isinstance(value, dict) and "record" in value:
            label, pk = value["record"]
            return {"record": [label, old(label, pk)]}
        return value

    out = []
    for record in manifest["records"]:
        fields = {name: ref(value) for name, value in record["fields"].items()}
        m2m = {
            name: sorted(json.dumps(ref(v), sort_keys=True) for v in values)
            for name, values in record["m2m"].items()
        }
        out.append(
            (record["model"], old(record["model"], record["pk"]), json.dumps(fields, sort_keys=True), m2m)
        )
    return sorted(out, key=lambda r: (r[0], r[1]))


@pytest.mark.django_db(transaction=True)
def test_round_trip_loses_nothing(reference):
    round_ = build_round()
    first = io.BytesIO()
    counts = export_round(round_, first, with_pdf=False)
    assert counts["agenda.Proposal"] == 2 and counts["agreements.DocumentVersion"] == 1
    contents = read_archive(io.BytesIO(first.getvalue()))
    manifest = contents.manifest
    assert any(name.endswith(".docx") for name in contents.members)
    assert SIGNATURE in contents.members

    # An empty database: everything goes, then the reference data and the users come back (an
    # archive never creates users; the target installation has its own).
    call_command("flush", interactive=False, verbosity=0)
    load_reference()
    assert not Round.objects.exists()
    make_user("koord-arkisto", first_name="Uusi")
    make_user("vs-arkisto")
    result = import_round(io.BytesIO(first.getvalue()))
    assert result.round.year == 2032

    second = io.BytesIO()
    export_round(Round.objects.get(year=2032), second, with_pdf=False)
    manifest2 = read_archive(io.BytesIO(second.getvalue())).manifest
    back = {(label, new): old for (label, old), new in result.pk_map.items()}
    back = {(label, new): old for (label, new), old in back.items()}
    assert canonical(manifest2, back) == canonical(manifest)

    # The restored records work: the cycle is closed, audit fields kept, search finds them again.
    doc = CooperationDocument.objects.get(round__year=2032)
    assert doc.final_version.document_id == doc.pk
    main = Proposal.objects.get(title="Raideyhteydet")
    assert main.created_by.username == "vs-arkisto"
    assert Proposal.objects.get(title="Rata").merged_into == main
    from alke.accounts.models import Membership, User

    # References to users went to the existing accounts, which the archive did not change.
    assert User.objects.get(username="koord-arkisto").first_name == "Uusi"
    assert not Membership.objects.exists()
    assert SearchEntry.objects.filter(source="proposal", object_pk=main.pk).exists()
    assert SearchEntry.objects.filter(source="document", object_pk=doc.pk).exists()


@pytest.mark.django_db
def test_importing_a_round_that_exists_is_refused(reference):
    round_ = build_round()
    buffer = io.BytesIO()
    export_round(round_, buffer, with_pdf=False)
    with pytest.raises(ArchiveError, match="2032 on jo tietokannassa"):
        import_round(io.BytesIO(buffer.getvalue()))


def _zip(members: dict[str, bytes], signed: bool = True) -> io.BytesIO:
    """A zip of `members`, its manifest signed with this installation's key (as an insider could)."""
    members = dict(members)
    if signed and MANIFEST in members:
        members[SIGNATURE] = sign(members[MANIFEST])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    buffer.seek(0)
    return buffer


@pytest.mark.django_db
@pytest.mark.parametrize(
    "archive,message",
    [
        (io.BytesIO(b"not a zip at all"), "ei ole zip-arkisto"),
        (_zip({"other.txt": b"x"}), "puuttuu round.json"),
        (_zip({MANIFEST: b"{broken"}), "ei ole kelvollista JSONia"),
        (_zip({MANIFEST: b'{"format": "something-else"}'}), "ei ole alke-kierrosarkisto"),
        (_zip({MANIFEST: b'{"format": "alke-round-archive", "version": 99}'}), "versio 99 ei ole tuettu"),
        (
            _zip({MANIFEST: b'{"format": "alke-round-archive", "version": 1}'}, signed=False),
            "ei ole allekirjoitettu",
        ),
        (
            _zip({MANIFEST: b'{"format": "alke-round-archive", "version": 2, "round": {}, "records": []}'}),
            "rakenne on rikki: round.year",
        ),
        (
            _zip(
                {
                    MANIFEST: b'{"format": "alke-round-archive", "version": 2, "round": {"year": 2032}, '
                    b'"records": [{"model": "rounds.Round"}], "checksums": {}}'
                }
            ),
            r"rakenne on rikki: records\[0\]",
        ),
        (
            _zip(
                {
                    MANIFEST: b'{"format": "alke-round-archive", "version": 2, "round": {}, "records": [], '
                    b'"checksums": {}}',
                    "../evil": b"x",
                }
            ),
            "kelvoton polku",
        ),
        (_zip({MANIFEST: b"0" * (4 * 1024 * 1024)}), "liian suureksi"),
    ],
)
def test_malformed_archives_are_refused_with_a_reason(reference, archive, message):
    with pytest.raises(ArchiveError, match=message):
        import_round(archive)
    assert not Round.objects.filter(year=2032).exists()


@pytest.mark.django_db
def test_tampered_archive_is_refused(reference):
    round_ = build_round()
    buffer = io.BytesIO()
    export_round(round_, buffer, with_pdf=False)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        members = {i.filename: source.read(i.filename) for i in source.infolist()}
    docx = next(name for name in members if name.endswith(".docx"))
    members[docx] = b"changed"
    with pytest.raises(ArchiveError, match="tarkistussumma"):
        import_round(_zip(members, signed=False))


@pytest.mark.django_db
def test_commands(reference, tmp_path):
    build_round()
    out = io.StringIO()
    call_command("export_round", "2032", "--out", str(tmp_path / "r.zip"), "--without-pdf", stdout=out)
    assert "ALKE 2032" in out.getvalue() and (tmp_path / "r.zip").exists()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no round '1999'"):
        call_command("export_round", "1999", "--out", str(tmp_path / "x.zip"))
    with pytest.raises(CommandError, match="jo tietokannassa"):
        call_command("import_round", str(tmp_path / "r.zip"))
