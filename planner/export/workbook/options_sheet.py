"""The workbook's Options sheet: each shown option's first month and one-off costs by
category, as formulas over its Budget columns, and the people's time its month pays for."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.worksheet.worksheet import Worksheet

from planner.export.workbook.cells import HEADER_FONT, TITLE_FONT, finish, header_row, put_text
from planner.export.workbook.columns import OptionBlock
from planner.model.result import CATEGORIES
from planner.words import names as words
from planner.words.i18n import _


def write_options(
    ws: Worksheet,
    blocks: Sequence[OptionBlock],
    block_letters: Sequence[dict[str, str]],
    budget: Worksheet,
    first_month_row: int,
    currency: str,
    money: str,
) -> None:
    """Fill the Options sheet; ``budget`` is the Budget sheet, whose first month sits in
    ``first_month_row``, and ``money`` the number format of the plan's currency."""
    put_text(
        ws.cell(1, 1),
        _("Each option, first month and one-off costs, in {currency}").format(currency=currency),
    )
    ws.cell(1, 1).font = TITLE_FONT
    row = 3
    for block, letters in zip(blocks, block_letters, strict=True):
        first_month: dict[str, str] = {
            str(column.category): f"'{budget.title}'!{letters[column.key]}{first_month_row}"
            for column in block.category_columns
        }
        row = _option_costs(ws, row, block, first_month, money) + 2
    finish(ws, (40, 18, 18), freeze="A3", landscape=False)


def _option_costs(
    ws: Worksheet, row: int, block: OptionBlock, first_month: dict[str, str], money: str
) -> int:
    """One option's first month and one-off costs by category; returns its last row."""
    put_text(ws.cell(row, 1), block.option.label)
    ws.cell(row, 1).font = HEADER_FONT
    header_row(ws, row + 1, (_("Cost"), _("A month"), _("Once")))
    first = row + 2
    for r, category in enumerate(CATEGORIES, first):
        put_text(ws.cell(r, 1), words.category_name(category))
        cell = first_month.get(category)
        ws.cell(r, 2).value = f"={cell}" if cell else 0
        one_off = block.one_off.get(category)
        ws.cell(r, 3).value = f"={one_off}" if one_off else 0
        ws.cell(r, 2).number_format = ws.cell(r, 3).number_format = money
    total = first + len(CATEGORIES)
    put_text(ws.cell(total, 1), _("Total"))
    ws.cell(total, 1).font = HEADER_FONT
    ws.cell(total, 2).value = f"=SUM(B{first}:B{total - 1})"
    ws.cell(total, 3).value = f"=SUM(C{first}:C{total - 1})"
    for column in (2, 3):
        ws.cell(total, column).number_format = money
        ws.cell(total, column).font = HEADER_FONT
    return _people_time(ws, total, first_month.get("staff"))


def _people_time(ws: Worksheet, total: int, staff: str | None) -> int:
    """Under an option's costs: the hours of people's time the month pays for, and their
    share of it; returns the last row."""
    if staff is None:
        return total
    rows = (
        (_("People's time: hours a month"), f"={staff}/staff_hourly", "#,##0.0"),
        (_("People's time: share of the month"), f"=IF(B{total}>0,{staff}/B{total},0)", "0%"),
    )
    for r, (label, formula, number_format) in enumerate(rows, total + 1):
        put_text(ws.cell(r, 1), label)
        ws.cell(r, 2).value = formula
        ws.cell(r, 2).number_format = number_format
    return total + len(rows)
