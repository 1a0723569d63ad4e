"""The cooperation document journey in a real browser: record, approve the same version, publish, export."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from docx import Document
from pypdf import PdfReader

from alke.funding import services as funding
from alke.regions.models import Region
from alke.rounds.models import Phase, Round
from tests.e2e.conftest import axe_violations, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page) -> None:
    page.get_by_role("button", name="Kirjaudu ulos").click()
    page.wait_for_load_state()


def _download(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    with open(info.value.path(), "rb") as handle:
        return handle.read()


def test_conclusions_to_published_cooperation_document(page, users):
    round_ = Round.objects.create(year=2025, name="ALKE 2025", phase=Phase.DOCUMENTS)
    appropriation = funding.set_appropriation(users["coordinator"], round_, total=Decimal("1000000.00"))
    funding.propose_split(users["coordinator"], appropriation)
    funding.adopt_proposal(users["coordinator"], appropriation)
    allocation = appropriation.allocations.get(region=Region.objects.get(code="MK02"))
    funding.save_entity(
        users["coordinator"], allocation, name_fi="Meriteollisuuden osaajaohjelma", amount="40000.00"
    )

    # The secretary (coordinator) records a conclusion and starts the document.
    login(page, "coord")
    page.goto("/asiakirjat/kierros/2025/MK02/")
    page.get_by_label("Johtopäätös suomeksi").fill("Meriteollisuuden osaajatarpeet ennakoidaan yhdessä.")
    page.get_by_label("OKM", exact=False).first.check()
    page.get_by_label("Maakunnan liitto on vastuutaho").check()
    page.get_by_label("Määräaika").fill("2026-06-30")
    page.get_by_label("Edellyttää budjettipäätöstä").check()
    page.get_by_role("button", name="Tallenna johtopäätös").click()
    assert page.get_by_text("Johtopäätös kirjattu.").is_visible()
    page.get_by_role("button", name="Aloita yhteistyöasiakirja").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Yhteistyöasiakirja: Varsinais-Suomi"
    assert axe_violations(page) == []
    version_button = page.get_by_role("button", name="valtion puolesta")
    label = version_button.inner_text()
    version_button.click()
    assert page.get_by_text("kun toinenkin osapuoli hyväksyy saman version").is_visible()
    document_url = page.url
    _logout(page)

    # The regional official approves the same version: the document is final and frozen.
    login(page, "vs")
    page.goto(document_url)
    page.get_by_role("button", name=label.replace("valtion puolesta", "maakunnan liiton puolesta")).click()
    assert page.get_by_text("Molemmat osapuolet ovat hyväksyneet sen: asiakirja on lopullinen.").is_visible()
    assert page.get_by_text("Asiakirja on hyväksytty ja lukittu: sitä ei voi muokata.").is_visible()
    assert page.get_by_role("link", name="Muokkaa luonnosta").count() == 0
    _logout(page)

    # The coordinator publishes it.
    login(page, "coord")
    page.goto(document_url)
    page.get_by_role("button", name="Julkaise julkisella sivulla").click()
    _logout(page)

    # The public reads it and downloads the files.
    page.goto("/asiakirjat/julkiset/")
    page.get_by_role("link", name="Varsinais-Suomi", exact=True).click()
    assert page.get_by_text("Meriteollisuuden osaajatarpeet ennakoidaan yhdessä.").is_visible()
    assert page.get_by_role("cell", name="Meriteollisuuden osaajaohjelma").is_visible()
    assert axe_violations(page) == []

    docx = Document(io.BytesIO(_download(page, "Lataa DOCX")))
    text = "\n".join(p.text for p in docx.paragraphs)
    cells = " ".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
    assert "Meriteollisuuden osaajatarpeet ennakoidaan yhdessä." in text
    assert "Meriteollisuuden osaajaohjelma" in cells and "40\u00a0000,00\u00a0€" in cells

    pdf = PdfReader(io.BytesIO(_download(page, "Lataa PDF")))
    pdf_text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Meriteollisuuden osaajatarpeet ennakoidaan yhdessä." in pdf_text
    assert "Meriteollisuuden osaajaohjelma" in pdf_text
