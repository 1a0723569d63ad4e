"""Pages, the public documents, DOCX/PDF exports with one template, the region panel and the API."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from docx import Document

from alke.agreements import services
from alke.agreements.exports import document_html
from alke.regions.models import Region


@pytest.fixture
def published(users, document, funded):
    number = document.latest_version().number
    services.approve(users["coordinator"], document, number, "state")
    services.approve(users["region"], document, number, "region")
    document.refresh_from_db()
    services.publish(users["coordinator"], document)
    document.refresh_from_db()
    return document


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


@pytest.mark.django_db
def test_drafts_are_not_public(client, document):
    assert client.get(f"/asiakirjat/julkiset/{document.pk}/").status_code == 404
    assert client.get(f"/asiakirjat/julkiset/{document.pk}/pdf/").status_code == 404
    # the working copy needs signing in: an anonymous visitor is sent to the sign-in page
    for url in (f"/asiakirjat/asiakirja/{document.pk}/", f"/asiakirjat/asiakirja/{document.pk}/docx/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/tili/kirjaudu/?next=")


@pytest.mark.django_db
def test_public_page_shows_the_frozen_document(client, published):
    listing = client.get("/asiakirjat/julkiset/").content.decode()
    assert "Varsinais-Suomi" in listing
    page = client.get(f"/asiakirjat/julkiset/{published.pk}/").content.decode()
    assert "Osaajatarpeiden ennakointimalli" in page
    assert "Osaajaohjelma" in page and "30\u00a0000,00\u00a0€" in page
    assert f"/asiakirjat/julkiset/{published.pk}/docx/" in page
    # Anonymous visitors of the working page are sent to the public page.
    response = client.get(f"/asiakirjat/asiakirja/{published.pk}/")
    assert response.status_code == 302 and response["Location"].endswith(f"/julkiset/{published.pk}/")


@pytest.mark.django_db
def test_docx_contains_conclusions_and_allocation(client, published):
    response = client.get(f"/asiakirjat/julkiset/{published.pk}/docx/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = _docx_text(response.content)
    assert "Osaajatarpeiden ennakointimalli laaditaan yhdessä." in text
    assert "Vastuutahot: opetus- ja kulttuuriministeriö, Varsinais-Suomen liitto" in text
    assert "Osaajaohjelma | Varsinais-Suomen liitto | 30\u00a0000,00\u00a0€" in text
    assert "32.30.40" in text


@pytest.mark.django_db
def test_pdf_is_a_pdf_built_from_the_same_layout(client, published):
    from pypdf import PdfReader

    response = client.get(f"/asiakirjat/julkiset/{published.pk}/pdf/")
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Osaajatarpeiden ennakointimalli" in text and "Osaajaohjelma" in text and "32.30.40" in text
    html = document_html(published.published_version)
    for expected in (
        "1. Osapuolet",
        "5. Johtopäätökset ja vastuut",
        "Osaajaohjelma",
        "Osaajatarpeiden ennakointimalli",
    ):
        assert expected in html


@pytest.mark.django_db
def test_every_region_gets_the_same_sections(users, round_):
    headings = []
    for code in ("MK04", "MK19"):
        document = services.create_document(users["coordinator"], round_, Region.objects.get(code=code))
        docx = _docx_text(
            __import__("alke.agreements.exports", fromlist=["document_docx"]).document_docx(
                document.latest_version()
            )
        )
        headings.append([line for line in docx.splitlines() if line[:2] in {f"{n}." for n in range(1, 8)}])
    assert headings[0] == headings[1]
    assert len(headings[0]) == 7


@pytest.mark.django_db
def test_swedish_version_only_for_bilingual_or_requested(users, round_, client_for):
    client = client_for(users["coordinator"])
    pohjanmaa = services.create_document(users["coordinator"], round_, Region.objects.get(code="MK15"))
    lappi = services.create_document(users["coordinator"], round_, Region.objects.get(code="MK19"))
    page = client.get(f"/asiakirjat/asiakirja/{pohjanmaa.pk}/?kieli=sv").content.decode()
    assert "Samarbetsdokument" in page and "Parter" in page
    assert client.get(f"/asiakirjat/asiakirja/{lappi.pk}/?kieli=sv").status_code == 404
    services.save_document(users["coordinator"], lappi, lappi.lock_version, {"include_swedish": True})
    assert client.get(f"/asiakirjat/asiakirja/{lappi.pk}/pdf/?kieli=sv").status_code == 200


@pytest.mark.django_db
def test_approval_buttons_follow_the_party(users, document, client_for):
    coordinator_page = (
        client_for(users["coordinator"]).get(f"/asiakirjat/asiakirja/{document.pk}/").content.decode()
    )
    assert "valtion puolesta" in coordinator_page and "maakunnan liiton puolesta" not in coordinator_page
    region_page = client_for(users["region"]).get(f"/asiakirjat/asiakirja/{document.pk}/").content.decode()
    assert "maakunnan liiton puolesta" in region_page and "valtion puolesta</button>" not in region_page


@pytest.mark.django_db
def test_frozen_document_has_no_edit_path(users, published, client_for):
    client = client_for(users["coordinator"])
    page = client.get(f"/asiakirjat/asiakirja/{published.pk}/").content.decode()
    assert "Muokkaa luonnosta" not in page
    response = client.post(
        f"/asiakirjat/asiakirja/{published.pk}/muokkaa/",
        {"lock_version": published.lock_version, "parties_fi": "x"},
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.parties_fi != "x"


@pytest.mark.django_db
def test_region_page_lists_its_documents(client, published):
    page = client.get("/maakunnat/MK02/").content.decode()
    assert "Yhteistyöasiakirjat" in page
    assert f"/asiakirjat/julkiset/{published.pk}/pdf/" in page


@pytest.mark.django_db
def test_api_lists_published_documents_and_their_conclusions(client, published, document):
    listing = client.get("/api/v1/cooperation-documents").json()
    assert listing["count"] == 1
    item = listing["items"][0]
    assert item["regions"] == ["MK02"] and item["round_year"] == 2025
    detail = client.get(f"/api/v1/cooperation-documents/{published.pk}").json()
    assert detail["content"]["funding"]["budget_item"] == "32.30.40"
    conclusions = client.get("/api/v1/conclusions?ministry=OKM").json()["items"]
    assert [c["text_fi"] for c in conclusions] == ["Osaajatarpeiden ennakointimalli laaditaan yhdessä."]
    assert conclusions[0]["needs_budget_decision"] is True


@pytest.mark.django_db
def test_api_lists_a_conclusion_once_when_its_own_and_a_joint_document_are_published(
    client, users, round_, published
):
    """VS's own document and a joint VS–Satakunta document both record VS's conclusion."""
    from alke.followup import services as followup

    coordinator = users["coordinator"]
    satakunta = Region.objects.get(code="MK04")
    services.record_conclusion(
        coordinator, round_, satakunta, text_fi="Satakunnan oma.", region_responsible=True
    )
    joint = services.create_document(coordinator, round_, published.region, other_regions=[satakunta])
    number = joint.latest_version().number
    services.approve(coordinator, joint, number, "state")
    services.approve(users["region"], joint, number, "region")
    services.approve(users["other_region"], joint, number, "region")
    joint.refresh_from_db()
    services.publish(coordinator, joint)
    assert client.get("/api/v1/cooperation-documents?round=2025").json()["count"] == 2

    everything = client.get("/api/v1/conclusions?round=2025").json()
    assert [(i["region"], i["text_fi"]) for i in everything["items"]] == [
        ("MK02", "Osaajatarpeiden ennakointimalli laaditaan yhdessä."),
        ("MK04", "Satakunnan oma."),
    ]
    assert everything["count"] == 2
    vs_only = client.get("/api/v1/conclusions?region=mk02").json()["items"]
    assert len(vs_only) == 1 and vs_only[0]["ministries"] == ["OKM"]
    assert vs_only[0]["deadline"] == "2026-06-30" and vs_only[0]["status"] == "not_started"
    assert [i["region"] for i in client.get("/api/v1/conclusions?ministry=OKM").json()["items"]] == ["MK02"]
    # The follow-up status and progress come along, and the status filter still applies.
    vs_conclusion = published.region.conclusions.get(round=round_)
    followup.record_update(
        coordinator, vs_conclusion, status="in_progress", progress=40, note="", evidence_url=""
    )
    moving = client.get("/api/v1/conclusions?status=in_progress").json()["items"]
    assert [(i["id"], i["status"], i["progress"]) for i in moving] == [(vs_conclusion.pk, "in_progress", 40)]
    assert client.get("/api/v1/conclusions?status=not_started").json()["count"] == 1
    assert client.get("/api/v1/conclusions?round=2024").json()["count"] == 0


@pytest.mark.django_db
def test_funding_page_flow(users, round_, client_for):
    client = client_for(users["coordinator"])
    response = client.post(
        "/asiakirjat/rahoitus/2025/",
        {
            "action": "appropriation",
            "budget_item": "32.30.40",
            "total": "500000.00",
            "equal_share_percent": "70",
        },
    )
    assert response.status_code == 302
    client.post("/asiakirjat/rahoitus/2025/", {"action": "propose"})
    client.post("/asiakirjat/rahoitus/2025/", {"action": "adopt"})
    page = client.get("/asiakirjat/rahoitus/2025/").content.decode()
    assert "500\u00a0000,00\u00a0€" in page
    vs = Region.objects.get(code="MK02")
    response = client.post(
        "/asiakirjat/rahoitus/2025/", {"action": "allocations", f"amount-{vs.pk}": "999999.00"}
    )
    assert "määrärahaa on 500\u00a0000,00\u00a0€" in response.content.decode()
    from alke.funding.models import RegionAllocation

    assert RegionAllocation.objects.get(region=vs).amount < Decimal("999999")
