import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from tandem.core.exports import csv_response, xlsx_response


def test_csv_starts_with_a_byte_order_mark_so_spreadsheets_read_persian():
    response = csv_response("figures.csv", ["شهرستان", "تعداد"], [["مشهد", 12], ["قوچان", None]])

    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    assert text.splitlines()[1:] == ["مشهد,12", "قوچان,"]
    assert response["Content-Disposition"] == 'attachment; filename="figures.csv"'


def test_xlsx_has_one_sheet_per_table_with_typed_cells():
    response = xlsx_response(
        "figures.xlsx",
        [
            (
                "Loans: approved/disbursed",
                ["Month", "Amount"],
                [[datetime.date(2025, 3, 21), Decimal("1500000.50")]],
            ),
            ("Centres", ["Centre", "Entrants"], [["امید", 60]]),
        ],
    )

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Loans  approved disbursed", "Centres"]
    loans = workbook["Loans  approved disbursed"]
    assert loans["A1"].value == "Month" and loans["A1"].font.bold
    assert loans["A2"].value.date() == datetime.date(2025, 3, 21)
    assert loans["B2"].value == 1500000.5
    assert workbook["Centres"]["A2"].value == "امید"


def test_xlsx_reads_right_to_left_for_a_persian_reader():
    response = xlsx_response("f.xlsx", [("Sheet", ["شهرستان"], [["مشهد"]])], right_to_left=True)

    assert load_workbook(io.BytesIO(response.content)).active.sheet_view.rightToLeft
