import io

from docx import Document
from pypdf import PdfReader

from alke.core import documents


def _build() -> bytes:
    doc = documents.DocxDocument(
        "ALKE 2031 – agenda",
        lang="sv",
        subtitle="Varsinais-Suomi",
        meta=["Versio 2"],
        demo_note="Demosisältöä",
    )
    doc.heading("1. Osapuolet")
    doc.paragraph("Tärkeä", bold=True)
    doc.paragraphs("Ensimmäinen.\n\nToinen.")
    doc.bullets(["OKM", "TEM"])
    doc.bullets([], empty="Ei kirjattu.")
    doc.table(
        ["Kokonaisuus", "Summa"],
        [("Osaajaohjelma", "30 000,00"), (["Yhteensä", "lisätieto"], None)],
        right={1},
        bold_rows={1},
    )
    doc.fields([("Tila", "valmis"), ("Teemat", "")])
    return doc.to_bytes()


def test_docx_has_the_uniform_template_and_content():
    doc = Document(io.BytesIO(_build()))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paragraphs[:4] == [
        ("Title", "ALKE 2031 – agenda"),
        ("Normal", "Varsinais-Suomi"),
        ("Normal", "Versio 2"),
        ("Normal", "Demosisältöä"),
    ]
    assert doc.paragraphs[1].runs[0].bold and doc.paragraphs[3].runs[0].italic
    assert ("Heading 1", "1. Osapuolet") in paragraphs
    assert [t for s, t in paragraphs if s == "List Bullet"] == ["OKM", "TEM"]
    assert ("Normal", "Ei kirjattu.") in paragraphs
    assert ("Normal", "Toinen.") in paragraphs
    assert doc.core_properties.title == "ALKE 2031 – agenda" and doc.core_properties.language == "sv"
    assert doc.styles["Normal"].font.name == documents.FONT

    grid, fields = doc.tables
    assert [[c.text for c in r.cells] for r in grid.rows] == [
        ["Kokonaisuus", "Summa"],
        ["Osaajaohjelma", "30 000,00"],
        ["Yhteensä\nlisätieto", ""],
    ]
    assert grid.rows[0].cells[0].paragraphs[0].runs[0].bold  # header row
    assert grid.rows[2].cells[0].paragraphs[0].runs[0].bold  # a bold (total) row
    assert not grid.rows[1].cells[0].paragraphs[0].runs[0].bold
    assert [[c.text for c in r.cells] for r in fields.rows] == [["Tila", "valmis"], ["Teemat", "–"]]

    section = doc.sections[0]
    assert section.header.paragraphs[0].text == "ALKE 2031 – agenda"  # already names the system
    footer = section.footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer


def test_running_head_names_the_system():
    doc = Document(io.BytesIO(documents.DocxDocument("Aluekehityksen tilannekuva: Lappi").to_bytes()))
    assert doc.sections[0].header.paragraphs[0].text == "ALKE – Aluekehityksen tilannekuva: Lappi"


def test_pdf_from_html():
    html = (
        "<!DOCTYPE html><html lang='fi'><head><meta charset='utf-8'></head>"
        "<body><h1>Yhteistyöasiakirja</h1><p>Osaajaohjelma 30 000 €</p></body></html>"
    )
    content = documents.pdf_bytes(html)
    assert content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Yhteistyöasiakirja" in text and "Osaajaohjelma" in text


def test_responses_and_file_names():
    name = documents.filename("ALKE 2031 – Etelä-Pohjanmaa", "docx", lang="fi")
    assert name == "alke-2031-etela-pohjanmaa-fi.docx"
    assert documents.filename("–", "pdf", fallback="agenda-7") == "agenda-7.pdf"
    docx = documents.docx_response(b"x", name)
    assert docx["Content-Type"] == documents.DOCX_TYPE
    assert docx["Content-Disposition"] == f'attachment; filename="{name}"'
    pdf = documents.pdf_response(b"%PDF", "a.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content == b"%PDF"
