"""Files: the AUNE report as XLSX and PDF, and the import template. All read the same `Report`."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _

from alke.core import documents
from alke.core.tabular import Sheet, add_sheet
from alke.followup.charts import report_charts
from alke.followup.models import Status
from alke.followup.selectors import Report, Tally
from alke.followup.services import TEMPLATE_HEADER


def _sheet(workbook, title: str, header: list[str], rows: list[list[Any]], money: set[int] = frozenset()):
    return add_sheet(workbook, Sheet(title, header, rows, money_columns=set(money)))


def _status_header(first: str) -> list[str]:
    return [
        first,
        _("Yhteensä"),
        *[str(label) for _c, label in Status.choices],
        _("Myöhässä"),
        _("Toteutuneet (%)"),
        _("Määräajassa (%)"),
    ]


def _status_row(t: Tally) -> list[Any]:
    return [t.label, t.total, *[t.counts[c] for c in Status.values], t.overdue, t.done_share, t.on_time_share]


def report_xlsx(report: Report) -> bytes:
    """Every table of the report on its own sheet, with the same numbers as the page and the API."""
    from openpyxl import Workbook

    wb = Workbook()
    summary = wb.active
    summary.title = _("Yhteenveto")[:31]
    summary.append([_("AUNE-raportti: sovitun seuranta")])
    summary.append([_("Kierrokset"), ", ".join(r.name for r in report.rounds)])
    summary.append([_("Maakunnat"), ", ".join(report.region_codes) or _("kaikki")])
    summary.append([_("Tilanne"), report.today.isoformat()])
    summary.append([])
    summary.append(_status_header(""))
    summary.append(_status_row(report.total))
    _sheet(wb, _("Kierroksittain"), _status_header(_("Kierros")), [_status_row(t) for t in report.by_round])
    _sheet(wb, _("Maakunnittain"), _status_header(_("Maakunta")), [_status_row(t) for t in report.by_region])
    _sheet(wb, _("Teemoittain"), _status_header(_("Teema")), [_status_row(t) for t in report.by_theme])
    _sheet(
        wb,
        _("Ministeriöittäin"),
        _status_header(_("Ministeriö")),
        [_status_row(t) for t in report.by_ministry],
    )
    _sheet(
        wb,
        _("Myöhässä"),
        [
            _("Tunnus"),
            _("Kierros"),
            _("Maakunta"),
            _("Johtopäätös"),
            _("Määräaika"),
            _("Päiviä myöhässä"),
            _("Tila"),
            _("Edistyminen (%)"),
        ],
        [
            [
                r.id,
                r.round.year,
                r.region.name,
                r.conclusion.text_fi,
                r.deadline,
                r.days_overdue,
                r.status_label,
                r.progress,
            ]
            for r in report.overdue
        ],
    )
    totals = report.funding_totals
    _sheet(
        wb,
        _("Rahoitus"),
        [
            _("Kierros"),
            _("Maakunta"),
            _("Kohdennettu (€)"),
            _("Kokonaisuuksiin (€)"),
            _("Sidottu (€)"),
            _("Maksettu (€)"),
        ],
        [[f.round_year, f.region_name, f.allocated, f.entities, f.committed, f.paid] for f in report.funding]
        + [[_("Yhteensä"), "", totals["allocated"], totals["entities"], totals["committed"], totals["paid"]]],
        money={3, 4, 5, 6},
    )
    _sheet(
        wb,
        _("Prosessi"),
        [
            _("Kierros"),
            _("Maakunta"),
            _("Käynnistys"),
            _("Asiakirja hyväksytty"),
            _("Päiviä"),
            _("Ehdotuksia"),
            _("Agendalle"),
            _("Agendalle (%)"),
            _("Erääntyneitä"),
            _("Määräajassa"),
            _("Määräajassa (%)"),
        ],
        [
            [
                r.round_year,
                r.region_name,
                r.kick_off,
                r.approved_on,
                r.days_to_approval,
                r.proposals,
                r.proposals_taken,
                r.taken_share,
                r.due,
                r.on_time,
                r.on_time_share,
            ]
            for p in report.process
            for r in p.regions
        ],
    )
    _sheet(
        wb,
        _("Johtopäätökset"),
        [
            _("Tunnus"),
            _("Kierros"),
            _("Maakunta"),
            _("Johtopäätös"),
            _("Ministeriöt"),
            _("Teema"),
            _("Määräaika"),
            _("Tila"),
            _("Edistyminen (%)"),
            _("Toteutui"),
            _("Viimeisin päivitys"),
        ],
        [
            [
                r.id,
                r.round.year,
                r.region.name,
                r.conclusion.text_fi,
                ", ".join(a for a, _n in r.ministries),
                r.theme,
                r.deadline,
                r.status_label,
                r.progress,
                r.completed_on,
                r.last_update_on,
            ]
            for r in report.rows
        ],
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


PDF_OVERDUE_ROWS = 60  # a printed report lists the most overdue; the XLSX and the page list them all


# CSS pixels of a chart's plot area and its greatest height: with labels and legend it fits the text area
# of a landscape A4 page (257 × 170 mm, 970 × 640 px) under its heading.
CHART_WIDTH, CHART_HEIGHT = 620, 400


def report_html(report: Report) -> str:
    """The report's print template in the active language, with the page's charts drawn as SVG."""
    drawn = {
        key: documents.chart_svg(spec, width=CHART_WIDTH, max_height=CHART_HEIGHT)
        for key, spec in report_charts(report).items()
        if spec["data"]["values"]
    }
    page = documents.print_page(_("AUNE-raportti: sovitun seuranta"), landscape=True)
    return documents.render_html(
        "followup/report_print.html",
        {
            "page": page,
            "report": report,
            "charts": drawn,
            "is_demo": any(r.is_demo for r in report.rounds),
            "statuses": Status.choices,
            "overdue": report.overdue[:PDF_OVERDUE_ROWS],
            "overdue_left": max(len(report.overdue) - PDF_OVERDUE_ROWS, 0),
        },
    )


def report_pdf(report: Report) -> bytes:
    return documents.pdf_bytes(report_html(report))


def template_csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(TEMPLATE_HEADER)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.remove(wb.active)
    sheet = _sheet(wb, _("Päivitykset"), TEMPLATE_HEADER, rows)
    choice = DataValidation(type="list", formula1='"' + ",".join(Status.values) + '"', allow_blank=False)
    sheet.add_data_validation(choice)
    choice.add(f"B2:B{max(len(rows) + 1, 2) + 200}")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
