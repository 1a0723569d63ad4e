"""CSV and XLSX for every export: one writer, so all spreadsheets look and behave alike."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"


@dataclass
class Sheet:
    """One worksheet. Columns are 1-based in money_columns / date_columns."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Any]]
    money_columns: set[int] = field(default_factory=set)
    date_columns: set[int] = field(default_factory=set)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _xlsx_value(value: Any) -> Any:
    # openpyxl stores Decimal as a number; aware datetimes are not supported by Excel.
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a byte order mark, so spreadsheet programs read ä, ö and å right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell_text(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def add_sheet(workbook, spec: Sheet):
    """Append one worksheet with a bold, frozen header row; money and dates keep their types."""
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(title=spec.title[:31])
    sheet.append(list(spec.header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in spec.rows:
        sheet.append([_xlsx_value(v) for v in row])
    for columns, number_format in ((spec.money_columns, MONEY_FORMAT), (spec.date_columns, DATE_FORMAT)):
        for column in columns:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                cell.number_format = number_format
    for index, heading in enumerate(spec.header, start=1):
        sample = [len(_cell_text(r[index - 1])) for r in spec.rows[:200] if len(r) >= index]
        width = max([len(str(heading)), *sample])
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(
            max(width + 2, 10), 60
        )
    sheet.freeze_panes = "A2"
    return sheet


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook of the given sheets (see add_sheet)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        add_sheet(workbook, spec)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    return attachment(csv_bytes(header, rows), filename, CSV_TYPE)


def xlsx_response(filename: str, sheets: Sequence[Sheet]) -> HttpResponse:
    return attachment(xlsx_bytes(sheets), filename, XLSX_TYPE)


def money(value: Decimal | None) -> Decimal | None:
    """Euros with cents, as stored."""
    return None if value is None else value.quantize(Decimal("0.01"))
