"""API candidates: the batch discount and the EU surcharge on the price of a call, the month's
token bill, scheduled price changes, and models no price is known for."""

from __future__ import annotations

from datetime import date

import pytest

from planner.engine.api_option import api_candidate, api_candidates
from planner.engine.inputs import Inputs
from planner.engine.volume import BASE, Scenario
from planner.model.figures import set_at_path
from planner.model.plan import Plan
from planner.rates import load_rates, with_overrides
from planner.rates.api_prices import price_per_call_usd

RATES = load_rates()
EUR_PER_USD = 1 / RATES.currency("USD").per_eur


def inputs_with(rates: object = RATES, **changes: object) -> Inputs:
    """A plan of 1,000 requests a day (1,000 in / 500 out, no buffer) with changes."""
    data = Plan(start_date=date(2026, 12, 1)).model_dump()
    data["workload"].update(
        requests_per_day=1000, input_tokens=1000, output_tokens=500, buffer_pct=0
    )
    for dotted, value in changes.items():  # workload__input_tokens=…
        set_at_path(data, dotted.replace("__", "."), value)
    return Inputs(Plan.model_validate(data), rates)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("model_id", "changes", "factor"),
    [
        ("mistral-large-4", {}, 1.0),
        # api_models.toml: a batch discount of 50%, on the share sent as batch work.
        ("mistral-large-4", {"levers__batch_share": 1.0}, 0.5),
        ("mistral-large-4", {"levers__batch_share": 0.4}, 0.8),  # 1 − 0.4 × 0.5
        ("mistral-large-4", {"needs__latency": "batch"}, 0.5),  # batch work uses it by default
        ("deepseek-v4-flash", {"levers__batch_share": 1.0}, 1.0),  # no batch API
        # Personal data through Mistral's EU endpoint: +10% (eu_processing_surcharge_pct).
        ("mistral-large-4", {"needs__data_sensitivity": "personal"}, 1.1),
        (
            "mistral-large-4",
            {"needs__data_sensitivity": "personal", "levers__batch_share": 1.0},
            0.55,
        ),
        ("ovhcloud-llama-3.3-70b", {"needs__data_sensitivity": "personal"}, 1.0),  # EU already
    ],
)
def test_the_price_factor(model_id: str, changes: dict[str, object], factor: float) -> None:
    candidate = api_candidate(inputs_with(**changes), RATES.api_model(model_id))
    assert candidate.price_factor == pytest.approx(factor)


def test_the_token_bill_is_calls_times_the_price_of_a_call() -> None:
    inputs = inputs_with(levers__batch_share=0.4)
    model = RATES.api_model("mistral-large-4")
    candidate = api_candidate(inputs, model)
    per_call = price_per_call_usd(model, 1000, 500, 0.0, date(2026, 12, 1))
    # 1,000 calls a day × 22 days, at 80% of the list price, in euros.
    expected = 22_000 * per_call * 0.8 * EUR_PER_USD
    assert candidate.tokens_cost(0, BASE) == pytest.approx(expected)
    assert candidate.tokens_cost(0, Scenario(api_price_factor=1.5)) == pytest.approx(expected * 1.5)
    assert candidate.tokens_cost(0, Scenario(volume_factor=3)) == pytest.approx(expected * 3)
    assert candidate.month(0, BASE, 0).lines["api_tokens"] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("start", "months", "steady"),
    [
        # genai-prices changes Gemini 3.8 Flash's price on 2027-01-01.
        (date(2026, 11, 1), 2, True),  # November and December only
        (date(2026, 11, 1), 3, False),  # January is in the budget
        (date(2027, 1, 1), 12, True),  # the change is before the budget starts
    ],
)
def test_a_price_change_inside_the_horizon_makes_the_months_differ(
    start: date, months: int, steady: bool
) -> None:
    inputs = inputs_with(start_date=start, horizon_months=months)
    candidate = api_candidate(inputs, RATES.api_model("google-gemini-3.8-flash"))
    assert candidate.steady is steady


def test_a_price_of_ones_own_is_steady_and_used_as_given() -> None:
    overrides = {"input_mtok_usd_override": 2.0, "output_mtok_usd_override": 6.0}
    rates = with_overrides(RATES, {"api_models": {"google-gemini-3.8-flash": overrides}})
    inputs = inputs_with(rates, start_date=date(2026, 11, 1), horizon_months=12)
    candidate = api_candidate(inputs, rates.api_model("google-gemini-3.8-flash"))
    assert candidate.steady
    assert candidate.call_price_usd(5) == pytest.approx((1000 * 2.0 + 500 * 6.0) / 1e6)


def test_a_model_genai_prices_does_not_know_is_dropped() -> None:
    renamed = {"api_models": {"mistral-large-4": {"model": "no-such-model"}}}
    rates = with_overrides(RATES, renamed)
    inputs = inputs_with(rates)
    unknown = api_candidate(inputs, rates.api_model("mistral-large-4"))
    assert [r.code for r in unknown.descriptor.exclusions] == ["price_unknown"]
    ids = [c.descriptor.id for c in api_candidates(inputs)]
    assert "api:mistral-large-4" not in ids
    assert len(ids) == len(RATES.api_models) - 1


def test_the_descriptor_names_the_model_and_the_surcharge_when_paid() -> None:
    model = RATES.api_model("mistral-large-4")
    internal = api_candidate(inputs_with(), model).descriptor
    personal = api_candidate(inputs_with(needs__data_sensitivity="personal"), model).descriptor
    assert (internal.id, internal.kind, internal.ownership) == ("api:mistral-large-4", "api", "api")
    assert (internal.provider, internal.model) == (model.provider, model.model)
    assert internal.details == {"tier": "high", "region": "global"}
    assert personal.details == {"tier": "high", "region": "global", "eu_surcharge_pct": 10.0}
    assert internal.exclusions == personal.exclusions == ()


def test_exclusions_are_listed_legacy_then_data_then_quality() -> None:
    # GPT-3.5 Turbo: legacy, processed in the US, basic quality.
    inputs = inputs_with(needs__data_sensitivity="personal", needs__quality="high")
    candidate = api_candidate(inputs, RATES.api_model("openai-gpt-3.5-turbo"))
    codes = [r.code for r in candidate.descriptor.exclusions]
    assert codes == ["legacy_model", "data_must_stay_in_eu", "quality_below_need"]
