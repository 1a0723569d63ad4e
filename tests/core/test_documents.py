import io
import re
import zipfile

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm
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
    assert doc.core_properties.title == "ALKE 2031 – agenda" and doc.core_properties.language == "sv-FI"
    assert doc.styles["Normal"].font.name == documents.FONT

    grid, fields = doc.tables
    assert grid.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
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


def test_docx_is_a4_with_finnish_margins_and_says_its_language_everywhere():
    content = _build()
    section = Document(io.BytesIO(content)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin)
    assert all(abs(m - Mm(20)) < Mm(0.1) for m in margins)

    with zipfile.ZipFile(io.BytesIO(content)) as package:
        styles = package.read("word/styles.xml").decode()
        body = package.read("word/document.xml").decode()
        settings = package.read("word/settings.xml").decode()
    # the defaults (python-docx's template says en-US), the styles and every run say Swedish (Finland)
    assert set(re.findall(r'<w:lang w:val="([^"]+)"', styles)) == {"sv-FI"}
    runs = re.findall(r"<w:r>.*?</w:r>|<w:r .*?</w:r>", body, re.S)
    assert runs and all('<w:lang w:val="sv-FI"' in run for run in runs)
    assert 'w:themeFontLang w:val="sv-FI"' in settings

    landscape = Document(io.BytesIO(documents.DocxDocument("Liite", landscape=True).to_bytes())).sections[0]
    assert (round(landscape.page_width.mm), round(landscape.page_height.mm)) == (297, 210)


def test_table_columns_are_sized_to_their_content():
    doc = documents.DocxDocument("Tilannekuva", lang="fi")
    header = ["Indikaattori", "Ajankohta", "Arvo", "Muutos 1 v", "Sija", "Koko maa", "Ero koko maahan"]
    rows = [
        [
            "Työttömien työnhakijoiden osuus työvoimasta (%)",
            "2019",
            "5,9",
            "−0,5 %-yks.",
            "18/18",
            "9,2",
            "−3,2",
        ],
        ["Väkiluku (henkeä)", "2022", "176\u00a0323", "+0,2 %", "10/18", "5\u00a0563\u00a0970", "–"],
    ]
    doc.table(header, rows)
    table = Document(io.BytesIO(doc.to_bytes())).tables[0]
    widths = [column.width.pt for column in table.columns]
    assert abs(sum(widths) - doc.text_width_pt) < 1  # the text's whole width, as the PDF's tables
    assert widths[0] == max(widths)  # the long names get the room
    for column, width in enumerate(widths):  # no word (nor a number with no-break spaces) is cut
        longest = max(
            documents.text_width(word, documents.FONT_SIZE, bold=row is header)
            for row in [header, *rows]
            for word in re.split(r"[ \t\n]+", row[column])
        )
        assert width >= longest + documents.CELL_PADDING_PT - 0.1  # Word keeps twentieths of a point


def test_a_table_too_wide_for_its_type_steps_down_to_a_smaller_one():
    doc = documents.DocxDocument("Leveä", lang="fi")
    words = ["Kokonaisuuksiin", "Kohdentamatta", "Määräajassa", "Toteutuneet", "Erääntyneitä"] * 2
    doc.table(words, [words])
    cell = Document(io.BytesIO(doc.to_bytes())).tables[0].rows[1].cells[0]
    assert cell.paragraphs[0].runs[0].font.size.pt < documents.FONT_SIZE


SQUARE = "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect width='5' height='5'/></svg>"


def test_pdf_from_html_is_tagged_pdf_ua():
    html = (
        "<!DOCTYPE html><html lang='fi-FI'><head><meta charset='utf-8'><title>Yhteistyöasiakirja</title></head>"
        f"<body><h1>Yhteistyöasiakirja</h1><p>Osaajaohjelma 30 000 €</p>{documents.titled_svg(SQUARE, 'Neliö')}"
        "</body></html>"
    )
    reader = PdfReader(io.BytesIO(documents.pdf_bytes(html)))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Yhteistyöasiakirja" in text and "Osaajaohjelma" in text
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fi-FI" and bool(root["/MarkInfo"]["/Marked"])
    assert reader.metadata.title == "Yhteistyöasiakirja"
    assert b'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data()
    figures = [e for e in structure(root) if e["/S"] == "/Figure"]
    assert [str(f["/Alt"]) for f in figures] == ["Neliö"]


def structure(root) -> list:
    """Every element of a PDF's structure tree."""
    found, stack = [], [root["/StructTreeRoot"]]
    while stack:
        element = stack.pop().get_object()
        if "/S" in element:
            found.append(element)
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                stack.append(kid)
    return found


def test_titled_svg_replaces_a_title_and_escapes_the_text():
    svg = "<svg xmlns='http://www.w3.org/2000/svg'><title>vanha</title><rect/></svg>"
    assert documents.titled_svg(svg, "A & <B>") == (
        "<svg xmlns='http://www.w3.org/2000/svg'><title>A &amp; &lt;B&gt;</title><rect/></svg>"
    )


def test_documents_fetch_nothing(tmp_path):
    sheet = tmp_path / "secret.css"
    sheet.write_text('body::after { content: "SALAISUUS"; }')
    html = (
        "<!DOCTYPE html><html lang='fi'><head><meta charset='utf-8'><title>x</title>"
        f"<link rel='stylesheet' href='{sheet.as_uri()}'></head><body><p>teksti</p></body></html>"
    )
    text = PdfReader(io.BytesIO(documents.pdf_bytes(html))).pages[0].extract_text()
    assert "teksti" in text and "SALAISUUS" not in text


def test_print_pages_keep_a_heading_and_its_introduction_with_what_follows():
    """However much text comes before them, a heading and the short introduction under it never end a
    page: they move over with the table they introduce."""
    from django.template import Context, Template

    template = Template(
        '{% extends "documents/print.html" %}{% block body %}<h1>Otsikko</h1>'
        "{% for n in filler %}<p>Kappale {{ n }}.</p>{% endfor %}<h2>Taulukon otsikko</h2>"
        "<p class='note intro'>Johdanto taulukkoon.</p>"
        "<table><thead><tr><th scope='col'>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
        "{% endblock %}"
    )
    page = documents.print_page("Testi", lang="fi")
    two_pages = 0
    for count in range(22, 32):  # one of these leaves the heading or its introduction at the foot of page 1
        html = template.render(Context({"page": page, "filler": range(count)}))
        reader = PdfReader(io.BytesIO(documents.pdf_bytes(html)))
        if len(reader.pages) < 2:
            continue
        two_pages += 1
        first = [line.strip() for line in reader.pages[0].extract_text().splitlines() if line.strip()]
        body = [line for line in first if not line.startswith("ALKE – ") and not line.endswith(" / 2")]
        assert body[-1].startswith("Kappale"), (count, body[-1])
    assert two_pages  # the text did reach a second page
