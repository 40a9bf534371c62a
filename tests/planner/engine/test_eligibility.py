"""Why an option cannot serve a plan: each exclusion reason, first as a rule, then on the real
tables through ``estimate``."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.engine import eligibility
from planner.engine.estimate import estimate
from planner.engine.inputs import Inputs
from planner.model.figures import set_at_path
from planner.model.plan import Plan
from planner.model.result import Reason
from planner.rates import load_rates
from planner.rates.schema import ApiModel

RATES = load_rates()


def plan_with(**changes: object) -> Plan:
    """A plain plan (1,000 requests a day, 1,000 in / 500 out) with some fields changed."""
    data = Plan(start_date=date(2026, 12, 1)).model_dump()
    data["workload"].update(requests_per_day=1000, input_tokens=1000, output_tokens=500)
    for dotted, value in changes.items():  # workload__input_tokens=…
        set_at_path(data, dotted.replace("__", "."), value)
    return Plan.model_validate(data)


def inputs_with(**changes: object) -> Inputs:
    return Inputs(plan_with(**changes), RATES)


def api_model(region: str, eu_endpoint: bool, legacy: bool = False) -> ApiModel:
    """A real shortlisted model with where it processes data changed."""
    row = RATES.api_model("mistral-large-4")
    return row.model_copy(update={"region": region, "eu_endpoint": eu_endpoint, "legacy": legacy})


def codes(reasons: list[Reason]) -> list[str]:
    return [reason.code for reason in reasons]


@pytest.mark.parametrize(
    ("sensitivity", "region", "eu_endpoint", "expected"),
    [
        ("public", "us", False, []),
        ("internal", "global", False, []),
        # Personal and special-category data must be processed in the EU ...
        ("personal", "us", False, ["data_must_stay_in_eu"]),
        ("special_category", "global", False, ["data_must_stay_in_eu"]),
        # ... which an EU provider does by default, and others through a paid EU endpoint.
        ("personal", "eu", False, []),
        ("personal", "us", True, []),
        ("special_category", "global", True, []),
        # Data that must stay on the premises may go to no API at all, not even an EU one.
        ("on_premises_only", "eu", True, ["data_must_stay_on_premises"]),
    ],
)
def test_where_an_api_may_process_the_data(
    sensitivity: str, region: str, eu_endpoint: bool, expected: list[str]
) -> None:
    inputs = inputs_with(needs__data_sensitivity=sensitivity)
    reasons = eligibility.api_data_reasons(inputs, api_model(region, eu_endpoint))
    assert codes(reasons) == expected
    if expected == ["data_must_stay_in_eu"]:
        assert reasons[0].params == {"sensitivity": sensitivity, "region": region}


@pytest.mark.parametrize(
    ("sensitivity", "region", "eu_endpoint", "surcharged"),
    [
        ("personal", "us", True, True),  # the EU endpoint is bought for personal data
        ("special_category", "global", True, True),
        ("personal", "eu", True, False),  # processed in the EU anyway
        ("internal", "us", True, False),  # internal data may go anywhere
        ("personal", "us", False, False),  # no EU endpoint to buy: excluded instead
    ],
)
def test_the_eu_surcharge_is_paid_only_when_the_eu_endpoint_is_needed(
    sensitivity: str, region: str, eu_endpoint: bool, surcharged: bool
) -> None:
    inputs = inputs_with(needs__data_sensitivity=sensitivity)
    assert eligibility.needs_eu_surcharge(inputs, api_model(region, eu_endpoint)) is surcharged


@pytest.mark.parametrize(
    ("sensitivity", "region", "expected"),
    [
        ("internal", "us", []),
        ("personal", "eu", []),
        ("personal", "us", ["no_eu_rental"]),
        ("special_category", None, ["no_eu_rental"]),  # no offer listed at all
        ("on_premises_only", "eu", ["data_must_stay_on_premises"]),
    ],
)
def test_where_a_rented_server_may_be(
    sensitivity: str, region: str | None, expected: list[str]
) -> None:
    inputs = inputs_with(needs__data_sensitivity=sensitivity)
    assert codes(eligibility.rented_data_reasons(inputs, region)) == expected


@pytest.mark.parametrize(
    ("needed", "tier", "tiers_below_allowed", "excluded"),
    [
        ("basic", "frontier", 0, False),
        ("high", "high", 0, False),  # exactly the quality needed
        ("high", "standard", 0, True),
        ("high", "standard", 1, False),  # routine work may use one tier below
        ("frontier", "standard", 1, True),  # but not two
        ("standard", "basic", 0, True),
    ],
)
def test_quality_below_the_need(
    needed: str, tier: str, tiers_below_allowed: int, excluded: bool
) -> None:
    inputs = inputs_with(needs__quality=needed)
    reasons = eligibility.quality_reasons(inputs, tier, tiers_below_allowed)
    expected = [Reason("quality_below_need", {"tier": tier, "needed": needed})] if excluded else []
    assert reasons == expected


@pytest.mark.parametrize(
    ("legacy", "include_legacy", "expected"),
    [
        (False, False, []),
        (True, False, ["legacy_model"]),
        (True, True, []),  # kept to compare with older price lists
    ],
)
def test_legacy_models_only_when_asked_for(
    legacy: bool, include_legacy: bool, expected: list[str]
) -> None:
    inputs = inputs_with(include_legacy=include_legacy)
    model = api_model("eu", False, legacy=legacy)
    assert codes(eligibility.legacy_reasons(inputs, model)) == expected


@pytest.mark.parametrize(
    ("it_capacity", "excluded"),
    [("none", True), ("external_provider", True), ("admin", False), ("ml_team", False)],
)
def test_a_hybrid_needs_someone_in_house(it_capacity: str, excluded: bool) -> None:
    reasons = eligibility.hybrid_it_reasons(inputs_with(needs__it_capacity=it_capacity))
    expected = [Reason("hybrid_needs_in_house_it", {"it_capacity": it_capacity})]
    assert reasons == (expected if excluded else [])


@pytest.mark.parametrize(
    ("latency", "first_token_s", "tokens_per_s", "expected"),
    [
        # The limits of assumptions.toml: an answer starts within 10 s and flows at 8 tokens/s.
        ("interactive", 10.0, 8.0, []),  # exactly at both limits is fast enough
        (
            "interactive",
            12.34,
            20.0,
            [Reason("too_slow_to_start", {"seconds": 12.3, "limit": 10.0})],
        ),
        (
            "interactive",
            1.0,
            7.96,
            [Reason("too_slow_to_read", {"tokens_per_s": 8.0, "needed": 8.0})],
        ),
        (
            "interactive",
            30.0,
            2.0,
            [
                Reason("too_slow_to_start", {"seconds": 30.0, "limit": 10.0}),
                Reason("too_slow_to_read", {"tokens_per_s": 2.0, "needed": 8.0}),
            ],
        ),
        ("batch", 600.0, 0.5, []),  # nobody waits for batch work
    ],
)
def test_speed_limits_apply_only_while_someone_waits(
    latency: str, first_token_s: float, tokens_per_s: float, expected: list[Reason]
) -> None:
    inputs = inputs_with(needs__latency=latency)
    assert eligibility.speed_reasons(inputs, first_token_s, tokens_per_s) == expected


@given(
    st.sampled_from(["interactive", "batch"]),
    st.floats(0, 100, allow_nan=False),
    st.floats(0, 100, allow_nan=False),
)
def test_too_slow_agrees_with_the_speed_reasons(
    latency: str, first_token_s: float, tokens_per_s: float
) -> None:
    inputs = inputs_with(needs__latency=latency)
    slow = eligibility.too_slow(inputs, first_token_s, tokens_per_s)
    assert slow == bool(eligibility.speed_reasons(inputs, first_token_s, tokens_per_s))


# On the real tables: a plan that calls for each reason, and an option it rules out.
EXCLUSIONS = [
    # api_models.toml: every API sends the data off the premises.
    (
        {"needs__data_sensitivity": "on_premises_only"},
        "api:ovhcloud-llama-3.3-70b",
        "data_must_stay_on_premises",
    ),
    # DeepSeek processes data outside the EU and offers no EU endpoint.
    ({"needs__data_sensitivity": "personal"}, "api:deepseek-v4-flash", "data_must_stay_in_eu"),
    # gpu_cloud_prices.toml lists the RTX A6000 only at Lambda, in the US.
    (
        {"needs__data_sensitivity": "personal", "needs__quality": "basic"},
        "gpu-rented:llama-3.1-8b:rtx-a6000:fp16",
        "no_eu_rental",
    ),
    ({"needs__quality": "high"}, "api:openai-gpt-5-nano", "quality_below_need"),  # a basic tier
    ({}, "api:openai-gpt-3.5-turbo", "legacy_model"),
    # A 70-billion-parameter model on an office mini PC starts answering too late.
    ({"needs__quality": "high"}, "cpu:llama-3.1-70b:office-mini-pc:int4", "too_slow_to_start"),
    (
        {"workload__requests_per_day": 200_000},
        "cpu:llama-3.1-8b:office-mini-pc:int4",
        "volume_too_high_for_local",
    ),
]


@pytest.mark.parametrize(("changes", "option_id", "code"), EXCLUSIONS)
def test_each_reason_rules_out_a_real_option(
    changes: dict[str, object], option_id: str, code: str
) -> None:
    option = estimate(plan_with(**changes), RATES, analysis=False).option(option_id)
    assert code in codes(list(option.excluded_reasons))
    assert not option.feasible


def test_the_hybrid_is_ruled_out_without_in_house_it() -> None:
    result = estimate(plan_with(needs__it_capacity="none"), RATES, analysis=False)
    hybrid = next(o for o in result.options if o.kind == "hybrid")
    assert codes(list(hybrid.excluded_reasons)) == ["hybrid_needs_in_house_it"]


def test_an_eu_endpoint_makes_a_global_api_eligible_for_personal_data_at_a_surcharge() -> None:
    oid = "api:anthropic-claude-sonnet-4-5"  # region global, EU processing through Bedrock EU
    internal = estimate(plan_with(), RATES, analysis=False).option(oid)
    personal = estimate(plan_with(needs__data_sensitivity="personal"), RATES, analysis=False)
    assert personal.option(oid).feasible
    assert personal.option(oid).details["eu_surcharge_pct"] == 10.0  # assumptions.toml
    assert personal.option(oid).line("api_tokens").monthly == pytest.approx(
        internal.line("api_tokens").monthly * 1.10
    )


def test_a_model_whose_context_is_shorter_than_the_request_is_not_offered() -> None:
    # Llama 2 reads at most 4,096 tokens (open_models.toml); this request has 20,500.
    plan = plan_with(workload__input_tokens=20_000, needs__quality="basic")
    result = estimate(plan, RATES, analysis=False)
    assert not any(o.feasible for o in result.options if o.model == "llama-2-7b")
