"""Import of updates from a CSV or XLSX file; a bad row rejects the whole file."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime

from django.utils.translation import gettext as _

from alke.agreements.models import Conclusion
from alke.followup.models import (
    FollowUpUpdate,
    RuleBroken,
    Status,
)
from alke.followup.services.updates import BatchRejected, FollowUpError, RowError, UpdateInput, record_updates

MAX_IMPORT_ROWS = 5000
MAX_IMPORT_BYTES = 5 * 1024 * 1024


# Column headings accepted (Finnish, Swedish, English, and the codes) -> field
COLUMNS = {
    "johtopäätös": "conclusion_id",
    "johtopäätöksen tunnus": "conclusion_id",
    "slutsats": "conclusion_id",
    "conclusion": "conclusion_id",
    "conclusion_id": "conclusion_id",
    "id": "conclusion_id",
    "tila": "status",
    "status": "status",
    "edistyminen": "progress",
    "edistyminen (%)": "progress",
    "framsteg": "progress",
    "framsteg (%)": "progress",
    "progress": "progress",
    "progress (%)": "progress",
    "huomio": "note",
    "anteckning": "note",
    "note": "note",
    "linkki": "evidence_url",
    "länk": "evidence_url",
    "evidence_url": "evidence_url",
    "link": "evidence_url",
    "päivä": "on",
    "datum": "on",
    "date": "on",
    "on": "on",
}
TEMPLATE_HEADER = ["johtopäätös", "tila", "edistyminen (%)", "huomio", "linkki", "päivä"]


def status_from_text(value: str) -> str | None:
    """A status from its code or its label in any of the three languages."""
    from django.utils import translation

    text = (value or "").strip().lower().replace("-", "_").replace(" ", "_")
    if text in Status.values:
        return text
    for lang in ("fi", "sv", "en"):
        with translation.override(lang):
            for code, label in Status.choices:
                if str(label).lower().replace(" ", "_") == text:
                    return code
    return None


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _read_rows(filename: str, data: bytes) -> list[list[str]]:
    name = (filename or "").lower()
    if len(data) > MAX_IMPORT_BYTES:
        raise FollowUpError(_("Tiedosto on liian suuri (enintään 5 Mt)."))
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:
            raise FollowUpError(_("Tiedostoa ei voi lukea XLSX-taulukkona.")) from None
        sheet = workbook.worksheets[0]
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        return rows
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FollowUpError(_("CSV-tiedoston merkistön on oltava UTF-8.")) from None
        sample = text[:2048]
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    raise FollowUpError(_("Tuo CSV- tai XLSX-tiedosto."))


def _parse_date(value: str) -> date:
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise RuleBroken(_("päivä ”%(value)s” ei ole muotoa VVVV-KK-PP tai P.K.VVVV.") % {"value": value})


def parse_update_file(filename: str, data: bytes) -> list[UpdateInput]:
    """Read update rows from a CSV or XLSX file; raises BatchRejected naming every unreadable row.

    Row numbers are the spreadsheet's own (the header is row 1). Empty rows are skipped.
    """
    rows = _read_rows(filename, data)
    if not rows:
        raise FollowUpError(_("Tiedosto on tyhjä."))
    header = [COLUMNS.get((h or "").strip().lower()) for h in rows[0]]
    if "conclusion_id" not in header or "status" not in header:
        raise FollowUpError(
            _("Otsikkorivillä on oltava ainakin sarakkeet ”johtopäätös” ja ”tila” (sarakkeet: %(columns)s).")
            % {"columns": ", ".join(TEMPLATE_HEADER)}
        )
    body = rows[1:]
    if len(body) > MAX_IMPORT_ROWS:
        raise FollowUpError(_("Tiedostossa on liikaa rivejä (enintään %(max)d).") % {"max": MAX_IMPORT_ROWS})
    inputs: list[UpdateInput] = []
    errors: list[RowError] = []
    for number, raw in enumerate(body, start=2):
        values = {name: (raw[i] if i < len(raw) else "") for i, name in enumerate(header) if name}
        if not any(values.values()):
            continue
        try:
            ident = values.get("conclusion_id", "")
            if not ident.isdigit():
                raise RuleBroken(_("johtopäätöksen tunnus ”%(value)s” ei ole numero.") % {"value": ident})
            status = status_from_text(values.get("status", ""))
            if status is None:
                raise RuleBroken(
                    _("tila ”%(value)s” ei ole mikään näistä: %(choices)s.")
                    % {"value": values.get("status", ""), "choices": ", ".join(Status.values)}
                )
            progress_text = values.get("progress", "").replace("%", "").strip()
            progress = None
            if progress_text:
                try:
                    progress = int(float(progress_text.replace(",", ".")))
                except ValueError:
                    raise RuleBroken(
                        _("edistyminen ”%(value)s” ei ole luku.") % {"value": progress_text}
                    ) from None
                if float(progress_text.replace(",", ".")) != progress:
                    raise RuleBroken(_("edistyminen on annettava kokonaisina prosentteina."))
            on = _parse_date(values["on"]) if values.get("on") else None
            inputs.append(
                UpdateInput(
                    conclusion_id=int(ident),
                    status=status,
                    progress=progress,
                    note=values.get("note", ""),
                    evidence_url=values.get("evidence_url", ""),
                    on=on,
                    row=number,
                )
            )
        except RuleBroken as error:
            errors.append(RowError(number, str(error)))
    if errors:
        raise BatchRejected(errors)
    if not inputs:
        raise FollowUpError(_("Tiedostossa ei ole yhtään päivitysriviä."))
    return inputs


def import_updates(user, filename: str, data: bytes, today: date | None = None) -> list[FollowUpUpdate]:
    """Import a file of updates whole: a bad row rejects the file, naming the row and the reason."""
    return record_updates(user, parse_update_file(filename, data), source="import", today=today)


def template_rows(conclusions: Iterable[Conclusion]) -> list[list]:
    """Rows of the import template, pre-filled with each conclusion's current state."""
    rows = []
    for c in conclusions:
        f = getattr(c, "followup", None)
        rows.append([c.pk, f.status if f else Status.NOT_STARTED, f.progress if f else 0, "", "", ""])
    return rows
