"""Cooperation documents: versions, two-party approval of the same version, freezing, reopening, locking."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from alke.agreements import services
from alke.agreements.content import diff
from alke.agreements.models import CooperationDocument, DocumentFrozen, DocumentVersion
from alke.regions.models import Region


def _approve_both(users, document):
    number = document.latest_version().number
    services.approve(users["coordinator"], document, number, "state")
    services.approve(users["region"], document, number, "region")
    document.refresh_from_db()
    return document


@pytest.mark.django_db
def test_new_document_is_prefilled_and_versioned(document, vs):
    assert document.status == "draft"
    version = document.latest_version()
    assert version.number == 1
    assert "Varsinais-Suomen liitto" in document.parties_fi
    assert version.content["conclusions"][0]["text_fi"].startswith("Osaajatarpeiden")


@pytest.mark.django_db
def test_one_region_document_per_round(users, document, round_, vs):
    with pytest.raises(services.AgreementError, match="on jo yhteistyöasiakirja"):
        services.create_document(users["coordinator"], round_, vs)


@pytest.mark.django_db
def test_recording_a_conclusion_makes_a_new_draft_version(users, document, round_, vs):
    services.record_conclusion(
        users["coordinator"], round_, vs, text_fi="Toinen johtopäätös.", region_responsible=True
    )
    assert document.latest_version().number == 2
    assert len(document.latest_version().content["conclusions"]) == 2


@pytest.mark.django_db
def test_final_only_when_both_parties_approve_the_same_version(users, document, round_, vs):
    services.approve(users["coordinator"], document, 1, "state")
    document.refresh_from_db()
    assert not document.is_final
    # The draft changes after the state approved version 1: the region approves version 2.
    services.record_conclusion(users["coordinator"], round_, vs, text_fi="Lisäys.", region_responsible=True)
    services.approve(users["region"], document, 2, "region")
    document.refresh_from_db()
    assert not document.is_final, "state approved v1 and the region v2: not the same version"
    services.approve(users["coordinator"], document, 2, "state")
    document.refresh_from_db()
    assert document.is_final
    assert document.final_version.number == 2


@pytest.mark.django_db
def test_approving_a_stale_version_is_refused(users, document, round_, vs):
    services.record_conclusion(users["coordinator"], round_, vs, text_fi="Uusi.", region_responsible=True)
    with pytest.raises(
        services.AgreementError, match="Hyväksyit version 1, mutta asiakirjasta on nyt versio 2"
    ):
        services.approve(users["region"], document, 1, "region")


@pytest.mark.django_db
def test_approval_rights(users, document):
    with pytest.raises(PermissionDenied):
        services.approve(users["other_region"], document, 1, "region")
    with pytest.raises(PermissionDenied):
        services.approve(users["region"], document, 1, "state")
    with pytest.raises(PermissionDenied):
        services.approve(users["ministry"], document, 1, "state")
    services.approve(users["region"], document, 1, "region")
    with pytest.raises(services.AgreementError, match="on jo hyväksynyt"):
        services.approve(users["region"], document, 1, "region")


@pytest.mark.django_db
def test_final_document_is_frozen_in_services_and_model(users, document, round_, vs, conclusion):
    document = _approve_both(users, document)
    with pytest.raises(services.AgreementError, match="hyväksytty ja lukittu") as refused:
        services.save_document(users["coordinator"], document, document.lock_version, {"background_fi": "x"})
    assert refused.value.code == "document_final"
    with pytest.raises(services.AgreementError, match="hyväksytty ja lukittu") as refused:
        services.record_conclusion(
            users["coordinator"], round_, vs, text_fi="Myöhässä.", region_responsible=True
        )
    assert refused.value.code == "document_final"
    with pytest.raises(services.AgreementError, match="hyväksytty ja lukittu") as refused:
        services.delete_conclusion(users["coordinator"], conclusion)
    assert refused.value.code == "document_final"
    with pytest.raises(services.AgreementError, match="Hyväksyttyä asiakirjaa ei voi enää kommentoida"):
        services.add_comment(users["region"], document, "Kommentti")
    # No path around the services: the models refuse too.
    document.background_fi = "muutettu suoraan"
    with pytest.raises(DocumentFrozen):
        document.save()
    conclusion.refresh_from_db()
    conclusion.text_fi = "muutettu suoraan"
    with pytest.raises(DocumentFrozen):
        conclusion.save()
    version = document.final_version
    version.note = "muutettu"
    with pytest.raises(DocumentFrozen):
        version.save()


@pytest.mark.django_db
def test_reopening_needs_a_reason_and_a_new_approval(users, document, round_, vs):
    document = _approve_both(users, document)
    services.publish(users["coordinator"], document)
    with pytest.raises(services.AgreementError, match="Kirjaa syy"):
        services.reopen(users["coordinator"], document, "  ")
    with pytest.raises(PermissionDenied):
        services.reopen(users["region"], document, "Korjaus")
    version = services.reopen(users["coordinator"], document, "Määräaika korjataan")
    document.refresh_from_db()
    assert document.status == "draft" and version.number == 2
    assert version.reopen_reason == "Määräaika korjataan"
    assert version.content == document.published_version.content
    # The published version stays public; the new version needs both approvals again.
    assert document.published_version.number == 1
    services.record_conclusion(users["coordinator"], round_, vs, text_fi="Korjattu.", region_responsible=True)
    services.approve(users["coordinator"], document, 3, "state")
    document.refresh_from_db()
    assert not document.is_final
    services.approve(users["region"], document, 3, "region")
    document.refresh_from_db()
    assert document.is_final and document.final_version.number == 3


@pytest.mark.django_db
def test_publishing_needs_a_final_document(users, document):
    with pytest.raises(services.AgreementError, match="molempien osapuolten hyväksymän"):
        services.publish(users["coordinator"], document)


@pytest.mark.django_db
def test_stale_save_is_a_conflict_and_changes_nothing(users, document):
    opened_by_both = document.lock_version
    services.save_document(users["region"], document, opened_by_both, {"background_fi": "Alueen teksti."})
    with pytest.raises(services.EditConflict) as raised:
        services.save_document(
            users["coordinator"], document, opened_by_both, {"background_fi": "Valtion teksti."}
        )
    assert "tallensi asiakirjaan muutoksia sen jälkeen, kun avasit sen" in str(raised.value)
    assert raised.value.code == "edit_conflict"
    document.refresh_from_db()
    assert document.background_fi == "Alueen teksti."
    assert raised.value.current.background_fi == "Alueen teksti."
    # Saving again against what is stored now works.
    services.save_document(
        users["coordinator"], document, raised.value.current.lock_version, {"background_fi": "Yhdistetty."}
    )
    document.refresh_from_db()
    assert document.background_fi == "Yhdistetty."


@pytest.mark.django_db
def test_conflict_page_keeps_the_editors_text(users, document, client_for):
    client = client_for(users["coordinator"])
    services.save_document(
        users["region"], document, document.lock_version, {"background_fi": "Alueen teksti."}
    )
    response = client.post(
        f"/asiakirjat/asiakirja/{document.pk}/muokkaa/",
        {
            "lock_version": 0,
            "background_fi": "Koordinaattorin oma pitkä teksti.",
            "parties_fi": document.parties_fi,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Muokkausristiriita" in page
    assert "Koordinaattorin oma pitkä teksti." in page  # nothing lost
    assert 'name="lock_version" value="1"' in page
    document.refresh_from_db()
    assert document.background_fi == "Alueen teksti."


@pytest.mark.django_db
def test_region_cannot_edit_another_regions_document(users, document):
    with pytest.raises(PermissionDenied):
        services.save_document(users["other_region"], document, document.lock_version, {"background_fi": "x"})


@pytest.mark.django_db
def test_versions_compare_readably(users, document, client_for):
    services.save_document(
        users["coordinator"],
        document,
        document.lock_version,
        {"background_fi": "Työvoiman saatavuus heikkenee."},
    )
    document.refresh_from_db()
    services.save_document(
        users["coordinator"],
        document,
        document.lock_version,
        {"background_fi": "Työvoiman saatavuus paranee."},
    )
    v2, v3 = (DocumentVersion.objects.get(document=document, number=n) for n in (2, 3))
    sections = diff(v2.content, v3.content)
    changed = [s for s in sections if s.changed]
    assert [s.heading for s in changed] == ["2. Tausta ja tilannekuvan yhteenveto"]
    line = changed[0].lines[0]
    assert line.kind == "changed"
    assert ("removed", "heikkenee.") in line.words and ("added", "paranee.") in line.words
    page = (
        client_for(users["region"])
        .get(f"/asiakirjat/asiakirja/{document.pk}/vertaa/?a=2&b=3")
        .content.decode()
    )
    assert '<del><span class="visually-hidden">poistettu: </span>heikkenee.</del>' in page


@pytest.mark.django_db
def test_comments_on_drafts(users, document):
    comment = services.add_comment(users["ministry"], document, "OKM:n tarkennus kohtaan 1.")
    assert comment.version.number == 1
    with pytest.raises(PermissionDenied):
        services.add_comment(users["other_region"], document, "Ei oma maakunta")


@pytest.mark.django_db
def test_joint_document_needs_every_region(users, round_, vs):
    satakunta = Region.objects.get(code="MK04")
    document = services.create_document(users["coordinator"], round_, vs, other_regions=[satakunta])
    assert document.kind == CooperationDocument.Kind.JOINT
    services.approve(users["coordinator"], document, 1, "state")
    services.approve(users["region"], document, 1, "region")
    document.refresh_from_db()
    assert not document.is_final
    services.approve(users["other_region"], document, 1, "region")
    document.refresh_from_db()
    assert document.is_final


@pytest.mark.django_db
def test_bilingual_region_gets_swedish(users, round_):
    pohjanmaa = Region.objects.get(code="MK15")
    document = services.create_document(users["coordinator"], round_, pohjanmaa)
    assert document.has_swedish
    assert "Staten" in document.parties_sv


@pytest.mark.django_db
def test_joint_document_from_the_page(users, round_, vs, client_for):
    response = client_for(users["region"]).post(
        "/asiakirjat/kierros/2025/MK02/uusi-asiakirja/", {"other_regions": ["MK04"]}
    )
    assert response.status_code == 403  # a region official cannot start a document for another region
    response = client_for(users["coordinator"]).post(
        "/asiakirjat/kierros/2025/MK02/uusi-asiakirja/", {"other_regions": ["MK04", "MK19"]}
    )
    document = CooperationDocument.objects.get(round=round_, kind="joint")
    assert response["Location"] == f"/asiakirjat/asiakirja/{document.pk}/"
    assert {r.code for r in document.all_regions()} == {"MK02", "MK04", "MK19"}
    assert "Satakuntaliitto" in document.parties_fi
