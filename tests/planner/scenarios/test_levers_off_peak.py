"""The lever "run batch work off-peak": the plan's batch work priced at the API's cheapest hours
of the day; it saves only where an API's price changes with the time of day and the plan has
batch work."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from genai_prices import Usage, calc_price

from planner.engine.inputs import Inputs
from planner.engine.volume import BASE
from planner.model.plan import Plan
from planner.model.templates import template
from planner.rates import load_rates
from planner.scenarios.levers import LEVERS, lever_savings
from planner.words.names import lever_explanation, lever_name

RATES = load_rates()
START = date(2026, 12, 1)
# genai-prices' DeepSeek V4 peak windows are 01:00–04:00 and 06:00–10:00 UTC; 12:00 is off-peak.
PEAK_HOUR, OFF_PEAK_HOUR = 7, 12


def plan_of(latency: str, batch_share: float | None = None) -> Plan:
    plan = template("document_analysis").plan
    needs = plan.needs.model_copy(update={"latency": latency})
    levers = plan.levers.model_copy(update={"batch_share": batch_share})
    return plan.model_copy(
        update={"start_date": START, "horizon_months": 3, "needs": needs, "levers": levers}
    )


def off_peak_saving(plan: Plan, option_id: str) -> tuple[float, float]:
    """The lever's saving and setting for ``option_id``."""
    found = next(s for s in lever_savings(plan, option_id, RATES) if s.lever == "off_peak_batch")
    return found.monthly_saving, found.setting


def call_price(model_id: str, plan: Plan, hour: int) -> float:
    """genai-prices' own price of the plan's call at ``hour`` UTC on the budget's first day."""
    inputs = Inputs(plan, RATES)
    model = RATES.api_model(model_id)
    input_tokens, output_tokens = inputs.call_tokens
    usage = Usage(input_tokens=input_tokens, output_tokens=output_tokens)
    when = datetime(START.year, START.month, 1, hour, tzinfo=UTC)
    found = calc_price(usage, model.model, provider_id=model.provider, genai_request_timestamp=when)
    return float(found.total_price)


def test_the_lever_is_one_of_the_levers_and_has_words() -> None:
    assert "off_peak_batch" in LEVERS
    assert lever_name("off_peak_batch") != "off_peak_batch"
    assert lever_explanation("off_peak_batch")


def test_batch_work_moved_off_peak_saves_the_peak_hours_it_paid_for() -> None:
    plan = plan_of("batch")  # all of it batch work, done over the whole day
    assert plan.levers.prompt_cache_share in (None, 0.0)
    saving, setting = off_peak_saving(plan, "api:deepseek-v4-flash")
    inputs = Inputs(plan, RATES)
    calls = inputs.calls_per_day(BASE)[0] * plan.workload.days_per_month
    peak = call_price("deepseek-v4-flash", plan, PEAK_HOUR)
    off = call_price("deepseek-v4-flash", plan, OFF_PEAK_HOUR)
    spread = 7 / 24 * peak + 17 / 24 * off  # 7 of the day's 24 hours at peak
    assert setting == 1.0
    assert saving == pytest.approx(inputs.usd(calls * (spread - off)))
    assert saving > 0


@pytest.mark.parametrize(
    ("latency", "batch_share", "option_id"),
    [
        ("interactive", None, "api:deepseek-v4-flash"),  # no batch work to move
        ("batch", None, "api:mistral-large-4"),  # a price the same at every hour
    ],
)
def test_the_lever_saves_nothing_without_batch_work_or_a_price_by_the_hour(
    latency: str, batch_share: float | None, option_id: str
) -> None:
    saving, _setting = off_peak_saving(plan_of(latency, batch_share), option_id)
    assert saving == 0.0


def test_the_lever_moves_only_the_plans_share_of_batch_work() -> None:
    part, setting = off_peak_saving(plan_of("interactive", 0.3), "api:deepseek-v4-pro")
    whole, _ = off_peak_saving(plan_of("interactive", 1.0), "api:deepseek-v4-pro")
    assert setting == 0.3
    assert part == pytest.approx(0.3 * whole)
