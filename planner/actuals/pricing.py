"""Re-pricing usage with genai-prices, exactly as it prices a request.

Pricing a million rows one ``calc_price`` call at a time would take a minute, so rows are
*placed* instead: each row gets the price slot in force for it (provider, model, the
conditional price valid at its time, the batch or service-tier variant) and its tier band
(which price tier its average request falls in). Rows of one slot and band are priced
together: genai-prices' prices are linear within a tier, so pricing the summed usage gives
exactly the sum of the rows' prices. A per-request fee, which genai-prices charges once
per call, is added for every further request of the sum.

Being linear, a slot and band's price is also found once: genai-prices prices a few
made-up sums (``_BASE`` and one more million of each count in turn), which gives the fee
and each count's price per unit, exactly (``Decimal``, no rounding); every later sum is
priced by arithmetic. An import prices thousands of daily sums of a few slots, and one
``calc_price`` call costs as much as pricing a hundred sums this way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from copy import copy
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import genai_prices
from genai_prices import Usage, data_snapshot
from genai_prices.types import ModelPrice, TieredPrices, TimeOfDateConstraint

from planner.actuals.records import UsageRow

UNPRICED = 0
PRICE_KEYS = (
    "input_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "cache_write_5m_tokens",
    "cache_write_1h_tokens",
    "output_tokens",
    "input_audio_tokens",
    "output_audio_tokens",
    "web_searches",
)
_PLAIN_TIERS = frozenset({"", "default", "standard", "auto", "on_demand"})
_STEP = 1_000_000  # tokens added to find a price per token: prices are per million
_BASE = {"input_tokens": 10 * _STEP, "output_tokens": 10 * _STEP, "cache_write_tokens": 2 * _STEP}
# (room for the parts genai-prices checks against their totals: cached input, audio, writes)
_BAND = re.compile(r"(\d+(?:\.\d+)?)\s*([km]?)", re.IGNORECASE)


def prices_snapshot() -> str:
    """Which price data re-prices usage, recorded with every import."""
    return f"genai-prices {genai_prices.__version__} bundled"


@dataclass(frozen=True)
class Slot:
    """One set of prices a row is priced with, as the ledger stores it."""

    provider: str
    model_id: str
    context: str  # JSON of the genai-prices price context ("{}" for none)
    sample_at: str  # a moment at which genai-prices gives exactly these prices
    signature: str


@dataclass(frozen=True)
class _Model:
    provider: str
    info: Any
    by_hour: bool  # a time-of-day price (peak/off-peak) applies


def price_context(row: UsageRow) -> dict[str, str]:
    """genai-prices' request context for a row: batch processing or a service tier."""
    context: dict[str, str] = {}
    tier = row.service_tier.lower()
    if row.is_batch or tier == "batch":
        context["processing"] = "batch"
    elif tier not in _PLAIN_TIERS:
        context["service_tier"] = tier
    return context


def tier_starts(model_price: ModelPrice) -> tuple[int, ...]:
    """Every input-size threshold at which one of the prices changes, ascending."""
    starts = {
        tier.start
        for value in vars(model_price).values()
        if isinstance(value, TieredPrices)
        for tier in value.tiers
    }
    return tuple(sorted(starts))


def band_of(row: UsageRow, starts: tuple[int, ...]) -> int:
    """How many thresholds the row's average request exceeds (0 = the base price).

    A row without a request count (Anthropic's exports) has its size band instead.
    """
    if not starts:
        return 0
    if row.requests > 0:
        return sum(1 for start in starts if row.input_tokens > start * row.requests)
    floor = context_floor(row.context_window)
    return sum(1 for start in starts if floor > start)


def context_floor(band: str) -> int:
    """The smallest request a size band such as "> 200k" or "200k-1M" can hold."""
    text = band.strip().lower()
    if not text or text.startswith(("≤", "<", "0-", "0 -")):
        return 0
    match = _BAND.search(text)
    if match is None:
        return 0
    scale = {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    return int(float(match.group(1)) * scale) + 1


def flatten(model_price: ModelPrice, band: int, starts: tuple[int, ...]) -> ModelPrice:
    """The prices with every tiered price fixed at band ``band``."""
    if not starts:
        return model_price
    bound = starts[band - 1] if band else None
    flat = copy(model_price)
    for key, value in vars(model_price).items():
        if isinstance(value, TieredPrices):
            chosen = value.base
            for tier in value.tiers:
                if bound is not None and tier.start <= bound:
                    chosen = tier.price
            flat.__dict__[key] = chosen
    return flat


class Pricer:
    """Places usage rows in price slots and prices the sums of a slot and band.

    ``register`` gives a slot its ledger id (the store keeps slots so that a later import
    can price a day again); ``UNPRICED`` (0) marks a model genai-prices does not know.
    """

    def __init__(self, register: Callable[[Slot], int]) -> None:
        self._register = register
        self._models: dict[tuple[str, str], _Model | None] = {}
        self._places: dict[tuple[Any, ...], tuple[int, tuple[int, ...]]] = {}
        self._prices: dict[str, ModelPrice] = {}
        self._linear: dict[tuple[str, int], tuple[Decimal, tuple[tuple[str, Decimal], ...]]] = {}
        self.unpriced: dict[tuple[str, str], str] = {}  # (provider, model) → reason code

    def provider_of(self, row: UsageRow) -> str:
        """The row's provider id, found from the model when the source did not say."""
        model = self._model(row.provider, row.model)
        return model.provider if model is not None else (row.provider or "unknown")

    def place(self, row: UsageRow) -> tuple[int, int]:
        """The row's price slot id and tier band; ``(UNPRICED, 0)`` for an unknown model."""
        slot_id, starts = self.slot_of(row)
        return slot_id, band_of(row, starts) if starts else 0

    def slot_of(self, row: UsageRow) -> tuple[int, tuple[int, ...]]:
        """The row's price slot id and the tier thresholds of its prices (ascending).

        Only the row's provider, model, start, service tier and batch flag are read, so a
        bulk reader may pass a row that holds just those and place many rows at once.
        """
        model = self._model(row.provider, row.model)
        if model is None:
            return UNPRICED, ()
        period = row.bucket_start[:13] if model.by_hour else row.bucket_start[:10]
        key = (row.provider, row.model, period, row.service_tier, row.is_batch)
        placed = self._places.get(key)
        if placed is None:
            placed = self._places[key] = self._new_place(model, row)
        return placed

    def by_hour(self, provider: str, model: str) -> bool:
        """Whether the model's price depends on the time of day (a slot per hour, not day)."""
        found = self._model(provider, model)
        return found is not None and found.by_hour

    def _new_place(self, model: _Model, row: UsageRow) -> tuple[int, tuple[int, ...]]:
        context = price_context(row)
        moment = datetime.fromisoformat(row.bucket_start)
        model_price = model.info.get_prices(moment, context or None)
        context_text = json.dumps(context, sort_keys=True)
        signature = f"{model.provider}|{model.info.id}|{context_text}|{model_price!r}"
        self._prices[signature] = model_price
        slot = Slot(model.provider, model.info.id, context_text, row.bucket_start, signature)
        return self._register(slot), tier_starts(model_price)

    def _model(self, provider: str, model: str) -> _Model | None:
        key = (provider, model)
        if key not in self._models:
            self._models[key] = self._find(provider, model)
        return self._models[key]

    def _find(self, provider: str, model: str) -> _Model | None:
        if not model:
            self.unpriced[(provider, model)] = "no_model"
            return None
        try:
            found, info = data_snapshot.get_snapshot().find_provider_model(
                model, None, provider or None, None
            )
        except LookupError:
            self.unpriced[(provider, model)] = "unknown_model"
            return None
        return _Model(found.id, info, _has_time_of_day(info))

    def price(self, slot: Slot, band: int, sums: Mapping[str, int]) -> Decimal:
        """The exact price in USD of summed usage of one slot and tier band: what
        ``calc_price`` gives for it, with the fee of every further request."""
        key = (slot.signature, band)
        known = self._linear.get(key)
        if known is None:
            known = self._linear[key] = self._unit_prices(slot, band)
        fee, units = known
        total = fee * max(sums.get("requests", 0), 1)
        for name, unit in units:
            count = sums.get(name)
            if count:
                total += unit * count
        return total

    def _unit_prices(
        self, slot: Slot, band: int
    ) -> tuple[Decimal, tuple[tuple[str, Decimal], ...]]:
        """A slot's fee per request and each count's price per unit at one band."""
        model_price = self._slot_prices(slot)
        flat = flatten(model_price, band, tier_starts(model_price))

        def calc(sums: Mapping[str, int]) -> Decimal:
            found: Decimal = flat.calc_price(Usage(**sums))["total_price"]
            return found

        base = calc(_BASE)
        units = ((name, (calc({**_BASE, name: _BASE.get(name, 0) + _STEP}) - base) / _STEP)
                 for name in PRICE_KEYS)  # fmt: skip
        return calc({}), tuple((name, unit) for name, unit in units if unit)

    def _slot_prices(self, slot: Slot) -> ModelPrice:
        known = self._prices.get(slot.signature)
        if known is None:
            _, info = data_snapshot.get_snapshot().find_provider_model(
                slot.model_id, None, slot.provider, None
            )
            context = json.loads(slot.context) or None
            known = info.get_prices(datetime.fromisoformat(slot.sample_at), context)
            self._prices[slot.signature] = known
        return known


def _has_time_of_day(info: Any) -> bool:
    prices = info.prices if isinstance(info.prices, list) else []
    return any(isinstance(p.constraint, TimeOfDateConstraint) for p in prices)
