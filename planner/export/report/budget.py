"""The report's month-by-month budget, its assumptions, the options ruled out, and the
closing note on estimates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from planner.engine.recommend import GROUPS, group_of
from planner.export.report.text import (
    FONT_BOLD,
    HEADER_FILL,
    HIGHLIGHT,
    bullet,
    column_widths,
    header_row,
    markup,
    para,
    styles,
    table_style,
)
from planner.export.report.words import (
    add_months,
    group_title,
    group_title_of,
    month_label,
    over_months,
)
from planner.export.workbook.assumption_rows import AssumptionRow
from planner.model.result import EstimateResult, Option, Reason
from planner.words.formats import day, money
from planner.words.i18n import _, ngettext
from planner.words.names import localised_label
from planner.words.reasons import describe
from planner.words.sources import cite
from planner.words.units import with_unit

NOTABLE_PER_GROUP = 4


def budget(
    shown: list[Option], result: EstimateResult, start: date, width: float
) -> list[Flowable]:
    """Months as rows, the shown options as columns; one-off costs in month 1, totals last."""
    flow: list[Flowable] = [
        para(_("Month-by-month budget"), "h1"),
        para(
            _(
                "What each option costs every month of the plan, growth included: money out of "
                "the account. One-off costs (setting up, training on your data, buying hardware) "
                "fall in month 1, and hardware bought later in its month; the last row is the "
                "total over the horizon."
            )
        ),
        Spacer(1, 3 * mm),
    ]
    if not shown:
        return flow
    currency = result.currency
    header = [_("Month"), *[group_title(o) for o in shown]]
    rows: list[list[object]] = []
    for month in range(result.horizon_months):
        label = f"{month + 1} · {month_label(add_months(start, month))}"
        cells = [month_cost(option, month) for option in shown]
        rows.append([label, *[money(cost, currency) for cost in cells]])
    rows.append([_("Total"), *[money(option.horizon_cost, currency) for option in shown]])
    widths = column_widths(header, rows, width)
    table = Table([header_row(header), *rows], colWidths=widths, repeatRows=1)
    style: list[tuple[object, ...]] = [
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("FONTNAME", (0, -1), (-1, -1), FONT_BOLD),
        ("BACKGROUND", (0, -1), (-1, -1), HEADER_FILL),
        ("TOPPADDING", (0, 1), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 1.5),
    ]
    if result.recommended is not None:  # shown first
        style.append(("BACKGROUND", (1, 1), (1, -2), HIGHLIGHT))
    table.setStyle(table_style(style))
    return [*flow, table]


def month_cost(option: Option, month: int) -> float:
    """The option's cost in one month as the engine gave it, one-off costs in month 1."""
    series = option.monthly_series
    cost = series[month] if month < len(series) else 0.0
    return cost + option.one_off_cost if month == 0 else cost


def assumptions(rows: list[AssumptionRow], width: float) -> list[Flowable]:
    """Every input and rate with its value, source and date, by section."""
    flow: list[Flowable] = [
        para(_("Assumptions and sources"), "h1"),
        para(
            _(
                "Every figure the budget rests on: what you entered, the prices and rates from the "
                "bundled tables with where each comes from and its date, and the values calculated "
                "from them."
            )
        ),
        Spacer(1, 3 * mm),
    ]
    header = [_("What"), _("Value"), _("Source"), _("As of")]
    table_rows: list[list[object]] = [header_row(header, (1,))]
    style: list[tuple[object, ...]] = []
    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            table_rows.append([para(section, "cell_bold"), "", "", ""])
            index = len(table_rows) - 1
            style += [
                ("SPAN", (0, index), (-1, index)),
                ("BACKGROUND", (0, index), (-1, index), HIGHLIGHT),
            ]
        table_rows.append(
            [
                para(row.label, "cell"),
                para(_value(row), "cell_right"),
                para(_source(row), "cell_small"),
                para(day(row.as_of) if row.as_of else "–", "cell"),
            ]
        )
    shares = (0.33, 0.14, 0.41, 0.12)
    table = Table(table_rows, colWidths=[width * s for s in shares], repeatRows=1)
    table.setStyle(table_style(style))
    return [*flow, table]


def _value(row: AssumptionRow) -> str:
    if isinstance(row.value, str):
        return f"{row.value} {row.unit}".strip()
    value = float(row.value)
    most = 2 if abs(value) >= 10 else 4
    decimals = next(
        d for d in range(most + 1) if d == most or round(value, d) == round(value, most)
    )
    return with_unit(value, row.unit, decimals)


def _source(row: AssumptionRow) -> str:
    return cite(row.source)


def excluded(result: EstimateResult, width: float) -> list[Flowable]:
    """How many options each need ruled out, and the cheapest few of each kind with why."""
    flow: list[Flowable] = [para(_("Options ruled out"), "h1")]
    counts = exclusion_counts(result)
    if not counts:
        return [*flow, para(_("No option was ruled out."))]
    flow += [bullet(describe(reason, result.currency)) for reason in counts]
    flow.append(
        para(
            ngettext(
                "For each kind, the cheapest option ruled out for each reason, with what it "
                "would have cost over {months} month:",
                "For each kind, the cheapest option ruled out for each reason, with what it "
                "would have cost over {months} months:",
                result.horizon_months,
            ).format(months=result.horizon_months)
        )
    )
    for group in GROUPS:
        notable = notable_exclusions(result.options, group)
        if notable:
            flow += [para(group_title_of(group), "h2"), _excluded_table(notable, result, width)]
    return flow


def exclusion_counts(result: EstimateResult) -> list[Reason]:
    """How many options each reason ruled out, as the result counted them."""
    return list(result.exclusions)


def notable_exclusions(options: Iterable[Option], group: tuple[str, str]) -> list[Option]:
    """The cheapest excluded option of ``group`` for each distinct first reason, cheapest
    first, at most ``NOTABLE_PER_GROUP``."""
    cheapest: dict[str, Option] = {}
    for option in sorted(options, key=lambda o: (o.horizon_cost, o.id)):
        if option.feasible or group_of(option) != group:
            continue
        cheapest.setdefault(option.excluded_reasons[0].code, option)
    return list(cheapest.values())[:NOTABLE_PER_GROUP]


def _excluded_table(notable: list[Option], result: EstimateResult, width: float) -> Table:
    header = [
        _("Option"),
        over_months(result.horizon_months),
        _("Why it was ruled out"),
    ]
    rows: list[list[object]] = []
    cell = styles()["cell"]
    for option in notable:
        reasons = "<br/>".join(
            markup(describe(r, result.currency)) for r in option.excluded_reasons
        )
        rows.append(
            [
                para(localised_label(option.label), "cell"),
                money(option.horizon_cost, result.currency),
                Paragraph(reasons, cell),
            ]
        )
    widths = column_widths(header, rows, width, {0: 4, 2: 5})
    table = Table([header_row(header, (1,)), *rows], colWidths=widths, repeatRows=1)
    table.setStyle(table_style([("ALIGN", (1, 1), (1, -1), "RIGHT")]))
    return table
