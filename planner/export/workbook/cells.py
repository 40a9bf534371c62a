"""How the workbook writes text and lays out a sheet: the one place text enters a cell.

Every string the workbook holds — cells, sheet headers, document properties — goes through
``xml_text``: a plan's name, notes or a rate table's label may carry characters that XML 1.0
forbids (control characters, U+FFFE, U+FFFF, lone surrogates), which would make openpyxl
refuse the value or write a file Excel and LibreOffice cannot open.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
INPUT_FILL = PatternFill("solid", fgColor="FFF4CC")  # values a user is invited to change
DERIVED_FONT = Font(italic=True, color="555555")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")

# What XML 1.0 allows: tab, line feed, carriage return, and U+0020 upwards except the
# surrogates and U+FFFE/U+FFFF. Everything else is dropped.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MAX_CELL_TEXT = 32_767  # the most characters Excel keeps in one cell


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold, cut to what a cell keeps."""
    return _NOT_XML.sub("", str(text))[:MAX_CELL_TEXT]


def put_text(cell: Cell, text: str) -> None:
    """Text that can never be read as a formula, whatever it starts with."""
    cell.value = xml_text(text)
    cell.data_type = "s"


def define_name(wb: Workbook, name: str, sheet: str, cell: str) -> None:
    """A workbook-level name for one cell of ``sheet`` (``B4``), fixed with ``$``."""
    absolute = re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", cell)
    wb.defined_names[name] = DefinedName(name, attr_text=f"{sheet_ref(sheet)}!{absolute}")


def sheet_ref(title: str) -> str:
    """A sheet's title as formulas name it: quoted, any quote in it doubled."""
    return "'" + title.replace("'", "''") + "'"


def header_row(ws: Worksheet, row: int, headers: Iterable[str]) -> None:
    """Bold, wrapping header cells from column A on."""
    for column, text in enumerate(headers, 1):
        cell = ws.cell(row, column)
        put_text(cell, text)
        cell.font = HEADER_FONT
        cell.alignment = WRAP_TOP


def finish(
    ws: Worksheet,
    widths: Iterable[float],
    freeze: str | None,
    landscape: bool,
    header_row_number: int = 1,
) -> None:
    """Column widths, frozen panes and an A4 page one sheet wide, headers on every page."""
    for column, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(column)].width = width
    if freeze:
        ws.freeze_panes = freeze
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row_number}:{header_row_number}"


HEADER_CHARACTERS_PER_LINE = 15  # in a column 18 characters wide, bold, wrapped


def print_across_pages(
    ws: Worksheet, columns: int, rows: int, header_row_number: int, headers: Iterable[str]
) -> None:
    """Printed legibly: the readable columns at full size on landscape pages, the rows
    running on over pages, each page repeating the column titles and the first two columns
    (the month and its date); the title row tall enough for the longest title, wrapped."""
    ws.print_area = f"A1:{get_column_letter(columns)}{rows}"
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.print_title_rows = f"{header_row_number}:{header_row_number}"
    ws.print_title_cols = "A:B"
    lines = max((math.ceil(len(text) / HEADER_CHARACTERS_PER_LINE) for text in headers), default=1)
    ws.row_dimensions[header_row_number].height = 15 * max(2, lines)


def wrapped_height(texts: Iterable[str], widths: Iterable[float]) -> float:
    """A row height (points) that shows every line of its wrapped cells: spreadsheets keep
    the default one-line height for rows written by a program, and wrapped text then runs
    over the next row."""
    lines = [
        math.ceil(len(text) / max(width - 2, 1)) for text, width in zip(texts, widths, strict=False)
    ]
    return 13.0 * max(1, *lines)
