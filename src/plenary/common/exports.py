"""Tables as downloads: CSV that Excel opens correctly in any script, and XLSX workbooks.

Both take a header and rows of plain Python values. ``None`` is an empty cell; dates stay dates
and numbers stay numbers in a workbook, and are written in ISO form and as plain figures in CSV.

Cells a spreadsheet would run as a formula are defused: in CSV a text beginning with ``=``, ``+``,
``-``, ``@`` or a tab or carriage return gets a leading apostrophe (the usual guard against formula
injection); in a workbook such a text is stored as text, never as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Excel reads a CSV file as UTF-8 only when it starts with the byte order mark.
BOM = "\ufeff"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Column widths in characters: wide enough for a date or a short name, never wider than a screen.
MIN_WIDTH = 8
MAX_WIDTH = 60

# What a sheet title may not hold, and how long it may be (Excel's limits).
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_TITLE_LENGTH = 31


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def csv_text(value: Any) -> str:
    """One value as a CSV cell: dates in ISO form, ``None`` empty, formulas defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_START) else value
    return str(value)


def csv_content(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """The text of a CSV file (RFC 4180: comma-separated, CRLF line ends, quotes doubled inside
    fields that need quoting), byte order mark included."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([csv_text(name) for name in header])
    for row in rows:
        writer.writerow([csv_text(value) for value in row])
    return BOM + buffer.getvalue()


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A CSV download of ``rows`` under ``header``, named ``filename``."""
    response = HttpResponse(
        csv_content(header, rows).encode("utf-8"), content_type=CSV_CONTENT_TYPE
    )
    return _attachment(response, filename)


def sheet_title(title: str) -> str:
    """``title`` as Excel accepts a sheet's name: no ``[]:*?/\\``, at most 31 characters."""
    cleaned = _SHEET_TITLE_FORBIDDEN.sub(" ", title).strip().strip("'") or gettext("Sheet")
    return cleaned[:_SHEET_TITLE_LENGTH]


def _width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 19
    if isinstance(value, dt.date):
        return 10
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def xlsx_content(
    sheet_title_text: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> bytes:
    """The bytes of a workbook with one sheet: a bold, frozen header row with a filter, dates as
    dates, numbers as numbers, columns as wide as their contents (within reason)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(sheet_title_text)
    widths = [len(name) for name in header]
    bold = Font(bold=True)
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=column, value=name)
        cell.font = bold
        cell.alignment = Alignment(vertical="top")
    row_number = 1
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            if column > len(widths):
                widths.append(0)
            widths[column - 1] = max(widths[column - 1], _width(value))
            if value is None:
                continue
            if isinstance(value, bool):
                value = gettext("yes") if value else gettext("no")
            elif isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            elif isinstance(value, dt.datetime) and value.tzinfo is not None:
                value = value.astimezone(dt.UTC).replace(tzinfo=None)
            cell = sheet.cell(row=row_number, column=column, value=value)
            if cell.data_type == "f":
                # A text that starts with "=" is text here, not a formula.
                cell.data_type = "s"
            if isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(value, str) and "\n" in value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(
            max(width + 2, MIN_WIDTH), MAX_WIDTH
        )
    sheet.freeze_panes = "A2"
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{max(row_number, 1)}"
    workbook.properties.creator = "Plenary"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, sheet_title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """An Excel workbook of ``rows`` under ``header`` in one sheet, named ``filename``."""
    response = HttpResponse(xlsx_content(sheet_title, header, rows), content_type=XLSX_CONTENT_TYPE)
    return _attachment(response, filename)
