"""Copying one company's workbook into the portfolio workbook, its names kept apart.

The single-plan workbook names every assumption at workbook level (``requests_per_day``)
and its formulas read those names and other sheets (``='Budget'!E4``). In a portfolio
each company's sheets get a prefix (``c2 Budget``) and each of its names another
(``c2_requests_per_day``), and every formula, name and chart reference is rewritten to
match, so that the companies' sheets stay as live as they are on their own and never read
each other's figures.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

MAX_SHEET_TITLE = 31  # what Excel allows
# A string literal, a sheet reference (quoted or not), or a word that may be a name; a word
# followed by "(" is a function.
_TOKENS = re.compile(
    r'"(?:[^"]|"")*"'
    r"|'(?P<quoted>(?:[^']|'')+)'!"
    r"|(?P<sheet>[A-Za-z_][\w.]*)!"
    r"|(?P<word>[A-Za-z_\\][\w.]*)(?P<call>\s*\()?"
)


@dataclass(frozen=True)
class Renaming:
    """How one company's names and sheet titles are changed in the portfolio."""

    names: dict[str, str]  # lower-case original name → new name
    sheets: dict[str, str]  # original title → new title

    def formula(self, text: str) -> str:
        """A formula (``=...``) or reference with every name and sheet renamed."""
        return _TOKENS.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        quoted, sheet, word = match.group("quoted"), match.group("sheet"), match.group("word")
        if quoted is not None:
            title = quoted.replace("''", "'")
            return quote(self.sheets.get(title, title)) + "!"
        if sheet is not None:
            return f"{quote(self.sheets.get(sheet, sheet))}!"
        if word is not None and match.group("call") is None:
            return self.names.get(word.lower(), word)
        return match.group(0)


def quote(title: str) -> str:
    """A sheet title as a formula writes it: always quoted, quotes doubled."""
    return "'" + title.replace("'", "''") + "'"


def sheet_title(prefix: str, title: str) -> str:
    """``c2 Budget``, cut to what Excel allows."""
    return f"{prefix} {title}"[:MAX_SHEET_TITLE]


def renaming_for(source: Workbook, prefix: str) -> Renaming:
    """Names prefixed ``c2_``, sheets ``c2 ``: the renaming of ``source``'s content."""
    names = {name.lower(): f"{prefix}_{name}" for name in source.defined_names}
    sheets = {ws.title: sheet_title(prefix, ws.title) for ws in source.worksheets}
    return Renaming(names, sheets)


def copy_workbook(source: Workbook, target: Workbook, renaming: Renaming) -> list[Worksheet]:
    """Every sheet of ``source`` appended to ``target`` under its new title, with the
    workbook-level names of ``source`` renamed in ``target``; returns the new sheets."""
    copied = [copy_sheet(ws, target, renaming) for ws in source.worksheets]
    for name, defined in source.defined_names.items():
        new = renaming.names[name.lower()]
        target.defined_names[new] = DefinedName(new, attr_text=renaming.formula(defined.attr_text))
    return copied


def copy_sheet(source: Worksheet, target: Workbook, renaming: Renaming) -> Worksheet:
    """One sheet's cells, styles, layout and charts, in a new sheet of ``target``."""
    ws = target.create_sheet(renaming.sheets[source.title])
    rewrite = renaming.formula
    styles = _StyleMap(source.parent, target)
    for row in source.iter_rows():
        for cell in row:
            if cell.value is None and not cell.has_style:
                continue
            new = ws.cell(cell.row, cell.column)
            _copy_value(cell, new, rewrite)
            if cell.has_style:
                new._style = styles.moved(cell._style)
    _copy_layout(source, ws)
    for chart in source._charts:
        ws.add_chart(_renamed_chart(chart, rewrite), copy.deepcopy(chart.anchor))
    return ws


def _copy_value(cell: Any, new: Any, rewrite: Callable[[str], str]) -> None:
    value = cell.value
    if cell.data_type == "f" and isinstance(value, str):
        new.value = rewrite(value)
    else:
        new.value = value
        new.data_type = cell.data_type  # text stays text, even when it starts with "="


class _StyleMap:
    """Cell styles moved from one workbook's style tables to another's, each distinct style
    once: assigning fonts and fills cell by cell compares every style object with every
    other and takes seconds a company. This reads openpyxl's style tables directly."""

    def __init__(self, source: Workbook, target: Workbook) -> None:
        self.source, self.target = source, target
        self.moved_styles: dict[tuple[int, ...], StyleArray] = {}

    def moved(self, style: StyleArray) -> StyleArray:
        key = tuple(style)
        found = self.moved_styles.get(key)
        if found is None:
            found = self.moved_styles[key] = self._move(style)
        return StyleArray(found)

    def _move(self, style: StyleArray) -> StyleArray:
        source, target = self.source, self.target
        new = StyleArray(style)
        new.fontId = target._fonts.add(source._fonts[style.fontId])
        new.fillId = target._fills.add(source._fills[style.fillId])
        new.borderId = target._borders.add(source._borders[style.borderId])
        new.alignmentId = target._alignments.add(source._alignments[style.alignmentId])
        new.protectionId = target._protections.add(source._protections[style.protectionId])
        if style.numFmtId >= BUILTIN_FORMATS_MAX_SIZE:
            number_format = source._number_formats[style.numFmtId - BUILTIN_FORMATS_MAX_SIZE]
            new.numFmtId = target._number_formats.add(number_format) + BUILTIN_FORMATS_MAX_SIZE
        new.xfId = 0  # the Normal style: the single-plan workbook uses no other named style
        return new


def _copy_layout(source: Worksheet, ws: Worksheet) -> None:
    for key, dimension in source.column_dimensions.items():
        if dimension.customWidth:
            ws.column_dimensions[key].width = dimension.width
    for key, dimension in source.row_dimensions.items():
        if dimension.height is not None:
            ws.row_dimensions[key].height = dimension.height
    for merged in source.merged_cells.ranges:
        ws.merge_cells(str(merged))
    ws.freeze_panes = source.freeze_panes
    ws.page_setup.paperSize = source.page_setup.paperSize
    ws.page_setup.orientation = source.page_setup.orientation
    ws.page_setup.fitToWidth = source.page_setup.fitToWidth
    ws.page_setup.fitToHeight = source.page_setup.fitToHeight
    ws.sheet_properties.pageSetUpPr = copy.copy(source.sheet_properties.pageSetUpPr)
    if source.print_title_rows:
        ws.print_title_rows = source.print_title_rows


def _renamed_chart(chart: Any, rewrite: Callable[[str], str]) -> Any:
    """A copy of ``chart`` whose series read the renamed sheets."""
    new = copy.deepcopy(chart)
    for series in new.series:
        for part in (series.tx, series.val, series.cat, series.xVal, series.yVal):
            for holder in ("strRef", "numRef"):
                reference = getattr(part, holder, None) if part is not None else None
                if reference is not None and reference.f:
                    reference.f = rewrite(reference.f)
    return new
