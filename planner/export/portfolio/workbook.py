"""The portfolio workbook: a *Portfolio* sheet, then each company's sheets, kept live.

Each company's sheets are its single-plan workbook (``planner.export.workbook``), copied
under a prefix (``c1 Budget``, names ``c1_requests_per_day``), followed by its
market-research sheet. The Portfolio sheet has one row per company whose figures are
formulas over that company's own names, so changing ``c2_requests_per_day`` on *c2
Assumptions* and recalculating moves the second row. The break-even volume is the engine's
search, which no formula restates: it is a value, and the sheet says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from planner.export.portfolio import words
from planner.export.portfolio.annex import market_research, upkeep_kind
from planner.export.portfolio.annex_sheet import wrapped_height, write_annex_sheet
from planner.export.portfolio.sheet_copy import (
    Renaming,
    copy_workbook,
    quote,
    renaming_for,
    sheet_title,
)
from planner.export.shown import hybrid_parts
from planner.export.workbook.cells import (
    HEADER_FONT,
    TITLE_FONT,
    WRAP_TOP,
    finish,
    header_row,
    put_text,
    xml_text,
)
from planner.export.workbook.writer import build_workbook, option_name
from planner.model.result import EstimateResult, Option
from planner.scenarios.portfolio import PricedPlan, PricedPortfolio, comparison_row
from planner.words.formats import day, excel_money_format
from planner.words.i18n import _

LINK_FONT = Font(color="0563C1", underline="single")
WIDTHS = (26, 28, 40, 22, 12, 14, 14, 16, 12, 10, 22, 26, 26)  # characters
FIRST_COMPANY_ROW = 12  # below the facts and a blank row


@dataclass(frozen=True)
class CompanySheets:
    """Where one company's sheets sit: its prefix, the title of its first sheet, and the
    cells of its recommended option's months on its Budget sheet (None: nothing is)."""

    prefix: str
    first_sheet: str
    months: str | None


def build_portfolio_workbook(priced: PricedPortfolio) -> Workbook:
    """The whole portfolio workbook, in memory, from the priced plans as they are."""
    workbook = Workbook()
    portfolio = workbook.active
    assert portfolio is not None
    portfolio.title = _("Portfolio")
    placed = [_add_company(workbook, priced, index) for index in range(len(priced.companies))]
    _write_portfolio_sheet(portfolio, priced, placed)
    props = workbook.properties
    props.title = xml_text(words.workshop_title(priced.portfolio))[:250]
    props.subject = _("Costs of running a language model")
    props.creator = "LLM Cost Planner"
    props.description = xml_text(priced.portfolio.hub)[:250]
    return workbook


def _add_company(workbook: Workbook, priced: PricedPortfolio, index: int) -> CompanySheets:
    company = priced.companies[index]
    prefix = f"c{index + 1}"
    single = build_workbook(company.plan, company.result, priced.rates)
    renaming = renaming_for(single, prefix)
    sheets = copy_workbook(single, workbook, renaming)
    annex = market_research(company.plan, company.result, priced.rates, priced.day)
    write_annex_sheet(
        workbook.create_sheet(sheet_title(prefix, _("Market research"))),
        company.company,
        annex,
        company.result.currency,
    )
    best = company.result.recommended
    months = _months_range(single, renaming, best) if best is not None else None
    return CompanySheets(prefix, sheets[0].title, months)


def _months_range(single: Workbook, renaming: Renaming, best: Option) -> str:
    """The recommended option's monthly costs on the company's Budget sheet: the month its
    name ``monthly_cost_…`` points at and those below it, one per month of the horizon."""
    defined = single.defined_names[f"monthly_cost_{option_name(best.id)}"]
    sheet, cell = next(iter(defined.destinations))
    column, first = coordinate_from_string(cell.replace("$", ""))
    last = first + len(best.monthly_series) - 1
    return f"{quote(renaming.sheets[sheet])}!${column}${first}:${column}${last}"


def _headers() -> tuple[str, ...]:
    return (
        _("Company"),
        _("Use case"),
        _("Recommended option"),
        _("Kind"),
        _("Requests a day"),
        _("A month"),
        _("Once"),
        _("Over the horizon"),
        _("Cost per request"),
        _("People's time"),
        _("Break-even volume"),
        _("Data"),
        _("IT"),
    )


def _write_portfolio_sheet(
    ws: Worksheet, priced: PricedPortfolio, placed: list[CompanySheets]
) -> None:
    put_text(
        ws.cell(1, 1),
        _("Workshop portfolio: {title}").format(title=words.workshop_title(priced.portfolio)),
    )
    ws.cell(1, 1).font = TITLE_FONT
    _facts(ws, priced)
    header_row(ws, FIRST_COMPANY_ROW - 1, _headers())
    money = excel_money_format(priced.currency)
    for offset, (company, where) in enumerate(zip(priced.companies, placed, strict=True)):
        _company_row(ws, FIRST_COMPANY_ROW + offset, company, where, money)
    _notes(ws, FIRST_COMPANY_ROW + len(placed) + 1)
    finish(ws, WIDTHS, freeze=f"B{FIRST_COMPANY_ROW}", landscape=True)
    for row in range(FIRST_COMPANY_ROW - 1, FIRST_COMPANY_ROW + len(placed)):
        ws.row_dimensions[row].height = wrapped_height(ws, row, WIDTHS)
    ws.print_title_rows = f"{FIRST_COMPANY_ROW - 1}:{FIRST_COMPANY_ROW - 1}"


def _facts(ws: Worksheet, priced: PricedPortfolio) -> None:
    portfolio = priced.portfolio
    facts = (
        (_("Hub"), portfolio.hub),
        (_("Advisor"), priced.advisor),
        (_("Date"), day(priced.day)),
        (_("Currency"), priced.currency),
        (_("Companies"), str(len(priced.companies))),
        (_("Rates"), words.snapshot_sentence(portfolio.rates)),
        (_("Rate tables' fingerprint"), portfolio.rates.tables_hash[:16]),
    )
    for row, (label, value) in enumerate(facts, 3):
        put_text(ws.cell(row, 1), label)
        ws.cell(row, 1).font = HEADER_FONT
        put_text(ws.cell(row, 2), value)


def _company_row(
    ws: Worksheet, r: int, company: PricedPlan, where: CompanySheets, money: str
) -> None:
    row = comparison_row(company)
    link = ws.cell(r, 1)
    put_text(link, row.company)
    link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{quote(where.first_sheet)}!A1")
    link.font = LINK_FONT
    put_text(ws.cell(r, 2), row.name)
    put_text(ws.cell(r, 3), words.recommended_text(row))
    put_text(ws.cell(r, 4), words.kind_text(row))
    p = where.prefix
    ws.cell(r, 5).value = f"={p}_requests_per_day"
    ws.cell(r, 5).number_format = "#,##0"
    if row.recommended is not None and where.months is not None:
        _cost_cells(ws, r, p, company.result, where.months, money)
    put_text(ws.cell(r, 11), words.break_even_text(row.break_even))
    put_text(ws.cell(r, 12), words.sensitivity_text(row.data_sensitivity))
    put_text(ws.cell(r, 13), words.it_text(row.it_capacity))
    for column in range(1, 14):
        ws.cell(r, column).alignment = WRAP_TOP


def _cost_cells(
    ws: Worksheet, r: int, p: str, result: EstimateResult, months: str, money: str
) -> None:
    """Monthly, one-off and horizon cost, cost per request and people's share: formulas over
    the company's own names and Budget sheet (the one-off is what its months leave of the
    total over the horizon)."""
    best = result.recommended
    assert best is not None
    name = option_name(best.id)
    staff = staff_names(best, result)
    ws.cell(r, 6).value = f"={p}_monthly_cost_{name}"
    ws.cell(r, 7).value = f"=H{r}-SUM({months})"
    ws.cell(r, 8).value = f"={p}_horizon_cost_{name}"
    ws.cell(r, 9).value = f"=IF(E{r}>0,F{r}/(E{r}*{p}_days_per_month),0)"
    staff_sum = "+".join(f"{p}_{n}" for n in staff)
    ws.cell(r, 10).value = f"=IF(F{r}>0,({staff_sum})/F{r},0)"
    for column in (6, 7, 8):
        ws.cell(r, column).number_format = money
    ws.cell(r, 9).number_format = money.replace("#,##0.00", "#,##0.0000")
    ws.cell(r, 10).number_format = "0%"


def staff_names(option: Option, result: EstimateResult) -> tuple[str, ...]:
    """The workbook names of an option's monthly cost of people's time (a hybrid's are its
    two parts'), as the single-plan workbook defines them."""
    if option.kind == "hybrid":
        parts = hybrid_parts(option, result)
        return tuple(name for part in parts for name in staff_names(part, result))
    return (f"staff_{upkeep_kind(option)}",)


def _notes(ws: Worksheet, row: int) -> None:
    notes = (
        _(
            "Each figure is a formula over the company's own sheets (c1, c2…): change a "
            "number on its Assumptions sheet and the row follows when the workbook recalculates."
        ),
        _(
            "The break-even volume comes from the planner's search over volumes and is not "
            "recalculated here."
        ),
        _("Every company is priced with the same rates, named above."),
    )
    for offset, text in enumerate(notes):
        put_text(ws.cell(row + offset, 1), text)
