"""Files: the cooperation document as DOCX and PDF (one uniform template) and the ministry worklist as XLSX."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from alke.agreements.content import DocumentView, layout
from alke.agreements.models import Conclusion, DocumentVersion
from alke.agreements.selectors import partnerships_in
from alke.core import documents
from alke.core.tabular import Sheet, add_sheet


def _version_label(version: DocumentVersion, lang: str) -> str:
    with translation.override(lang):
        return _("Versio %(n)s") % {"n": version.number}


def document_docx(version: DocumentVersion, lang: str = "fi") -> bytes:
    """The version as a Word document with the same sections, order and tables as the PDF."""
    view: DocumentView = layout(version.content, lang)
    with translation.override(lang):
        doc = documents.DocxDocument(
            view.title,
            lang=lang,
            subtitle=view.subtitle,
            meta=[_version_label(version, lang)],
            demo_note=_("Demosisältöä: keksitty esimerkki, ei todellinen asiakirja.") if view.is_demo else "",
            properties_title=f"{view.title} – {view.subtitle}",
        )
        for section in view.sections:
            doc.heading(f"{section.number}. {section.heading}")
            if section.minutes:
                # As in the print template: the minutes item by item, then the conclusions' subheading.
                doc.heading(section.minutes_heading, level=2)
                for m in section.minutes:
                    doc.heading(m.title, level=3)
                    for paragraph in m.paragraphs:
                        doc.paragraph(paragraph)
                    if m.note:
                        doc.paragraph(m.note, italic=True, size=10)
                doc.heading(section.conclusions_heading, level=2)
            for paragraph in section.paragraphs:
                doc.paragraph(paragraph)
            for c in section.conclusions:
                doc.paragraph(c.text, style="List Number")
                for line in _conclusion_details(c):
                    doc.paragraph(line, indent=18, size=10)
            if section.table:
                doc.table(
                    [_("Kokonaisuus"), _("Toteuttaja"), _("Summa")],
                    [(row.label, row.recipient, row.amount) for row in section.table],
                    right={2},
                    bold_rows={i for i, row in enumerate(section.table) if row.is_total},
                )
        _register_links(doc, version.content)
    return doc.to_bytes()


def _register_links(doc: documents.DocxDocument, content: dict) -> None:
    """The partnership register's records in the document's regions, as the page and the PDF end with."""
    found = partnerships_in(r["code"] for r in (content or {}).get("regions", []))
    if not found:
        return
    site = settings.SITE_URL.rstrip("/")
    doc.heading(_("Alueen sopimukset ja verkostot kumppanuusrekisterissä"))
    doc.paragraph(
        _("Ajantasainen tieto kumppanuusrekisteristä. Se ei ole osa hyväksyttyä asiakirjaa."), size=10
    )
    for heading, records, detail in (
        (
            _("Ekosysteemi-, kasvu- ja siltasopimukset"),
            found.agreements,
            lambda a: f"{a.get_generation_display()}, {a.period_start:%Y}–{a.period_end:%Y}",
        ),
        (_("Teemaverkostot"), found.networks, lambda n: n.coordinator_name),
        (_("Kehittämisvyöhykkeet"), found.zones, lambda z: z.coordinator_name),
    ):
        if records:
            doc.heading(heading, level=2)
            doc.bullets(
                f"{r.name}{f' ({detail(r)})' if detail(r) else ''} – {site}{r.get_absolute_url()}"
                for r in records
            )


def _conclusion_details(c) -> list[str]:
    """Responsibilities, deadline, budget decision and indicators under a conclusion (active language)."""
    details = []
    if c.responsible:
        details.append(_("Vastuutahot: %(list)s") % {"list": ", ".join(c.responsible)})
    if c.deadline:
        details.append(_("Määräaika: %(date)s") % {"date": c.deadline})
    if c.needs_budget_decision:
        details.append(_("Edellyttää budjettipäätöstä"))
    for indicator in c.indicators:
        details.append(_("Indikaattori: %(text)s") % {"text": indicator})
    return details


def document_html(version: DocumentVersion, lang: str = "fi") -> str:
    """The print template shared by every region's PDF."""
    view = layout(version.content, lang)
    label = _version_label(version, lang)
    page = documents.print_page(
        f"{view.title} – {view.subtitle}", lang=lang, footer=f"{view.subtitle} · {label}", head=view.title
    )
    return documents.render_html(
        "agreements/print.html",
        {"page": page, "view": view, "version": version, "version_label": label},
        lang=lang,
    )


def document_pdf(version: DocumentVersion, lang: str = "fi") -> bytes:
    return documents.pdf_bytes(document_html(version, lang))


# ---------------------------------------------------------------------------------------------------
# Spreadsheets


def _sheet(workbook, title: str, header: list[str], rows: list[list[Any]], money_columns: set[int]):
    return add_sheet(workbook, Sheet(title, header, rows, money_columns=set(money_columns)))


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
