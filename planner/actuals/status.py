"""The month's actual spend: usage re-priced, bills, by day and by dimension, reconciled.

Reads only the daily sums, so a ledger of millions of requests answers at once. Priced
usage is in USD until it is shown; a bill stays in its own currency until then.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

from planner.actuals.labels import Labels
from planner.actuals.money import Converter, per
from planner.actuals.pricing import UNPRICED
from planner.actuals.records import CostRow
from planner.actuals.store import DailyRow, LedgerStore

ZERO = Decimal(0)


@dataclass
class Totals:
    """Requests, tokens and money of one day, group or month."""

    requests: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    priced: Decimal = ZERO  # USD until converted
    billed: Decimal | None = None  # in the report currency; None when no bill covers it

    def add_usage(self, row: DailyRow) -> None:
        self.requests += row.counts["requests"]
        self.input_tokens += row.counts["input_tokens"]
        self.output_tokens += row.counts["output_tokens"]
        self.priced += row.priced or ZERO

    def add_bill(self, amount: Decimal) -> None:
        self.billed = (self.billed or ZERO) + amount

    @property
    def cost_per_request(self) -> Decimal | None:
        return per(self.priced, self.requests)


@dataclass(frozen=True)
class Reconciled:
    """One provider's day: what the bill says against what the usage is worth."""

    provider: str
    date: str
    billed: Decimal | None
    priced: Decimal

    @property
    def gap(self) -> Decimal | None:
        return None if self.billed is None else self.billed - self.priced


@dataclass(frozen=True)
class Unpriced:
    provider: str
    model: str
    requests: int
    input_tokens: int
    output_tokens: int


@dataclass
class Status:
    """Everything ``actuals status`` shows, in one currency."""

    currency: str
    month: str
    month_to_date: Totals
    days: dict[str, Totals]
    groups: dict[str, dict[str, Totals]]  # "provider" | "model" | "project" | "feature"
    reconciliation: list[Reconciled]
    unpriced: list[Unpriced]
    exchange_rates_as_of: str = ""
    notes: list[str] = field(default_factory=list)


GROUPS = ("provider", "model", "project", "feature")


def month_days(month: str) -> tuple[str, str]:
    """First and last day of ``YYYY-MM``."""
    try:
        year, number = (int(part) for part in month.split("-"))
        last = calendar.monthrange(year, number)[1]
        return date(year, number, 1).isoformat(), date(year, number, last).isoformat()
    except (ValueError, calendar.IllegalMonthError):
        raise ValueError(f"--month: expected YYYY-MM, got {month!r}") from None


def default_month(store: LedgerStore) -> str:
    """The month of the latest data in the ledger, else this month (UTC)."""
    last = store.last_day()
    return last[:7] if last else datetime.now(UTC).strftime("%Y-%m")


def build_status(store: LedgerStore, month: str, convert: Converter) -> Status:
    """The status of ``month`` in ``convert.target``."""
    first, last = month_days(month)
    labels = Labels.of(store.labels())
    daily = store.daily_rows(first, last)
    status = Status(convert.target, month, Totals(), {}, {g: {} for g in GROUPS}, [], [])
    status.exchange_rates_as_of = convert.as_of
    for row in daily:
        _add_usage(status, row, labels)
    bills = store.cost_rows(first, last)
    for bill in bills:
        _add_bill(status, bill, labels, convert)
    _convert_priced(status, convert)
    status.reconciliation = reconcile(daily, bills, convert)
    status.unpriced = unpriced(daily)
    return status


def row_names(row: DailyRow, labels: Labels) -> dict[str, str]:
    """The provider, model, project and feature of a daily row, in the company's labels."""
    project, api_key = row.dimension("project"), row.dimension("api_key")
    return {
        "provider": row.dimension("provider"),
        "model": row.dimension("model"),
        "project": labels.project(project, api_key),
        "feature": labels.feature(row.dimension("feature"), project, api_key),
    }


def _add_usage(status: Status, row: DailyRow, labels: Labels) -> None:
    status.month_to_date.add_usage(row)
    status.days.setdefault(row.dimension("day"), Totals()).add_usage(row)
    for group, name in row_names(row, labels).items():
        status.groups[group].setdefault(name, Totals()).add_usage(row)


def _add_bill(status: Status, bill: CostRow, labels: Labels, convert: Converter) -> None:
    amount = convert(Decimal(bill.amount), bill.currency)
    status.month_to_date.add_bill(amount)
    status.days.setdefault(bill.day, Totals()).add_bill(amount)
    status.groups["provider"].setdefault(bill.provider, Totals()).add_bill(amount)
    if bill.project:  # only a bill itemised by project can be put against a project
        name = labels.project(bill.project, bill.api_key)
        status.groups["project"].setdefault(name, Totals()).add_bill(amount)


def _convert_priced(status: Status, convert: Converter) -> None:
    everything = [status.month_to_date, *status.days.values()]
    everything += [t for group in status.groups.values() for t in group.values()]
    for totals in everything:
        totals.priced = convert(totals.priced, "USD")


def reconcile(daily: list[DailyRow], bills: list[CostRow], convert: Converter) -> list[Reconciled]:
    """Billed against re-priced usage for every provider and day that has either."""
    priced: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    billed: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for row in daily:
        priced[(row.dimension("provider"), row.dimension("day"))] += row.priced or ZERO
    for bill in bills:
        billed[(bill.provider, bill.day)] += convert(Decimal(bill.amount), bill.currency)
    keys = sorted(set(priced) | set(billed), key=lambda k: (k[1], k[0]))
    return [Reconciled(p, d, billed.get((p, d)), convert(priced[(p, d)], "USD")) for p, d in keys]


def unpriced(daily: list[DailyRow]) -> list[Unpriced]:
    """Usage of models genai-prices does not know, by provider and model."""
    found: dict[tuple[str, str], list[int]] = {}
    for row in daily:
        if row.dimension("slot_id") != UNPRICED:
            continue
        key = (row.dimension("provider"), row.dimension("model"))
        sums = found.setdefault(key, [0, 0, 0])
        for index, name in enumerate(("requests", "input_tokens", "output_tokens")):
            sums[index] += row.counts[name]
    return [Unpriced(p, m, *sums) for (p, m), sums in sorted(found.items())]
