"""An API priced by the time of day (DeepSeek's peak and off-peak hours) costs a plan what its
calls pay in the hours they are made: its country's business hours, round the clock, or batch
work moved off-peak. Every other API costs what it did."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from genai_prices import Usage, calc_price

from planner.engine.api_option import api_candidate
from planner.engine.inputs import Inputs
from planner.engine.volume import BASE
from planner.model.figures import set_at_path
from planner.model.plan import Plan
from planner.rates import load_rates
from planner.rates.schema import ApiModel

RATES = load_rates()
DECEMBER = date(2026, 12, 1)
# genai-prices' DeepSeek V4 peak windows are 01:00–04:00 and 06:00–10:00 UTC; 12:00 is off-peak.
PEAK_HOUR, OFF_PEAK_HOUR = 7, 12


def inputs_with(**changes: object) -> Inputs:
    """1,000 requests a day of 1,000 tokens in and 500 out, from December 2026 in Poland."""
    data = Plan(start_date=DECEMBER, horizon_months=3).model_dump()
    data["workload"].update(
        requests_per_day=1000, input_tokens=1000, output_tokens=500, buffer_pct=0
    )
    for dotted, value in changes.items():  # workload__input_tokens=…
        set_at_path(data, dotted.replace("__", "."), value)
    return Inputs(Plan.model_validate(data), RATES)


def genai_price(model: ApiModel, hour: int, month: date = DECEMBER) -> float:
    """genai-prices' own price of the plan's call (1,000 in, 500 out) at ``hour`` UTC."""
    when = datetime(month.year, month.month, 1, hour, tzinfo=UTC)
    usage = Usage(input_tokens=1000, output_tokens=500)
    found = calc_price(usage, model.model, provider_id=model.provider, genai_request_timestamp=when)
    return float(found.total_price)


def first_month_bill(inputs: Inputs, model_id: str) -> float:
    return api_candidate(inputs, RATES.api_model(model_id)).tokens_cost(0, BASE)


@pytest.mark.parametrize("model_id", ["deepseek-v4-flash", "deepseek-v4-pro"])
@pytest.mark.parametrize(
    ("changes", "peak_share"),
    [
        # 09:00–17:00 in Warsaw is 08:00–16:00 UTC in December: 2 of 8 hours at peak.
        ({}, 2 / 8),
        # Round the clock: 7 of 24 hours at peak.
        ({"needs__availability": "always_on"}, 7 / 24),
        # 09:00–17:00 in New York is 14:00–22:00 UTC: never at peak.
        ({"country": "US", "currency": "USD"}, 0.0),
    ],
)
def test_a_call_pays_the_peak_price_for_its_share_of_peak_hours(
    model_id: str, changes: dict[str, object], peak_share: float
) -> None:
    model = RATES.api_model(model_id)
    candidate = api_candidate(inputs_with(**changes), model)
    peak, off_peak = genai_price(model, PEAK_HOUR), genai_price(model, OFF_PEAK_HOUR)
    expected = peak_share * peak + (1 - peak_share) * off_peak
    assert candidate.call_price_usd(0) == pytest.approx(expected)


def test_the_business_hours_bill_differs_from_round_the_clock_as_the_shares_say() -> None:
    model = RATES.api_model("deepseek-v4-flash")
    peak, off = genai_price(model, PEAK_HOUR), genai_price(model, OFF_PEAK_HOUR)
    office = first_month_bill(inputs_with(), model.id)
    always = first_month_bill(inputs_with(needs__availability="always_on"), model.id)
    assert office / always == pytest.approx(
        (2 / 8 * peak + 6 / 8 * off) / (7 / 24 * peak + 17 / 24 * off)
    )


@pytest.mark.parametrize(
    ("start", "months", "steady"),
    [
        (date(2026, 11, 1), 4, True),  # November to February: winter time throughout
        (date(2026, 12, 1), 4, False),  # March changes to summer time on the 28th
    ],
)
def test_summer_time_makes_the_months_differ(start: date, months: int, steady: bool) -> None:
    inputs = inputs_with(start_date=start, horizon_months=months)
    candidate = api_candidate(inputs, RATES.api_model("deepseek-v4-flash"))
    assert candidate.steady is steady


def test_batch_work_run_off_peak_pays_the_off_peak_price() -> None:
    model = RATES.api_model("deepseek-v4-pro")
    peak, off_peak = genai_price(model, PEAK_HOUR), genai_price(model, OFF_PEAK_HOUR)
    # Batch work is done over the whole day unless it is moved off-peak.
    spread = api_candidate(inputs_with(needs__latency="batch"), model)
    moved = api_candidate(inputs_with(needs__latency="batch", levers__off_peak_batch=True), model)
    assert spread.call_price_usd(0) == pytest.approx(7 / 24 * peak + 17 / 24 * off_peak)
    assert moved.call_price_usd(0) == pytest.approx(off_peak)
    # Only the batch share moves: 40% of an office day's calls.
    part = inputs_with(levers__batch_share=0.4, levers__off_peak_batch=True)
    office = 2 / 8 * peak + 6 / 8 * off_peak
    assert api_candidate(part, model).call_price_usd(0) == pytest.approx(
        0.6 * office + 0.4 * off_peak
    )


@pytest.mark.parametrize("model_id", ["mistral-large-4", "google-gemini-3.8-flash"])
def test_an_api_priced_the_same_at_every_hour_ignores_when_the_calls_are_made(
    model_id: str,
) -> None:
    bills = {
        first_month_bill(inputs_with(**changes), model_id)
        for changes in (
            {},
            {"needs__availability": "always_on"},
            {"needs__latency": "batch", "levers__batch_share": 0.0},
            {"needs__latency": "batch", "levers__batch_share": 0.0, "levers__off_peak_batch": True},
            {"country": "DE"},
        )
    }
    assert len(bills) == 1
    model = RATES.api_model(model_id)
    expected = 1000 * 22 * genai_price(model, 9) / RATES.currency("USD").per_eur
    assert bills.pop() == pytest.approx(expected)
