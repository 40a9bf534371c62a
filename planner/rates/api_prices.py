"""API prices from genai-prices: the price of one call, for a given month of the budget.

A price that changes with the time of day is weighted by the share of the plan's calls made
in each of its hours (``planner/rates/time_of_day.py``); without the plan's hours, a call is
priced at 09:00 UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

from genai_prices import Usage, data_snapshot
from genai_prices.types import TimeOfDateConstraint

from planner.model.money import half_up
from planner.rates.schema import ApiModel
from planner.rates.time_of_day import CallHours, Segment, day_segments, segment_shares


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
    hours: CallHours | None = None,
) -> float:
    """Price of one call in USD, as genai-prices computes it for a request on ``month``.

    Tiered prices depend on the size of this single call, so a call is priced first and
    then multiplied by the number of calls. A price genai-prices dates from a later day
    applies from that month of the budget on. A price by the time of day is the average
    over the hours the calls are made (``hours``; 09:00 UTC without them).
    """
    cached = half_up(input_tokens * cached_share)
    if api_model.input_mtok_usd_override is not None:
        return _overridden_price(api_model, input_tokens, cached, output_tokens)
    mix = price_mix(api_model, month, hours, (input_tokens, cached, output_tokens))
    if len(mix) == 1:
        return _price_of_call(mix[0].prices, input_tokens, cached, output_tokens)
    return sum(
        part.share * _price_of_call(part.prices, input_tokens, cached, output_tokens)
        for part in mix
    )


def _priced_moment(month: date) -> datetime:
    """09:00 UTC on the month's first day: the day a month's price is taken on, and the hour
    when the plan's hours are not known (inside European business hours)."""
    return datetime(month.year, month.month, month.day, 9, tzinfo=UTC)


@dataclass(frozen=True)
class MixPart:
    """One price of a model by the time of day, the share of calls paying it and its hours."""

    share: float
    prices: Any  # genai-prices' ModelPrice
    segments: tuple[Segment, ...]  # of the UTC day; empty for a price at every hour


Call = tuple[int, int, int]
"""Input tokens, cached input tokens and output tokens of one call."""


def price_mix(
    api_model: ApiModel, month: date, hours: CallHours | None, call: Call
) -> tuple[MixPart, ...]:
    """The model's prices in ``month`` with the share of calls paying each.

    One price at every hour unless genai-prices gives the model prices by the time of day
    and the plan's ``hours`` are known; then one part per distinct price, batch work run
    off-peak (``hours.off_peak_share``) at the price that makes this call cheapest.
    """
    _, model = _model_info(api_model.provider, api_model.model)
    boundaries = _daily_boundaries(api_model.provider, api_model.model)
    if hours is None or not boundaries:
        return (MixPart(1.0, model.get_prices(_priced_moment(month)), ()),)
    segments = day_segments(boundaries)
    shares = list(segment_shares(hours, segments, month))
    first_day = datetime(month.year, month.month, month.day, tzinfo=UTC)
    prices = [model.get_prices(first_day + timedelta(seconds=start)) for start, _ in segments]
    if hours.off_peak_share:
        costs = [(_price_of_call(price, *call), _list_price(price)) for price in prices]
        cheapest = costs.index(min(costs))
        moved = hours.off_peak_share
        shares = [(1 - moved) * share for share in shares]
        shares[cheapest] += moved
    return _merged(shares, prices, segments)


def _list_price(prices: Any) -> float:
    """A million input and a million output tokens at the base prices: which hours are
    cheapest when the call itself does not tell."""
    return float(_tiers(prices.input_mtok)[0] + _tiers(prices.output_mtok)[0])


def _merged(
    shares: list[float], prices: list[Any], segments: tuple[Segment, ...]
) -> tuple[MixPart, ...]:
    """One part per distinct price (the same price in several hours counts once)."""
    parts: list[MixPart] = []
    for share, price, segment in zip(shares, prices, segments, strict=True):
        index = next((i for i, part in enumerate(parts) if part.prices == price), None)
        if index is None:
            parts.append(MixPart(share, price, (segment,)))
            continue
        part = parts[index]
        parts[index] = MixPart(part.share + share, price, _joined(part.segments, segment))
    return tuple(parts)


def _joined(segments: tuple[Segment, ...], segment: Segment) -> tuple[Segment, ...]:
    last = segments[-1]
    if last[1] == segment[0]:
        return (*segments[:-1], (last[0], segment[1]))
    return (*segments, segment)


@cache
def _daily_boundaries(provider_id: str, model_id: str) -> tuple[int, ...]:
    """Where the model's prices by the time of day start and end, in seconds of the UTC
    day; empty when its price is the same at every hour."""
    _, model = _model_info(provider_id, model_id)
    prices = model.prices if isinstance(model.prices, list) else []
    found: set[int] = set()
    for conditional in prices:
        constraint = conditional.constraint
        if isinstance(constraint, TimeOfDateConstraint):
            found.update(_utc_seconds(t) for t in (constraint.start_time, constraint.end_time))
    return tuple(sorted(found))


def _utc_seconds(moment: time) -> int:
    """Seconds from UTC midnight of a time of day (a time without a zone is UTC)."""
    if moment.tzinfo is not None:
        moment = datetime.combine(date(1970, 1, 1), moment).astimezone(UTC).time()
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def has_time_of_day_prices(api_model: ApiModel) -> bool:
    """genai-prices prices the model by the time of day (and no price of ours replaces it)."""
    if api_model.input_mtok_usd_override is not None:
        return False
    return bool(_daily_boundaries(api_model.provider, api_model.model))


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
    # For prices by the time of day (then the prices above are averages): the share of
    # calls in each group of UTC hours (seconds from midnight) that pays the same price.
    hours: tuple[tuple[float, tuple[Segment, ...]], ...] = ()


def price_periods(
    api_model: ApiModel,
    months: list[date],
    hours: CallHours | None = None,
    call: Call = (0, 0, 0),
) -> list[PricePeriod]:
    """The prices in force over the budget's months, one period per price change.

    With the plan's ``hours`` and a time-of-day price, each price is the average the
    calls pay (see ``price_mix``; ``call`` picks the cheapest hours for batch work).
    """
    if api_model.input_mtok_usd_override is not None:
        flat = (api_model.input_mtok_usd_override, ())
        output = (api_model.output_mtok_usd_override or 0.0, ())
        cache = api_model.cache_read_mtok_usd_override
        return [PricePeriod(0, flat, output, flat if cache is None else (cache, ()))]
    periods: list[PricePeriod] = []
    previous: tuple[tuple[int, float], ...] = ()
    for index, month in enumerate(months):
        mix = price_mix(api_model, month, hours, call)
        key = tuple((id(part.prices), part.share) for part in mix)
        if key == previous:
            continue
        previous = key
        periods.append(_period(index, mix))
    return periods


def _period(start_month: int, mix: tuple[MixPart, ...]) -> PricePeriod:
    """The average prices the calls pay over the parts of the mix."""
    inputs, outputs, caches = [], [], []
    for part in mix:
        input_tiers = _tiers(part.prices.input_mtok)
        inputs.append((part.share, input_tiers))
        outputs.append((part.share, _tiers(part.prices.output_mtok)))
        cache = _tiers(getattr(part.prices, "cache_read_mtok", None), input_tiers)
        caches.append((part.share, cache))
    hours = tuple((part.share, part.segments) for part in mix if part.segments)
    return PricePeriod(start_month, _averaged(inputs), _averaged(outputs), _averaged(caches), hours)


def _averaged(weighted: list[tuple[float, Tiers]]) -> Tiers:
    """The weighted average of tiered prices: every tier start of any of them, each with the
    average of the prices that apply to a call above it."""
    if len(weighted) == 1:
        return weighted[0][1]
    starts = sorted({start for _, (_, steps) in weighted for start, _ in steps})
    base = sum(share * tiers[0] for share, tiers in weighted)
    steps = tuple(
        (start, sum(share * _price_above(tiers, start) for share, tiers in weighted))
        for start in starts
    )
    return base, steps


def _price_above(tiers: Tiers, start: int) -> float:
    """The price per million tokens of a call whose input exceeds ``start``."""
    price = tiers[0]
    for step_start, step_price in tiers[1]:
        if step_start <= start:
            price = step_price
    return price
