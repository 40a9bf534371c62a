"""The workbook's Variance sheet: the month so far against the plan, and why they differ.

The same arithmetic as the budget guard (``planner.actuals.compare``), restated as
formulas so that changing an actual figure — a model's requests or cost, a day's bill on
the Actuals sheet — recalculates the difference and its split. With the plan's requests
``Qp`` costing ``pp`` each, and ``qm`` requests costing ``Am`` on each model (``p̂m``: a
request of the plan's size on that model):

* volume    = (Σqm − Qp) · pp
* mix       = Σ qm·p̂m − Σqm · pp
* unit cost = (ΣAm + the bills' gap − the plan's cost) − volume − mix

A test recalculates the sheet and compares each effect with the guard's to the cent.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from planner.export.workbook.actuals_sheet import DayRows
from planner.export.workbook.cells import (
    DERIVED_FONT,
    HEADER_FONT,
    INPUT_FILL,
    TITLE_FONT,
    define_name,
    finish,
    header_row,
    put_text,
    wrapped_height,
)
from planner.model.actuals_summary import PlanActuals, PlanComparison
from planner.words.formats import day as day_text
from planner.words.i18n import _

WIDTHS = (46, 18, 18, 18, 20, 20)
COUNT_FORMAT = "#,##0"
SPLIT_ROW = 10
FIRST_MODEL_ROW = 18


def fine_money(money: str) -> str:
    """The plan's money format with four decimals, for what one request costs."""
    return money.replace("0.00", "0.0000", 1)


def write_variance(wb: Workbook, ws: Worksheet, actuals: PlanActuals, days: DayRows,
                   money: str) -> None:  # fmt: skip
    """Fill the Variance sheet; without a plan to compare with, say why it is empty."""
    found = actuals.comparison
    if found is None:
        put_text(ws.cell(1, 1), _("Plan and actual"))
        ws.cell(1, 1).font = TITLE_FONT
        put_text(ws.cell(3, 1), _(
            "There is nothing to compare yet: the plan recommends no option, or the month "
            "has no complete day."))  # fmt: skip
        finish(ws, WIDTHS, freeze=None, landscape=True)
        return
    first = days.days[0]
    put_text(ws.cell(1, 1), _("Plan and actual, {first} to {last}, in {currency}").format(
        first=day_text(first), last=day_text(found.through), currency=actuals.currency))  # fmt: skip
    ws.cell(1, 1).font = TITLE_FONT
    put_text(ws.cell(2, 1), _(
        "The plan “{plan}” ({option}) for the same days, against what was spent. The figures "
        "on a yellow ground come from the ledger: change one and the difference and its split "
        "follow.").format(plan=found.plan_name, option=found.option_label))  # fmt: skip
    gap_row = _models(ws, found, days, money)
    _measures(wb, ws, found, actuals, gap_row, money)
    _split(wb, ws, gap_row - 1, money)
    finish(ws, WIDTHS, freeze=None, landscape=True)


def _measures(wb: Workbook, ws: Worksheet, found: PlanComparison, actuals: PlanActuals,
              gap_row: int, money: str) -> None:  # fmt: skip
    """Requests, their cost, the cost per request and the whole month: plan, actual, difference."""
    header_row(ws, 4, ("", _("Plan"), _("Actual"), _("Difference")))
    requests, costs = (f"{c}{FIRST_MODEL_ROW}:{c}{gap_row - 1}" for c in "CD")
    end = actuals.forecast.month_end
    rows = (
        (_("Requests"), float(found.plan_requests), f"=SUM({requests})", COUNT_FORMAT),
        (_("Cost of the requests"), float(found.plan_cost), f"=SUM({costs})+D{gap_row}", money),
        (_("Cost per request"), "=IF(B5>0,B6/B5,0)", f"=IF(C5>0,SUM({costs})/C5,0)",
         fine_money(money)),
        (_("The whole month (actual: the forecast)"), float(found.plan_month_cost),
         float(end) if end is not None else None, money),
    )  # fmt: skip
    for r, (label, plan, actual, number_format) in enumerate(rows, 5):
        put_text(ws.cell(r, 1), label)
        ws.cell(r, 2).value, ws.cell(r, 3).value = plan, actual
        ws.cell(r, 4).value = f"=C{r}-B{r}" if actual is not None else None
        for column in (2, 3, 4):
            ws.cell(r, column).number_format = number_format
    for name, cell in (("variance_plan_cost", "B6"), ("variance_actual_cost", "C6"),
                       ("variance_total", "D6"), ("variance_actual_requests", "C5")):  # fmt: skip
        define_name(wb, name, ws.title, cell)


def _split(wb: Workbook, ws: Worksheet, last_model: int, money: str) -> None:
    """Plan → volume → unit cost → mix → actual (as the screen's waterfall), each effect a formula over the cells above
    and the models' rows (down to ``last_model``)."""
    header_row(ws, SPLIT_ROW, (_("Why the cost differs"), _("Amount")))
    r = SPLIT_ROW + 1
    rows = (
        (_("The plan for these days"), "=B6", None),
        (_("More or fewer requests than planned (volume)"), "=(C5-B5)*B7", "volume"),
        (_("Larger or smaller requests, prices and the bill (unit cost)"),
         f"=D6-B{r + 1}-B{r + 3}", "unit_cost"),
        (_("Requests sent to other models than planned (mix)"),
         f"=SUM(F{FIRST_MODEL_ROW}:F{last_model})-C5*B7", "mix"),
        (_("Actual"), f"=SUM(B{r}:B{r + 3})", None),
    )  # fmt: skip
    for index, (label, formula, effect) in enumerate(rows):
        put_text(ws.cell(r + index, 1), label)
        ws.cell(r + index, 2).value = formula
        ws.cell(r + index, 2).number_format = money
        if effect is not None:
            define_name(wb, f"variance_{effect}_effect", ws.title, f"B{r + index}")
    for column in (1, 2):
        ws.cell(r + len(rows) - 1, column).font = HEADER_FONT


def _models(ws: Worksheet, found: PlanComparison, days: DayRows, money: str) -> int:
    """Each model's requests and cost (from the ledger) and what they would cost at the
    plan's size; then what the bills add. Returns the bills' row."""
    headers = (_("Provider"), _("Model"), _("Requests"), _("Cost (usage re-priced)"),
               _("A request of the plan's size"), _("These requests at the plan's size"))  # fmt: skip
    header_row(ws, FIRST_MODEL_ROW - 1, headers)
    ws.row_dimensions[FIRST_MODEL_ROW - 1].height = wrapped_height(headers, WIDTHS)
    for r, model in enumerate(found.models, FIRST_MODEL_ROW):
        put_text(ws.cell(r, 1), model.provider)
        put_text(ws.cell(r, 2), model.model)
        values = ((3, model.requests, COUNT_FORMAT), (4, float(model.cost), money),
                  (5, float(model.plan_sized_cost), fine_money(money)))  # fmt: skip
        for column, value, number_format in values:
            ws.cell(r, column).value = value
            ws.cell(r, column).number_format = number_format
            ws.cell(r, column).fill = INPUT_FILL
        ws.cell(r, 6).value = f"=C{r}*E{r}"
        ws.cell(r, 6).number_format = money
    gap_row = FIRST_MODEL_ROW + max(len(found.models), 1)
    put_text(ws.cell(gap_row, 1), _("What the bills add over the usage re-priced"))
    ws.cell(gap_row, 4).value = f"=SUM({days.through('gap', found.through)})"
    ws.cell(gap_row, 4).number_format = money
    ws.cell(gap_row, 4).font = DERIVED_FONT
    return gap_row
