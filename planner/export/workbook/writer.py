"""The budget as a live Excel workbook (openpyxl): formulas over a sheet of assumptions.

Sheets: Summary, Assumptions, Options, Budget, Rates. Every assumption is a workbook-level
name; the Options and Budget sheets are formulas over those names, so changing a number in
Assumptions recalculates every dependent figure in Excel or LibreOffice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from planner.engine.inputs import Inputs
from planner.export.shown import shown_options
from planner.export.workbook.assumption_rows import (
    AssumptionRow,
    InputBook,
    base_book,
    effective_inputs,
)
from planner.export.workbook.option_formulas import OptionBlock, add_common_rows, option_block
from planner.export.workbook.rate_rows import used_rate_rows
from planner.model.plan import Plan
from planner.model.result import CATEGORIES, EstimateResult
from planner.rates import RateBook
from planner.rates.api_prices import genai_prices_version
from planner.words import names as words
from planner.words.formats import excel_money_format
from planner.words.i18n import _
from planner.words.reasons import describe

HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
INPUT_FILL = PatternFill("solid", fgColor="FFF4CC")  # values a user is invited to change
DERIVED_FONT = Font(italic=True, color="555555")
FIRST_MONTH_ROW = 4
DATE_FORMAT = "yyyy-mm"


def category_label(category: str) -> str:
    return words.category_name(category)


def option_name(option_id: str) -> str:
    """``option_id`` with every character other than a letter or digit replaced by ``_``."""
    return re.sub(r"[^A-Za-z0-9]", "_", option_id)


def put_text(cell: Cell, text: str) -> None:
    """Text that can never be read as a formula, whatever it starts with."""
    cell.value = text
    cell.data_type = "s"


class WorkbookWriter:
    def __init__(self, plan: Plan, result: EstimateResult, rates: RateBook) -> None:
        self.plan, self.result = plan, result
        self.inputs: Inputs = effective_inputs(plan, rates)
        self.money = excel_money_format(plan.currency)
        self.book: InputBook = base_book(self.inputs)
        add_common_rows(self.book, self.inputs)
        source = f"genai-prices {genai_prices_version()}"
        self.shown = shown_options(result)
        self.blocks = [
            option_block(self.book, self.inputs, result, option, f"o{index}", source)
            for index, option in enumerate(self.shown, 1)
        ]
        self.wb = Workbook()
        self.first_month_cells: dict[str, str] = {}
        self.one_off_cells: dict[str, str] = {}
        self.block_categories: dict[str, dict[str, str]] = {}
        self.block_letters: list[dict[str, str]] = []

    # --- names -------------------------------------------------------------------------
    def name(self, name: str, sheet: str, cell: str) -> None:
        absolute = re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", cell)
        self.wb.defined_names[name] = DefinedName(name, attr_text=f"'{sheet}'!{absolute}")

    # --- sheets ------------------------------------------------------------------------
    def build(self) -> Workbook:
        summary = self.wb.active
        assert summary is not None
        summary.title = _("Summary")
        self.assumptions = self.wb.create_sheet(_("Assumptions"))
        self.options = self.wb.create_sheet(_("Options"))
        self.budget = self.wb.create_sheet(_("Budget"))
        self.rates_sheet = self.wb.create_sheet(_("Rates"))
        self.write_assumptions()
        self.write_budget()
        self.write_options()
        self.write_summary(summary)
        self.write_rates()
        self.properties()
        return self.wb

    def write_assumptions(self) -> None:
        ws = self.assumptions
        headers = (_("Assumption"), _("Value"), _("Unit"), _("Source"), _("As of"), _("Name"))
        self.header_row(ws, 1, headers)
        row = 2
        section = None
        for item in self.book.rows:
            if item.section != section:
                section = item.section
                row += 1 if row > 2 else 0
                put_text(ws.cell(row, 1), section)
                ws.cell(row, 1).font = HEADER_FONT
                row += 1
            self.assumption_row(ws, row, item)
            row += 1
        widths = (52, 16, 18, 70, 12, 30)
        self.finish(ws, widths, freeze="B2", landscape=True)

    def assumption_row(self, ws: Worksheet, row: int, item: AssumptionRow) -> None:
        put_text(ws.cell(row, 1), item.label)
        value_cell = ws.cell(row, 2)
        if item.formula is not None:
            value_cell.value = f"={item.formula}"
            value_cell.font = DERIVED_FONT
            value_cell.number_format = "#,##0.00##"
        else:
            if isinstance(item.value, str):
                put_text(value_cell, item.value)
            else:
                value_cell.value = item.value
            value_cell.fill = INPUT_FILL
        if item.unit == "money":
            value_cell.number_format = self.money
            put_text(ws.cell(row, 3), self.plan.currency)
        else:
            put_text(ws.cell(row, 3), item.unit)
        source = {"plan": _("your plan"), "derived": _("calculated")}.get(item.source, item.source)
        put_text(ws.cell(row, 4), source)
        if item.as_of is not None:
            ws.cell(row, 5).value = item.as_of
            ws.cell(row, 5).number_format = "yyyy-mm-dd"
        put_text(ws.cell(row, 6), item.name)
        self.name(item.name, ws.title, f"B{row}")

    # --- budget ------------------------------------------------------------------------
    def write_budget(self) -> None:
        ws = self.budget
        months = self.plan.horizon_months
        first, last = FIRST_MONTH_ROW, FIRST_MONTH_ROW + months - 1
        put_text(
            ws.cell(1, 1), _("Month by month, in {currency}").format(currency=self.plan.currency)
        )
        ws.cell(1, 1).font = TITLE_FONT
        headers = [_("Month"), _("Starts"), _("Requests a day"), _("Model calls a day")]
        headers += [o.label for o in self.shown]
        headers += [_("Cumulative: {label}").format(label=o.label) for o in self.shown]
        self.header_row(ws, 3, headers)
        n = len(self.shown)
        total_cols = [5 + i for i in range(n)]
        cumulative_cols = [5 + n + i for i in range(n)]
        block_start = 6 + 2 * n
        block_letters = self.block_letters = self.block_columns(block_start)
        for index in range(months):
            r = first + index
            ws.cell(r, 1).value = index + 1
            ws.cell(r, 2).value = self.inputs.month_start(index)
            ws.cell(r, 2).number_format = DATE_FORMAT
            ws.cell(r, 3).value = f"=requests_per_day*(1+growth_pct_per_month/100)^($A{r}-1)"
            ws.cell(r, 3).number_format = "#,##0.0"
            ws.cell(
                r, 4
            ).value = f"=$C{r}*(1+buffer_pct/100)*(1-semantic_cache_hit_rate)*calls_per_request"
            ws.cell(r, 4).number_format = "#,##0.0"
            for block, letters in zip(self.blocks, block_letters, strict=True):
                self.block_row(ws, r, block, letters, first)
        totals = last + 1
        one_off_row, horizon_row = last + 2, last + 3
        put_text(ws.cell(totals, 1), _("Total of the months"))
        put_text(ws.cell(one_off_row, 1), _("One-off costs"))
        put_text(ws.cell(horizon_row, 1), _("Total over the horizon"))
        for cell in (ws.cell(totals, 1), ws.cell(one_off_row, 1), ws.cell(horizon_row, 1)):
            cell.font = HEADER_FONT
        for block, letters, col, cum in zip(
            self.blocks, block_letters, total_cols, cumulative_cols, strict=True
        ):
            total_letter = letters["total"]
            c = get_column_letter(col)
            one_off = "+".join(f"({formula})" for formula in block.one_off.values()) or "0"
            for index in range(months):
                r = first + index
                ws.cell(r, col).value = f"={total_letter}{r}"
                previous = f"{get_column_letter(cum)}{r - 1}" if index else f"({one_off})"
                ws.cell(r, cum).value = f"={previous}+{c}{r}"
            ws.cell(totals, col).value = f"=SUM({c}{first}:{c}{last})"
            ws.cell(one_off_row, col).value = f"={one_off}"
            ws.cell(horizon_row, col).value = f"={c}{totals}+{c}{one_off_row}"
            for r in range(first, horizon_row + 1):
                ws.cell(r, col).number_format = self.money
                ws.cell(r, cum).number_format = self.money
            for r in (totals, one_off_row, horizon_row):
                ws.cell(r, col).font = HEADER_FONT
            oid = option_name(block.option.id)
            self.name(f"monthly_cost_{oid}", ws.title, f"{c}{first}")
            self.name(f"horizon_cost_{oid}", ws.title, f"{c}{horizon_row}")
            self.first_month_cells[block.option.id] = f"{total_letter}{first}"
            self.one_off_cells[block.option.id] = f"{c}{one_off_row}"
            self.block_categories[block.option.id] = {
                str(column.category): f"{letters[column.key]}{first}"
                for column in block.columns
                if column.category is not None
            }
        self.cumulative = (cumulative_cols, first, last)
        widths = [8, 10, 14, 14] + [18] * (2 * n)
        self.finish(ws, widths, freeze=f"C{first}", landscape=True, header_row=3)

    def block_columns(self, start: int) -> list[dict[str, str]]:
        """Place each option's working columns, with a two-row header above them."""
        ws = self.budget
        placed = []
        column = start
        for block in self.blocks:
            letters: dict[str, str] = {}
            put_text(ws.cell(2, column), block.option.label)
            ws.cell(2, column).font = HEADER_FONT
            for item in block.columns:
                letters[item.key] = get_column_letter(column)
                put_text(ws.cell(3, column), item.header)
                ws.cell(3, column).font = HEADER_FONT
                ws.cell(3, column).alignment = Alignment(wrap_text=True, vertical="top")
                ws.column_dimensions[get_column_letter(column)].width = 14
                column += 1
            column += 1
            placed.append(letters)
        return placed

    def block_row(
        self, ws: Worksheet, r: int, block: OptionBlock, letters: dict[str, str], first: int
    ) -> None:
        for item in block.columns:
            template = item.first_formula if (r == first and item.first_formula) else item.formula
            cell = ws[f"{letters[item.key]}{r}"]
            cell.value = "=" + self.fill(template, r, letters)
            cell.number_format = {"money": self.money, "count": "0", "share": "0.0%"}[item.kind]

    @staticmethod
    def fill(template: str, r: int, letters: dict[str, str]) -> str:
        def replace(match: re.Match[str]) -> str:
            kind, _sep, key = match.group(1).partition(":")
            if kind == "calls":
                return f"$D{r}"
            if kind == "m":
                return f"$A{r}"
            if kind == "col":
                return f"{letters[key]}{r}"
            return f"{letters[key]}{r - 1}"

        return re.sub(r"\{([a-z]+(?::[a-z_]+)?)\}", replace, template)

    # --- options -----------------------------------------------------------------------
    def write_options(self) -> None:
        ws = self.options
        put_text(
            ws.cell(1, 1),
            _("Each option, first month and one-off costs, in {currency}").format(
                currency=self.plan.currency
            ),
        )
        ws.cell(1, 1).font = TITLE_FONT
        row = 3
        budget = self.budget.title
        for block in self.blocks:
            option = block.option
            put_text(ws.cell(row, 1), option.label)
            ws.cell(row, 1).font = HEADER_FONT
            self.header_row(ws, row + 1, (_("Cost"), _("A month"), _("Once")))
            first = row + 2
            for offset, category in enumerate(CATEGORIES):
                r = first + offset
                put_text(ws.cell(r, 1), category_label(category))
                cell = self.block_categories[option.id].get(category)
                ws.cell(r, 2).value = f"='{budget}'!{cell}" if cell else 0
                one_off = block.one_off.get(category)
                ws.cell(r, 3).value = f"={one_off}" if one_off else 0
                ws.cell(r, 2).number_format = ws.cell(r, 3).number_format = self.money
            total = first + len(CATEGORIES)
            put_text(ws.cell(total, 1), _("Total"))
            ws.cell(total, 1).font = HEADER_FONT
            last = total - 1
            ws.cell(total, 2).value = f"=SUM(B{first}:B{last})"
            ws.cell(total, 3).value = f"=SUM(C{first}:C{last})"
            for column in (2, 3):
                ws.cell(total, column).number_format = self.money
                ws.cell(total, column).font = HEADER_FONT
            row = total + 2
        self.finish(ws, (40, 18, 18), freeze="A3", landscape=False)

    # --- summary -----------------------------------------------------------------------
    def write_summary(self, ws: Worksheet) -> None:
        plan = self.plan
        put_text(ws.cell(1, 1), _("AI budget: {name}").format(name=plan.name))
        ws.cell(1, 1).font = TITLE_FONT
        facts = [
            (_("Company"), plan.company),
            (_("Advisor"), plan.advisor),
            (_("Prepared"), date.today().isoformat()),
            (_("Currency"), plan.currency),
            (_("Horizon"), _("{months} months").format(months=plan.horizon_months)),
            (_("Notes"), plan.notes),
        ]
        row = 3
        for label, value in facts:
            put_text(ws.cell(row, 1), label)
            ws.cell(row, 1).font = HEADER_FONT
            put_text(ws.cell(row, 2), value)
            row += 1
        row += 1
        recommended = self.result.recommended
        put_text(ws.cell(row, 1), _("Recommendation"))
        ws.cell(row, 1).font = HEADER_FONT
        put_text(
            ws.cell(row, 2), recommended.label if recommended else _("No option meets every need")
        )
        row += 1
        for reason in self.result.recommendation.reasons:
            put_text(ws.cell(row, 2), describe(reason, plan.currency))
            ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=6)
            ws.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[row].height = 30
            row += 1
        row += 1
        headers = (
            _("Option"),
            _("Kind"),
            _("A month"),
            _("Once"),
            _("Over the horizon"),
            _("Busy"),
        )
        self.header_row(ws, row, headers)
        table_first = row + 1
        budget = self.budget.title
        for offset, block in enumerate(self.blocks):
            r = table_first + offset
            option = block.option
            oid = option_name(option.id)
            put_text(ws.cell(r, 1), option.label)
            ws.cell(r, 1).alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[r].height = 30
            put_text(ws.cell(r, 2), kind_label(option.kind, option.ownership))
            for column in range(2, 7):
                ws.cell(r, column).alignment = Alignment(vertical="top")
            ws.cell(r, 3).value = f"=monthly_cost_{oid}"
            ws.cell(r, 4).value = f"='{budget}'!{self.one_off_cells[option.id]}"
            ws.cell(r, 5).value = f"=horizon_cost_{oid}"
            for column in (3, 4, 5):
                ws.cell(r, column).number_format = self.money
            util_cell = self.block_utilisation(block)
            if util_cell:
                ws.cell(r, 6).value = f"='{budget}'!{util_cell}"
                ws.cell(r, 6).number_format = "0%"
        table_last = table_first + len(self.blocks) - 1
        self.charts(ws, table_first, table_last, table_last + 2)
        self.finish(ws, (50, 24, 16, 16, 18, 8), freeze=None, landscape=True)

    def block_utilisation(self, block: OptionBlock) -> str | None:
        letters = self.block_letters[self.blocks.index(block)]
        if "utilisation" not in letters:
            return None
        return f"{letters['utilisation']}{FIRST_MONTH_ROW}"

    def charts(self, ws: Worksheet, first: int, last: int, anchor_row: int) -> None:
        bars = BarChart()
        bars.type = "bar"
        bars.title = _("Monthly cost per option")
        bars.y_axis.title = self.plan.currency
        data = Reference(ws, min_col=3, min_row=first - 1, max_row=last)
        labels = Reference(ws, min_col=1, min_row=first, max_row=last)
        bars.add_data(data, titles_from_data=True)
        bars.set_categories(labels)
        bars.legend = None
        bars.width, bars.height = 18, 7 + 0.6 * (last - first)
        ws.add_chart(bars, f"A{anchor_row}")
        lines = LineChart()
        lines.title = _("Cumulative cost over the horizon")
        lines.y_axis.title = self.plan.currency
        lines.x_axis.title = _("Month")
        columns, month_first, month_last = self.cumulative
        for column in columns:
            lines.add_data(
                Reference(self.budget, min_col=column, min_row=3, max_row=month_last),
                titles_from_data=True,
            )
        lines.set_categories(
            Reference(self.budget, min_col=1, min_row=month_first, max_row=month_last)
        )
        lines.width, lines.height = 18, 9
        ws.add_chart(lines, f"A{anchor_row + 18 + last - first}")

    # --- rates -------------------------------------------------------------------------
    def write_rates(self) -> None:
        ws = self.rates_sheet
        self.header_row(ws, 1, (_("Table"), _("Row"), _("Values"), _("Source"), _("As of")))
        for row, item in enumerate(used_rate_rows(self.inputs.rates, self.result, self.shown), 2):
            for column, value in enumerate((item.table, item.row, item.values, item.source), 1):
                put_text(ws.cell(row, column), value)
            ws.cell(row, 5).value = item.as_of
            ws.cell(row, 5).number_format = "yyyy-mm-dd"
        self.finish(ws, (18, 34, 70, 80, 12), freeze="A2", landscape=True)

    # --- shared ------------------------------------------------------------------------
    @staticmethod
    def header_row(ws: Worksheet, row: int, headers: Iterable[str]) -> None:
        for column, text in enumerate(headers, 1):
            cell = ws.cell(row, column)
            put_text(cell, text)
            cell.font = HEADER_FONT
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    @staticmethod
    def finish(
        ws: Worksheet,
        widths: Iterable[float],
        freeze: str | None,
        landscape: bool,
        header_row: int = 1,
    ) -> None:
        for column, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(column)].width = width
        if freeze:
            ws.freeze_panes = freeze
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = f"{header_row}:{header_row}"

    def properties(self) -> None:
        props = self.wb.properties
        props.title = _("AI budget: {name}").format(name=self.plan.name)[:250]
        props.subject = _("Costs of running a language model")
        props.creator = "LLM Cost Planner"
        props.description = self.plan.company[:250]


def kind_label(kind: str, ownership: str) -> str:
    return words.group_title((kind, ownership))


def build_workbook(plan: Plan, result: EstimateResult, rates: RateBook) -> Workbook:
    """The whole workbook, in memory."""
    return WorkbookWriter(plan, result, rates).build()
