"""Everything the Actual spend screen shows of one month, made in one pass off the GUI thread.

The screen only puts these numbers into charts and tables; nothing there recomputes a
cost. The plan's lines come from the open plan (it may change); the budget's from the
ledger (frozen when it was set).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import accumulate

from planner.actuals.budgets import plan_snapshot
from planner.actuals.days import day_shares, month_dates, plan_weights
from planner.actuals.forecast import Forecast
from planner.actuals.guard import BudgetState, Guard, evaluate
from planner.actuals.guard_records import Alert, PlanSnapshot
from planner.actuals.money import Converter, per
from planner.actuals.planvariance import plan_gap
from planner.actuals.records import LabelRow
from planner.actuals.series import ZERO, LedgerDays, total
from planner.actuals.status import Reconciled, reconcile, row_names
from planner.actuals.store import LedgerStore
from planner.model.plan import Plan
from planner.rates import RateBook

TOP = 10
MONTHS_BACK = 12
NOT_ITEMISED = "(not itemised)"  # billed cost a bill does not split by project


@dataclass(frozen=True)
class Dashboard:
    """One month of actual spend against the plan and the budget, in one currency."""

    currency: str
    month: str
    days: list[str]  # every day of the month
    last_day: str | None  # the latest day with data
    by_provider: dict[str, list[Decimal]]  # name → each day's cost
    by_project: dict[str, list[Decimal]]
    plan_daily: list[Decimal] | None  # the plan's usage cost each day
    budget_daily: list[Decimal] | None  # each day's share of the total monthly budget
    budget_total: Decimal | None
    anomalies: list[str]  # days flagged as unusual
    cumulative: list[Decimal]  # cost so far, up to the latest day
    forecast: Forecast
    top_features: list[tuple[str, Decimal]]
    per_request: list[tuple[str, Decimal]]  # model → cost per request
    months: list[tuple[str, Decimal]]  # the last months' cost, oldest first
    plan_monthly: Decimal | None
    waterfall: list[tuple[str, Decimal]]  # plan, volume, unit_cost, mix, actual
    reconciliation: list[Reconciled]
    alerts: list[Alert]
    budgets: list[BudgetState]
    labels: list[LabelRow]  # every raw key, project and tag seen, with its label
    requests: int

    @property
    def month_to_date(self) -> Decimal:
        return self.cumulative[-1] if self.cumulative else ZERO

    @property
    def plan_cumulative(self) -> list[Decimal] | None:
        return list(accumulate(self.plan_daily)) if self.plan_daily else None


def build_dashboard(store: LedgerStore, rates: RateBook, plan: Plan | None, currency: str,
                    today: date | None = None) -> Dashboard:  # fmt: skip
    """The screen's month: the latest with data. Runs the alert rules (storing what fires)."""
    guard = evaluate(store, rates, currency=currency, today=today)
    convert = Converter(rates, currency)
    month = guard.month
    dates = [d.isoformat() for d in month_dates(month)]
    days = LedgerDays.read(store, dates[0], dates[-1])
    snapshot = _snapshot(plan, rates, month, guard.budgets)
    stacks = _stacks(days, convert, dates)
    last = guard.window.last_day if guard.window else None
    daily_cost = [sum((s[i] for s in stacks[0].values()), ZERO) for i in range(len(dates))]
    shown = [c for d, c in zip(dates, daily_cost, strict=True) if last and d <= last]
    return Dashboard(
        currency, month, dates, last, stacks[0], stacks[1],
        _plan_daily(snapshot, dates), *_budget_lines(guard.budgets, convert, dates),
        sorted({a.day for a in guard.alerts if a.rule == "anomaly"}), list(accumulate(shown)),
        guard.forecast, _top_features(days, convert), _per_request(days, convert),
        _months(store, convert, month), snapshot.usage_cost if snapshot else None,
        _waterfall(snapshot, guard, rates), reconcile(days.daily, days.bills, convert),
        guard.alerts, guard.budgets, _labels(days), sum(r.counts["requests"] for r in days.daily),
    )  # fmt: skip


def _snapshot(plan: Plan | None, rates: RateBook, month: str,
              budgets: list[BudgetState]) -> PlanSnapshot | None:  # fmt: skip
    if plan is not None:
        try:
            return plan_snapshot(plan, rates, month)
        except (ValueError, KeyError):
            pass  # a plan that recommends nothing: the frozen one, if any
    return next((s.budget.snapshot for s in budgets if s.budget.snapshot), None)


def _stacks(days: LedgerDays, convert: Converter, dates: list[str]) -> tuple[dict[str, list[Decimal]], dict[str, list[Decimal]]]:  # fmt: skip
    """Each day's cost by provider (a bill wins over usage) and by project (usage; the rest
    of a bill that is not split by project shown apart)."""
    index = {d: i for i, d in enumerate(dates)}
    width = len(dates)
    priced: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO] * width)
    projects: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO] * width)
    for row in days.daily:
        names = row_names(row, days.labels)
        amount = convert(row.priced or ZERO, "USD")
        priced[names["provider"]][index[row.dimension("day")]] += amount
        projects[names["project"]][index[row.dimension("day")]] += amount
    billed: dict[str, list[Decimal | None]] = defaultdict(lambda: [None] * width)
    for bill in days.bills:
        slot = billed[bill.provider]
        at = index[bill.day]
        slot[at] = (slot[at] or ZERO) + convert(Decimal(bill.amount), bill.currency)
    providers = {}
    for name in set(priced) | set(billed):
        usage, bills = priced.get(name, [ZERO] * width), billed.get(name, [None] * width)
        providers[name] = [b if b is not None else u for u, b in zip(usage, bills, strict=True)]
    total_cost = [sum((p[i] for p in providers.values()), ZERO) for i in range(width)]
    rest = [t - sum((p[i] for p in projects.values()), ZERO) for i, t in enumerate(total_cost)]
    if any(r > 0 for r in rest):
        projects[NOT_ITEMISED] = [max(r, ZERO) for r in rest]
    return _ordered(providers), _ordered(dict(projects))


def _ordered(stacks: dict[str, list[Decimal]]) -> dict[str, list[Decimal]]:
    """The largest first, so the colours of the main costs stay put month to month."""
    return dict(sorted(stacks.items(), key=lambda item: (-sum(item[1], ZERO), item[0])))


def _plan_daily(snapshot: PlanSnapshot | None, dates: list[str]) -> list[Decimal] | None:
    if snapshot is None:
        return None
    weights = plan_weights(snapshot.days_per_month)
    per_day = snapshot.usage_cost / snapshot.days_per_month
    return [per_day * weights[date.fromisoformat(d).weekday()] for d in dates]


def _budget_lines(states: list[BudgetState], convert: Converter,
                  dates: list[str]) -> tuple[list[Decimal] | None, Decimal | None]:  # fmt: skip
    for state in states:
        budget = state.budget
        if budget.scope == "total" and budget.period == "month":
            amount = convert(budget.amount, budget.currency)
            shares = state.shares or day_shares(dates[0][:7], plan_weights(Decimal(30)))
            return [amount * shares.get(d, ZERO) for d in dates], amount
    return None, None


def _top_features(days: LedgerDays, convert: Converter) -> list[tuple[str, Decimal]]:
    costs: dict[str, Decimal] = defaultdict(Decimal)
    for row in days.daily:
        costs[row_names(row, days.labels)["feature"]] += row.priced or ZERO
    ranked = sorted(costs.items(), key=lambda item: (-item[1], item[0]))
    return [(name, convert(usd, "USD")) for name, usd in ranked[:TOP] if usd > 0]


def _per_request(days: LedgerDays, convert: Converter) -> list[tuple[str, Decimal]]:
    sums: dict[str, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for row in days.daily:
        pair = sums[row_names(row, days.labels)["model"]]
        pair[0] += row.counts["requests"]
        pair[1] += row.priced or ZERO
    found = []
    for model, (requests, usd) in sums.items():
        cost = per(convert(usd, "USD"), int(requests))
        if cost is not None:
            found.append((model, cost))
    return sorted(found, key=lambda item: -item[1])[:TOP]


def _months(store: LedgerStore, convert: Converter, month: str) -> list[tuple[str, Decimal]]:
    year, number = (int(part) for part in month.split("-"))
    keys = [f"{(year * 12 + number - 1 - back) // 12:04d}-{(year * 12 + number - 1 - back) % 12 + 1:02d}"
            for back in range(MONTHS_BACK - 1, -1, -1)]  # fmt: skip
    days = LedgerDays.read(store, keys[0] + "-01", month_dates(month)[-1].isoformat())
    series = days.series(convert, ["total"])["total"]
    return [(key, total(series, key + "-01", key + "-31").cost) for key in keys]


def _waterfall(snapshot: PlanSnapshot | None, guard: Guard,
               rates: RateBook) -> list[tuple[str, Decimal]]:  # fmt: skip
    """Plan → volume → unit cost → mix → actual, for the complete days of the month."""
    window = guard.window
    if snapshot is None or window is None or window.through is None:
        return []
    if guard.currency != snapshot.currency:
        return []  # the screen shows the plan's currency; another is not split
    actual = total(guard.series, window.first_day, window.through.isoformat())
    gap = plan_gap(snapshot, actual, window, Converter(rates, snapshot.currency))
    if gap is None:
        return []
    split = gap.split
    return [("plan", gap.expected.usage_cost), ("volume", split.volume_effect),
            ("unit_cost", split.unit_cost_effect), ("mix", split.mix_effect),
            ("actual", gap.expected.usage_cost + split.total)]  # fmt: skip


def _labels(days: LedgerDays) -> list[LabelRow]:
    seen: dict[tuple[str, str], LabelRow] = {}
    for row in days.daily:
        for source in ("api_key", "project", "feature"):
            raw = row.dimension(source)
            if raw and (source, raw) not in seen:
                known = days.labels.rows.get((source, raw))
                seen[(source, raw)] = known or LabelRow(source, raw)
    for key, label in days.labels.rows.items():
        seen.setdefault(key, label)
    return sorted(seen.values(), key=lambda r: (r.source, r.raw.lower()))
