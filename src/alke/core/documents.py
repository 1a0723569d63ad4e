"""DOCX (python-docx) and PDF (WeasyPrint) documents in one uniform template, and their downloads.

Every generated document looks alike: the title, a bold subtitle, muted meta lines and a demo-content
notice at the top; "ALKE" and the title in the page header and "page / pages" in the footer; one font;
headings, paragraphs, bullet lists and grid tables with a bold header row. The capabilities decide
the content and pass their own translated labels, so each catalogue keeps its words; this module only
lays them out. PDFs are rendered from each capability's print template (`render_html` + `pdf_bytes`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify

from alke.core.tabular import attachment

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
CONTENT_TYPES = {"docx": DOCX_TYPE, "pdf": PDF_TYPE}

SYSTEM_NAME = "ALKE"
FONT = "Arial"
FONT_SIZE = 10.5  # points
SMALL_SIZE = 9
MUTED = (0x4A, 0x55, 0x61)
DEMO = (0x9A, 0x34, 0x12)
PROOFING = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}

# A cell is text, or several paragraphs of text (the first one bold when the row is bold).
Cell = str | int | float | Sequence[str] | None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class DocxDocument:
    """A Word document in the uniform template. Build it top to bottom, then call `to_bytes()`."""

    def __init__(
        self,
        title: str,
        *,
        lang: str | None = None,
        subtitle: str = "",
        meta: Iterable[str] = (),
        demo_note: str = "",
        properties_title: str | None = None,
    ) -> None:
        from docx import Document
        from docx.shared import Pt

        self.lang = lang or translation.get_language() or "fi"
        self.doc = Document()
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(FONT_SIZE)
        self._set_proofing_language(normal)
        self.doc.core_properties.title = properties_title or title
        self.doc.core_properties.language = self.lang
        self._page_header(title)
        self._page_footer()
        self.heading(title, level=0)
        if subtitle:
            self.paragraph(subtitle, bold=True)
        for line in meta:
            self.paragraph(line, colour=MUTED)
        if demo_note:
            self.demo_note(demo_note)

    # -- page furniture --------------------------------------------------------------------------------

    def _set_proofing_language(self, style) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        rpr = style.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), PROOFING.get(self.lang, self.lang))
        rpr.append(lang)

    def _page_header(self, title: str) -> None:
        from docx.shared import Pt, RGBColor

        running = title if title.upper().startswith(SYSTEM_NAME) else f"{SYSTEM_NAME} – {title}"
        paragraph = self.doc.sections[0].header.paragraphs[0]
        run = paragraph.add_run(running)
        run.font.size = Pt(SMALL_SIZE)
        run.font.color.rgb = RGBColor(*MUTED)

    def _page_footer(self) -> None:
        """'page / pages', as in the PDFs' @page footer; Word fills the fields in when it opens the file."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        paragraph = self.doc.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for part in ("PAGE", " / ", "NUMPAGES"):
            if part.strip() == "/":
                paragraph.add_run(part).font.size = Pt(SMALL_SIZE)
            else:
                self._field(paragraph, part)

    @staticmethod
    def _field(paragraph, code: str) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        def element(tag: str, **attrs: str):
            node = OxmlElement(tag)
            for key, value in attrs.items():
                node.set(qn(key), value)
            return node

        run = paragraph.add_run()
        run.font.size = Pt(SMALL_SIZE)
        run._r.append(element("w:fldChar", **{"w:fldCharType": "begin"}))
        instruction = element("w:instrText", **{"xml:space": "preserve"})
        instruction.text = code
        run._r.append(instruction)
        run._r.append(element("w:fldChar", **{"w:fldCharType": "separate"}))
        placeholder = element("w:t")
        placeholder.text = "1"
        run._r.append(placeholder)
        run._r.append(element("w:fldChar", **{"w:fldCharType": "end"}))

    # -- body ------------------------------------------------------------------------------------------

    def heading(self, text: str, level: int = 1):
        return self.doc.add_heading(text, level=level)

    def paragraph(
        self,
        text: str = "",
        *,
        style: str | None = None,
        bold: bool = False,
        italic: bool = False,
        colour: tuple[int, int, int] | None = None,
        size: float | None = None,
        indent: float | None = None,
    ):
        """One paragraph; `indent` and `size` are in points."""
        from docx.shared import Pt, RGBColor

        paragraph = self.doc.add_paragraph(text, style=style)
        if indent is not None:
            paragraph.paragraph_format.left_indent = Pt(indent)
        for run in paragraph.runs:
            run.bold = bold or None
            run.italic = italic or None
            if colour is not None:
                run.font.color.rgb = RGBColor(*colour)
            if size is not None:
                run.font.size = Pt(size)
        return paragraph

    def paragraphs(self, text: str) -> None:
        """Plain text with blank lines between paragraphs, as typed into a form."""
        for part in text.split("\n\n"):
            self.paragraph(part)

    def demo_note(self, text: str):
        return self.paragraph(text, italic=True, colour=DEMO)

    def bullets(self, items: Iterable[str], *, empty: str = "", numbered: bool = False) -> None:
        """A bulleted (or numbered) list; `empty` is written as a plain paragraph when there are no items."""
        items = list(items)
        for item in items:
            self.paragraph(item, style="List Number" if numbered else "List Bullet")
        if not items and empty:
            self.paragraph(empty)

    def table(
        self,
        header: Sequence[str] | None,
        rows: Iterable[Sequence[Cell]],
        *,
        right: Iterable[int] = (),
        bold_rows: Iterable[int] = (),
    ):
        """A grid table. `header` is the bold first row (None for none); `right` are 0-based columns
        aligned right; `bold_rows` are 0-based indexes into `rows`."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        rows = [list(r) for r in rows]
        columns = len(header) if header is not None else max((len(r) for r in rows), default=1)
        table = self.doc.add_table(rows=1 if header is not None else 0, cols=columns)
        table.style = "Table Grid"
        if header is not None:
            for cell, text in zip(table.rows[0].cells, header, strict=True):
                self._fill(cell, text, bold=True)
        right = set(right)
        bold_rows = set(bold_rows)
        for index, values in enumerate(rows):
            cells = table.add_row().cells
            for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
                self._fill(cell, value, bold=index in bold_rows)
                if column in right:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return table

    def fields(self, pairs: Iterable[tuple[str, str]], *, empty: str = "–"):
        """A two-column grid of labels and values; an empty value shows `empty`."""
        return self.table(None, [(label, value or empty) for label, value in pairs])

    @staticmethod
    def _fill(cell, value: Cell, *, bold: bool = False) -> None:
        parts = [_text(v) for v in value] if isinstance(value, list | tuple) else [_text(value)]
        cell.text = parts[0] if parts else ""
        for extra in parts[1:]:
            cell.add_paragraph(extra)
        if bold:
            for run in cell.paragraphs[0].runs:
                run.bold = True

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


# -- PDF -------------------------------------------------------------------------------------------------


def render_html(
    template: str, context: dict[str, Any], *, lang: str | None = None, request: HttpRequest | None = None
) -> str:
    """A print template rendered in `lang` (the active language when None)."""
    if lang is None:
        return render_to_string(template, context, request=request)
    with translation.override(lang):
        return render_to_string(template, context, request=request)


def pdf_bytes(html: str, *, base_url: str | None = None) -> bytes:
    """WeasyPrint's PDF of a print template (page size, footer and page numbers come from its @page)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf()


# -- downloads -------------------------------------------------------------------------------------------


def filename(text: str, fmt: str, *, lang: str = "", fallback: str = "document", limit: int = 80) -> str:
    """An ASCII file name: `text` slugified (cut to `limit`), then `-lang` when given, then `.fmt`."""
    base = slugify(text)[:limit] or fallback
    return f"{base}-{lang}.{fmt}" if lang else f"{base}.{fmt}"


def document_response(content: bytes, fmt: str, name: str) -> HttpResponse:
    """A download of a DOCX or PDF (by `fmt`) as an attachment called `name`."""
    return attachment(content, name, CONTENT_TYPES[fmt])


def docx_response(content: bytes, name: str) -> HttpResponse:
    return document_response(content, "docx", name)


def pdf_response(content: bytes, name: str) -> HttpResponse:
    return document_response(content, "pdf", name)
