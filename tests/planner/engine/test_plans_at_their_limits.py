"""Any plan the schema accepts can be estimated, shown and printed as JSON (issue 8, items 3
and 7): every value is drawn from its schema's bounds (the smallest and largest allowed,
the default) or from between them."""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from planner.cli.estimate import print_table, result_json
from planner.engine.estimate import estimate
from planner.model.plan import Plan
from planner.rates import load_rates
from planner.words.formats import money, number, percent
from planner.words.i18n import set_language

RATES = load_rates()
TINY = 5e-324  # the smallest positive float: allowed wherever a bound is "more than 0"


def bounded(low: float, high: float, *special: float) -> st.SearchStrategy[float]:
    """A bound, a special value, or anything in between."""
    return st.one_of(st.sampled_from([low, high, *special]), st.floats(low, high))


def whole(low: int, high: int, *special: int) -> st.SearchStrategy[int]:
    return st.one_of(st.sampled_from([low, high, *special]), st.integers(low, high))


shares = st.one_of(st.none(), st.sampled_from([0.0, 1.0]), st.floats(0, 1))
breakdowns = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "system_prompt_tokens": whole(0, 2_000_000),
            "user_tokens": whole(0, 2_000_000),
            "retrieved_context_tokens": whole(0, 2_000_000),
            "output_tokens_per_turn": whole(1, 200_000),
            "turns": whole(1, 50),
        }
    ),
)
workloads = st.fixed_dictionaries(
    {
        "requests_per_day": bounded(TINY, 10_000_000, 1e-9, 1.0),
        "days_per_month": bounded(TINY, 31, 1.0),
        "business_hours_per_day": bounded(0.25, 24),
        "input_tokens": whole(1, 2_000_000),
        "output_tokens": whole(1, 200_000),
        "calls_per_request": whole(1, 50),
        "breakdown": breakdowns,
        "growth_pct_per_month": bounded(-50, 100, 0.0),
        "buffer_pct": bounded(0, 300),
        "language": st.sampled_from(["en", "pl", "uk", "zz"]),
    }
)
needs = st.fixed_dictionaries(
    {
        "data_sensitivity": st.sampled_from(
            ["public", "internal", "personal", "special_category", "on_premises_only"]
        ),
        "it_capacity": st.sampled_from(["none", "external_provider", "admin", "ml_team"]),
        "quality": st.sampled_from(["basic", "standard", "high", "frontier"]),
        "availability": st.sampled_from(["business_hours", "always_on"]),
        "latency": st.sampled_from(["interactive", "batch"]),
        "fine_tuning": st.booleans(),
    }
)
plans_data = st.fixed_dictionaries(
    {
        "workload": workloads,
        "needs": needs,
        "levers": st.fixed_dictionaries(
            {
                "prompt_cache_share": shares,
                "semantic_cache_hit_rate": shares,
                "batch_share": shares,
                "routing_share": shares,
            }
        ),
        "horizon_months": whole(1, 120),
        "start_date": st.one_of(
            st.none(),
            st.sampled_from([date(1, 1, 1), date(2026, 12, 1), date(9989, 12, 31)]),
            st.dates(date(1, 1, 1), date(9989, 12, 31)),
        ),
        "currency": st.sampled_from([row.code for row in RATES.currencies]),
        "country": st.sampled_from(["PL", "DE", "US", "UA", "EU", "ZZ"]),
        "include_legacy": st.booleans(),
    }
)


def valid_plan(data: dict[str, Any]) -> Plan:
    try:
        return Plan.model_validate(data)
    except ValidationError:
        assume(False)  # a breakdown that adds up past the limits: refused, rightly
        raise


def all_money(result_data: dict[str, Any]) -> list[float]:
    amounts = []
    for option in result_data["options"]:
        amounts += [option["monthly_cost"], option["one_off_cost"], option["horizon_cost"]]
        amounts += [line["monthly"] for line in option["breakdown"]]
    return amounts


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans_data)
def test_every_plan_the_schema_accepts_is_estimated_shown_and_printed(
    data: dict[str, Any],
) -> None:
    plan = valid_plan(data)
    result = estimate(plan, RATES)
    printed = json.dumps(result_json(result), allow_nan=False)  # raises on NaN or Infinity
    amounts = all_money(json.loads(printed))
    assert all(math.isfinite(amount) for amount in amounts)
    for lang in ("en", "pl", "uk"):
        for amount in amounts[:12]:
            assert money(amount, plan.currency, lang)
        for option in result.options[:5]:
            if option.utilisation is not None:
                assert percent(option.utilisation, lang)
        assert number(max(amounts, default=0), 2, lang)


@pytest.mark.parametrize(
    ("workload", "source"),
    [
        ({"input_tokens": 2_000_000}, "issue 8 item 3: +50% is 3,000,000 input tokens"),
        ({"output_tokens": 200_000}, "issue 8 item 3: +50% is 300,000 output tokens"),
        ({"input_tokens": 1_400_000, "output_tokens": 140_000}, "both just past the limit"),
    ],
)
def test_the_sensitivity_of_a_plan_at_its_token_limits_is_worked_out(
    workload: dict[str, int], source: str
) -> None:
    result = estimate(Plan.model_validate({"workload": workload}), RATES)
    assert result.sensitivity, source
    for row in result.sensitivity:
        assert math.isfinite(row.horizon_cost["tokens_x1.5"]), source
        assert row.horizon_cost["tokens_x1.5"] >= row.base_horizon_cost, source


def test_money_of_the_largest_plan_is_shown_in_every_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """10 M requests a day, 50% growth a month for 120 months: about 1e26 (issue 8, item 7)."""
    plan = Plan.model_validate(
        {
            "workload": {"requests_per_day": 10_000_000, "growth_pct_per_month": 50},
            "horizon_months": 120,
        }
    )
    result = estimate(plan, RATES)
    assert max(option.horizon_cost for option in result.options) > 1e26
    for lang in ("en", "pl", "uk"):
        set_language(lang)
        print_table(result, show_all=True)
    set_language("en")
    assert "Recommended" in capsys.readouterr().out


def test_savings_levers_are_worked_out_for_a_variant_beyond_the_users_limits() -> None:
    """What-if at 100 times the largest volume: the levers are costed, not re-validated."""
    from planner.scenarios.levers import lever_savings

    plan = Plan.model_validate({"workload": {"requests_per_day": 10_000_000}})
    variant = plan.model_copy(
        update={"workload": plan.workload.model_copy(update={"requests_per_day": 1e9})}
    )
    option_id = estimate(variant, RATES, analysis=False).options[0].id
    savings = lever_savings(variant, option_id, RATES)
    assert {saving.lever for saving in savings} >= {"prompt_caching", "shorter_prompts"}
    assert all(math.isfinite(saving.monthly_after) for saving in savings)
