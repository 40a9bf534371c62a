"""A plan's own rate changes, checked against the tables in use when the plan is opened.

The plan model cannot check ``rate_overrides`` itself (it knows no rate table), so a plan
whose overrides name a missing row or hold an impossible value would open without a word
and fail at its first estimate. Opening through here refuses it at once, with the message
the command line prints, in the app and on the command line alike.
"""

from __future__ import annotations

from pathlib import Path

from planner.model.plan import Plan
from planner.model.planfile import PlanError, load_plan
from planner.rates.loader import RateBook, RateTableError, with_overrides

LABEL = "plan rate_overrides"


def check_plan_rates(plan: Plan, rates: RateBook, label: str) -> None:
    """Raise ``PlanError`` (beginning with ``label``, the file) when the plan's currency has
    no exchange rate in ``rates`` or its ``rate_overrides`` do not apply to them (naming the
    table, row and field)."""
    try:
        rates.currency(plan.currency)
    except KeyError as error:
        raise PlanError(f"{label}: currency: {error.args[0]}") from error
    try:
        with_overrides(rates, plan.rate_overrides, LABEL)
    except RateTableError as error:
        raise PlanError(f"{label}: {error}") from error


def open_plan(path: Path, rates: RateBook) -> Plan:
    """Read a plan file and check its rate changes against ``rates``.

    Raises:
        PlanError: naming the file, and the field or the table, row and field, that is
            wrong; nothing else escapes for a file's content.
    """
    plan = load_plan(path)
    check_plan_rates(plan, rates, str(path))
    return plan
