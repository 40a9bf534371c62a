"""The workbook's Summary sheet: who and what the budget is for, the recommendation, each
shown option's figures (formulas over the Budget sheet) and two native charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from planner.export.workbook.cells import (
    HEADER_FONT,
    TITLE_FONT,
    WRAP_TOP,
    finish,
    header_row,
    put_text,
)
from planner.model.plan import Plan
from planner.model.result import EstimateResult, Option
from planner.words import names as words
from planner.words.i18n import _
from planner.words.reasons import describe


@dataclass(frozen=True)
class SummaryRow:
    """A shown option and where its figures sit in the workbook."""

    option: Option
    name: str  # the option's part of the names monthly_cost_… and horizon_cost_…
    one_off_cell: str  # on the Budget sheet
    utilisation_cell: str | None  # on the Budget sheet; None for an API


@dataclass(frozen=True)
class Cumulative:
    """The Budget sheet's cumulative-cost columns and its first and last month rows."""

    columns: list[int]
    first: int
    last: int


def write_summary(
    ws: Worksheet,
    plan: Plan,
    result: EstimateResult,
    rows: list[SummaryRow],
    budget: Worksheet,
    cumulative: Cumulative,
    money: str,
) -> None:
    """Fill the Summary sheet; ``money`` is the number format of the plan's currency."""
    put_text(ws.cell(1, 1), _("AI budget: {name}").format(name=plan.name))
    ws.cell(1, 1).font = TITLE_FONT
    row = _facts(ws, plan, 3)
    row = _recommendation(ws, plan, result, row + 1)
    first = _option_table(ws, rows, budget.title, money, row + 1)
    last = first + len(rows) - 1
    _charts(ws, plan.currency, first, last, budget, cumulative)
    finish(ws, (50, 24, 16, 16, 18, 8), freeze=None, landscape=True)


def _facts(ws: Worksheet, plan: Plan, row: int) -> int:
    facts = [
        (_("Company"), plan.company),
        (_("Advisor"), plan.advisor),
        (_("Prepared"), date.today().isoformat()),
        (_("Currency"), plan.currency),
        (_("Horizon"), _("{months} months").format(months=plan.horizon_months)),
        (_("Notes"), plan.notes),
    ]
    for label, value in facts:
        put_text(ws.cell(row, 1), label)
        ws.cell(row, 1).font = HEADER_FONT
        put_text(ws.cell(row, 2), value)
        row += 1
    return row


def _recommendation(ws: Worksheet, plan: Plan, result: EstimateResult, row: int) -> int:
    recommended = result.recommended
    put_text(ws.cell(row, 1), _("Recommendation"))
    ws.cell(row, 1).font = HEADER_FONT
    put_text(ws.cell(row, 2), recommended.label if recommended else _("No option meets every need"))
    row += 1
    for reason in result.recommendation.reasons:
        put_text(ws.cell(row, 2), describe(reason, plan.currency))
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
        ws.cell(row, 2).alignment = WRAP_TOP
        ws.row_dimensions[row].height = 30
        row += 1
    return row


def _option_table(ws: Worksheet, rows: list[SummaryRow], budget: str, money: str, row: int) -> int:
    """One line per shown option; returns the first line's row."""
    headers = (_("Option"), _("Kind"), _("A month"), _("Once"), _("Over the horizon"), _("Busy"))
    header_row(ws, row, headers)
    first = row + 1
    for r, item in enumerate(rows, first):
        option = item.option
        put_text(ws.cell(r, 1), option.label)
        ws.cell(r, 1).alignment = WRAP_TOP
        ws.row_dimensions[r].height = 30
        put_text(ws.cell(r, 2), words.group_title((option.kind, option.ownership)))
        for column in range(2, 7):
            ws.cell(r, column).alignment = Alignment(vertical="top")
        ws.cell(r, 3).value = f"=monthly_cost_{item.name}"
        ws.cell(r, 4).value = f"='{budget}'!{item.one_off_cell}"
        ws.cell(r, 5).value = f"=horizon_cost_{item.name}"
        for column in (3, 4, 5):
            ws.cell(r, column).number_format = money
        if item.utilisation_cell:
            ws.cell(r, 6).value = f"='{budget}'!{item.utilisation_cell}"
            ws.cell(r, 6).number_format = "0%"
    return first


def _charts(
    ws: Worksheet, currency: str, first: int, last: int, budget: Worksheet, cumulative: Cumulative
) -> None:
    """The first month's cost per option as bars, the cumulative cost as lines."""
    anchor_row = last + 2
    bars = BarChart()
    bars.type = "bar"
    bars.title = _("Monthly cost per option")
    bars.y_axis.title = currency
    bars.add_data(Reference(ws, min_col=3, min_row=first - 1, max_row=last), titles_from_data=True)
    bars.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
    bars.legend = None
    bars.width, bars.height = 18, 7 + 0.6 * (last - first)
    ws.add_chart(bars, f"A{anchor_row}")
    lines = LineChart()
    lines.title = _("Cumulative cost over the horizon")
    lines.y_axis.title = currency
    lines.x_axis.title = _("Month")
    for column in cumulative.columns:
        lines.add_data(
            Reference(budget, min_col=column, min_row=3, max_row=cumulative.last),
            titles_from_data=True,
        )
    lines.set_categories(
        Reference(budget, min_col=1, min_row=cumulative.first, max_row=cumulative.last)
    )
    lines.width, lines.height = 18, 9
    ws.add_chart(lines, f"A{anchor_row + 18 + last - first}")
