"""Hour by hour, for hourly budgets: usage of hourly (or finer) buckets, re-priced.

Only read when an hourly budget exists, and only for the recent days: the ledger's daily
sums cannot tell hours apart, so these come from the usage facts themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from planner.actuals.guard_records import scope_parts
from planner.actuals.labels import Labels
from planner.actuals.money import Converter
from planner.actuals.pricing import UNPRICED, Pricer, Slot
from planner.actuals.records import USAGE_COUNTS
from planner.actuals.store import LedgerStore

_WIDTH = 8  # hour and the seven dimensions before the counts


def hour_costs(
    store: LedgerStore, first_day: str, last_day: str, convert: Converter, scopes: Iterable[str]
) -> dict[str, dict[str, Decimal]]:
    """Each scope's re-priced usage by hour (``YYYY-MM-DDTHH``), in ``convert.target``."""
    parsed = [(scope, *scope_parts(scope)) for scope in dict.fromkeys(scopes)]
    found: dict[str, dict[str, Decimal]] = {scope: {} for scope, _, _ in parsed}
    labels = Labels.of(store.labels())
    pricer = Pricer(lambda _slot: UNPRICED)  # pricing only: no new slots are placed
    slots: dict[int, Slot] = {}
    for row in store.hourly_usage(first_day, last_day):
        hour, provider, model, project, feature, api_key, slot_id, band = row[:_WIDTH]
        if slot_id == UNPRICED:
            continue
        slot = slots.get(slot_id) or slots.setdefault(slot_id, store.slot(slot_id))
        counts = dict(zip(USAGE_COUNTS, row[_WIDTH:], strict=True))
        cost = convert(pricer.price(slot, band, counts), "USD")
        names = {"provider": provider, "model": model,
                 "project": labels.project(project, api_key),
                 "feature": labels.feature(feature, project, api_key)}  # fmt: skip
        for scope, kind, value in parsed:
            if kind == "total" or names.get(kind) == value:
                found[scope][hour] = found[scope].get(hour, Decimal(0)) + cost
    return found
