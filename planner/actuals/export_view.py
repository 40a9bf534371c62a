"""The ledger as the exports show it: one month of actual spend against the plan.

The workbook and the PDF may not read a ledger (export and actuals are sibling layers),
so the callers make a ``PlanActuals`` here and hand it to them. It is made from the same
pieces as the Actual spend screen — the month of the latest data, a bill winning over
re-priced usage, the plan's expected month, the variance split, the forecast and the
stored alerts — and, unlike the screen, it only reads the ledger: exporting fires no alert.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from planner.actuals.budgets import plan_snapshot
from planner.actuals.compare import month_models
from planner.actuals.days import month_dates, plan_weights
from planner.actuals.guard import forecast_report
from planner.actuals.guard_records import PlanSnapshot
from planner.actuals.guard_settings import Window
from planner.actuals.money import Converter, per
from planner.actuals.planvariance import plan_gap
from planner.actuals.series import DayFacts, LedgerDays, Series, total
from planner.actuals.status import Totals, build_status
from planner.actuals.store import SUFFIX, LedgerStore, open_ledger
from planner.model.actuals_summary import (
    ZERO,
    ActualDay,
    ActualGroup,
    AlertLine,
    ModelRow,
    MonthForecast,
    PlanActuals,
    PlanComparison,
)
from planner.model.plan import Plan
from planner.model.result import EstimateResult
from planner.rates import RateBook
from planner.words.alerts import alert_message, provider_name


def ledger_beside(plan_file: Path) -> Path:
    """The ledger kept beside a plan file: ``acme.llmplan`` → ``acme.llmledger``."""
    return Path(plan_file).with_suffix(SUFFIX)


def plan_actuals_beside(plan_file: Path | None, plan: Plan, result: EstimateResult,
                        rates: RateBook, *, today: date | None = None) -> PlanActuals | None:  # fmt: skip
    """What the exports show of the ledger beside ``plan_file``; None when the plan has no
    file, no ledger, or a ledger without usage yet. Raises ``LedgerError`` for a file that
    is not a ledger the app can read."""
    if plan_file is None or not ledger_beside(plan_file).is_file():
        return None
    store = open_ledger(ledger_beside(plan_file), create=False)
    try:
        return plan_actuals(store, plan, result, rates, today=today)
    finally:
        store.close()


def plan_actuals(store: LedgerStore, plan: Plan, result: EstimateResult, rates: RateBook,
                 *, today: date | None = None) -> PlanActuals | None:  # fmt: skip
    """The month of the latest data in ``store``, in the plan's currency (None: no data).

    Call it in the language of the export: the alerts' messages are written here.
    """
    last_day = store.last_day()
    if last_day is None:
        return None
    window = Window.of(last_day, today or datetime.now(UTC).date())
    convert = Converter(rates, plan.currency)
    dates = [d for d in month_dates(window.month) if d.isoformat() <= window.last_day]
    days = LedgerDays.read(store, dates[0].isoformat(), dates[-1].isoformat())
    series = days.series(convert, ["total"])["total"]
    status = build_status(store, window.month, convert)
    snapshot = _snapshot(plan, result, rates, window.month)
    return PlanActuals(
        month=window.month,
        currency=plan.currency,
        days=tuple(_day(d, series.get(d.isoformat())) for d in dates),
        providers=_groups(status.groups["provider"], provider_name),
        projects=_groups(status.groups["project"]),
        models=_groups(status.groups["model"]),
        plan_daily=_plan_daily(snapshot, dates),
        budget=_budget(store, convert),
        forecast=_forecast(store, rates, window, plan.currency),
        comparison=_comparison(snapshot, series, window, convert),
        alerts=_alerts(store, window.month),
    )


def _snapshot(plan: Plan, result: EstimateResult, rates: RateBook,
              month: str) -> PlanSnapshot | None:  # fmt: skip
    """What the plan expects of ``month``, as the screen works it out from the open plan."""
    if result.recommended is None:
        return None
    try:
        return plan_snapshot(plan, rates, month)
    except (ValueError, KeyError):
        return None  # the plan recommends nothing to compare with


def _day(day: date, facts: DayFacts | None) -> ActualDay:
    if facts is None:
        return ActualDay(day, 0, 0, 0, ZERO, None, ZERO)
    has_bill = bool(facts.billed) or facts.invoiced != 0
    billed = sum(facts.billed.values(), ZERO) + facts.invoiced if has_bill else None
    return ActualDay(day, facts.requests, facts.input_tokens, facts.output_tokens,
                     facts.usage_cost, billed, facts.cost - facts.usage_cost)  # fmt: skip


def _groups(groups: dict[str, Totals],
            name: Callable[[str], str] = str) -> tuple[ActualGroup, ...]:  # fmt: skip
    """Largest cost first (the bill where there is one)."""
    shown = [ActualGroup(name(key), t.requests, t.priced, t.billed) for key, t in groups.items()]
    return tuple(sorted(shown, key=lambda g: (-(g.billed or g.priced), g.name)))


def _plan_daily(snapshot: PlanSnapshot | None, dates: list[date]) -> tuple[Decimal, ...] | None:
    """The plan's usage cost of each day, spread by its working days (as the screen draws it)."""
    if snapshot is None:
        return None
    weights = plan_weights(snapshot.days_per_month)
    per_day = snapshot.usage_cost / snapshot.days_per_month
    return tuple(per_day * weights[d.weekday()] for d in dates)


def _budget(store: LedgerStore, convert: Converter) -> Decimal | None:
    for budget in store.budgets():
        if budget.scope == "total" and budget.period == "month":
            return convert(budget.amount, budget.currency)
    return None


def _forecast(store: LedgerStore, rates: RateBook, window: Window, currency: str) -> MonthForecast:
    found = forecast_report(store, rates, window.month, currency, today=window.today)
    return MonthForecast(found.complete_days, found.month_to_date, found.month_end, found.low,
                         found.high, found.method)  # fmt: skip


def _comparison(snapshot: PlanSnapshot | None, series: Series, window: Window,
                convert: Converter) -> PlanComparison | None:  # fmt: skip
    """The complete days against the plan, split as the budget guard splits them."""
    if snapshot is None or window.through is None:
        return None
    actual = total(series, window.first_day, window.through.isoformat())
    gap = plan_gap(snapshot, actual, window, convert)
    if gap is None:
        return None
    pairs = {pair: (int(sums[0]), sums[1]) for pair, sums in actual.models.items()}
    rows = tuple(
        ModelRow(provider_name(m.provider), m.model, m.requests, m.cost,
                 m.plan_sized_cost if m.plan_sized_cost is not None
                 else per(m.cost, m.requests) or ZERO)  # as compare.variance counts it
        for m in month_models(window.month, pairs, gap.expected, convert)
    )  # fmt: skip
    split = gap.split
    return PlanComparison(snapshot.plan, snapshot.option_label, window.through,
                          gap.expected.requests, gap.expected.usage_cost, snapshot.usage_cost,
                          rows, split.unexplained_gap, split.volume_effect,
                          split.unit_cost_effect, split.mix_effect, split.total)  # fmt: skip


def _alerts(store: LedgerStore, month: str) -> tuple[AlertLine, ...]:
    """The month's stored alerts, newest first, each with its message."""
    return tuple(
        AlertLine(_day_of(alert.day, month), alert.rule, alert.level, alert_message(alert))
        for alert in store.alerts(month + "-01")
        if alert.day[:7] == month
    )


def _day_of(text: str, month: str) -> date:
    """An alert's UTC day; a month's alert without one counts from the month's first day."""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return date.fromisoformat(month + "-01")
