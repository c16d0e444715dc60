"""Tables as downloads: CSV (UTF-8 with a byte-order mark, so Excel shows Persian and Danish
letters) and XLSX (openpyxl). One table shape for both: a header row and data rows of plain
values; the caller decides the wording (translated) and the numbers (Decimal, int, date).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

Cell = str | int | Decimal | datetime.date | None

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Sheet titles may not hold these characters and may be at most 31 long.
_SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    # Filenames are built from ASCII keys ("figures-1403.csv"), never from names of people.
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Cell]]
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return _attachment(response, filename)


def xlsx_bytes(
    sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Cell]]]],
    *,
    right_to_left: bool = False,
) -> bytes:
    """A workbook with one sheet per (title, header, rows); right to left for a reader of
    Persian or Arabic."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title.translate(_SHEET_FORBIDDEN)[:31] or "Sheet")
        sheet.sheet_view.rightToLeft = right_to_left
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([float(cell) if isinstance(cell, Decimal) else cell for cell in row])
        for column in sheet.columns:
            width = max(len(str(cell.value or "")) for cell in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str,
    sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Cell]]]],
    *,
    right_to_left: bool = False,
) -> HttpResponse:
    content = xlsx_bytes(sheets, right_to_left=right_to_left)
    return _attachment(HttpResponse(content, content_type=XLSX_TYPE), filename)
