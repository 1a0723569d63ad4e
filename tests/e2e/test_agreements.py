"""The cooperation document journey in a real browser: record, approve the same version, publish, export."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from alke.funding import services as funding
from tests.e2e.conftest import axe_violations, login, logout
from tests.factories import RoundFactory, region

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _download(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    with open(info.value.path(), "rb") as handle:
        return handle.read()


def test_conclusions_to_published_cooperation_document(page, users):
    round_ = RoundFactory(year=2025, documents=True)
    appropriation = funding.set_appropriation(users["coordinator"], round_, total=Decimal("1000000.00"))
    funding.propose_split(users["coordinator"], appropriation)
    funding.adopt_proposal(users["coordinator"], appropriation)
    allocation = appropriation.allocations.get(region=region("MK02"))
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
    expect(page.get_by_text("Johtopäätös kirjattu.")).to_be_visible()
    page.get_by_role("button", name="Aloita yhteistyöasiakirja").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Yhteistyöasiakirja: Varsinais-Suomi")
    assert axe_violations(page) == []
    state_button = page.get_by_role("button", name=re.compile(r"^Hyväksy versio \d+ valtion puolesta$"))
    label = state_button.inner_text()  # the version the state approves; the region approves the same one
    state_button.click()
    expect(page.get_by_text("kun toinenkin osapuoli hyväksyy saman version")).to_be_visible()
    document_url = page.url
    logout(page)

    # The regional official approves the same version: the document is final and frozen.
    login(page, "vs")
    page.goto(document_url)
    page.get_by_role("button", name=label.replace("valtion puolesta", "maakunnan liiton puolesta")).click()
    expect(page.get_by_text("Molemmat osapuolet ovat hyväksyneet sen: asiakirja on lopullinen.")).to_be_visible()
    expect(page.get_by_text("Asiakirja on hyväksytty ja lukittu: sitä ei voi muokata.")).to_be_visible()
    expect(page.get_by_role("link", name="Muokkaa luonnosta")).to_have_count(0)
    logout(page)

    # The coordinator publishes it.
    login(page, "coord")
    page.goto(document_url)
    page.get_by_role("button", name="Julkaise julkisella sivulla").click()
    expect(page.get_by_text("Asiakirja julkaistu julkisella sivulla.")).to_be_visible()
    logout(page)

    # The public reads it and downloads the files.
    page.goto("/asiakirjat/julkiset/")
    page.get_by_role("link", name="Varsinais-Suomi", exact=True).click()
    expect(page).to_have_url(re.compile(r"/asiakirjat/julkiset/\d+/$"))
    expect(page.get_by_text("Meriteollisuuden osaajatarpeet ennakoidaan yhdessä.")).to_be_visible()
    expect(page.get_by_role("cell", name="Meriteollisuuden osaajaohjelma")).to_be_visible()
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
