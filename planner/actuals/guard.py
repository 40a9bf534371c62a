"""The budget guard: after every import, run every alert rule and store what fired.

``evaluate`` looks at the month of the latest data and its recent days, fires each alert
at most once per period and level (the ledger's ``UNIQUE`` key; re-imports and re-runs
repeat nothing), and returns the budgets' state, the month-end forecast and the month's
alerts. ``forecast_report`` forecasts any month without firing anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from planner.actuals.anomaly import anomaly_alerts
from planner.actuals.days import EVEN, day_shares, month_dates, plan_weights
from planner.actuals.forecast import Forecast, forecast_month
from planner.actuals.guard_records import Alert, Budget, PlanSnapshot
from planner.actuals.guard_settings import GuardSettings, Window
from planner.actuals.hours import hour_costs
from planner.actuals.money import Converter
from planner.actuals.planvariance import PlanGap, explain, plan_gap, plan_variance_alerts
from planner.actuals.rules import (
    budget_alerts,
    daily_limit_alerts,
    forecast_alert,
    hour_budget_alerts,
    reconciliation_alerts,
    stale_alert,
    unpriced_alerts,
)
from planner.actuals.series import ZERO, LedgerDays, Series, costs, total
from planner.actuals.store import LedgerStore
from planner.rates import RateBook

HISTORY_DAYS = 35  # four weeks of baseline before the month's first day, and a margin
HOURLY_DAYS = 2
DEFAULT_CURRENCY = "USD"  # as ``actuals status``: most exports are in dollars


@dataclass(frozen=True)
class BudgetState:
    """A budget and how far the current period has used it."""

    budget: Budget
    spent: Decimal  # this month so far, or the latest day or hour
    forecast: Forecast | None = None  # month budgets only
    shares: dict[str, Decimal] = field(default_factory=dict)  # month budgets: day → share

    @property
    def used(self) -> Decimal:
        """Spent as a share of the budget (1 = all of it)."""
        return self.spent / self.budget.amount


@dataclass(frozen=True)
class Guard:
    """What the guard found for the month of the latest data."""

    month: str
    currency: str
    window: Window | None
    budgets: list[BudgetState]
    forecast: Forecast
    alerts: list[Alert]  # the month's, newest first (``new`` marks those fired just now)
    series: Series  # every scope together, in ``currency``
    plan_gap: PlanGap | None = None

    @property
    def fired(self) -> list[Alert]:
        return [alert for alert in self.alerts if alert.new]


def _today(today: date | None) -> date:
    return today or datetime.now(UTC).date()


def evaluate(store: LedgerStore, rates: RateBook, *, currency: str | None = None,
             today: date | None = None) -> Guard:  # fmt: skip
    """Run every rule on the ledger, store new alerts, and report (see the module doc)."""
    settings = GuardSettings.from_rates(rates)
    budgets = store.budgets()
    chosen = (currency or (budgets[0].currency if budgets else DEFAULT_CURRENCY)).upper()
    last_day, when = store.last_day(), _today(today)
    if last_day is None:
        return _record(store, stale_alert(store.last_import_at(), when, settings), None,
                       _empty(chosen, when), [], {}, None)  # fmt: skip
    window = Window.of(last_day, when)
    days = LedgerDays.read(
        store, _history_start(window.month), month_dates(window.month)[-1].isoformat()
    )
    run = _Run(store, rates, settings, window, days)
    run.prepare([(b.currency, b.scope) for b in budgets] + [(chosen, "total")]
                + [(s.currency, "total") for s in [_plan_snapshot(budgets)] if s])  # fmt: skip
    found = run.budget_rules(budgets)
    main = run.series(chosen, "total")
    fc = forecast_month(costs(main), window.month, window.through, chosen)
    found += anomaly_alerts(main, window, settings, run.anomaly_floor(budgets, chosen), chosen)
    found += reconciliation_alerts(main, window, settings, Converter(rates, chosen))
    found += unpriced_alerts(main, window)
    found += stale_alert(store.last_import_at(), when, settings)
    gap, plan_alerts = run.plan_rules(budgets)
    found = _with_causes(found, plan_alerts, gap, budgets)
    return _record(store, found, window, fc, run.states, main, gap)


def forecast_report(store: LedgerStore, rates: RateBook, month: str | None, currency: str,
                    today: date | None = None, scope: str = "total") -> Forecast:  # fmt: skip
    """The month-end forecast of ``month`` (default: the month of the latest data)."""
    last_day, when = store.last_day(), _today(today)
    if last_day is None:
        return _empty(currency, when, month)
    window = Window.of(last_day, when)
    chosen = month or window.month
    month_dates(chosen)  # a bad month fails here
    days = LedgerDays.read(store, _history_start(chosen), month_dates(chosen)[-1].isoformat())
    series = days.series(Converter(rates, currency), [scope])[scope]
    through = window.through
    if through is not None and through.isoformat()[:7] > chosen:
        through = month_dates(chosen)[-1]  # a past month: complete
    return forecast_month(costs(series), chosen, through, currency)


def _empty(currency: str, today: date, month: str | None = None) -> Forecast:
    return Forecast(currency, month or today.strftime("%Y-%m"), None, 0, ZERO, None, None, None,
                    "none")  # fmt: skip


def _history_start(month: str) -> str:
    return (month_dates(month)[0] - timedelta(days=HISTORY_DAYS)).isoformat()


class _Run:
    """One evaluation: the series each currency and scope needs, made once each."""

    def __init__(self, store: LedgerStore, rates: RateBook, settings: GuardSettings,
                 window: Window, days: LedgerDays) -> None:  # fmt: skip
        self.store, self.rates, self.settings, self.window = store, rates, settings, window
        self.days = days
        self._series: dict[tuple[str, str], Series] = {}
        self.states: list[BudgetState] = []

    def prepare(self, wanted: list[tuple[str, str]]) -> None:
        """Make every (currency, scope) series needed, one pass over the rows per currency."""
        by_currency: dict[str, list[str]] = {}
        for currency, scope in wanted:
            by_currency.setdefault(currency, []).append(scope)
        for currency, scopes in by_currency.items():
            made = self.days.series(Converter(self.rates, currency), scopes)
            for scope, series in made.items():
                self._series[(currency, scope)] = series

    def series(self, currency: str, scope: str) -> Series:
        key = (currency, scope)
        if key not in self._series:
            made = self.days.series(Converter(self.rates, currency), [scope])
            self._series[key] = made[scope]
        return self._series[key]

    def budget_rules(self, budgets: list[Budget]) -> list[Alert]:
        found: list[Alert] = []
        for budget in budgets:
            series = self.series(budget.currency, budget.scope)
            found += budget_alerts(budget, series, self.window)
            if budget.period == "month":
                found += self._month_rules(budget, series)
            elif budget.period == "hour":
                hours = self._hours(budget)
                found += hour_budget_alerts(budget, hours)
                spent = hours[max(hours)] if hours else ZERO
                self.states.append(BudgetState(budget, spent))
            else:
                self.states.append(BudgetState(budget, _day_cost(series, self.window.last_day)))
        return found

    def _month_rules(self, budget: Budget, series: Series) -> list[Alert]:
        window = self.window
        fc = forecast_month(costs(series), window.month, window.through, budget.currency)
        spent = total(series, window.first_day, window.last_day).cost
        weights = plan_weights(budget.snapshot.days_per_month) if budget.snapshot else (
            fc.weights if fc.method == "weekday" else EVEN)  # fmt: skip
        shares = day_shares(window.month, weights)
        self.states.append(BudgetState(budget, spent, fc, shares))
        return forecast_alert(budget, fc, self.settings, spent) + daily_limit_alerts(
            budget, series, window, shares
        )

    def _hours(self, budget: Budget) -> dict[str, Decimal]:
        # The latest two days' hours: summing a week of a busy ledger's facts by the hour
        # takes half a second, and an hour's overspend is news for a day or two.
        recent = self.window.recent(False)[-HOURLY_DAYS:]
        convert = Converter(self.rates, budget.currency)
        found = hour_costs(self.store, recent[0], recent[-1], convert, [budget.scope])
        return found[budget.scope]

    def anomaly_floor(self, budgets: list[Budget], currency: str) -> Decimal:
        """€1, or 5% of the day's share of the total monthly budget when that is more."""
        floor = Converter(self.rates, currency)(self.settings.anomaly_floor_eur, "EUR")
        for state in self.states:
            budget = state.budget
            if budget.scope == "total" and budget.period == "month" and state.shares:
                day_share = max(state.shares.values()) * budget.amount
                amount = Converter(self.rates, currency)(day_share, budget.currency)
                floor = max(floor, amount * self.settings.anomaly_floor_budget_share)
        return floor

    def plan_rules(self, budgets: list[Budget]) -> tuple[PlanGap | None, list[Alert]]:
        snapshot = _plan_snapshot(budgets)
        window = self.window
        if snapshot is None or window.through is None:
            return None, []
        series = self.series(snapshot.currency, "total")
        actual = total(series, window.first_day, window.through.isoformat())
        gap = plan_gap(snapshot, actual, window, Converter(self.rates, snapshot.currency))
        if gap is None:
            return None, []
        complete = sum(1 for d in month_dates(window.month) if d <= window.through)
        return gap, plan_variance_alerts(snapshot, gap, window, self.settings, complete)


def _day_cost(series: Series, day: str) -> Decimal:
    return series[day].cost if day in series else ZERO


def _plan_snapshot(budgets: list[Budget]) -> PlanSnapshot | None:
    for budget in budgets:
        if budget.snapshot is not None and budget.scope == "total":
            return budget.snapshot
    return None


def _with_causes(found: list[Alert], plan_alerts: list[Alert], gap: PlanGap | None,
                 budgets: list[Budget]) -> list[Alert]:  # fmt: skip
    """Budget alerts of the whole spending carry the plan's likely cause, when there is one."""
    snapshot = _plan_snapshot(budgets)
    if gap is None or snapshot is None:
        return found + plan_alerts
    cause, ratios = explain(snapshot, gap)
    explained = [
        replace(alert, cause=cause, details={**alert.details, **ratios})
        if alert.rule in ("budget", "budget_forecast") and alert.scope == "total" and cause
        else alert
        for alert in found
    ]
    return explained + plan_alerts


def _record(store: LedgerStore, found: list[Alert], window: Window | None, fc: Forecast,
            states: list[BudgetState], main: Series, gap: PlanGap | None) -> Guard:  # fmt: skip
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction():
        fired = store.record_alerts(replace(alert, fired_at=now) for alert in found)
    new = {alert.key for alert in fired}
    since = window.first_day if window else ""
    alerts = [replace(a, new=a.key in new) for a in store.alerts(since)]
    month = window.month if window else fc.month
    return Guard(month, fc.currency, window, states, fc, alerts, main, gap)
