"""The budget as a live Excel workbook (openpyxl): formulas over a sheet of assumptions.

Sheets: Summary, Assumptions, Options, Budget, Rates (and, when the plan has a ledger,
Actuals, Variance and Alerts after Budget). Every assumption is a workbook-level
name; the Options and Budget sheets are formulas over those names, so changing a number in
Assumptions recalculates every dependent figure in Excel or LibreOffice. Every string goes
in through ``cells.put_text`` (and the document properties through ``cells.xml_text``), so
no text can break the file or be read as a formula.
"""

from __future__ import annotations

import re

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from planner.engine.inputs import Inputs
from planner.export.shown import shown_options
from planner.export.workbook.actuals_sheet import write_actuals, write_alerts
from planner.export.workbook.assumption_rows import (
    BookRow,
    InputBook,
    base_book,
    effective_inputs,
)
from planner.export.workbook.cells import (
    DERIVED_FONT,
    HEADER_FONT,
    INPUT_FILL,
    TITLE_FONT,
    WRAP_TOP,
    define_name,
    finish,
    header_row,
    print_across_pages,
    put_text,
    wrapped_height,
    xml_text,
)
from planner.export.workbook.columns import OptionBlock
from planner.export.workbook.common_rows import add_common_rows
from planner.export.workbook.option_formulas import option_block
from planner.export.workbook.options_sheet import write_options
from planner.export.workbook.rate_rows import used_rate_rows
from planner.export.workbook.summary_sheet import Cumulative, SummaryRow, write_summary
from planner.export.workbook.variance_sheet import write_variance
from planner.model.actuals_summary import PlanActuals
from planner.model.plan import Plan
from planner.model.result import EstimateResult
from planner.rates import RateBook
from planner.rates.api_prices import genai_prices_version
from planner.words.fields import table_title
from planner.words.formats import excel_money_format
from planner.words.i18n import _
from planner.words.sources import cite

FIRST_MONTH_ROW = 4
RATES_WIDTHS = (18, 34, 70, 80, 12)
DATE_FORMAT = "yyyy-mm"
NUMBER_FORMATS = {"count": "0", "share": "0.0%"}  # and money in the plan's currency


def option_name(option_id: str) -> str:
    """``option_id`` with every character other than a letter or digit replaced by ``_``."""
    return re.sub(r"[^A-Za-z0-9]", "_", option_id)


class WorkbookWriter:
    """Builds the workbook of one costed plan, sheet by sheet."""

    def __init__(
        self,
        plan: Plan,
        result: EstimateResult,
        rates: RateBook,
        actuals: PlanActuals | None = None,
    ) -> None:
        self.plan, self.result, self.actuals = plan, result, actuals
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
        self.one_off_cells: dict[str, str] = {}
        self.block_letters: list[dict[str, str]] = []

    def name(self, name: str, sheet: str, cell: str) -> None:
        """A workbook-level name for one cell."""
        define_name(self.wb, name, sheet, cell)

    def build(self) -> Workbook:
        """Every sheet, in the order a reader meets them."""
        summary = self.wb.active
        assert summary is not None
        summary.title = _("Summary")
        self.assumptions = self.wb.create_sheet(_("Assumptions"))
        self.options = self.wb.create_sheet(_("Options"))
        self.budget = self.wb.create_sheet(_("Budget"))
        self.rates_sheet = self.wb.create_sheet(_("Rates"))
        self.write_assumptions()
        self.write_budget()
        write_options(
            self.options,
            self.blocks,
            self.block_letters,
            self.budget,
            FIRST_MONTH_ROW,
            self.plan.currency,
            self.money,
        )
        write_summary(
            summary,
            self.plan,
            self.result,
            self.summary_rows(),
            self.budget,
            self.cumulative,
            self.money,
        )
        self.write_rates()
        if self.actuals is not None:
            self.write_actuals(self.actuals)
        self.properties()
        return self.wb

    def write_actuals(self, actuals: PlanActuals) -> None:
        """The ledger's month, after the Budget sheet: Actuals, Variance and Alerts."""
        at = self.wb.sheetnames.index(self.budget.title) + 1
        sheets = [self.wb.create_sheet(title, at + i) for i, title in enumerate(
            (_("Actuals"), _("Variance"), _("Alerts")))]  # fmt: skip
        days = write_actuals(self.wb, sheets[0], actuals, self.money)
        write_variance(self.wb, sheets[1], actuals, days, self.money)
        write_alerts(sheets[2], actuals)

    # --- assumptions -------------------------------------------------------------------
    def write_assumptions(self) -> None:
        ws = self.assumptions
        headers = (_("Assumption"), _("Value"), _("Unit"), _("Source"), _("As of"), _("Name"))
        header_row(ws, 1, headers)
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
        finish(ws, (52, 16, 18, 70, 12, 30), freeze="B2", landscape=True)

    def assumption_row(self, ws: Worksheet, row: int, item: BookRow) -> None:
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
        put_text(ws.cell(row, 4), cite(item.source))
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
        put_text(
            ws.cell(2, 1),
            _("Money out of the account each month; the one-off costs fall in month 1."),
        )
        headers = [_("Month"), _("Starts"), _("Requests a day"), _("Model calls a day")]
        headers += [o.label for o in self.shown]
        headers += [_("Cumulative: {label}").format(label=o.label) for o in self.shown]
        header_row(ws, 3, headers)
        n = len(self.shown)
        self.block_letters = self.block_columns(6 + 2 * n)
        for index in range(months):
            self.month_row(ws, first + index)
        for label, r in zip(self.total_labels(), range(last + 1, last + 4), strict=True):
            put_text(ws.cell(r, 1), label)
            ws.cell(r, 1).font = HEADER_FONT
        for offset, (block, letters) in enumerate(
            zip(self.blocks, self.block_letters, strict=True)
        ):
            self.option_totals(ws, block, letters, 5 + offset, 5 + n + offset)
        self.cumulative = Cumulative([5 + n + i for i in range(n)], first, last)
        widths = [8, 10, 14, 14] + [18] * (2 * n)
        finish(ws, widths, freeze=f"C{first}", landscape=True, header_row_number=3)
        print_across_pages(ws, 4 + 2 * n, last + 3, header_row_number=3, headers=headers)

    @staticmethod
    def total_labels() -> tuple[str, str, str]:
        return _("Running costs of the months"), _("One-off costs"), _("Total over the horizon")

    def month_row(self, ws: Worksheet, r: int) -> None:
        """One month: its number, start, volume, and every option's working columns."""
        index = r - FIRST_MONTH_ROW
        ws.cell(r, 1).value = index + 1
        ws.cell(r, 2).value = self.inputs.month_start(index)
        ws.cell(r, 2).number_format = DATE_FORMAT
        ws.cell(r, 3).value = f"=requests_per_day*(1+growth_pct_per_month/100)^($A{r}-1)"
        ws.cell(r, 3).number_format = "#,##0.0"
        ws.cell(
            r, 4
        ).value = f"=$C{r}*(1+buffer_pct/100)*(1-semantic_cache_hit_rate)*calls_per_request"
        ws.cell(r, 4).number_format = "#,##0.0"
        for block, letters in zip(self.blocks, self.block_letters, strict=True):
            self.block_row(ws, r, block, letters)

    def option_totals(
        self, ws: Worksheet, block: OptionBlock, letters: dict[str, str], col: int, cum: int
    ) -> None:
        """An option's monthly totals, their running sum, and its one-off and horizon totals;
        names ``monthly_cost_<id>`` and ``horizon_cost_<id>``."""
        first, last = FIRST_MONTH_ROW, FIRST_MONTH_ROW + self.plan.horizon_months - 1
        totals, one_off_row, horizon_row = last + 1, last + 2, last + 3
        c = get_column_letter(col)
        one_off = "+".join(f"({formula})" for formula in block.one_off.values()) or "0"
        # Money out of the account, as the PDF shows it: the one-off costs fall in month 1.
        ws.cell(first, col).value = f"={letters['total']}{first}+{c}{one_off_row}"
        ws.cell(first, cum).value = f"={c}{first}"
        for r in range(first + 1, last + 1):
            ws.cell(r, col).value = f"={letters['total']}{r}"
            ws.cell(r, cum).value = f"={get_column_letter(cum)}{r - 1}+{c}{r}"
        ws.cell(totals, col).value = f"=SUM({c}{first}:{c}{last})-{c}{one_off_row}"
        ws.cell(one_off_row, col).value = f"={one_off}"
        ws.cell(horizon_row, col).value = f"={c}{totals}+{c}{one_off_row}"
        for r in range(first, horizon_row + 1):
            ws.cell(r, col).number_format = self.money
            ws.cell(r, cum).number_format = self.money
        for r in (totals, one_off_row, horizon_row):
            ws.cell(r, col).font = HEADER_FONT
        oid = option_name(block.option.id)
        self.name(f"monthly_cost_{oid}", ws.title, f"{letters['total']}{first}")
        self.name(f"horizon_cost_{oid}", ws.title, f"{c}{horizon_row}")
        self.one_off_cells[block.option.id] = f"{c}{one_off_row}"
        self.accounting_totals(ws, letters, oid, totals)

    def accounting_totals(self, ws: Worksheet, letters: dict[str, str], oid: str, row: int) -> None:
        """Under an owned option's accounting columns: what was written off over the horizon
        and what was bought (names ``written_off_<id>``, ``hardware_bought_<id>``); their
        difference is what is still on the books at the end."""
        first, last = FIRST_MONTH_ROW, self.last_month_row
        for key, name, formula in (
            ("written_off", "written_off", "SUM({c}{first}:{c}{last})"),
            ("bought_so_far", "hardware_bought", "{c}{last}"),
        ):
            if key not in letters:
                continue
            c = letters[key]
            cell = ws[f"{c}{row}"]
            cell.value = "=" + formula.format(c=c, first=first, last=last)
            cell.number_format = self.money
            cell.font = HEADER_FONT
            self.name(f"{name}_{oid}", ws.title, f"{c}{row}")

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
                if item.first_name:
                    self.name(item.first_name, ws.title, f"{letters[item.key]}{FIRST_MONTH_ROW}")
                put_text(ws.cell(3, column), item.header)
                ws.cell(3, column).font = HEADER_FONT
                ws.cell(3, column).alignment = WRAP_TOP
                ws.column_dimensions[get_column_letter(column)].width = 14
                column += 1
            column += 1
            placed.append(letters)
        return placed

    def block_row(self, ws: Worksheet, r: int, block: OptionBlock, letters: dict[str, str]) -> None:
        for item in block.columns:
            template = item.formula
            if r == FIRST_MONTH_ROW and item.first_formula is not None:
                template = item.first_formula  # no row above the first month
            cell = ws[f"{letters[item.key]}{r}"]
            cell.value = "=" + self.fill(template, r, letters, self.last_month_row)
            cell.number_format = NUMBER_FORMATS.get(item.kind, self.money)

    @property
    def last_month_row(self) -> int:
        return FIRST_MONTH_ROW + self.plan.horizon_months - 1

    @staticmethod
    def fill(template: str, r: int, letters: dict[str, str], last: int) -> str:
        """A column's formula template for row ``r`` (see ``columns``); ``last`` is the last
        month's row."""

        def replace(match: re.Match[str]) -> str:
            kind, _sep, key = match.group(1).partition(":")
            if kind == "calls":
                return f"$D{r}"
            if kind == "requests":
                return f"$C{r}"
            if kind == "m":
                return f"$A{r}"
            if kind == "col":
                return f"{letters[key]}{r}"
            if kind == "range":
                return f"${letters[key]}${FIRST_MONTH_ROW}:${letters[key]}${last}"
            return f"{letters[key]}{r - 1}"

        return re.sub(r"\{([a-z]+(?::[a-z_]+)?)\}", replace, template)

    # --- summary -----------------------------------------------------------------------
    def summary_rows(self) -> list[SummaryRow]:
        rows = []
        for block, letters in zip(self.blocks, self.block_letters, strict=True):
            busy = letters.get("utilisation")
            rows.append(
                SummaryRow(
                    block.option,
                    option_name(block.option.id),
                    self.one_off_cells[block.option.id],
                    f"{busy}{FIRST_MONTH_ROW}" if busy else None,
                )
            )
        return rows

    # --- rates -------------------------------------------------------------------------
    def write_rates(self) -> None:
        ws = self.rates_sheet
        header_row(ws, 1, (_("Table"), _("Row"), _("Values"), _("Source"), _("As of")))
        for row, item in enumerate(used_rate_rows(self.inputs.rates, self.result, self.shown), 2):
            texts = (table_title(item.table), item.row, item.values, cite(item.source))
            for column, value in enumerate(texts, 1):
                put_text(ws.cell(row, column), value)
                ws.cell(row, column).alignment = WRAP_TOP
            ws.row_dimensions[row].height = wrapped_height(texts, RATES_WIDTHS)
            ws.cell(row, 5).value = item.as_of
            ws.cell(row, 5).number_format = "yyyy-mm-dd"
        finish(ws, RATES_WIDTHS, freeze="A2", landscape=True)

    def properties(self) -> None:
        """Title, subject, author and description, cleaned like every cell."""
        props = self.wb.properties
        props.title = xml_text(_("AI budget: {name}").format(name=self.plan.name))[:250]
        props.subject = _("Costs of running a language model")
        props.creator = "LLM Cost Planner"
        props.description = xml_text(self.plan.company)[:250]


def build_workbook(
    plan: Plan, result: EstimateResult, rates: RateBook, actuals: PlanActuals | None = None
) -> Workbook:
    """The whole workbook, in memory; with ``actuals`` (the plan's ledger), the sheets of
    actual spend too."""
    return WorkbookWriter(plan, result, rates, actuals).build()


def document_company(plan: Plan) -> str:
    """The company as the workbook's document properties may hold it (docProps/app.xml)."""
    return xml_text(plan.company)
