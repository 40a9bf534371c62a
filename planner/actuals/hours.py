"""Hour by hour, for hourly budgets: usage of hourly (or finer) buckets, re-priced.

Only read when an hourly budget exists, and only for the recent days: the ledger's daily
sums cannot tell hours apart, so these come from the usage facts themselves. A week of a
busy ledger has tens of thousands of hour-and-dimension sums, too many to price one
genai-prices call at a time; but within a price slot and tier band a price is linear in
each count, so ``Pricer.price`` finds each slot's price per token once and prices the
sums by arithmetic, exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from planner.actuals.guard_records import scope_parts
from planner.actuals.labels import Labels
from planner.actuals.money import Converter
from planner.actuals.pricing import UNPRICED, Pricer, Slot
from planner.actuals.records import USAGE_COUNTS
from planner.actuals.store import LedgerStore

_NEEDS = {"total": (), "provider": ("provider",), "project": ("project", "api_key"),
          "feature": ("feature", "project", "api_key")}  # fmt: skip


class LinearPrices:
    """Prices of the ledger's slots: ``Pricer.price``, with each slot read once."""

    def __init__(self, store: LedgerStore) -> None:
        self._store = store
        self._pricer = Pricer(lambda _slot: UNPRICED)  # pricing only: no slot is placed
        self._slots: dict[int, Slot] = {}

    def cost(self, slot_id: int, band: int, counts: Mapping[str, int]) -> Decimal:
        """What ``counts`` of one slot and band cost, in USD."""
        slot = self._slots.get(slot_id) or self._slots.setdefault(
            slot_id, self._store.slot(slot_id)
        )
        return self._pricer.price(slot, band, counts)


def hour_costs(
    store: LedgerStore, first_day: str, last_day: str, convert: Converter, scopes: Iterable[str]
) -> dict[str, dict[str, Decimal]]:
    """Each scope's re-priced usage by hour (``YYYY-MM-DDTHH``), in ``convert.target``."""
    parsed = [(scope, *scope_parts(scope)) for scope in dict.fromkeys(scopes)]
    dimensions = tuple(dict.fromkeys(d for _, kind, _ in parsed for d in _NEEDS[kind]))
    found: dict[str, dict[str, Decimal]] = {scope: {} for scope, _, _ in parsed}
    labels = Labels.of(store.labels())
    prices = LinearPrices(store)
    width = 3 + len(dimensions)
    usd: dict[str, dict[str, Decimal]] = {scope: {} for scope, _, _ in parsed}
    for row in store.hourly_usage(first_day, last_day, dimensions):
        hour, slot_id, band = row[:3]
        if slot_id == UNPRICED:
            continue
        cost = prices.cost(slot_id, band, dict(zip(USAGE_COUNTS, row[width:], strict=True)))
        names = _names(dict(zip(dimensions, row[3:width], strict=True)), labels)
        for scope, kind, value in parsed:
            if kind == "total" or names.get(kind) == value:
                usd[scope][hour] = usd[scope].get(hour, Decimal(0)) + cost
    for scope, hours in usd.items():
        found[scope] = {hour: convert(amount, "USD") for hour, amount in hours.items()}
    return found


def _names(values: dict[str, str], labels: Labels) -> dict[str, str]:
    names = {"provider": values.get("provider", "")}
    project, api_key = values.get("project", ""), values.get("api_key", "")
    if "project" in values:
        names["project"] = labels.project(project, api_key)
    if "feature" in values:
        names["feature"] = labels.feature(values["feature"], project, api_key)
    return names
