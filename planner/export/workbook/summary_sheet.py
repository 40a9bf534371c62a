"""The workbook's Summary sheet: who and what the budget is for, the recommendation, each
shown option's figures (formulas over the Budget sheet) and two native charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from planner.export.workbook.cells import (
    HEADER_FONT,
    TITLE_FONT,
    WRAP_TOP,
    finish,
    header_row,
    put_text,
)
from planner.export.workbook.sentences import NONE_OTHER, OptionTable, money_text, sentence_formula
from planner.model.plan import Plan
from planner.model.result import EstimateResult, Option
from planner.words import names as words
from planner.words.i18n import _
from planner.words.reasons import describe, template_for

NOTE_FONT = Font(italic=True, size=9)


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
    header = row + 1 + recommendation_height(result) + 1
    table = OptionTable(header + 1, header + len(rows))
    _recommendation(ws, plan, result, row + 1, table if rows else None)
    first = _option_table(ws, rows, budget.title, money, header)
    last = first + len(rows) - 1
    _charts(ws, plan.currency, first, last, budget, cumulative)
    finish(ws, (50, 24, 16, 16, 18, 8), freeze=None, landscape=True)


def _facts(ws: Worksheet, plan: Plan, row: int) -> int:
    facts = [
        (_("Company"), plan.company),
        (_("Prepared by"), plan.advisor),
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


def recommendation_height(result: EstimateResult) -> int:
    """Rows the recommendation takes: its sentence, one per reason, and the note."""
    return 1 + len(result.recommendation.reasons) + 1


def _recommendation(
    ws: Worksheet, plan: Plan, result: EstimateResult, row: int, table: OptionTable | None
) -> None:
    """The recommendation and the reasons that carry amounts as formulas over ``table``;
    the other reasons as exported, said so in a note."""
    put_text(ws.cell(row, 1), _("Recommendation"))
    ws.cell(row, 1).font = HEADER_FONT
    if table is None or result.recommended is None:
        put_text(ws.cell(row, 2), _("No option meets every need"))
        return
    _sentence(ws, row, "summary_recommendation", _headline(table, plan), 40)
    for index, reason in enumerate(result.recommendation.reasons, 1):
        live = _live_reason(reason.code, table, plan)
        if live is not None:
            _sentence(ws, row + index, f"summary_reason_{index}", live, 30)
        else:
            put_text(ws.cell(row + index, 2), describe(reason, plan.currency))
            _wrap(ws, row + index, 30)
    note = row + len(result.recommendation.reasons) + 1
    put_text(
        ws.cell(note, 2),
        _(
            "The recommendation and the amounts above follow the table below when a figure on "
            "the Assumptions sheet changes; the other reasons describe the plan as exported."
        ),
    )
    ws.cell(note, 2).font = NOTE_FONT
    _wrap(ws, note, 30)


def _headline(table: OptionTable, plan: Plan) -> str:
    template = _(
        "We recommend {option}, {kind}: about {monthly} a month, {one_off} to set up, "
        "{horizon} over {months} months."
    )
    return sentence_formula(
        template,
        {
            "option": table.of_cheapest("A"),
            "kind": table.of_cheapest("H"),
            "monthly": money_text(table.of_cheapest("C"), plan.currency),
            "one_off": money_text(table.of_cheapest("D"), plan.currency),
            "horizon": money_text(table.cheapest_total(), plan.currency),
            "months": "horizon_months",
        },
    )


def _live_reason(code: str, table: OptionTable, plan: Plan) -> str | None:
    """The formula of a reason whose amounts come from the table, or None."""
    template = template_for(code)
    if code == "cheapest_over_horizon":
        parts = {"cost": money_text(table.cheapest_total(), plan.currency)}
    elif code == "next_best_other_kind":
        difference = f"{table.other_kind_total()}-{table.cheapest_total()}"
        sentence = sentence_formula(
            template,
            {
                "kind": table.other_kind("H"),
                "difference": money_text(difference, plan.currency),
                "months": "horizon_months",
            },
        )
        return f'IF({table.other_kind_total()}>={NONE_OTHER},"",{sentence})'
    else:
        return None
    return sentence_formula(template, {**parts, "months": "horizon_months"})


def _sentence(ws: Worksheet, row: int, name: str, formula: str, height: float) -> None:
    ws.cell(row, 2).value = "=" + formula
    ws.parent.defined_names[name] = DefinedName(name, attr_text=f"'{ws.title}'!$B${row}")
    _wrap(ws, row, height)


def _wrap(ws: Worksheet, row: int, height: float) -> None:
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
    ws.cell(row, 2).alignment = WRAP_TOP
    ws.row_dimensions[row].height = height


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
        # What the sentences above need to name an option's kind (hidden).
        put_text(ws.cell(r, 7), option.kind)
        put_text(ws.cell(r, 8), words.group_phrase((option.kind, option.ownership)))
    for letter in ("G", "H"):
        ws.column_dimensions[letter].hidden = True
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
