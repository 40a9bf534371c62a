"""Building the reports from a ledger: the one place that reads the store for them."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from planner.actuals.compare import Comparison, compare, expected_month
from planner.actuals.money import Converter
from planner.actuals.status import Status, build_status, default_month, month_days
from planner.actuals.store import LedgerStore
from planner.model.plan import Plan
from planner.rates import RateBook


def status_report(store: LedgerStore, rates: RateBook, month: str | None, currency: str) -> Status:
    """``actuals status``: the month (default: the latest with data) in ``currency``."""
    chosen = month or default_month(store)
    return build_status(store, chosen, Converter(rates, currency))


def comparison_report(
    store: LedgerStore, plan: Plan, rates: RateBook, month: str | None, currency: str | None
) -> Comparison:
    """``actuals compare``: the plan's month against the ledger's, in the plan's currency."""
    chosen = month or default_month(store)
    convert = Converter(rates, currency or plan.currency)
    status = build_status(store, chosen, convert)
    expected = expected_month(plan, rates, chosen, convert)
    return compare(status, model_usage(store, chosen), expected, convert)


def model_usage(store: LedgerStore, month: str) -> dict[tuple[str, str], tuple[int, Decimal]]:
    """(provider, model) → requests and priced USD of the month."""
    first, last = month_days(month)
    requests: dict[tuple[str, str], int] = defaultdict(int)
    priced: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for row in store.daily_rows(first, last):
        key = (row.dimension("provider"), row.dimension("model"))
        requests[key] += row.counts["requests"]
        priced[key] += row.priced or Decimal(0)
    return {key: (requests[key], priced[key]) for key in requests}
