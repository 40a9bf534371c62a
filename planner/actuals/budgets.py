"""Budgets: set by hand or taken from a plan (frozen), and spread over the days of a month.

A plan's budget is the monthly cost of the option it recommends, in the plan's currency,
copied into the ledger with what the plan expected of the month (requests, tokens, cost
per request). A later change of rates or of the plan leaves it where it was; taking the
budget from the plan again is how it is moved.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from planner.actuals.compare import expected_month
from planner.actuals.guard_records import PERIODS, Budget, Period, PlanSnapshot, parse_scope
from planner.actuals.money import Converter
from planner.actuals.pricing import prices_snapshot
from planner.model.plan import Plan
from planner.rates import RateBook

CENT = Decimal("0.01")


def thresholds(rates: RateBook) -> tuple[Decimal, Decimal]:
    """The default warning and critical shares of a budget (percent), from assumptions.toml."""
    warn = _percent(rates, "alert_warning_pct")
    critical = _percent(rates, "alert_critical_pct")
    if warn > critical:
        raise ValueError(
            f"assumptions.toml: alert_warning_pct ({warn}) is above alert_critical_pct ({critical})"
        )
    return warn, critical


def _percent(rates: RateBook, key: str) -> Decimal:
    value = Decimal(repr(rates.assumption(key)))
    if not 0 < value <= 1000:
        raise ValueError(f"assumptions.toml: {key} must be between 0 and 1000, got {value}")
    return value


def manual_budget(
    rates: RateBook,
    *,
    amount: str,
    currency: str,
    period: str = "month",
    scope: str = "total",
    warn_pct: str | None = None,
    critical_pct: str | None = None,
) -> Budget:
    """A budget typed by the owner, checked; raises ``ValueError`` naming the option."""
    warn, critical = thresholds(rates)
    code = currency.strip().upper()
    Converter(rates, code)  # an unknown currency fails here, naming the known ones
    if period not in PERIODS:
        raise ValueError(f"--period: expected month, day or hour, got {period!r}")
    budget = Budget(
        parse_scope(scope),
        period,
        _positive(amount, "--amount"),
        code,
        _positive(warn_pct, "--warn-pct") if warn_pct is not None else warn,
        _positive(critical_pct, "--critical-pct") if critical_pct is not None else critical,
        set_at=_now(),
    )
    if budget.warn_pct > budget.critical_pct:
        raise ValueError("--warn-pct: must not be above --critical-pct")
    return budget


def _positive(text: str, option: str) -> Decimal:
    try:
        value = Decimal(str(text).strip())
    except ArithmeticError:
        raise ValueError(f"{option}: not a number: {text!r}") from None
    if not value.is_finite() or value <= 0:
        raise ValueError(f"{option}: must be a number above zero, got {text!r}")
    return value


def plan_snapshot(plan: Plan, rates: RateBook, month: str | None = None) -> PlanSnapshot:
    """What ``plan`` expects of ``month`` (default: this month), in the plan's currency."""
    today = datetime.now(UTC).date()
    chosen = month or today.strftime("%Y-%m")
    expected = expected_month(plan, rates, chosen, Converter(rates, plan.currency))
    return PlanSnapshot(
        plan=expected.plan,
        option=expected.option,
        option_label=expected.option_label,
        currency=plan.currency,
        monthly_cost=expected.monthly_cost,
        usage_cost=expected.usage_cost,
        requests_per_month=expected.requests,
        days_per_month=Decimal(repr(plan.workload.days_per_month)),
        input_tokens_per_request=expected.input_tokens_per_request,
        output_tokens_per_request=expected.output_tokens_per_request,
        taken_on=today.isoformat(),
        prices=prices_snapshot(),
    )


def plan_budget(plan: Plan, rates: RateBook, month: str | None = None) -> Budget:
    """The total monthly budget a plan gives: its recommended option's cost, frozen."""
    snapshot = plan_snapshot(plan, rates, month)
    warn, critical = thresholds(rates)
    amount = snapshot.monthly_cost.quantize(CENT)  # the agreed figure; the snapshot keeps it exact
    return Budget("total", "month", amount, plan.currency, warn, critical, "plan", snapshot,
                  _now())  # fmt: skip


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def period_of(budget: Budget, day: str, hour: str = "") -> str:
    """The budget period a day (and hour) falls in: ``2026-03``, ``2026-03-02`` or
    ``2026-03-02T14``."""
    period: Period = budget.period
    if period == "month":
        return day[:7]
    if period == "day":
        return day
    return f"{day}T{hour}"
