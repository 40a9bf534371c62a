"""Figures from the seed articles (shared/seeds/) that are arithmetically consistent."""

from __future__ import annotations

from datetime import date

import pytest

from planner.engine.estimate import estimate
from planner.engine.volume import monthly_tokens
from planner.model.plan import Plan, TokenBreakdown
from planner.model.templates import template
from planner.rates import load_rates
from planner.rates.api_prices import price_per_call_usd

RATES = load_rates()
START = date(2026, 12, 1)


def seed_000_assistant() -> Plan:
    """Seed 000: 100 interactions a day, 1,000 tokens in and 1,000 out, 30 days, no buffer."""
    plan = template("document_analysis").plan
    work = plan.workload.model_copy(update={"buffer_pct": 0})
    return plan.model_copy(update={"workload": work, "start_date": START, "include_legacy": True})


def usd_per_month(plan: Plan, api_id: str) -> float:
    option = estimate(plan, RATES, analysis=False).option(f"api:{api_id}")
    return (
        option.line("api_tokens").monthly
        / RATES.currency("EUR").per_eur
        * RATES.currency("USD").per_eur
    )


def test_seed_000_100_queries_of_2000_tokens_make_6_million_a_month() -> None:
    input_tokens, output_tokens = monthly_tokens(seed_000_assistant())
    assert input_tokens + output_tokens == 6_000_000


@pytest.mark.parametrize(
    ("api_id", "expected_usd"),
    [
        # GPT-4 (8k): the seed's "ok. $270": 3M x $30 + 3M x $60 per million.
        ("openai-gpt-4", 270.0),
        # Claude 2 at the seed's $0.008 / $0.024 per 1,000 tokens: 3M in + 3M out.
        ("anthropic-claude-2", 96.0),
        # Claude Instant at the seed's $0.0008 / $0.0024 per 1,000 tokens.
        ("anthropic-claude-instant-1.2", 9.6),
    ],
)
def test_seed_000_legacy_models_monthly_bill(api_id: str, expected_usd: float) -> None:
    assert usd_per_month(seed_000_assistant(), api_id) == pytest.approx(expected_usd, rel=1e-9)


def test_seed_003_system_prompt_of_1500_tokens_at_10000_queries_costs_45_dollars_a_day() -> None:
    # "15M input tokens/day — $45/day on Claude Sonnet just for the system prompt" ($3/M).
    sonnet = RATES.api_model("anthropic-claude-sonnet-4-5")
    per_call = price_per_call_usd(sonnet, 1500, 0, 0.0, START)
    assert per_call * 10_000 == pytest.approx(45.0, rel=1e-9)


def test_seed_003_a_five_turn_conversation_costs_about_five_times_a_single_query() -> None:
    one = TokenBreakdown(
        system_prompt_tokens=1000, user_tokens=100, output_tokens_per_turn=150, turns=1
    )
    five = one.model_copy(update={"turns": 5})
    # Each turn resends the whole history, so five turns cost at least five single queries.
    assert five.input_tokens() >= 5 * one.input_tokens()
    assert five.input_tokens() == 5 * 1000 + 100 * 15 + 150 * 10


def test_seed_001_5_million_tokens_a_day_is_150_million_a_month() -> None:
    plan = Plan.model_validate(
        {
            "workload": {
                "requests_per_day": 5000,
                "days_per_month": 30,
                "input_tokens": 800,
                "output_tokens": 200,
                "buffer_pct": 0,
            }
        }
    )
    input_tokens, output_tokens = monthly_tokens(plan)
    assert input_tokens + output_tokens == 150_000_000


def test_seed_000_an_a100_around_the_clock_costs_750_to_1500_dollars_a_month() -> None:
    # "wynajęcie instancji z kartą A100 to koszt rzędu $1–2 za godzinę, czyli $750 do 1 500
    # na miesiąc przy ciągłym działaniu": the cheapest A100 offer in our table, 730 hours.
    offers = [row.hourly_usd for row in RATES.gpu_cloud_prices if row.gpu.startswith("a100")]
    assert 750 <= min(offers) * 24 * 365 / 12 <= 1500


def test_seed_003_buffer_default_is_30_percent() -> None:
    assert Plan().workload.buffer_pct == RATES.assumption("buffer_pct") == 30
