"""Exports of a region's picture (PDF and DOCX annexes for the discussion material) and data (CSV, XLSX)."""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from alke.core import documents, formats
from alke.core.tabular import CSV_TYPE, XLSX_TYPE, attachment
from alke.situation.models import Dataset, Indicator, IndicatorValue
from alke.situation.picture import CHANGE_YEARS, COUNTRY

CONTENT_TYPES = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE, **documents.CONTENT_TYPES}
# Source and licence travel on every row so a CSV cut out of its page still carries its attribution (CC BY).
HEADER = [
    "indicator",
    "indicator_name",
    "unit",
    "area",
    "area_name",
    "year",
    "period",
    "value",
    "source",
    "licence",
]


def _response(content: bytes, fmt: str, stem: str) -> HttpResponse:
    return attachment(content, f"{stem}.{fmt}", CONTENT_TYPES[fmt])


def value_rows(indicators: list[Indicator], areas: list[str] | None) -> list[list]:
    qs = IndicatorValue.objects.filter(indicator__in=indicators).select_related("indicator", "region")
    if areas is not None:
        qs = qs.filter(area__in=areas)
    datasets = {d.code: d for d in Dataset.objects.filter(code__in={i.dataset_code for i in indicators})}
    rows = []
    for v in qs.order_by("indicator__order", "indicator__code", "area", "year"):
        area_name = v.region.name if v.region else _("koko maa")
        dataset = datasets.get(v.indicator.dataset_code)
        rows.append(
            [
                v.indicator.code,
                v.indicator.name,
                v.indicator.unit,
                v.area,
                area_name,
                v.year,
                v.period,
                v.rounded,
                dataset.source if dataset else "",
                dataset.licence if dataset else "",
            ]
        )
    return rows


def _csv(rows: list[list]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: spreadsheet programs then read UTF-8


def _xlsx(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title[:31])
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([float(c) if hasattr(c, "as_tuple") else c for c in row])
        ws.freeze_panes = "A2"
        for col in ws.columns:
            width = max(len(str(c.value or "")) for c in col[:200])
            ws.column_dimensions[col[0].column_letter].width = min(max(width + 2, 8), 60)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _summary_rows(picture: dict) -> list[list]:
    return [
        [
            s.indicator.name,
            s.indicator.unit,
            s.period,
            s.value_text,
            s.change_text(1),
            s.change_text(5),
            s.change_text(10),
            f"{s.rank}/{s.rank_of}" if s.rank else "–",
            s.country_text,
            s.diff_country_text,
            s.old_text if s.is_old else "",
        ]
        for s in picture["summaries"]
    ]


def _summary_header() -> list[str]:
    return [
        _("Indikaattori"),
        _("Yksikkö"),
        _("Ajankohta"),
        _("Arvo"),
        _("Muutos 1 v"),
        _("Muutos 5 v"),
        _("Muutos 10 v"),
        _("Sija"),
        _("Koko maa"),
        _("Ero koko maahan"),
        _("Huomautus"),
    ]


def _annex_header() -> list[str]:
    """The indicator table of the PDF and DOCX annexes (the unit goes with the name and the values)."""
    return [
        _("Indikaattori"),
        _("Ajankohta"),
        _("Arvo"),
        _("Muutos 1 v"),
        _("Muutos 5 v"),
        _("Muutos 10 v"),
        _("Sija"),
        _("Koko maa"),
        _("Ero koko maahan"),
    ]


def _annex_rows(picture: dict) -> list[list[str]]:
    """One row per indicator, every figure written as the active language writes it, changes with units."""
    rows = []
    for s in picture["summaries"]:
        changes = [
            formats.quantity(
                s.changes.get(n), s.change_unit, 1 if s.change_kind == "pct" else s.decimals, signed=True
            )
            for n in CHANGE_YEARS
        ]
        rows.append(
            [
                f"{s.indicator.name} ({s.indicator.unit})" if s.indicator.unit else s.indicator.name,
                f"{s.period} ({_('vanha tieto')})" if s.is_old else s.period,
                s.value_text,
                *changes,
                f"{s.rank}/{s.rank_of}" if s.rank else "–",
                s.country_text,
                s.diff_country_text,
            ]
        )
    return rows


def _source_lines(picture: dict) -> list[str]:
    lines = []
    for s in picture["sources"]:
        date = formats.day(timezone.localtime(s["date"]) if timezone.is_aware(s["date"]) else s["date"])
        label = _("päivitetty") if s["is_release_date"] else _("tuotu")
        table = f", {s['table_id']}" if s["table_id"] else ""
        period = f"{_('viimeisin ajanjakso')} {s['latest_period']}; " if s["latest_period"] else ""
        lines.append(
            f"{s['dataset'].name}: {s['source']}{table} ({period}{label} {date}); {s['licence']}".strip()
        )
    if any(s["is_eurostat"] for s in picture["sources"]):
        lines.append(nuts_note())
    return lines


def nuts_note() -> str:
    """The note that Eurostat keeps the regions' borders before the 2021 municipality transfers."""
    return _(
        "Eurostatin NUTS 3 -aluesarjat noudattavat maakuntien rajoja ennen vuoden 2021 kuntasiirtoja "
        "(Kuhmoinen, Iitti, Joroinen, Heinävesi, Isokyrö). Ero nykyisiin maakuntiin on alle 0,5 % maakunnasta."
    )


def _title(picture: dict) -> str:
    return _("Aluekehityksen tilannekuva: %(region)s") % {"region": picture["region"].name}


def _compiled() -> str:
    return _("Liite aluekehittämiskeskusteluun. Koottu %(date)s.") % {
        "date": formats.day(timezone.localdate())
    }


def _docx(picture: dict) -> bytes:
    doc = documents.DocxDocument(_title(picture), meta=[_compiled()], landscape=True)
    doc.heading(_("Indikaattorit"))
    doc.table(_annex_header(), _annex_rows(picture), right=range(2, 9))
    doc.heading(_("Huomiot"))
    doc.bullets([flag.text for flag in picture["flags"]], empty=_("Ei erityisiä huomioita."))
    if picture.get("analyses"):
        doc.heading(_("Analyysit"))
        for a in picture["analyses"]:
            doc.heading(
                f"{a.get_section_display().capitalize()} – {a.organisation.name} ({a.round})", level=2
            )
            if a.is_demo:
                doc.demo_note(_("Demosisältöä"))
            doc.paragraphs(a.text)
    if picture["missing"]:
        doc.heading(_("Indikaattorit ilman tuotua aineistoa"))
        doc.bullets(f"{ind.name} ({ind.statfin_table or ind.dataset_code})" for ind in picture["missing"])
    doc.heading(_("Lähteet"))
    doc.bullets(_source_lines(picture))
    return doc.to_bytes()


def annex_html(picture: dict) -> str:
    """The PDF annex's print template in the active language: the indicator table, the key indicators'
    charts (each described in words for screen readers), flags, analyses and sources."""
    from alke.situation.charts import series_rows, svg_line

    region = picture["region"]
    country = _("koko maa")
    charts = []
    for s in picture["key"]:
        svg = svg_line(s, region.name, country)  # built from escaped parts only
        if not svg:
            continue
        rows, axis = series_rows(s, region.name, country)
        years = sorted({r["year"] for r in rows})
        alt = _(
            "Viivakaavio: %(indicator)s, %(region)s ja koko maa vuosina %(first)s–%(last)s (%(axis)s). "
            "Luvut ovat indikaattoritaulukossa."
        ) % {
            "indicator": s.indicator.name,
            "region": region.name,
            "first": years[0],
            "last": years[-1],
            "axis": axis,
        }
        charts.append({"summary": s, "svg": documents.titled_svg(svg, alt)})
    return documents.render_html(
        "situation/export_pdf.html",
        {
            **picture,
            "page": documents.print_page(_title(picture), landscape=True),
            "header": _annex_header(),
            "rows": _annex_rows(picture),
            "compiled": _compiled(),
            "charts": charts,
            "source_lines": _source_lines(picture),
        },
    )


def export(request: HttpRequest, picture: dict, fmt: str) -> HttpResponse:
    region = picture["region"]
    stem = f"tilannekuva-{slugify(region.name_fi)}-{region.code.lower()}"
    indicators = [s.indicator for s in picture["summaries"]]
    if fmt == "csv":
        return _response(_csv(value_rows(indicators, [region.code, COUNTRY])), fmt, stem)
    if fmt == "xlsx":
        sheets = [
            (_("Yhteenveto"), _summary_header(), _summary_rows(picture)),
            (_("Aikasarjat"), HEADER, value_rows(indicators, [region.code, COUNTRY])),
            (_("Lähteet"), [_("Lähde")], [[line] for line in _source_lines(picture)]),
        ]
        return _response(_xlsx(sheets), fmt, stem)
    if fmt == "docx":
        return _response(_docx(picture), fmt, stem)
    if fmt == "pdf":
        return _response(documents.pdf_bytes(annex_html(picture)), fmt, stem)
    raise Http404("unknown export format")


def export_indicator(indicator: Indicator, fmt: str) -> HttpResponse:
    rows = value_rows([indicator], None)
    stem = f"indikaattori-{indicator.code}"
    if fmt == "csv":
        return _response(_csv(rows), fmt, stem)
    if fmt == "xlsx":
        return _response(_xlsx([(indicator.code, HEADER, rows)]), fmt, stem)
    raise Http404("unknown export format")
