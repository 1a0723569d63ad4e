"""Pages, exports and API of the agenda work: who sees what, forms write through the services."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from alke.agenda import services
from alke.agenda.models import Agenda, Proposal
from alke.rounds.models import Phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(users, round_, vs, lvm):
    proposal = services.create_proposal(
        users["region"],
        round_,
        vs,
        title="Tunnin junayhteys",
        description="Nopea ratayhteys Turusta Helsinkiin.",
        request="Hankeyhtiön rahoitus.",
        ministries=[lvm],
    )
    return proposal


def test_pages_need_sign_in_and_a_role(client, client_for, users, round_, proposal):
    url = reverse("agenda:proposals", args=[round_.year])
    assert client.get(url).status_code == 302  # to sign in
    assert client_for(users["contact"]).get(url).status_code == 403
    assert client_for(users["aune"]).get(url).status_code == 200


def test_drafts_are_visible_to_their_region_only(client_for, users, round_, proposal):
    detail = reverse("agenda:proposal", args=[proposal.pk])
    assert client_for(users["other_region"]).get(detail).status_code == 403
    listing = client_for(users["other_region"]).get(reverse("agenda:proposals", args=[round_.year]))
    assert "Tunnin junayhteys" not in listing.content.decode()
    page = client_for(users["region"]).get(detail)
    assert page.status_code == 200 and "Jätä ehdotus" in page.content.decode()


def test_create_proposal_through_the_form(client_for, users, round_, vs, lvm, okm):
    client = client_for(users["region"])
    url = reverse("agenda:proposal_create", args=[round_.year]) + "?region=MK02"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Osaajapula",
            "kind": "bottleneck",
            "language": "fi",
            "description": "Yritykset eivät löydä osaajia.",
            "request": "Työlupien nopeutus.",
            "ministries": [lvm.pk, okm.pk],
        },
    )
    created = Proposal.objects.get(title="Osaajapula")
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert created.region == vs and created.created_by == users["region"]
    # another region's official cannot open the form for Varsinais-Suomi
    assert client_for(users["other_region"]).get(url).status_code == 403


def test_form_shows_the_phase_error(client_for, users, round_, proposal):
    round_.phase = Phase.AGENDA
    round_.save()
    client = client_for(users["region"])
    response = client.post(
        reverse("agenda:proposal_edit", args=[proposal.pk]),
        {"title": "Muutettu", "kind": "opportunity", "language": "fi", "description": "x", "ministries": []},
    )
    assert response.status_code == 200
    assert "vain vaiheessa" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.title == "Tunnin junayhteys"


def test_submit_decide_and_comment_by_post(client_for, users, round_, proposal):
    client_for(users["region"]).post(reverse("agenda:proposal_submit", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    coordinator = client_for(users["coordinator"])
    response = coordinator.post(
        reverse("agenda:proposal_decide", args=[proposal.pk]), {"status": "declined"}, follow=True
    )
    assert "perustelu" in response.content.decode()
    coordinator.post(reverse("agenda:proposal_decide", args=[proposal.pk]), {"status": "accepted"})
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED
    client_for(users["ministry"]).post(
        reverse("agenda:proposal_comment", args=[proposal.pk]), {"text": "OKM: hyvä."}
    )
    assert proposal.comments.get().text == "OKM: hyvä."


def test_agenda_page_exports_and_region_panel(client_for, users, round_, vs, proposal):
    round_.phase = Phase.AGENDA
    round_.save()
    agenda = services.ensure_region_agenda(users["region"], round_, vs)
    client = client_for(users["region"])
    page = client.get(agenda.get_absolute_url())
    assert page.status_code == 200 and "Yhteinen teema" in page.content.decode()
    client.post(
        reverse("agenda:item_add", args=[agenda.pk]), {"title": "Raideyhteydet", "minutes": 30, "kind": ""}
    )
    assert agenda.items.filter(title="Raideyhteydet").exists()

    docx = client.get(reverse("agenda:agenda_export", args=[agenda.pk, "sv", "docx"]))
    assert docx.status_code == 200 and docx["Content-Type"].endswith("wordprocessingml.document")
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "ALKE 2031 – dagordning och bakgrundsmaterial" in text  # the Swedish packet
    assert "Gemensamt tema" in "\n".join(
        c.text for t in Document(io.BytesIO(docx.content)).tables for r in t.rows for c in r.cells
    )  # the common theme item, titled in Swedish
    assert "Raideyhteydet" in "\n".join(
        c.text for t in Document(io.BytesIO(docx.content)).tables for r in t.rows for c in r.cells
    )
    pdf = client.get(reverse("agenda:agenda_export", args=[agenda.pk, "fi", "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("agenda:agenda_export", args=[agenda.pk, "de", "pdf"])).status_code == 404

    region_page = client.get(reverse("regions:detail", args=["MK02"]))
    assert "Raideyhteydet" in region_page.content.decode()


def test_missing_agenda_can_be_started_by_the_region(client_for, users, round_, vs):
    round_.phase = Phase.AGENDA
    round_.save()
    url = reverse("agenda:region_agenda", args=[round_.year, "MK02"])
    assert "Aloita agenda" in client_for(users["region"]).get(url).content.decode()
    assert "Aloita agenda" not in client_for(users["other_region"]).get(url).content.decode()
    response = client_for(users["region"]).post(url)
    agenda = Agenda.objects.get(round=round_, region=vs)
    assert response["Location"] == agenda.get_absolute_url()


def test_synergy_page_analyse_and_decide(client_for, users, round_, proposal, sk, lvm):
    other = services.create_proposal(
        users["other_region"],
        round_,
        sk,
        title="Rantaradan junayhteydet",
        description="Nopea ratayhteys ja junaliikenne Porista Turkuun.",
        ministries=[lvm],
    )
    services.submit_proposal(users["region"], proposal)
    services.submit_proposal(users["other_region"], other)
    coordinator = client_for(users["coordinator"])
    coordinator.post(reverse("agenda:synergy_analyse", args=[round_.year]))
    suggestion = round_.synergy_suggestions.get()
    assert set(suggestion.proposals.all()) == {proposal, other}
    coordinator.post(reverse("agenda:synergy_decide", args=[suggestion.pk]), {"accept": "0", "reason": ""})
    suggestion.refresh_from_db()
    assert suggestion.status == "suggested"  # a rejection needs a reason
    round_.phase = Phase.AGENDA
    round_.save()
    coordinator.post(
        reverse("agenda:synergy_decide", args=[suggestion.pk]), {"accept": "1", "reason": "Sama rata"}
    )
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted" and suggestion.agenda.kind == Agenda.AgendaKind.JOINT
    assert {r.code for r in suggestion.agenda.regions.all()} == {"MK02", "MK04"}
    assert (
        client_for(users["region"]).post(reverse("agenda:synergy_analyse", args=[round_.year])).status_code
        == 403
    )


def test_api_lists_proposals_for_participants_only(client, client_for, users, round_, proposal):
    url = f"/api/v1/rounds/{round_.year}/proposals"
    assert client.get(url).status_code in (401, 403)
    own = client_for(users["region"]).get(url).json()
    assert [p["title"] for p in own["items"]] == ["Tunnin junayhteys"] and own["count"] == 1
    # a draft of another region
    assert client_for(users["other_region"]).get(url).json() == {"items": [], "count": 0}
    rounds = client_for(users["aune"]).get("/api/v1/rounds").json()
    assert rounds[0]["phase"] == "proposals" and len(rounds[0]["phases"]) == 10


def test_api_similar(client_for, users):
    payload = {
        "items": [
            {"id": "a", "region": "MK01", "title": "Raideliikenne", "text": "Junayhteydet ja rata"},
            {"id": "b", "region": "MK02", "title": "Junaliikenne", "text": "Radan kehittäminen"},
        ]
    }
    result = (
        client_for(users["ministry"]).post("/api/v1/similar", payload, content_type="application/json").json()
    )
    assert result["neighbours"]["a"][0]["id"] == "b"
