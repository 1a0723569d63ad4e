"""Cooperation documents: versions, approvals by both parties, reopening, publication and comments."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from alke.agreements.content import compose
from alke.agreements.models import (
    CooperationDocument,
    DocumentApproval,
    DocumentComment,
    DocumentFrozen,
    DocumentVersion,
    documents_covering,
)
from alke.agreements.selectors import agenda_items_for
from alke.agreements.services.base import AgreementError, EditConflict, RegionSubject, _frozen_message
from alke.core.permissions import can, require
from alke.regions.models import Region
from alke.rounds.models import Round


def _prefill(document: CooperationDocument) -> None:
    """Standard sections start from what alke knows; the parties then edit the wording."""
    regions = document.all_regions()
    councils_fi = ", ".join(r.council_name_fi or r.name_fi for r in regions)
    councils_sv = ", ".join(r.council_name_sv or r.name_sv or r.name_fi for r in regions)
    document.parties_fi = (
        f"Valtio: työ- ja elinkeinoministeriö koordinoi ministeriöiden puolesta.\n\nMaakunta: {councils_fi}."
    )
    document.parties_sv = f"Staten: arbets- och näringsministeriet samordnar på ministeriernas vägnar.\n\nLandskapet: {councils_sv}."
    own = [
        item.title
        for item in agenda_items_for(document.round_id, document.region_id)
        if item.source != "common_theme"
    ]
    document.own_themes_fi = "\n\n".join(dict.fromkeys(own))
    theme = document.round.common_theme
    if theme is not None:
        document.common_theme_fi = theme.name_fi
        document.common_theme_sv = theme.name_sv
    document.followup_fi = (
        "Johtopäätösten toteutumista seurataan alueiden uudistumisen neuvottelukunnassa (AUNE) sekä osana "
        "valtion ja maakunnan välistä jatkuvaa vuoropuhelua. Vastuutahot raportoivat edistymisestä alkessa."
    )
    document.followup_sv = (
        "Genomförandet av slutsatserna följs upp i delegationen för regional förnyelse (AUNE) och som en del "
        "av den fortlöpande dialogen mellan staten och landskapet. De ansvariga rapporterar framstegen i alke."
    )


@transaction.atomic
def create_document(
    user,
    round: Round,
    region: Region,
    *,
    other_regions: Iterable[Region] = (),
    include_swedish: bool = False,
    is_demo: bool = False,
) -> CooperationDocument:
    """Start the draft cooperation document of a region (or of a joint session led by `region`)."""
    others = [r for r in other_regions if r.pk != region.pk]
    for participant in [region, *others]:
        require(user, "document.edit", RegionSubject(participant.pk))
    kind = CooperationDocument.Kind.JOINT if others else CooperationDocument.Kind.REGION
    if (
        kind == CooperationDocument.Kind.REGION
        and CooperationDocument.objects.filter(round=round, region=region, kind=kind).exists()
    ):
        raise AgreementError(
            _("Maakunnalla %(region)s on jo yhteistyöasiakirja kierroksella %(round)s.")
            % {"region": region.name, "round": round.name}
        )
    document = CooperationDocument(
        round=round, region=region, kind=kind, include_swedish=include_swedish, is_demo=is_demo
    )
    document.stamp(user)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        raise AgreementError(
            _("Maakunnalla %(region)s on jo yhteistyöasiakirja kierroksella %(round)s.")
            % {"region": region.name, "round": round.name}
        ) from None
    if others:
        document.other_regions.set(others)
    _prefill(document)
    document.save()
    _new_version(user, document, compose(document), _("Luonnos aloitettu"))
    return document


def _new_version(
    user, document: CooperationDocument, content: dict, note: str, reason: str = ""
) -> DocumentVersion:
    last = document.versions.aggregate(m=Max("number"))["m"] or 0
    version = DocumentVersion(
        document=document, number=last + 1, content=content, note=note, reopen_reason=reason
    )
    version.stamp(user)
    version.save()
    return version


def refresh_version(user, document: CooperationDocument, note: str) -> DocumentVersion:
    """Keep a new version when the composed content differs from the latest one (drafts only)."""
    latest = document.latest_version()
    content = compose(document)
    if latest is not None and latest.content == content:
        return latest
    if document.is_final:
        raise DocumentFrozen(document)
    return _new_version(user, document, content, note)


def refresh_drafts(user, round_id: int, region_id: int, note: str) -> None:
    """A conclusion or the funding changed: each draft document covering the region gets a new version."""
    for document in documents_covering(round_id, region_id):
        if not document.is_final:
            refresh_version(user, document, note)


@transaction.atomic
def save_document(
    user, document: CooperationDocument, expected_lock_version: int, data: dict[str, Any], note: str = ""
) -> CooperationDocument:
    """Save the edited sections of a draft, refusing a stale save (optimistic locking).

    `expected_lock_version` is the lock_version the editor's form was opened on. The row is locked for
    the check (SELECT … FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions serialise writers),
    so of two people who opened the same draft only the first save wins and the second is told.
    """
    require(user, "document.edit", document)
    current = CooperationDocument.objects.select_for_update().get(pk=document.pk)
    if current.is_final:
        raise AgreementError(_frozen_message(current))
    if current.lock_version != expected_lock_version:
        who = current.modified_by or _("toinen käyttäjä")
        raise EditConflict(
            _(
                "%(who)s tallensi asiakirjaan muutoksia sen jälkeen, kun avasit sen. Tekstisi on tallessa "
                "alla olevassa lomakkeessa: vertaa sitä tallennettuun versioon ja tallenna uudelleen."
            )
            % {"who": who},
            current,
        )
    allowed = {f"{name}_{lang}" for name in CooperationDocument.SECTION_FIELDS for lang in ("fi", "sv")}
    allowed.add("include_swedish")
    for key, value in data.items():
        if key not in allowed:
            raise AgreementError(_("Tuntematon kenttä: %(field)s") % {"field": key})
        setattr(current, key, value.strip() if isinstance(value, str) else value)
    current.lock_version += 1
    current.stamp(user)
    current.save()
    refresh_version(user, current, note.strip() or _("Luonnosta muokattu"))
    return current


def _approving_region(user, document: CooperationDocument) -> Region:
    for region in document.all_regions():
        if can(user, "document.approve_region", region):
            return region
    require(user, "document.approve_region", document)  # raises PermissionDenied
    raise AssertionError("unreachable")


@transaction.atomic
def approve(user, document: CooperationDocument, version_number: int, party: str) -> DocumentApproval:
    """Approve `version_number` for the state or for the user's regional council.

    The approver names the version they read: if the draft has moved on since, the approval is refused
    so nobody approves text they have not seen. When the state and every regional council have approved
    the same version, the document becomes final.
    """
    document = CooperationDocument.objects.select_for_update().get(pk=document.pk)
    if party == DocumentApproval.Party.STATE:
        require(user, "document.approve_state", document)
        region = None
    elif party == DocumentApproval.Party.REGION:
        region = _approving_region(user, document)
    else:
        raise AgreementError(_("Tuntematon osapuoli."))
    if document.is_final:
        raise AgreementError(_("Asiakirja on jo hyväksytty."))
    latest = refresh_version(user, document, _("Sisältö päivittyi ennen hyväksyntää"))
    if latest.number != version_number:
        raise AgreementError(
            _(
                "Hyväksyit version %(old)s, mutta asiakirjasta on nyt versio %(new)s. Tutustu muutoksiin "
                "ja hyväksy uusin versio."
            )
            % {"old": version_number, "new": latest.number}
        )
    existing = latest.approvals.filter(party=party, region=region).first()
    if existing is not None:
        raise AgreementError(_("Tämä osapuoli on jo hyväksynyt version %(n)s.") % {"n": latest.number})
    approval = DocumentApproval(
        version=latest, party=party, region=region, approved_by=user, approved_at=timezone.now()
    )
    approval.stamp(user)
    approval.save()
    _finalise_if_agreed(user, document, latest)
    return approval


def _finalise_if_agreed(user, document: CooperationDocument, version: DocumentVersion) -> None:
    approvals = list(version.approvals.all())
    state = any(a.party == DocumentApproval.Party.STATE for a in approvals)
    regions = {a.region_id for a in approvals if a.party == DocumentApproval.Party.REGION}
    if state and all(r.pk in regions for r in document.all_regions()):
        document.status = CooperationDocument.Status.FINAL
        document.final_version = version
        document.stamp(user)
        document.save()


def approval_state(document: CooperationDocument, version: DocumentVersion | None) -> dict[str, Any]:
    """Who has approved `version`, and who is still to approve it."""
    approvals = list(version.approvals.select_related("region", "approved_by")) if version else []
    state = next((a for a in approvals if a.party == DocumentApproval.Party.STATE), None)
    regions = []
    for region in document.all_regions():
        regions.append((region, next((a for a in approvals if a.region_id == region.pk), None)))
    return {"state": state, "regions": regions}


@transaction.atomic
def reopen(user, document: CooperationDocument, reason: str) -> DocumentVersion:
    """Open a final document for changes: the reason is recorded and a new version needs new approvals."""
    require(user, "document.reopen", document)
    document = CooperationDocument.objects.select_for_update().get(pk=document.pk)
    if not document.is_final:
        raise AgreementError(_("Vain hyväksytyn asiakirjan voi avata uudelleen."))
    if not (reason or "").strip():
        raise AgreementError(_("Kirjaa syy, miksi hyväksytty asiakirja avataan uudelleen."))
    final = document.final_version
    document.status = CooperationDocument.Status.DRAFT
    document.final_version = None
    document.lock_version += 1
    document.stamp(user)
    document.save()
    return _new_version(
        user,
        document,
        final.content if final else compose(document),
        _("Avattu uudelleen"),
        reason=reason.strip(),
    )


@transaction.atomic
def publish(user, document: CooperationDocument) -> CooperationDocument:
    """Publish the final version on the public page (the previous publication is replaced)."""
    require(user, "document.publish", document)
    document = CooperationDocument.objects.select_for_update().get(pk=document.pk)
    if not document.is_final:
        raise AgreementError(_("Vain molempien osapuolten hyväksymän asiakirjan voi julkaista."))
    document.published_version = document.final_version
    document.published_at = timezone.now()
    document.stamp(user)
    document.save()
    return document


@transaction.atomic
def add_comment(user, document: CooperationDocument, text: str) -> DocumentComment:
    require(user, "document.comment", document)
    if document.is_final:
        raise AgreementError(_("Hyväksyttyä asiakirjaa ei voi enää kommentoida."))
    if not (text or "").strip():
        raise AgreementError(_("Kirjoita kommentti."))
    comment = DocumentComment(
        document=document, version=document.latest_version(), author=user, text=text.strip()
    )
    comment.stamp(user)
    comment.save()
    return comment
