"""Day by day: what each scope (everything, a provider, a project, a feature) cost and did.

A day's *cost* is what a provider billed for it where a bill was imported, else the usage
re-priced (the ledger's rule: a bill wins, never both), plus invoices typed in. Usage
counts, the model mix and the re-priced cost come from the daily sums, so a ledger of
millions of requests is read in a few thousand rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from planner.actuals.guard_records import scope_parts
from planner.actuals.labels import Labels
from planner.actuals.money import Converter
from planner.actuals.pricing import UNPRICED
from planner.actuals.records import CostRow
from planner.actuals.status import row_names
from planner.actuals.store import DailyRow, LedgerStore

ZERO = Decimal(0)
Series = dict[str, "DayFacts"]  # YYYY-MM-DD → the day


@dataclass
class DayFacts:
    """One day of one scope, in one currency (re-priced usage arrives in USD)."""

    requests: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_read_tokens: int = 0
    unpriced_tokens: int = 0
    unpriced_models: dict[tuple[str, str], int] = field(default_factory=dict)
    priced: dict[str, Decimal] = field(default_factory=dict)  # provider → re-priced usage
    billed: dict[str, Decimal] = field(default_factory=dict)  # provider → the bill
    invoiced: Decimal = ZERO
    models: dict[tuple[str, str], list[Decimal]] = field(default_factory=dict)
    # (provider, model) → [requests, re-priced USD]: what compare.variance needs
    summed_cost: Decimal | None = None  # several days added up: the sum of their costs

    def add_usage(self, row: DailyRow, names: dict[str, str]) -> None:
        counts = row.counts
        self.requests += counts["requests"]
        self.input_tokens += counts["input_tokens"]
        self.output_tokens += counts["output_tokens"]
        self.cache_read_tokens += counts["cache_read_tokens"]
        provider = names["provider"]
        if row.dimension("slot_id") == UNPRICED:
            tokens = counts["input_tokens"] + counts["output_tokens"]
            self.unpriced_tokens += tokens
            model = (provider, names["model"])
            self.unpriced_models[model] = self.unpriced_models.get(model, 0) + tokens
        usd = row.priced or ZERO
        self.priced[provider] = self.priced.get(provider, ZERO) + usd
        pair = self.models.setdefault((provider, names["model"]), [ZERO, ZERO])
        pair[0] += counts["requests"]
        pair[1] += usd

    def add_bill(self, provider: str, kind: str, amount: Decimal) -> None:
        if kind == "invoice":
            self.invoiced += amount
        else:
            self.billed[provider] = self.billed.get(provider, ZERO) + amount

    @property
    def usage_cost(self) -> Decimal:
        """Usage re-priced, in the series' currency."""
        return sum(self.priced.values(), ZERO)

    @property
    def cost(self) -> Decimal:
        """What the day cost: each provider's bill where there is one, else its usage."""
        if self.summed_cost is not None:
            return self.summed_cost
        usage = sum((v for p, v in self.priced.items() if p not in self.billed), ZERO)
        return usage + sum(self.billed.values(), ZERO) + self.invoiced

    @property
    def running_cost(self) -> Decimal:
        """The day's cost without invoices (a monthly invoice is not a day's running cost)."""
        return self.cost - self.invoiced

    def cost_by_provider(self) -> dict[str, Decimal]:
        shares = {p: v for p, v in self.priced.items() if p not in self.billed}
        shares.update(self.billed)
        if self.invoiced:
            shares["(invoices)"] = shares.get("(invoices)", ZERO) + self.invoiced
        return shares


def _matches(names: dict[str, str], kind: str, value: str) -> bool:
    return kind == "total" or names.get(kind) == value


def _bill_names(bill: CostRow, labels: Labels) -> dict[str, str]:
    names = {"provider": bill.provider}
    if bill.project or bill.api_key:  # only an itemised bill belongs to a project
        names["project"] = labels.project(bill.project, bill.api_key)
    return names


@dataclass
class LedgerDays:
    """The ledger's rows for a run of days, read once and turned into series as needed."""

    daily: list[DailyRow]
    bills: list[CostRow]
    labels: Labels

    @classmethod
    def read(cls, store: LedgerStore, first: str, last: str) -> LedgerDays:
        """Days ``first`` to ``last`` (inclusive)."""
        return cls(store.daily_rows(first, last), store.cost_rows(first, last),
                   Labels.of(store.labels()))  # fmt: skip

    @cached_property
    def names(self) -> list[dict[str, str]]:
        """Each daily row's provider, model, project and feature, labels applied."""
        return [row_names(row, self.labels) for row in self.daily]

    def series(self, convert: Converter, scopes: Iterable[str]) -> dict[str, Series]:
        """Each scope's days, in ``convert.target``."""
        return build_series(self.daily, self.bills, self.labels, convert, scopes, self.names)


def build_series(
    daily: Iterable[DailyRow],
    bills: Iterable[CostRow],
    labels: Labels,
    convert: Converter,
    scopes: Iterable[str],
    names_of_rows: list[dict[str, str]] | None = None,
) -> dict[str, Series]:
    """Each scope's days from the ledger's rows, in ``convert.target`` (``names_of_rows``:
    each row's ``row_names``, when already known)."""
    parsed = [(scope, *scope_parts(scope)) for scope in dict.fromkeys(scopes)]
    found: dict[str, Series] = {scope: {} for scope, _, _ in parsed}
    rows = list(daily)
    all_names = names_of_rows or [row_names(row, labels) for row in rows]
    for row, names in zip(rows, all_names, strict=True):
        day = row.dimension("day")
        for scope, kind, value in parsed:
            if _matches(names, kind, value):
                found[scope].setdefault(day, DayFacts()).add_usage(row, names)
    for bill in bills:
        names = _bill_names(bill, labels)
        amount = convert(Decimal(bill.amount), bill.currency)
        for scope, kind, value in parsed:
            if _matches(names, kind, value):
                found[scope].setdefault(bill.day, DayFacts()).add_bill(
                    bill.provider, bill.kind, amount
                )
    for series in found.values():
        for facts in series.values():
            facts.priced = {p: convert(v, "USD") for p, v in facts.priced.items()}
    return found


def costs(series: Series) -> dict[str, Decimal]:
    """Day → cost, for the forecast and the charts."""
    return {day: facts.cost for day, facts in series.items()}


def total(series: Series, first: str, last: str) -> DayFacts:
    """The days ``first`` to ``last`` of a series added up into one."""
    whole, cost = DayFacts(), ZERO
    for day, facts in series.items():
        if first <= day <= last:
            _merge(whole, facts)
            cost += facts.cost
    whole.summed_cost = cost
    return whole


def _merge(into: DayFacts, facts: DayFacts) -> None:
    into.requests += facts.requests
    into.input_tokens += facts.input_tokens
    into.output_tokens += facts.output_tokens
    into.cache_read_tokens += facts.cache_read_tokens
    into.unpriced_tokens += facts.unpriced_tokens
    into.invoiced += facts.invoiced
    for pair, tokens in facts.unpriced_models.items():
        into.unpriced_models[pair] = into.unpriced_models.get(pair, 0) + tokens
    for target, source in ((into.priced, facts.priced), (into.billed, facts.billed)):
        for key, value in source.items():
            target[key] = target.get(key, ZERO) + value
    for pair, (requests, usd) in facts.models.items():
        sums = into.models.setdefault(pair, [ZERO, ZERO])
        sums[0] += requests
        sums[1] += usd
