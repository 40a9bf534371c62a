"""The report's comparison of the shown options, and their cost against volume."""

from __future__ import annotations

import math

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from planner.engine.recommend import GROUPS
from planner.export.report.charts import (
    Bar,
    Mark,
    Series,
    log_ticks,
    nice_ticks,
    stacked_bars,
    volume_lines,
)
from planner.export.report.summary import break_even_sentence
from planner.export.report.text import (
    FONT_BOLD,
    HIGHLIGHT,
    column_widths,
    header_row,
    label_first,
    para,
    table_style,
)
from planner.export.report.words import (
    VARIANTS,
    category_name,
    group_title,
    group_title_of,
    over_months,
    variant_name,
)
from planner.export.shown import hybrid_parts, shown_options
from planner.model.plan import Plan
from planner.model.result import CATEGORIES, EstimateResult, Option
from planner.scenarios.volume_curve import CurvePoint, point_of
from planner.words.formats import about, money, number, percent
from planner.words.i18n import _, ngettext
from planner.words.names import localised_label
from planner.words.palette import category_colour

CURVE_DECADES = range(7)  # one to a million requests a day, as the break-even search


def comparison(result: EstimateResult, width: float) -> list[Flowable]:
    """Table of the shown options, their monthly cost by category (chart and table), and
    how each one's total moves under the tested changes."""
    shown = shown_options(result)
    flow: list[Flowable] = [
        para(_("The options compared"), "h1"),
        para(
            _(
                "The cheapest option of each kind that meets your needs. “A month” is the first "
                "month; the total over the horizon adds the one-off costs and any growth."
            )
        ),
        Spacer(1, 3 * mm),
        _options_table(shown, result, width),
        *_hybrid_notes(shown, result),
    ]
    if not shown:
        return flow
    flow += [
        para(_("What a month costs, by category"), "h2"),
        _bar_chart(shown, result, width),
        Spacer(1, 2 * mm),
        _category_table(shown, result.currency, width),
    ]
    if result.sensitivity:
        flow += [
            para(_("How the totals move"), "h2"),
            para(
                ngettext(
                    "Each option's total over {months} month if one thing changed; the lowest "
                    "in each row is in bold.",
                    "Each option's total over {months} months if one thing changed; the lowest "
                    "in each row is in bold.",
                    result.horizon_months,
                ).format(months=result.horizon_months),
                "small",
            ),
            Spacer(1, 2 * mm),
            _sensitivity_table(shown, result, width),
        ]
    return flow


def _options_table(shown: list[Option], result: EstimateResult, width: float) -> Table:
    currency = result.currency
    header = [
        _("Kind"),
        _("Option"),
        _("A month"),
        _("One-off"),
        over_months(result.horizon_months),
        _("Busy"),
        _("More than recommended"),
    ]
    body: list[list[object]] = []
    best = result.recommended
    for option in shown:
        busy = percent(option.utilisation) if option.utilisation is not None else "–"
        more = "–"
        if best is not None and option.id != best.id:
            more = money(option.horizon_cost - best.horizon_cost, currency)
        body.append(
            [
                para(group_title(option), "cell"),
                para(localised_label(option.label), "cell"),
                money(option.monthly_cost, currency),
                money(option.one_off_cost, currency),
                money(option.horizon_cost, currency),
                busy,
                more,
            ]
        )
    widths = column_widths(header, body, width, {0: 1, 1: 2})
    table = Table(
        [header_row(header, range(2, len(header))), *body], colWidths=widths, repeatRows=1
    )
    style: list[tuple[object, ...]] = [("ALIGN", (2, 1), (-1, -1), "RIGHT")]
    if best is not None:
        style += [
            ("BACKGROUND", (0, 1), (-1, 1), HIGHLIGHT),
            ("FONTNAME", (2, 1), (-1, 1), FONT_BOLD),
        ]
    table.setStyle(table_style(style))
    return table


def _hybrid_notes(shown: list[Option], result: EstimateResult) -> list[Flowable]:
    notes: list[Flowable] = []
    for option in shown:
        if option.kind != "hybrid" or "self_hosted_option_id" not in option.details:
            continue
        local, api = hybrid_parts(option, result)
        share = float(option.details.get("routing_share", 0))
        notes.append(
            para(
                _(
                    "The mix answers {share} of requests on {local} and sends the rest to {api}."
                ).format(share=percent(share), local=local.label, api=api.label),
                "small",
            )
        )
    return notes


def _bar_chart(shown: list[Option], result: EstimateResult, width: float) -> Flowable:
    """First-month cost of each shown option, stacked by the categories any of them has."""
    currency = result.currency
    used = [c for c in CATEGORIES if any(o.line(c).monthly > 0 for o in shown)]
    bars = [
        Bar(
            name=group_title(option),
            total_label=money(option.monthly_cost, currency),
            segments=tuple(option.line(c).monthly for c in used),
            highlighted=option.id == result.recommendation.option_id,
        )
        for option in shown
    ]
    ticks = [(t, number(t)) for t in nice_ticks(max(o.monthly_cost for o in shown) * 1.1)]
    return stacked_bars(
        bars,
        [category_name(c) for c in used],
        ticks,
        _("{currency} a month (first month)").format(currency=currency),
        width,
        colours=[category_colour(c) for c in used],
    )


def _category_table(shown: list[Option], currency: str, width: float) -> Flowable:
    header = [_("A month, by category"), *[group_title(o) for o in shown]]
    rows: list[list[object]] = []
    monthly = [c for c in CATEGORIES if any(o.line(c).monthly for o in shown)]
    one_off = [c for c in CATEGORIES if any(o.line(c).one_off for o in shown)]
    for category in monthly:
        rows.append(
            [
                para(category_name(category), "cell"),
                *[money(o.line(category).monthly, currency) for o in shown],
            ]
        )
    rows.append(
        [para(_("Total a month"), "cell_bold"), *[money(o.monthly_cost, currency) for o in shown]]
    )
    totals_row = len(rows) - 1
    for category in one_off:
        rows.append(
            [
                para(_("One-off: {category}").format(category=category_name(category)), "cell"),
                *[money(o.line(category).one_off, currency) for o in shown],
            ]
        )
    if one_off:
        rows.append(
            [
                para(_("Total one-off"), "cell_bold"),
                *[money(o.one_off_cost, currency) for o in shown],
            ]
        )
    widths = column_widths(header, rows, width, label_first(len(header)))
    table = Table([header_row(header), *rows], colWidths=widths, repeatRows=1)
    style: list[tuple[object, ...]] = [
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("FONTNAME", (1, totals_row + 1), (-1, totals_row + 1), FONT_BOLD),
    ]
    if one_off:
        style.append(("FONTNAME", (1, -1), (-1, -1), FONT_BOLD))
    table.setStyle(table_style(style))
    return KeepTogether([table])


def _sensitivity_table(shown: list[Option], result: EstimateResult, width: float) -> Table:
    rows_by_id = {row.option_id: row for row in result.sensitivity}
    columns = [o for o in shown if o.id in rows_by_id]
    header = [_("If…"), *[group_title(o) for o in columns]]
    rows: list[list[object]] = []
    figures = [(_("As planned"), [rows_by_id[o.id].base_horizon_cost for o in columns])]
    for variant in VARIANTS:
        if all(variant in rows_by_id[o.id].horizon_cost for o in columns):
            costs = [rows_by_id[o.id].horizon_cost[variant] for o in columns]
            figures.append((variant_name(variant), costs))
    style: list[tuple[object, ...]] = [("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    for index, (label, costs) in enumerate(figures, start=1):
        rows.append([para(label, "cell"), *[money(c, result.currency) for c in costs]])
        lowest = costs.index(min(costs)) + 1
        style.append(("FONTNAME", (lowest, index), (lowest, index), FONT_BOLD))
    widths = column_widths(header, rows, width, label_first(len(header)))
    table = Table([header_row(header), *rows], colWidths=widths, repeatRows=1)
    table.setStyle(table_style(style))
    return table


def table_points(plan: Plan, result: EstimateResult, curve: list[CurvePoint]) -> list[CurvePoint]:
    """The rows of the volume table: the curve's points at each power of ten, and the
    plan's own volume taken from its result (the same figures the curve would give)."""
    decades = {10.0**decade for decade in CURVE_DECADES}
    own = plan.workload.requests_per_day
    points = [p for p in curve if p.requests_per_day in decades and p.requests_per_day != own]
    points.append(point_of(own, result))
    return sorted(points, key=lambda p: p.requests_per_day)


def volume_section(
    plan: Plan, result: EstimateResult, curve: list[CurvePoint], width: float
) -> list[Flowable]:
    """Chart and table of the cheapest option of each kind across volumes (nothing if no
    kind is feasible at any of them)."""
    groups = [g for g in GROUPS if any(g in p.monthly_cost for p in curve)]
    if not groups:
        return []
    flow: list[Flowable] = [
        para(_("Cost against volume"), "h1"),
        para(
            _(
                "The cheapest option of each kind at other numbers of requests a day, in the first "
                "month. Each point is a full estimate of your plan with only the volume changed; a "
                "line stops where no option of that kind can do the work."
            )
        ),
        Spacer(1, 3 * mm),
        _volume_chart(plan, result, curve, groups, width),
        Spacer(1, 3 * mm),
    ]
    sentence = break_even_sentence(plan, result)
    if sentence:
        flow.append(para(sentence))
    flow += [Spacer(1, 3 * mm), _curve_table(plan, result, curve, groups, width)]
    return flow


def _volume_chart(
    plan: Plan,
    result: EstimateResult,
    curve: list[CurvePoint],
    groups: list[tuple[str, str]],
    width: float,
) -> Flowable:
    series = [
        Series(group_title_of(g), tuple((p.requests_per_day, p.monthly_cost.get(g)) for p in curve))
        for g in groups
    ]
    volumes = [p.requests_per_day for p in curve]
    low = 10.0 ** math.floor(math.log10(min(volumes)))
    high = 10.0 ** math.ceil(math.log10(max(volumes)))
    x_ticks = [
        (10.0**k, number(10.0**k))
        for k in range(round(math.log10(low)), round(math.log10(high)) + 1)
    ]
    costs = [c for p in curve for c in p.monthly_cost.values()]
    y_ticks = [(t, number(t)) for t in log_ticks(min(costs), max(costs))]
    marks = [
        Mark(
            plan.workload.requests_per_day,
            _("Your plan: {volume} a day").format(volume=number(plan.workload.requests_per_day)),
        )
    ]
    point = result.break_even
    if (
        point is not None
        and point.requests_per_day is not None
        and low <= point.requests_per_day <= high
    ):
        marks.append(
            Mark(
                point.requests_per_day,
                _("Break-even: {volume} a day").format(volume=about(point.requests_per_day)),
            )
        )
    return volume_lines(
        series,
        marks,
        x_ticks,
        y_ticks,
        (
            _("Requests a day (logarithmic scale)"),
            _("{currency} a month, first month (logarithmic scale)").format(
                currency=result.currency
            ),
        ),
        width,
    )


def _curve_table(
    plan: Plan,
    result: EstimateResult,
    curve: list[CurvePoint],
    groups: list[tuple[str, str]],
    width: float,
) -> Flowable:
    header = [_("Requests a day"), *[group_title_of(g) for g in groups]]
    rows: list[list[object]] = []
    style: list[tuple[object, ...]] = [("ALIGN", (0, 1), (-1, -1), "RIGHT")]
    for index, p in enumerate(table_points(plan, result, curve), start=1):
        rows.append(
            [
                number(p.requests_per_day),
                *[
                    money(p.monthly_cost[g], result.currency) if g in p.monthly_cost else "–"
                    for g in groups
                ],
            ]
        )
        if p.requests_per_day == plan.workload.requests_per_day:
            style.append(("BACKGROUND", (0, index), (-1, index), HIGHLIGHT))
        costs = [p.monthly_cost[g] for g in groups if g in p.monthly_cost]
        if costs:
            lowest = next(
                i for i, g in enumerate(groups, start=1) if p.monthly_cost.get(g) == min(costs)
            )
            style.append(("FONTNAME", (lowest, index), (lowest, index), FONT_BOLD))
    widths = column_widths(header, rows, width)
    table = Table([header_row(header, range(len(header))), *rows], colWidths=widths, repeatRows=1)
    table.setStyle(table_style(style))
    return KeepTogether([table])
