"""Every PDF alke writes is tagged PDF/UA-1 (the accessibility act 306/2019 covers public-sector documents).

Checked on each kind of document: pdfinfo (poppler) reads it as tagged; the catalogue names the language,
shows the title and is marked; the structure tree has headings without skipped levels, tables with header
cells, and every figure (chart) has alternative text. The AUNE report shows its charts, keeps each heading
on the page of what follows it and states the demo notice once.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from alke.followup import exports as followup_exports
from alke.followup.selectors import aune_report
from tests.documents.conftest import rendered

pytestmark = pytest.mark.django_db


def pdfinfo(content: bytes) -> dict[str, str]:
    tool = shutil.which("pdfinfo")
    if tool is None:
        pytest.fail("pdfinfo is not installed: run `make test` (it installs Debian's poppler-utils)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(content)
        out = subprocess.run([tool, str(path)], capture_output=True, text=True, check=True, timeout=60).stdout
    return {
        key.strip(): value.strip() for key, _sep, value in (line.partition(":") for line in out.splitlines())
    }


def elements(reader: PdfReader) -> list:
    """The structure tree's elements in reading order."""
    found = []

    def walk(node) -> None:
        node = node.get_object()
        if "/S" in node:
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.mark.parametrize("lang,tag", [("fi", "fi-FI"), ("sv", "sv-FI")])
def test_every_pdf_is_tagged_pdf_ua(world, lang, tag):
    pdfs = rendered(world, lang, ("pdf",))
    assert [d.name for d in pdfs] == [
        "agenda packet",
        "cooperation document",
        "situational annex",
        "AUNE report",
    ]
    for document in pdfs:
        info = pdfinfo(document.content)
        assert info["Tagged"] == "yes", document.name
        assert info["Page size"].endswith("(A4)"), document.name
        reader = PdfReader(io.BytesIO(document.content))
        root = reader.trailer["/Root"]
        assert root["/Lang"] == tag, document.name
        assert bool(root["/MarkInfo"]["/Marked"]) and bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
        assert reader.metadata.title and info["Title"] == reader.metadata.title, document.name
        assert b'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data(), document.name

        tree = elements(reader)
        kinds = [str(e["/S"]) for e in tree]
        headings = [int(k[2]) for k in kinds if k in {"/H1", "/H2", "/H3", "/H4", "/H5", "/H6"}]
        assert headings[0] == 1 and kinds.count("/H1") == 1, document.name
        assert all(b <= a + 1 for a, b in zip(headings, headings[1:], strict=False)), (
            document.name,
            headings,
        )
        assert "/Table" in kinds and "/TH" in kinds, document.name
        figures = [e for e in tree if e["/S"] == "/Figure"]
        assert all(str(f.get("/Alt", "")).strip() for f in figures), document.name
        if document.name in ("situational annex", "AUNE report"):
            assert figures, f"{document.name} shows its charts"


def test_the_aune_report_shows_its_charts_with_their_tables(world):
    report = aune_report(None, None)
    reader = PdfReader(io.BytesIO(followup_exports.report_pdf(report)))
    figures = [e for e in elements(reader) if e["/S"] == "/Figure"]
    alts = [str(f["/Alt"]) for f in figures]
    assert alts == [
        "Toteutuneiden ja määräajassa toteutuneiden johtopäätösten osuus kierroksittain",
        "Johtopäätökset maakunnittain ja tiloittain",
        "Johtopäätökset teemoittain ja tiloittain",
        "Johtopäätökset vastuuministeriöittäin ja tiloittain",
        "AKKE-rahoitus maakunnittain: kohdennettu, sidottu ja maksettu",
    ]
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Pohjanmaa" in text and "Yhteensä" in text  # the tables are there beside the charts


def test_the_aune_report_keeps_headings_with_what_follows_and_states_the_demo_notice_once(world):
    world.previous.is_demo = world.current.is_demo = True
    world.previous.save()
    world.current.save()
    report = aune_report(None, None)
    html = followup_exports.report_html(report)
    notice = "Demosisältöä: keksitty esimerkki, ei todellinen raportti."
    assert html.count(notice) == 1
    reader = PdfReader(io.BytesIO(followup_exports.report_pdf(report)))
    headings = [
        "Kehitys kierroksittain",
        "Maakunnittain",
        "Teemoittain",
        "Vastuuministeriöittäin",
        "Myöhässä olevat",
        "AKKE-rahoitus: kohdennettu, sidottu ja maksettu",
        "Menettelyn tunnusluvut",
    ]
    for number, page in enumerate(reader.pages, start=1):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        body = [line for line in lines if not line.startswith("ALKE – ") and " / " not in line]
        assert body and body[-1] not in headings, f"page {number} ends with the heading {body[-1]!r}"
    text = " ".join(page.extract_text() for page in reader.pages)
    assert text.count(notice) == 1
