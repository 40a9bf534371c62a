"""The workbook's Actuals and Alerts sheets: the month of the plan's ledger, as it was.

Actuals lists each day (requests, tokens, usage re-priced, the bill, what the bill adds,
the day's cost) with totals that are formulas over the days, then the month by provider,
project and model. Alerts lists what the budget guard said, newest first. Both only lay
out the ``PlanActuals`` they are given; the Variance sheet builds on the days' rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from planner.export.workbook.cells import (
    HEADER_FONT,
    TITLE_FONT,
    WRAP_TOP,
    define_name,
    finish,
    header_row,
    put_text,
    sheet_ref,
    wrapped_height,
)
from planner.model.actuals_summary import ActualDay, ActualGroup, PlanActuals
from planner.words.alerts import level_name, month_name, rule_name
from planner.words.i18n import _

FIRST_DAY_ROW = 4
DATE_FORMAT = "yyyy-mm-dd"
COUNT_FORMAT = "#,##0"
ACTUALS_WIDTHS = (24, 12, 15, 15, 17, 17, 17, 17)
ALERTS_WIDTHS = (12, 26, 11, 100)
# Day columns: what each holds; money columns take the plan's currency format.
DAY_COLUMNS = ("day", "requests", "input_tokens", "output_tokens", "priced", "billed", "gap",
               "cost")  # fmt: skip
COUNTS = {"requests", "input_tokens", "output_tokens"}
DATE_TOP = Alignment(horizontal="left", vertical="top")


@dataclass(frozen=True)
class DayRows:
    """Where the Actuals sheet keeps its days: a row each from ``first``, the totals below."""

    sheet: str
    first: int
    days: tuple[date, ...]

    @property
    def last(self) -> int:
        return self.first + len(self.days) - 1

    def column(self, key: str) -> str:
        return "ABCDEFGH"[DAY_COLUMNS.index(key)]

    def through(self, key: str, day: date) -> str:
        """The cells of column ``key`` from the first day to ``day``, for a formula."""
        last = self.first + self.days.index(day)
        letter = self.column(key)
        return f"{sheet_ref(self.sheet)}!{letter}{self.first}:{letter}{last}"


def write_actuals(wb: Workbook, ws: Worksheet, actuals: PlanActuals, money: str) -> DayRows:
    """Fill the Actuals sheet; ``money`` is the number format of the plan's currency."""
    title = _("{month}: actual spend, in {currency}")
    put_text(ws.cell(1, 1), title.format(month=month_name(actuals.month),
                                         currency=actuals.currency))  # fmt: skip
    ws.cell(1, 1).font = TITLE_FONT
    put_text(ws.cell(2, 1), _(
        "From the ledger kept beside the plan file. Usage is re-priced at the providers' list "
        "prices; “Billed” is what a provider's bill says, where one was imported. A day costs "
        "its bill where there is one, else its usage re-priced."))  # fmt: skip
    headers = (_("Day"), _("Requests"), _("Input tokens"), _("Output tokens"),
               _("Usage re-priced"), _("Billed"), _("Bill over usage"), _("Cost"))  # fmt: skip
    header_row(ws, FIRST_DAY_ROW - 1, headers)
    ws.row_dimensions[FIRST_DAY_ROW - 1].height = wrapped_height(headers, ACTUALS_WIDTHS)
    rows = DayRows(ws.title, FIRST_DAY_ROW, tuple(day.day for day in actuals.days))
    for r, day in enumerate(actuals.days, FIRST_DAY_ROW):
        _day_row(ws, r, day, money)
    _totals(wb, ws, rows, money)
    row = rows.last + 3
    for heading, groups in ((_("By provider"), actuals.providers),
                            (_("By project"), actuals.projects),
                            (_("By model"), actuals.models)):  # fmt: skip
        row = _groups(ws, row, heading, groups, money) + 2
    finish(ws, ACTUALS_WIDTHS, freeze=f"B{FIRST_DAY_ROW}", landscape=True,
           header_row_number=FIRST_DAY_ROW - 1)  # fmt: skip
    return rows


def _day_row(ws: Worksheet, r: int, day: ActualDay, money: str) -> None:
    ws.cell(r, 1).value = day.day
    ws.cell(r, 1).number_format = DATE_FORMAT
    values = (day.requests, day.input_tokens, day.output_tokens, day.priced, day.billed,
              day.gap if day.billed is not None else None)  # fmt: skip
    for column, (key, value) in enumerate(zip(DAY_COLUMNS[1:7], values, strict=True), 2):
        cell = ws.cell(r, column)
        cell.value = float(value) if value is not None and key not in COUNTS else value
        cell.number_format = COUNT_FORMAT if key in COUNTS else money
    ws.cell(r, 8).value = f"=E{r}+G{r}"
    ws.cell(r, 8).number_format = money


def _totals(wb: Workbook, ws: Worksheet, rows: DayRows, money: str) -> None:
    """The month's totals as SUMs over the days, named ``actual_<column>_total``."""
    r = rows.last + 1
    put_text(ws.cell(r, 1), _("Total"))
    ws.cell(r, 1).font = HEADER_FONT
    for column, key in enumerate(DAY_COLUMNS[1:], 2):
        letter = rows.column(key)
        cell = ws.cell(r, column)
        cell.value = f"=SUM({letter}{rows.first}:{letter}{rows.last})"
        cell.number_format = COUNT_FORMAT if key in COUNTS else money
        cell.font = HEADER_FONT
        define_name(wb, f"actual_{key}_total", ws.title, f"{letter}{r}")


def _groups(ws: Worksheet, row: int, heading: str, groups: Sequence[ActualGroup],
            money: str) -> int:  # fmt: skip
    """A small table of the month by provider, project or model; returns its last row."""
    headers = (heading, _("Requests"), _("Usage re-priced"), _("Billed"))
    header_row(ws, row, headers)
    ws.row_dimensions[row].height = wrapped_height(headers, ACTUALS_WIDTHS)
    for r, group in enumerate(groups, row + 1):
        put_text(ws.cell(r, 1), group.name)
        ws.cell(r, 2).value = group.requests
        ws.cell(r, 2).number_format = COUNT_FORMAT
        ws.cell(r, 3).value = float(group.priced)
        ws.cell(r, 4).value = float(group.billed) if group.billed is not None else None
        ws.cell(r, 3).number_format = ws.cell(r, 4).number_format = money
    return row + len(groups)


def write_alerts(ws: Worksheet, actuals: PlanActuals) -> None:
    """The month's alerts, newest first: the day, the rule, the level and what it means."""
    put_text(ws.cell(1, 1), _("{month}: alerts, newest first").format(
        month=month_name(actuals.month)))  # fmt: skip
    ws.cell(1, 1).font = TITLE_FONT
    headers = (_("Day"), _("Alert"), _("Level"), _("What happened"))
    header_row(ws, 3, headers)
    ws.row_dimensions[3].height = wrapped_height(headers, ALERTS_WIDTHS)
    if not actuals.alerts:
        put_text(ws.cell(4, 1), _("No alert this month."))
    for r, alert in enumerate(actuals.alerts, 4):
        ws.cell(r, 1).value = alert.day
        ws.cell(r, 1).number_format = DATE_FORMAT
        texts = (rule_name(alert.rule), level_name(alert.level), alert.message)
        for column, text in enumerate(texts, 2):
            put_text(ws.cell(r, column), text)
            ws.cell(r, column).alignment = WRAP_TOP
        ws.cell(r, 1).alignment = DATE_TOP
        ws.row_dimensions[r].height = wrapped_height(("", *texts), ALERTS_WIDTHS)
    finish(ws, ALERTS_WIDTHS, freeze="A4", landscape=True, header_row_number=3)
