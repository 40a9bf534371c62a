"""API prices from genai-prices: the price of one call, for a given month of the budget."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from genai_prices import Usage, data_snapshot

from planner.model.money import half_up
from planner.rates.schema import ApiModel


class UnknownApiModel(LookupError):
    """genai-prices has no price for this provider and model."""


@cache
def _model_info(provider_id: str, model_id: str) -> tuple[Any, Any]:
    snapshot = data_snapshot.get_snapshot()
    for provider in snapshot.providers:
        if provider.id == provider_id:
            model = provider.find_model(model_id, all_providers=snapshot.providers)
            if model is not None:
                return provider, model
            raise UnknownApiModel(f"genai-prices has no model {model_id!r} at {provider_id!r}")
    raise UnknownApiModel(f"genai-prices has no provider {provider_id!r}")


# genai-prices' ModelPrice is not hashable; key the memo by identity and keep the object
# alive in the value so the identity cannot be reused.
_CALL_PRICES: dict[tuple[int, int, int, int], tuple[Any, float]] = {}


def _price_of_call(model_price: Any, input_tokens: int, cached: int, output_tokens: int) -> float:
    key = (id(model_price), input_tokens, cached, output_tokens)
    hit = _CALL_PRICES.get(key)
    if hit is not None and hit[0] is model_price:
        return hit[1]
    usage = Usage(input_tokens=input_tokens, cache_read_tokens=cached, output_tokens=output_tokens)
    price = float(model_price.calc_price(usage)["total_price"])
    _CALL_PRICES[key] = (model_price, price)
    return price


@cache
def price_per_call_usd(
    api_model: ApiModel,
    input_tokens: int,
    output_tokens: int,
    cached_share: float,
    month: date,
) -> float:
    """Price of one call in USD, as genai-prices computes it for a request on ``month``.

    Tiered prices depend on the size of this single call, so a call is priced first and
    then multiplied by the number of calls. A price genai-prices dates from a later day
    applies from that month of the budget on.
    """
    cached = half_up(input_tokens * cached_share)
    if api_model.input_mtok_usd_override is not None:
        return _overridden_price(api_model, input_tokens, cached, output_tokens)
    _, model = _model_info(api_model.provider, api_model.model)
    when = _priced_moment(month)
    model_price = model.get_prices(when)
    return _price_of_call(model_price, input_tokens, cached, output_tokens)


def _priced_moment(month: date) -> datetime:
    """09:00 UTC on the month's first day: inside European business hours, so a
    time-of-day price (DeepSeek's peak/off-peak) is the one a business would pay."""
    return datetime(month.year, month.month, month.day, 9, tzinfo=UTC)


def _overridden_price(
    api_model: ApiModel, input_tokens: int, cached: int, output_tokens: int
) -> float:
    """A price from our table instead of genai-prices (a model it does not list, or a user's
    override); cached input at the cache-read price where one is given, else as input."""
    input_rate = api_model.input_mtok_usd_override or 0.0
    output_rate = api_model.output_mtok_usd_override or 0.0
    cache_rate = api_model.cache_read_mtok_usd_override
    cache_rate = input_rate if cache_rate is None else cache_rate
    return (
        (input_tokens - cached) * input_rate + cached * cache_rate + output_tokens * output_rate
    ) / 1e6


def list_prices_per_mtok(provider_id: str, model_id: str, month: date) -> dict[str, float]:
    """Base input, output and cached-input prices per million tokens, for display."""
    _, model = _model_info(provider_id, model_id)
    when = _priced_moment(month)
    model_price = model.get_prices(when)
    result: dict[str, float] = {}
    for key in ("input_mtok", "output_mtok", "cache_read_mtok"):
        value = getattr(model_price, key, None)
        if value is None:
            continue
        base = getattr(value, "base", value)
        result[key] = float(base)
    return result


def genai_prices_version() -> str:
    from genai_prices import __version__

    return str(__version__)


def price_changes_after(provider_id: str, model_id: str, day: date) -> list[date]:
    """Dates after ``day`` on which genai-prices schedules a new price for the model."""
    _, model = _model_info(provider_id, model_id)
    prices = model.prices
    if not isinstance(prices, list):
        return []
    dates = []
    for conditional in prices:
        start = getattr(conditional.constraint, "start_date", None)
        if start is not None and start > day:
            dates.append(start)
    return sorted(dates)


Tiers = tuple[float, tuple[tuple[int, float], ...]]
"""A price per million tokens: the base, and (threshold, price) tiers that apply to every token
of a call whose input exceeds the threshold."""


def _tiers(value: Any, fallback: Tiers | None = None) -> Tiers:
    if value is None:
        assert fallback is not None
        return fallback
    tiers = getattr(value, "tiers", None)
    if tiers is None:
        return float(value), ()
    return float(value.base), tuple((int(t.start), float(t.price)) for t in tiers)


@dataclass(frozen=True)
class PricePeriod:
    """A model's prices from one month of the budget (0 = the first) on."""

    start_month: int
    input: Tiers
    output: Tiers
    cache_read: Tiers  # the input price where the model has no cache price


def price_periods(api_model: ApiModel, months: list[date]) -> list[PricePeriod]:
    """The prices in force over the budget's months, one period per price change."""
    if api_model.input_mtok_usd_override is not None:
        flat = (api_model.input_mtok_usd_override, ())
        output = (api_model.output_mtok_usd_override or 0.0, ())
        cache = api_model.cache_read_mtok_usd_override
        return [PricePeriod(0, flat, output, flat if cache is None else (cache, ()))]
    _, model = _model_info(api_model.provider, api_model.model)
    periods: list[PricePeriod] = []
    previous = None
    for index, month in enumerate(months):
        prices = model.get_prices(_priced_moment(month))
        if prices is previous:
            continue
        previous = prices
        input_tiers = _tiers(prices.input_mtok)
        periods.append(
            PricePeriod(
                index,
                input_tiers,
                _tiers(prices.output_mtok),
                _tiers(getattr(prices, "cache_read_mtok", None), input_tiers),
            )
        )
    return periods
