"""Prices by the time of day: a DeepSeek call costs what genai-prices charges in the hours the
plan's calls are made, on average; every other model is priced exactly as before (09:00 UTC
on the month's first day)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from genai_prices import Usage, calc_price
from genai_prices.types import TimeOfDateConstraint

from planner.rates import load_rates
from planner.rates.api_prices import (
    _averaged,
    _model_info,
    has_time_of_day_prices,
    price_per_call_usd,
    price_periods,
)
from planner.rates.schema import ApiModel
from planner.rates.time_of_day import CallHours

RATES = load_rates()
TIME_OF_DAY = ("deepseek-v4-flash", "deepseek-v4-pro")
WARSAW_OFFICE = CallHours("Europe/Warsaw", 9.0, 8.0, every_day=False)
ROUND_THE_CLOCK = CallHours("Europe/Warsaw", 0.0, 24.0, every_day=True)
CALL = (1500, 450, 400)  # input tokens, of which cached, output tokens
WINTER, SUMMER = date(2026, 12, 1), date(2027, 7, 1)


def genai_price(model: ApiModel, when: datetime, call: tuple[int, int, int] = CALL) -> float:
    """genai-prices' own price of one call made at ``when``."""
    usage = Usage(input_tokens=call[0], cache_read_tokens=call[1], output_tokens=call[2])
    found = calc_price(usage, model.model, provider_id=model.provider, genai_request_timestamp=when)
    return float(found.total_price)


def peak_hours(model: ApiModel) -> set[int]:
    """The UTC hours genai-prices prices apart (DeepSeek's peak windows start on the hour)."""
    _, info = _model_info(model.provider, model.model)
    hours: set[int] = set()
    for conditional in info.prices:
        if isinstance(conditional.constraint, TimeOfDateConstraint):
            hours |= set(
                range(conditional.constraint.start_time.hour, conditional.constraint.end_time.hour)
            )
    return hours


def peak_and_off_peak(model: ApiModel, month: date) -> tuple[float, float]:
    """genai-prices' price of the call in a peak hour and outside them, on the month's 1st."""
    peak = peak_hours(model)
    off = next(hour for hour in range(24) if hour not in peak)

    def at(hour: int) -> datetime:
        return datetime(month.year, month.month, 1, hour, tzinfo=UTC)

    return genai_price(model, at(min(peak))), genai_price(model, at(off))


def peak_share(model: ApiModel, first_utc_hour: int, hours: int) -> float:
    """Share of [first, first + hours) UTC in the model's peak hours."""
    peak = peak_hours(model)
    return (
        sum(1 for hour in range(first_utc_hour, first_utc_hour + hours) if hour % 24 in peak)
        / hours
    )


def per_call(model: ApiModel, month: date, hours: CallHours | None) -> float:
    return price_per_call_usd(model, CALL[0], CALL[2], CALL[1] / CALL[0], month, hours)


def test_only_the_deepseek_v4_models_have_prices_by_the_time_of_day() -> None:
    found = {m.id for m in RATES.api_models if has_time_of_day_prices(m)}
    assert found == set(TIME_OF_DAY)
    assert all(peak_hours(RATES.api_model(model_id)) for model_id in TIME_OF_DAY)


SAME_AT_EVERY_HOUR = [
    m for m in RATES.api_models if m.id not in TIME_OF_DAY and m.input_mtok_usd_override is None
]


@pytest.mark.parametrize("model", SAME_AT_EVERY_HOUR, ids=lambda m: m.id)
def test_a_model_priced_the_same_at_every_hour_is_priced_as_before(model: ApiModel) -> None:
    for month in (WINTER, SUMMER):
        before = genai_price(model, datetime(month.year, month.month, 1, 9, tzinfo=UTC))
        assert per_call(model, month, WARSAW_OFFICE) == before
        assert per_call(model, month, ROUND_THE_CLOCK) == before
        assert per_call(model, month, None) == before


@pytest.mark.parametrize("model_id", TIME_OF_DAY)
@pytest.mark.parametrize(
    ("month", "office_utc_start"),
    [
        (WINTER, 8),  # 09:00–17:00 in Warsaw is 08:00–16:00 UTC in winter (UTC+1)
        (SUMMER, 7),  # and 07:00–15:00 UTC in summer (UTC+2)
    ],
)
def test_business_hours_and_round_the_clock_pay_their_shares_of_the_peak(
    model_id: str, month: date, office_utc_start: int
) -> None:
    model = RATES.api_model(model_id)
    peak, off_peak = peak_and_off_peak(model, month)
    office = peak_share(model, office_utc_start, 8)
    always = peak_share(model, 0, 24)
    assert per_call(model, month, WARSAW_OFFICE) == pytest.approx(
        office * peak + (1 - office) * off_peak
    )
    assert per_call(model, month, ROUND_THE_CLOCK) == pytest.approx(
        always * peak + (1 - always) * off_peak
    )
    assert off_peak < peak


def test_the_month_summer_time_ends_in_pays_each_clock_for_its_weekdays() -> None:
    model = RATES.api_model("deepseek-v4-flash")
    october = date(2026, 10, 1)  # summer time ends on Sunday 25 October 2026
    summer_days = sum(1 for d in range(1, 25) if date(2026, 10, d).weekday() < 5)
    winter_days = sum(1 for d in range(26, 32) if date(2026, 10, d).weekday() < 5)
    share = (summer_days * peak_share(model, 7, 8) + winter_days * peak_share(model, 8, 8)) / (
        summer_days + winter_days
    )
    peak, off_peak = peak_and_off_peak(model, october)
    expected = share * peak + (1 - share) * off_peak
    assert per_call(model, october, WARSAW_OFFICE) == pytest.approx(expected)
    assert (
        per_call(model, WINTER, WARSAW_OFFICE) < expected < per_call(model, SUMMER, WARSAW_OFFICE)
    )


@pytest.mark.parametrize("moved", [1.0, 0.4])
def test_batch_work_run_off_peak_pays_the_off_peak_price(moved: float) -> None:
    model = RATES.api_model("deepseek-v4-pro")
    hours = CallHours("Europe/Warsaw", 9.0, 8.0, every_day=False, off_peak_share=moved)
    _, off_peak = peak_and_off_peak(model, SUMMER)
    expected = (1 - moved) * per_call(model, SUMMER, WARSAW_OFFICE) + moved * off_peak
    assert per_call(model, SUMMER, hours) == pytest.approx(expected)


def test_the_workbooks_prices_are_the_averages_the_calls_pay() -> None:
    """The average price per million tokens, applied to one call, is the engine's price of
    the call, month by month; a period starts where summer time moves the hours."""
    model = RATES.api_model("deepseek-v4-flash")
    months = [date(2027, m, 1) for m in range(1, 13)]
    periods = price_periods(model, months, WARSAW_OFFICE, CALL)
    # Winter, March (summer time from the 28th), summer, November on.
    assert [p.start_month for p in periods] == [0, 2, 3, 10]
    for period in periods:
        month = months[period.start_month]
        (inp, _), (out, _), (cache, _) = period.input, period.output, period.cache_read
        formula = ((CALL[0] - CALL[1]) * inp + CALL[1] * cache + CALL[2] * out) / 1e6
        assert formula == pytest.approx(per_call(model, month, WARSAW_OFFICE), rel=1e-12)
        assert sum(share for share, _ in period.hours) == pytest.approx(1.0)


def test_a_price_of_our_own_is_not_weighted_by_the_hours() -> None:
    model = next(m for m in RATES.api_models if m.input_mtok_usd_override is not None)
    own = (
        (CALL[0] - CALL[1]) * model.input_mtok_usd_override  # type: ignore[operator]
        + CALL[1] * (model.cache_read_mtok_usd_override or model.input_mtok_usd_override)
        + CALL[2] * (model.output_mtok_usd_override or 0.0)
    ) / 1e6
    assert not has_time_of_day_prices(model)
    assert per_call(model, SUMMER, WARSAW_OFFICE) == pytest.approx(own)


def test_a_model_priced_the_same_at_every_hour_keeps_its_periods() -> None:
    model = RATES.api_model("google-gemini-3.8-flash")  # a price change on 2027-01-01
    months = [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)]
    assert price_periods(model, months, WARSAW_OFFICE, CALL) == price_periods(model, months)
    assert all(period.hours == () for period in price_periods(model, months))


@pytest.mark.parametrize(
    ("weighted", "expected"),
    [
        # Untiered prices: the weighted base.
        ([(0.25, (2.0, ())), (0.75, (1.0, ()))], (1.25, ())),
        # One tiered from 200k: above it, its tier price and the other's base.
        (
            [(0.5, (2.0, ((200_000, 4.0),))), (0.5, (1.0, ()))],
            (1.5, ((200_000, 2.5),)),
        ),
        # Tiers from different starts: every start, each price as it applies above it.
        (
            [(0.5, (2.0, ((100_000, 3.0),))), (0.5, (1.0, ((200_000, 5.0),)))],
            (1.5, ((100_000, 2.0), (200_000, 4.0))),
        ),
    ],
)
def test_tiered_prices_are_averaged_tier_by_tier(
    weighted: list[tuple[float, tuple[float, tuple[tuple[int, float], ...]]]],
    expected: tuple[float, tuple[tuple[int, float], ...]],
) -> None:
    base, steps = _averaged(weighted)
    assert base == pytest.approx(expected[0])
    assert [s for s, _ in steps] == [s for s, _ in expected[1]]
    assert [p for _, p in steps] == pytest.approx([p for _, p in expected[1]])
