import csv
import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from alke.core.tabular import Sheet, csv_bytes, csv_response, xlsx_bytes


def test_csv_has_bom_and_keeps_finnish_letters():
    data = csv_bytes(["nimi", "pvm"], [["Ähtäri", date(2026, 1, 2)], ["Åbo", None]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["nimi", "pvm"], ["Ähtäri", "2026-01-02"], ["Åbo", ""]]


def test_xlsx_keeps_types_and_formats():
    content = xlsx_bytes(
        [
            Sheet(
                "Rahoitus",
                ["alue", "euroa", "pvm"],
                [["MK02", Decimal("866000.50"), date(2022, 3, 24)]],
                money_columns={2},
                date_columns={3},
            ),
            Sheet("Toinen", ["a"], []),
        ]
    )
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Rahoitus", "Toinen"]
    sheet = workbook["Rahoitus"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet["B2"].value == 866000.5 and sheet["B2"].number_format == "#,##0.00"
    assert sheet["C2"].value.date() == date(2022, 3, 24)


def test_csv_response_is_an_attachment():
    response = csv_response("x.csv", ["a"], [[1]])
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response["Content-Type"].startswith("text/csv")
