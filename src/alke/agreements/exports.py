"""Files: the cooperation document as DOCX and PDF (one uniform template), funding and worklist as XLSX."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from alke.agreements.content import DocumentView, layout
from alke.agreements.models import Conclusion, DocumentVersion
from alke.agreements.selectors import FundingSummary
from alke.core.tabular import Sheet, add_sheet


def _version_label(version: DocumentVersion, lang: str) -> str:
    with translation.override(lang):
        return _("Versio %(n)s") % {"n": version.number}


def document_docx(version: DocumentVersion, lang: str = "fi") -> bytes:
    """The version as a Word document with the same sections, order and tables as the PDF."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    view: DocumentView = layout(version.content, lang)
    doc = Document()
    styles = doc.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(11)
    doc.core_properties.title = f"{view.title} – {view.subtitle}"
    doc.core_properties.language = lang
    doc.add_heading(view.title, level=0)
    sub = doc.add_paragraph(view.subtitle)
    sub.runs[0].bold = True
    with translation.override(lang):
        meta = doc.add_paragraph(_version_label(version, lang))
        meta.runs[0].font.color.rgb = RGBColor(0x4A, 0x55, 0x61)
        if view.is_demo:
            demo = doc.add_paragraph(_("Demosisältöä: keksitty esimerkki, ei todellinen asiakirja."))
            demo.runs[0].italic = True
        for section in view.sections:
            doc.add_heading(f"{section.number}. {section.heading}", level=1)
            for paragraph in section.paragraphs:
                doc.add_paragraph(paragraph)
            for c in section.conclusions:
                p = doc.add_paragraph(style="List Number")
                p.add_run(c.text)
                details = []
                if c.responsible:
                    details.append(_("Vastuutahot: %(list)s") % {"list": ", ".join(c.responsible)})
                if c.deadline:
                    details.append(_("Määräaika: %(date)s") % {"date": c.deadline})
                if c.needs_budget_decision:
                    details.append(_("Edellyttää budjettipäätöstä"))
                for indicator in c.indicators:
                    details.append(_("Indikaattori: %(text)s") % {"text": indicator})
                for line in details:
                    d = doc.add_paragraph(line)
                    d.paragraph_format.left_indent = Pt(18)
                    d.runs[0].font.size = Pt(10)
            if section.funding:
                table = doc.add_table(rows=1, cols=3)
                table.style = "Table Grid"
                header = table.rows[0].cells
                header[0].text, header[1].text, header[2].text = _("Kokonaisuus"), _("Toteuttaja"), _("Summa")
                for cell in header:
                    cell.paragraphs[0].runs[0].bold = True
                for row in section.funding:
                    cells = table.add_row().cells
                    cells[0].text, cells[1].text, cells[2].text = row.label, row.recipient, row.amount
                    cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    if row.is_total:
                        for cell in cells:
                            for run in cell.paragraphs[0].runs:
                                run.bold = True
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def document_html(version: DocumentVersion, lang: str = "fi") -> str:
    """The print template shared by every region's PDF."""
    view = layout(version.content, lang)
    with translation.override(lang):
        return render_to_string(
            "agreements/print.html",
            {"view": view, "version": version, "version_label": _version_label(version, lang)},
        )


def document_pdf(version: DocumentVersion, lang: str = "fi") -> bytes:
    from weasyprint import HTML

    return HTML(string=document_html(version, lang)).write_pdf()


# ---------------------------------------------------------------------------------------------------
# Spreadsheets


def _sheet(workbook, title: str, header: list[str], rows: list[list[Any]], money_columns: set[int]):
    return add_sheet(workbook, Sheet(title, header, rows, money_columns=set(money_columns)))


def funding_xlsx(summary: FundingSummary, entries: list) -> bytes:
    """The round's funding: regions, entities with balances, and every ledger entry."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    appropriation = summary.appropriation
    _sheet(
        wb,
        _("Maakunnat"),
        [
            _("Maakunta"),
            _("Väkiluku"),
            _("Kaavan ehdotus (€)"),
            _("Kohdennettu (€)"),
            _("Kokonaisuuksiin (€)"),
            _("Sidottu (€)"),
            _("Maksettu (€)"),
        ],
        [
            [
                r.allocation.region.name,
                r.allocation.population,
                r.allocation.proposed_amount,
                r.allocation.amount,
                r.entities_total,
                r.committed,
                r.paid,
            ]
            for r in summary.regions
        ]
        + [
            [
                _("Yhteensä"),
                None,
                summary.proposed,
                summary.allocated,
                summary.entities_total,
                summary.committed,
                summary.paid,
            ]
        ],
        {3, 4, 5, 6, 7},
    )
    _sheet(
        wb,
        _("Kokonaisuudet"),
        [
            _("Maakunta"),
            _("Kokonaisuus"),
            _("Toteuttaja"),
            _("Summa (€)"),
            _("Sidottu (€)"),
            _("Maksettu (€)"),
            _("Sitomatta (€)"),
            _("Maksamatta (€)"),
        ],
        [
            [
                r.allocation.region.name,
                b.entity.name_fi,
                b.entity.recipient,
                b.entity.amount,
                b.net_committed,
                b.paid,
                b.uncommitted,
                b.unpaid,
            ]
            for r in summary.regions
            for b in r.entities
        ],
        {4, 5, 6, 7, 8},
    )
    _sheet(
        wb,
        _("Kirjaukset"),
        [_("Maakunta"), _("Kokonaisuus"), _("Päivä"), _("Laji"), _("Summa (€)"), _("Viite"), _("Lisätieto")],
        [
            [
                e.entity.allocation.region.name,
                e.entity.name_fi,
                e.booked_on,
                e.get_kind_display(),
                e.amount,
                e.reference,
                e.note,
            ]
            for e in entries
        ],
        {5},
    )
    info = wb.create_sheet(_("Tiedot"))
    info.append([_("Kierros"), appropriation.round.name])
    info.append([_("Momentti"), appropriation.budget_item])
    info.append([_("Määräraha"), appropriation.name])
    info.append([_("Määräraha yhteensä (€)"), appropriation.total])
    info.append([_("Kohdentamatta (€)"), summary.unallocated])
    info.append([_("Väkiluvun vuosi (THL Sotkanet)"), appropriation.population_year])
    info.append([_("Muodostettu"), date.today()])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _responsible(c: Conclusion) -> str:
    names = [m.abbreviation for m in c.ministries.all()]
    if c.region_responsible:
        names.append(c.region.council_name or c.region.name)
    names += [o.name for o in c.organisations.all()]
    names += [p.strip() for p in c.other_parties.split(",") if p.strip()]
    return ", ".join(names)


def worklist_xlsx(conclusions: list[Conclusion], ministry_label: str) -> bytes:
    """A ministry's conclusions for its budget and public finance plan (JTS) preparation."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    rows = []
    for c in conclusions:
        indicators = "; ".join(
            f"{i.indicator_name}: {i.baseline_value.normalize() if i.baseline_value is not None else '–'}"
            f" → {i.target_value.normalize() if i.target_value is not None else '–'}"
            for i in c.indicators.all()
        )
        rows.append(
            [
                c.round.year,
                c.region.name,
                c.text,
                _responsible(c),
                c.deadline,
                _("kyllä") if c.needs_budget_decision else _("ei"),
                indicators,
            ]
        )
    sheet = _sheet(
        wb,
        _("Johtopäätökset"),
        [
            _("Kierros"),
            _("Maakunta"),
            _("Johtopäätös"),
            _("Vastuutahot"),
            _("Määräaika"),
            _("Edellyttää budjettipäätöstä"),
            _("Indikaattorit"),
        ],
        rows,
        set(),
    )
    for (cell,) in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
        cell.number_format = "d.m.yyyy"
    sheet.insert_rows(1)
    sheet["A1"] = _("Työlista: %(ministry)s") % {"ministry": ministry_label}
    sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))
