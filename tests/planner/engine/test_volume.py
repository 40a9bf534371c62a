"""The volume of a month: growth, buffer, semantic cache, turns, and scenario scaling."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.engine.volume import BASE, Scenario, month_volume, monthly_tokens, tokens_per_call
from planner.model.plan import Plan


def plan_with(**workload: object) -> Plan:
    """The default plan with some workload figures changed."""
    data = Plan().model_dump()
    data["workload"].update(workload)
    return Plan.model_validate(data)


@pytest.mark.parametrize(
    ("requests", "growth", "buffer", "hit_rate", "calls", "month", "requests_after", "calls_after"),
    [
        # By hand: the plan's figure as it is.
        (1000, 0, 0, 0.0, 1, 0, 1000.0, 1000.0),
        # The buffer adds its share: 1,000 × 1.3.
        (1000, 0, 30, 0.0, 1, 0, 1300.0, 1300.0),
        # Growth compounds monthly: 1,000 × 1.1² in the third month (month 2).
        (1000, 10, 0, 0.0, 1, 2, 1210.0, 1210.0),
        # Shrinking works the same way: 1,000 × 0.9³.
        (1000, -10, 0, 0.0, 1, 3, 729.0, 729.0),
        # Semantic-cache hits never reach the model: 1,000 × (1 − 0.2).
        (1000, 0, 0, 0.2, 1, 0, 800.0, 800.0),
        # A conversation of 3 turns makes 3 calls a request.
        (1000, 0, 0, 0.0, 3, 0, 1000.0, 3000.0),
        # Everything together: 1,000 × 1.1² × 1.3 × 0.8 = 1,258.4 requests, × 3 calls.
        (1000, 10, 30, 0.2, 3, 2, 1258.4, 3775.2),
    ],
)
def test_a_months_volume(
    requests: float,
    growth: float,
    buffer: float,
    hit_rate: float,
    calls: int,
    month: int,
    requests_after: float,
    calls_after: float,
) -> None:
    plan = plan_with(
        requests_per_day=requests,
        growth_pct_per_month=growth,
        buffer_pct=buffer,
        calls_per_request=calls,
        days_per_month=20,
    )
    volume = month_volume(plan, month, BASE, hit_rate)
    assert volume.requests_per_day == pytest.approx(requests_after)
    assert volume.calls_per_day == pytest.approx(calls_after)
    assert volume.days == 20
    assert volume.calls_per_month == pytest.approx(calls_after * 20)


@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        (Scenario(), 500.0),  # the plan's 500 a day
        (Scenario(volume_factor=10), 5000.0),  # 500 × 10
        (Scenario(requests_per_day=40), 40.0),  # the scenario's own volume replaces the plan's
        (Scenario(requests_per_day=40, volume_factor=3), 120.0),  # and is scaled: 40 × 3
        (Scenario(api_price_factor=2, gpu_price_factor=2), 500.0),  # prices leave volume alone
    ],
)
def test_a_scenario_replaces_or_scales_the_plans_volume(
    scenario: Scenario, expected: float
) -> None:
    plan = plan_with(requests_per_day=500)
    assert scenario.base_requests_per_day(plan) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("input_tokens", "output_tokens", "calls", "expected"),
    [
        (1000, 500, 1, (1000, 500)),  # one call carries the whole request
        (1000, 500, 4, (250, 125)),  # split evenly over the calls
        (1001, 3, 2, (501, 2)),  # 500.5 and 1.5 round half up, as ROUND does
        (1, 1, 3, (1, 1)),  # a third of a token is still one token
    ],
)
def test_tokens_per_call_split_the_request_over_its_calls(
    input_tokens: int, output_tokens: int, calls: int, expected: tuple[int, int]
) -> None:
    plan = plan_with(
        input_tokens=input_tokens, output_tokens=output_tokens, calls_per_request=calls
    )
    assert tokens_per_call(plan) == expected


def test_monthly_tokens_are_calls_times_tokens_and_the_cache_lever_applies() -> None:
    plan = plan_with(
        requests_per_day=100, days_per_month=30, buffer_pct=0, input_tokens=800, output_tokens=200
    )
    # By hand: 100 a day × 30 days = 3,000 calls of 800 in and 200 out.
    assert monthly_tokens(plan) == pytest.approx((2_400_000, 600_000))
    cached = plan.model_copy(
        update={"levers": plan.levers.model_copy(update={"semantic_cache_hit_rate": 0.25})}
    )
    # A quarter answered from the cache: 2,250 calls.
    assert monthly_tokens(cached) == pytest.approx((1_800_000, 450_000))


@given(
    st.floats(1, 1_000_000),
    st.floats(-50, 100),
    st.integers(0, 118),
    st.floats(0.01, 100),
)
def test_volume_scales_with_the_factor_and_grows_by_the_rate_each_month(
    requests: float, growth: float, month: int, factor: float
) -> None:
    plan = plan_with(requests_per_day=requests, growth_pct_per_month=growth)
    this = month_volume(plan, month, BASE, 0.0).calls_per_day
    following = month_volume(plan, month + 1, BASE, 0.0).calls_per_day
    scaled = month_volume(plan, month, Scenario(volume_factor=factor), 0.0).calls_per_day
    assert following == pytest.approx(this * (1 + growth / 100))
    assert scaled == pytest.approx(this * factor)
