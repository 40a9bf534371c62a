"""The report's "Plan and actual" section, when the plan has a ledger: what was spent so far
against the budget and the plan, where the month is heading, why spending differs from the
plan, each day's cost against the plan's line, and the alerts.

Every figure comes from the ``PlanActuals`` the caller made from the ledger; nothing here
reads the ledger or works a cost out again.
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from planner.export.report.charts import bars_and_line, nice_ticks
from planner.export.report.text import (
    FONT_BOLD,
    HEADER_FILL,
    bold_then,
    column_widths,
    header_row,
    label_first,
    para,
    table_style,
)
from planner.export.report.words import fine_money
from planner.model.actuals_summary import PlanActuals, PlanComparison
from planner.words.alerts import level_name, rule_name
from planner.words.formats import day, money, number, percent
from planner.words.i18n import _, ngettext

MOST_ALERTS = 15  # the newest; the workbook's Alerts sheet lists them all


def plan_and_actual(actuals: PlanActuals, width: float) -> list[Flowable]:
    """The whole section, to start on a page of its own."""
    flow: list[Flowable] = [
        para(_("Plan and actual"), "h1"),
        para(owner_summary(actuals), "lead"),
        para(_("What each day cost"), "h2"),
        _daily_chart(actuals, width),
    ]
    found = actuals.comparison
    if found is not None:
        title = _("Against the plan, {first} to {last}").format(
            first=day(actuals.days[0].day), last=day(found.through)
        )
        flow += [
            para(title, "h2"),
            _measures_table(found, actuals, width),
            Spacer(1, 3 * mm),
            _split_table(found, actuals.currency, width),
        ]
    return [*flow, para(_("Alerts"), "h2"), *_alerts(actuals, width)]


def _money(value: Decimal, currency: str) -> str:
    return money(float(value), currency)


def owner_summary(actuals: PlanActuals) -> str:
    """In plain words: spent so far against the budget and the plan, and the month's end."""
    currency = actuals.currency
    spent = _("From {first} to {last}, the AI services cost {spent}.").format(
        first=day(actuals.days[0].day), last=day(actuals.last_day),
        spent=_money(actuals.spent, currency))  # fmt: skip
    parts = [spent]
    if actuals.budget:
        parts.append(_("That is {share} of the monthly budget of {budget}.").format(
            share=percent(float(actuals.spent / actuals.budget)),
            budget=_money(actuals.budget, currency)))  # fmt: skip
    if actuals.comparison is not None:
        parts.append(_plan_sentence(actuals.comparison, currency))
    parts.append(_forecast_sentence(actuals))
    return " ".join(parts)


def _plan_sentence(found: PlanComparison, currency: str) -> str:
    values = {"day": day(found.through), "actual": _money(found.actual_cost, currency),
              "planned": _money(found.plan_cost, currency), "plan": found.plan_name,
              "difference": _money(abs(found.total), currency)}  # fmt: skip
    if found.total >= 0:
        text = _("To {day}, the requests cost {actual}, against {planned} in the plan “{plan}”: "
                 "{difference} more.")  # fmt: skip
    else:
        text = _("To {day}, the requests cost {actual}, against {planned} in the plan “{plan}”: "
                 "{difference} less.")  # fmt: skip
    effects = {_("the number of requests"): found.volume_effect,
               _("the size and price of each request"): found.unit_cost_effect,
               _("requests sent to other models than planned"): found.mix_effect}  # fmt: skip
    # The effect that moved spending most the way it went: above the plan, the largest rise.
    sign = 1 if found.total >= 0 else -1
    largest = max(effects, key=lambda name: sign * effects[name])
    if sign * effects[largest] <= 0:
        return text.format(**values)
    return (
        text.format(**values)
        + " "
        + _("Most of the difference comes from {cause}.").format(cause=largest)
    )


def _forecast_sentence(actuals: PlanActuals) -> str:
    forecast, currency = actuals.forecast, actuals.currency
    end = forecast.month_end
    if forecast.method == "complete":
        return _("The month is complete.")
    if end is None:
        return _("There are not enough days yet to forecast the month's end.")
    low, high = forecast.low or end, forecast.high or end
    if _money(low, currency) == _money(high, currency):
        text = _("At this pace the month will end at about {end}.").format(
            end=_money(end, currency))  # fmt: skip
    else:
        text = _("At this pace the month will end at about {end} (likely between {low} and "
                 "{high}).").format(end=_money(end, currency), low=_money(low, currency),
                                    high=_money(high, currency))  # fmt: skip
    if actuals.budget:
        text += " " + _("That would be {share} of the budget.").format(
            share=percent(float(end / actuals.budget)))  # fmt: skip
    return text


def _daily_chart(actuals: PlanActuals, width: float) -> Flowable:
    costs = [float(d.cost) for d in actuals.days]
    plan = [float(v) for v in actuals.plan_daily] if actuals.plan_daily else None
    top = max([*costs, *(plan or []), 0.0]) * 1.1
    ticks = [(t, number(t)) for t in nice_ticks(top)]
    labels = [str(d.day.day) if d.day.day % 5 == 0 or d.day.day == 1 else "" for d in actuals.days]
    return bars_and_line(costs, plan, labels, (_("Cost of the day"), _("The plan")), ticks,
                         _("{currency} a day").format(currency=actuals.currency), width)  # fmt: skip


def _measures_table(found: PlanComparison, actuals: PlanActuals, width: float) -> Table:
    currency, end = actuals.currency, actuals.forecast.month_end

    def cost(value: Decimal | None) -> str:
        return _money(value, currency) if value is not None else "–"

    header = ["", _("Plan"), _("Actual"), _("Difference")]
    requests = (found.plan_requests, Decimal(found.actual_requests))
    per_request = (found.plan_cost_per_request, found.actual_cost_per_request)
    rows: list[list[object]] = [
        [_("Requests"), number(float(requests[0])), number(float(requests[1])),
         number(float(requests[1] - requests[0]))],
        [_("Cost of the requests"), cost(found.plan_cost), cost(found.actual_cost),
         cost(found.total)],
        [_("Cost per request"), *(fine_money(float(v), currency) for v in
                                  (*per_request, per_request[1] - per_request[0]))],
        [_("The whole month (actual: the forecast)"), cost(found.plan_month_cost), cost(end),
         cost(end - found.plan_month_cost if end is not None else None)],
    ]  # fmt: skip
    table = Table([header_row(header), *rows], repeatRows=1,
                  colWidths=column_widths(header, rows, width, label_first(4)))  # fmt: skip
    table.setStyle(table_style([("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
    return table


def _split_table(found: PlanComparison, currency: str, width: float) -> Table:
    """Plan → volume → unit cost → mix → actual, as the screen's waterfall."""
    header = [_("Why the cost differs"), _("Amount")]
    rows: list[list[object]] = [
        [label, _money(value, currency)]
        for label, value in (
            (_("The plan for these days"), found.plan_cost),
            (_("More or fewer requests than planned (volume)"), found.volume_effect),
            (_("Larger or smaller requests, prices and the bill (unit cost)"),
             found.unit_cost_effect),
            (_("Requests sent to other models than planned (mix)"), found.mix_effect),
            (_("Actual"), found.plan_cost + found.total),
        )
    ]  # fmt: skip
    table = Table([header_row(header), *rows], repeatRows=1,
                  colWidths=column_widths(header, rows, width, {0: 1.0}))  # fmt: skip
    style: list[tuple[object, ...]] = [("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                                       ("FONTNAME", (0, -1), (-1, -1), FONT_BOLD),
                                       ("BACKGROUND", (0, -1), (-1, -1), HEADER_FILL)]  # fmt: skip
    table.setStyle(table_style(style))
    return table


def _alerts(actuals: PlanActuals, width: float) -> list[Flowable]:
    """The newest alerts, each its day, level and what happened."""
    if not actuals.alerts:
        return [para(_("No alert this month."))]
    shown = actuals.alerts[:MOST_ALERTS]
    header = [_("Day"), _("Level"), _("What happened")]
    rows: list[list[object]] = [
        [day(alert.day), level_name(alert.level),
         bold_then(rule_name(alert.rule) + ":", alert.message, "cell")]
        for alert in shown
    ]  # fmt: skip
    table = Table([header_row(header, ()), *rows], repeatRows=1,
                  colWidths=column_widths(header, rows, width, {2: 1.0}))  # fmt: skip
    table.setStyle(table_style())
    flow: list[Flowable] = [table]
    left = len(actuals.alerts) - len(shown)
    if left:
        flow.append(para(ngettext(
            "{count} older alert is not listed here; the workbook's Alerts sheet has them all.",
            "{count} older alerts are not listed here; the workbook's Alerts sheet has them all.",
            left).format(count=left), "small"))  # fmt: skip
    return flow
