"""DOCX (python-docx) and PDF (WeasyPrint) documents in one uniform template, and their downloads.

Every generated document looks alike: the title, a bold subtitle, muted meta lines and a demo-content
notice at the top; "ALKE" and the title in the page header and "page / pages" in the footer; one font;
headings, paragraphs, bullet lists and grid tables with a bold header row. The capabilities decide
the content and pass their own translated labels, so each catalogue keeps its words; this module only
lays them out.

Both formats are A4 with 20 mm margins (the left margin of the Finnish layout standard SFS 2487, kept on
every side) and declare their language (fi-FI, sv-FI, en-GB). PDFs are rendered from each capability's
print template, which extends `documents/print.html` (the shared page CSS), and are tagged PDF/UA-1:
a structure tree, the language, the title, headings, tables with header cells and alternative text
for every chart (`chart_svg`, `titled_svg`). Word tables are sized to their content (`column_widths`).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from alke.core import formats
from alke.core.tabular import attachment

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
CONTENT_TYPES = {"docx": DOCX_TYPE, "pdf": PDF_TYPE}
PDF_VARIANT = "pdf/ua-1"

SYSTEM_NAME = "ALKE"
FONT = "Arial"
FONT_SIZE = 10.5  # points
SMALL_SIZE = 9
TABLE_SIZES = (FONT_SIZE, SMALL_SIZE, 8)  # a wide table steps down until its words fit
MUTED = (0x4A, 0x55, 0x61)
DEMO = (0x9A, 0x34, 0x12)

# The page, the same for DOCX and PDF (the print template's @page reads these).
PAGE_MM = (210, 297)  # A4
MARGIN_MM = 20
EDGE_MM = 10  # header and footer from the page's edge
CELL_PADDING_PT = 2 * 5.4 + 2  # Word's default left and right cell margins (0.19 cm), and a little air

# A cell is text, or several paragraphs of text (the first one bold when the row is bold).
Cell = str | int | float | Sequence[str] | None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def running_head(title: str) -> str:
    """The page header: the title, prefixed with the system's name unless it already starts with it."""
    return title if title.upper().startswith(SYSTEM_NAME) else f"{SYSTEM_NAME} – {title}"


# -- text widths (for sizing Word's table columns) ---------------------------------------------------------

# Advance widths of Arial (and the metric-compatible Liberation Sans LibreOffice uses) in thousandths of
# an em; letters with diacritics take their base letter's width. Bold runs about 6 % wider.
_WIDTHS = {
    **dict.fromkeys("ijl", 222),
    **dict.fromkeys("ft!.,:;'|/[]I ", 278),
    **dict.fromkeys('r()-\u00ad"', 333),
    **dict.fromkeys("ckszvxy", 500),
    **dict.fromkeys("abdeghnopqu0123456789€$#_+=<>~^–", 556),
    **dict.fromkeys("FTZ", 611),
    **dict.fromkeys("ABEKPSVXY&", 667),
    **dict.fromkeys("CDHNRUw", 722),
    **dict.fromkeys("GOQ", 778),
    **dict.fromkeys("mM", 833),
    **dict.fromkeys("%", 889),
    **dict.fromkeys("W—", 944),
    **dict.fromkeys("L", 556),
    **dict.fromkeys("J", 500),
    **dict.fromkeys("@", 1015),
}
_BASE = str.maketrans(
    "äåáàâãöóòôõüúùûéèêëíìîïýÿñçšžÄÅÁÀÂÃÖÓÒÔÕÜÚÙÛÉÈÊËÍÌÎÏÝŸÑÇŠŽ",
    "aaaaaaooooouuuueeeeiiiiyyncszAAAAAAOOOOOUUUUEEEEIIIIYYNCSZ",
)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The printed width of `text` in points at `size` points (Arial's metrics)."""
    units = sum(_WIDTHS.get(ch, 556) for ch in text.translate(_BASE))
    return units * size / 1000 * (1.06 if bold else 1.0)


_BREAKS = re.compile(r"[ \t\n]+")  # where a line may break: not at a no-break space (1 234 567, 9,4 %)


def column_widths(
    rows: Sequence[Sequence[Sequence[str]]], available: float, size: float, *, bold_first: bool = False
) -> list[float] | None:
    """Column widths (points) that fit `available`, as a browser sizes an automatic table.

    `rows` holds each cell's paragraphs. A column is never narrower than its longest word (so no word
    breaks) and gets the room its longest line wants when there is room; the rest is shared in
    proportion to what each column would still like. None when even the longest words do not fit.
    """
    columns = max((len(r) for r in rows), default=0)
    least, most = [CELL_PADDING_PT] * columns, [CELL_PADDING_PT] * columns
    for index, row in enumerate(rows):
        bold = bold_first and index == 0
        for column, paragraphs in enumerate(row):
            for paragraph in paragraphs:
                words = _BREAKS.split(paragraph)
                least[column] = max(
                    least[column], max(text_width(w, size, bold=bold) for w in words) + CELL_PADDING_PT
                )
                most[column] = max(most[column], text_width(paragraph, size, bold=bold) + CELL_PADDING_PT)
    if sum(least) > available:
        return None
    if sum(most) <= available:
        return [w * available / sum(most) for w in most]
    spare = available - sum(least)
    wanted = sum(m - lo for m, lo in zip(most, least, strict=True))
    return [lo + (m - lo) * spare / wanted for m, lo in zip(most, least, strict=True)]


# -- DOCX ------------------------------------------------------------------------------------------------


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
        landscape: bool = False,
    ) -> None:
        from docx import Document
        from docx.shared import Pt

        self.lang = formats.language(lang)
        self.doc = Document()
        self._page_setup(landscape)
        normal = self.doc.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(FONT_SIZE)
        self.doc.core_properties.title = properties_title or title
        self.doc.core_properties.language = formats.language_tag(self.lang)
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

    def _page_setup(self, landscape: bool) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Mm

        section = self.doc.sections[0]
        width, height = PAGE_MM if not landscape else PAGE_MM[::-1]
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(width), Mm(height)
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            setattr(section, side, Mm(MARGIN_MM))
        section.header_distance = section.footer_distance = Mm(EDGE_MM)
        self.text_width_pt = (width - 2 * MARGIN_MM) * 72 / 25.4

    def _page_header(self, title: str) -> None:
        from docx.shared import Pt, RGBColor

        paragraph = self.doc.sections[0].header.paragraphs[0]
        run = paragraph.add_run(running_head(title))
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
        from docx.shared import Pt

        run = paragraph.add_run()
        run.font.size = Pt(SMALL_SIZE)
        run._r.append(_element("w:fldChar", **{"w:fldCharType": "begin"}))
        instruction = _element("w:instrText", **{"xml:space": "preserve"})
        instruction.text = code
        run._r.append(instruction)
        run._r.append(_element("w:fldChar", **{"w:fldCharType": "separate"}))
        placeholder = _element("w:t")
        placeholder.text = "1"
        run._r.append(placeholder)
        run._r.append(_element("w:fldChar", **{"w:fldCharType": "end"}))

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
        """A grid table. `header` is the bold first row (None for none), repeated on every page; `right`
        are 0-based columns aligned right; `bold_rows` are 0-based indexes into `rows`. The columns are
        sized to their content, and a table too wide for the page is set in a smaller type."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        body = [[_parts(v) for v in r] for r in rows]
        head = [[_text(h)] for h in header] if header is not None else None
        grid = ([head] if head else []) + body
        columns = len(head) if head else max((len(r) for r in body), default=1)
        size, widths = TABLE_SIZES[-1], None
        for candidate in TABLE_SIZES:
            widths = column_widths(grid, self.text_width_pt, candidate, bold_first=head is not None)
            if widths is not None:
                size = candidate
                break
        if widths is None:  # even the smallest type leaves a word wider than its share: share evenly
            widths = [self.text_width_pt / columns] * columns

        table = self.doc.add_table(rows=0, cols=columns)
        table.style = "Table Grid"
        table.autofit = False  # fixed layout: Word and LibreOffice both keep the computed widths
        right, bold_rows = set(right), set(bold_rows)
        if head is not None:
            cells = table.add_row().cells
            for cell, parts in zip(cells, head, strict=True):
                self._fill(cell, parts, bold=True, size=size)
            _repeat_as_header(table.rows[0])
        for index, values in enumerate(body):
            cells = table.add_row().cells
            for column, (cell, parts) in enumerate(zip(cells, values, strict=True)):
                self._fill(cell, parts, bold=index in bold_rows, size=size)
                if column in right:
                    for paragraph in cell.paragraphs:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Pt(width)
            for cell in column.cells:
                cell.width = Pt(width)
        return table

    def fields(self, pairs: Iterable[tuple[str, str]], *, empty: str = "–"):
        """A two-column grid of labels and values; an empty value shows `empty`."""
        return self.table(None, [(label, value or empty) for label, value in pairs])

    @staticmethod
    def _fill(cell, parts: list[str], *, bold: bool = False, size: float = FONT_SIZE) -> None:
        from docx.shared import Pt

        cell.text = parts[0] if parts else ""
        for extra in parts[1:]:
            cell.add_paragraph(extra)
        for number, paragraph in enumerate(cell.paragraphs):
            for run in paragraph.runs:
                if bold and number == 0:
                    run.bold = True
                if size != FONT_SIZE:
                    run.font.size = Pt(size)

    def _declare_language(self) -> None:
        """The document language on the defaults, every style that names one, and every run, so Word and
        LibreOffice check spelling and hyphenate in it and screen readers read it in it."""
        from docx.oxml.ns import qn

        tag = formats.language_tag(self.lang)
        styles = self.doc.styles.element
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is not None:
            run_defaults = defaults.find(qn("w:rPrDefault"))
            if run_defaults is None:
                run_defaults = _element("w:rPrDefault")
                defaults.insert(0, run_defaults)
            if run_defaults.find(qn("w:rPr")) is None:
                run_defaults.append(_element("w:rPr"))
        for rpr in [*styles.iter(qn("w:rPr"))]:
            _set_lang(rpr, tag)
        parts = [self.doc.part]
        for section in self.doc.sections:
            parts += [section.header.part, section.footer.part]
        for part in parts:
            for run in part.element.iter(qn("w:r")):
                _set_lang(run.get_or_add_rPr(), tag)
        settings = self.doc.settings.element
        theme = settings.find(qn("w:themeFontLang"))
        if theme is not None:
            theme.set(qn("w:val"), tag)

    def to_bytes(self) -> bytes:
        self._declare_language()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def _parts(value: Cell) -> list[str]:
    return [_text(v) for v in value] if isinstance(value, list | tuple) else [_text(value)]


def _element(tag: str, **attrs: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    node = OxmlElement(tag)
    for key, value in attrs.items():
        node.set(qn(key), value)
    return node


# w:rPr children that come after w:lang in the schema's sequence; w:lang goes before the first of them.
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def _set_lang(rpr, tag: str) -> None:
    from docx.oxml.ns import qn

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = _element("w:lang")
        successor = next((rpr.find(qn(t)) for t in _AFTER_LANG if rpr.find(qn(t)) is not None), None)
        if successor is not None:
            successor.addprevious(lang)
        else:
            rpr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), tag)


def _repeat_as_header(row) -> None:
    """Mark a table's first row as its header: repeated on each page, read as the header by assistive tech."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(_element("w:tblHeader"))


# -- PDF -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrintPage:
    """What `documents/print.html` needs to know of a document: language, title, header and footer."""

    lang: str
    title: str  # the PDF's title (its metadata and what a reader's window shows)
    footer: str = ""
    landscape: bool = False
    head: str = ""  # the page header's title when shorter than `title` (as the DOCX's)

    @property
    def language_tag(self) -> str:
        return formats.language_tag(self.lang)

    @property
    def running_head(self) -> str:
        return running_head(self.head or self.title)

    @property
    def margin_mm(self) -> int:
        return MARGIN_MM

    @property
    def edge_mm(self) -> int:
        return EDGE_MM


def print_page(
    title: str, *, lang: str | None = None, footer: str = "", landscape: bool = False, head: str = ""
) -> PrintPage:
    return PrintPage(formats.language(lang), title, footer, landscape, head)


def render_html(
    template: str, context: dict[str, Any], *, lang: str | None = None, request: HttpRequest | None = None
) -> str:
    """A print template rendered in `lang` (the active language when None)."""
    if lang is None:
        return render_to_string(template, context, request=request)
    with translation.override(lang):
        return render_to_string(template, context, request=request)


def pdf_bytes(html: str) -> bytes:
    """WeasyPrint's tagged PDF/UA-1 of a print template (page size, header and footer from its @page).

    The title comes from the template's <title>, the language from <html lang>; WeasyPrint builds the
    structure tree from the HTML (headings, lists, tables with their header cells, figures with the
    <title> of their SVG or the alt of their image as alternative text). Everything a document shows is
    in its HTML, so nothing is fetched: only data: URLs are allowed, never the network or files."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant=PDF_VARIANT)


_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_SVG_TITLE = re.compile(r"<title>.*?</title>", re.S)


def titled_svg(svg: str, alt: str) -> SafeString:
    """An SVG (from our own chart code) with `alt` as its <title>, the alternative text a tagged PDF gives
    the figure; any title it had is replaced. The SVG itself must already be trusted markup."""
    svg = _SVG_TITLE.sub("", svg, count=1)
    opening = _SVG_OPEN.search(svg)
    if opening is None:
        return mark_safe("")
    end = opening.end()
    return mark_safe(f"{svg[:end]}<title>{escape(alt)}</title>{svg[end:]}")  # noqa: S308 - escaped alt


PRINT_FONT = "DejaVu Sans"  # the print templates' font, which both Vega (measuring) and WeasyPrint have


def chart_svg(
    spec: dict, *, width: int, max_height: int | None = None, lang: str | None = None
) -> SafeString:
    """A page's Vega-Lite chart drawn as SVG for a PDF (WeasyPrint runs no JavaScript), in `lang`'s number
    format, its plot `width` CSS pixels wide, with the spec's description as its alternative text.

    A chart whose height grows with its rows (`"height": {"step": n}`) gets thinner bars when it would
    be taller than `max_height` pixels, so it stays on one page. vl-convert runs the same Vega-Lite
    (6.4) as the page, offline: external data is refused, the specs carry their data inline."""
    import vl_convert

    spec = json.loads(json.dumps(spec))  # a copy: the page's spec stays as it is
    spec.pop("$schema", None)
    if spec.get("width") == "container":
        spec["width"] = width
    config = spec.setdefault("config", {})
    config["font"] = PRINT_FONT
    config.setdefault("axis", {})["labelLimit"] = 300  # paper has no tooltip: show whole labels
    step = spec.get("height", {}).get("step") if isinstance(spec.get("height"), dict) else None
    if step and max_height:
        encoding = spec.get("encoding", {})
        values = spec.get("data", {}).get("values", [])
        labels = len({v.get(encoding.get("y", {}).get("field")) for v in values}) or 1
        bands = len(values) if "yOffset" in encoding else labels
        if bands * step > max_height:
            step = max(2, max_height // bands)
            spec["height"] = {"step": step}
            # Labels as tall as their row allows, so they do not overlap.
            config["axisY"] = {
                **config.get("axisY", {}),
                "labelFontSize": max(6, min(12, step * bands // labels - 1)),
            }
    svg = vl_convert.vegalite_to_svg(
        spec, vl_version="6.4", format_locale=formats.d3_locale(lang), allowed_base_urls=[]
    )
    return titled_svg(svg, spec.get("description") or "")


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
