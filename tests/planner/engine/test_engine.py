"""The engine: token arithmetic, categories, exclusions, ranking and growth."""

from __future__ import annotations

from datetime import date

import pytest

from planner.engine.estimate import estimate
from planner.model.figures import set_at_path
from planner.model.plan import Plan
from planner.model.result import CATEGORIES
from planner.model.templates import template
from planner.rates import load_rates
from planner.rates.api_prices import price_per_call_usd
from planner.rates.local_prices import staff_row

RATES = load_rates()
START = date(2026, 12, 1)


def plan_with(**changes: object) -> Plan:
    """A plain plan: 1,000 requests a day, 1,000 in / 500 out, no buffer, EUR."""
    data = Plan(start_date=START).model_dump()
    data["workload"].update(
        requests_per_day=1000, input_tokens=1000, output_tokens=500, buffer_pct=0
    )
    for dotted, value in changes.items():  # workload__input_tokens=…
        set_at_path(data, dotted.replace("__", "."), value)
    return Plan.model_validate(data)


def test_api_tokens_cost_is_calls_times_the_price_of_one_call() -> None:
    plan = plan_with(needs__quality="basic")
    result = estimate(plan, RATES, analysis=False)
    option = result.option("api:openai-gpt-4o-mini")
    model = RATES.api_model("openai-gpt-4o-mini")
    per_call = price_per_call_usd(model, 1000, 500, 0.0, START)
    # gpt-4o-mini: $0.15 in, $0.60 out per million tokens.
    assert per_call == pytest.approx((1000 * 0.15 + 500 * 0.60) / 1e6)
    calls = 1000 * plan.workload.days_per_month
    eur = calls * per_call / RATES.currency("USD").per_eur
    assert option.line("api_tokens").monthly == pytest.approx(eur)


def test_the_buffer_adds_its_share_of_calls() -> None:
    base = estimate(plan_with(), RATES, analysis=False).option("api:openai-gpt-4o-mini")
    buffered = estimate(plan_with(workload__buffer_pct=30), RATES, analysis=False).option(
        "api:openai-gpt-4o-mini"
    )
    assert buffered.line("api_tokens").monthly == pytest.approx(
        base.line("api_tokens").monthly * 1.3
    )


def test_cached_input_is_billed_at_the_cache_read_price() -> None:
    model = RATES.api_model("anthropic-claude-sonnet-4-5")
    plain = price_per_call_usd(model, 10_000, 0, 0.0, START)
    cached = price_per_call_usd(model, 10_000, 0, 0.5, START)
    # Sonnet 4.5: $3 input, $0.30 cache read per million: half the input at a tenth.
    assert plain - cached == pytest.approx(5_000 * (3.0 - 0.30) / 1e6)


def test_batch_share_halves_the_token_bill_of_a_batch_api() -> None:
    interactive = estimate(plan_with(), RATES, analysis=False).option("api:openai-gpt-4o-mini")
    batch = estimate(plan_with(levers__batch_share=1.0), RATES, analysis=False).option(
        "api:openai-gpt-4o-mini"
    )
    assert batch.line("api_tokens").monthly == pytest.approx(
        interactive.line("api_tokens").monthly / 2
    )


def test_every_option_is_itemised_under_the_fixed_categories() -> None:
    result = estimate(template("support_agent").plan, RATES, analysis=False)
    for option in result.options:
        assert tuple(line.category for line in option.breakdown) == CATEGORIES
        assert option.monthly_cost == pytest.approx(sum(line.monthly for line in option.breakdown))
        assert option.one_off_cost == pytest.approx(sum(line.one_off for line in option.breakdown))
        assert option.horizon_cost == pytest.approx(
            option.one_off_cost + sum(option.monthly_series)
        )


def test_on_premises_data_rules_out_every_api_and_rental() -> None:
    result = estimate(plan_with(needs__data_sensitivity="on_premises_only"), RATES, analysis=False)
    for option in result.options:
        if option.kind == "api" or option.ownership == "rented":
            codes = {r.code for r in option.excluded_reasons}
            assert "data_must_stay_on_premises" in codes
    assert result.recommended is not None
    assert result.recommended.ownership == "owned"


def test_personal_data_needs_eu_processing() -> None:
    result = estimate(plan_with(needs__data_sensitivity="personal"), RATES, analysis=False)
    for option in result.options:
        if option.kind == "api" and option.feasible:
            model = RATES.api_model(option.id.removeprefix("api:"))
            assert model.region == "eu" or model.eu_endpoint
    deepseek = result.option("api:deepseek-v4-flash")
    assert "data_must_stay_in_eu" in {r.code for r in deepseek.excluded_reasons}


def test_quality_below_the_need_is_excluded_with_its_tiers() -> None:
    result = estimate(plan_with(needs__quality="high"), RATES, analysis=False)
    nano = result.option("api:openai-gpt-5-nano")
    reason = next(r for r in nano.excluded_reasons if r.code == "quality_below_need")
    assert reason.params == {"tier": "basic", "needed": "high"}


def test_the_recommendation_is_the_cheapest_feasible_option() -> None:
    result = estimate(template("customer_email").plan, RATES, analysis=False)
    feasible = [o for o in result.options if o.feasible]
    assert result.recommended is not None
    assert result.recommended.horizon_cost == min(o.horizon_cost for o in feasible)
    codes = [r.code for r in result.recommendation.reasons]
    # When people's time is most of the month, that is said first.
    mostly_people = result.recommended.people_time_share > 0.5
    assert codes[0] == ("mostly_people_time" if mostly_people else "cheapest_over_horizon")
    assert codes[int(mostly_people)] == "cheapest_over_horizon"


def test_nothing_feasible_is_said_plainly() -> None:
    plan = plan_with(needs__data_sensitivity="on_premises_only", needs__quality="frontier")
    result = estimate(plan, RATES, analysis=False)
    assert result.recommendation.option_id is None
    assert result.recommendation.reasons[0].code == "nothing_feasible"


def test_growth_compounds_month_by_month() -> None:
    result = estimate(plan_with(workload__growth_pct_per_month=10), RATES, analysis=False)
    series = result.option("api:openai-gpt-4o-mini").monthly_series
    tokens_first = result.option("api:openai-gpt-4o-mini").line("api_tokens").monthly
    fixed = series[0] - tokens_first
    assert series[12] - fixed == pytest.approx(tokens_first * 1.1**12)


def test_owned_hardware_is_kept_once_bought() -> None:
    plan = plan_with(workload__growth_pct_per_month=20, horizon_months=24)
    result = estimate(plan, RATES, analysis=False)
    owned = [o for o in result.options if o.kind == "gpu" and o.ownership == "owned"]
    for option in owned:
        # Nothing bought is sold: the write-offs (and the power of what is kept) only grow,
        # and no month's purchase is negative.
        assert list(option.accounting_series) == sorted(option.accounting_series)
        assert min(option.purchase_series) >= 0


def test_a_scheduled_price_change_applies_from_its_month() -> None:
    # genai-prices schedules gemini-3.8-flash to double from 2027-01-01.
    plan = plan_with(start_date=date(2026, 11, 1), horizon_months=4)
    option = estimate(plan, RATES, analysis=False).option("api:google-gemini-3.8-flash")
    fixed = option.monthly_cost - option.line("api_tokens").monthly
    tokens = [m - fixed for m in option.monthly_series]
    assert tokens[1] == pytest.approx(tokens[0])
    assert tokens[2] == pytest.approx(2 * tokens[0])


def test_always_on_keeps_a_spare_and_switched_off_servers_rent_only_working_hours() -> None:
    office = estimate(plan_with(levers__switch_off_outside_hours=True), RATES, analysis=False)
    always = estimate(plan_with(needs__availability="always_on"), RATES, analysis=False)
    oid = next(o.id for o in office.options if o.ownership == "rented")
    assert always.option(oid).hardware_count > office.option(oid).hardware_count  # type: ignore[operator]
    assert (
        always.option(oid).line("compute_rental").monthly
        > 3 * office.option(oid).line("compute_rental").monthly
    )


def test_nobody_in_it_means_an_external_contract_at_its_rate() -> None:
    none = estimate(plan_with(needs__it_capacity="none"), RATES, analysis=False)
    admin = estimate(plan_with(needs__it_capacity="admin"), RATES, analysis=False)
    oid = "api:openai-gpt-4o-mini"
    country = plan_with().country
    contract = staff_row(RATES, country, "none")
    in_house = staff_row(RATES, country, "admin")
    assert contract.role == "external_it_service" and in_house.role == "internal_admin"
    # The same hours, each at its own rate: the costs stand in the ratio of the rates.
    ratio = none.option(oid).line("staff").monthly / admin.option(oid).line("staff").monthly
    assert ratio == pytest.approx(contract.hourly_rate / in_house.hourly_rate, rel=1e-9)


def test_a_local_machine_that_cannot_keep_up_is_excluded() -> None:
    result = estimate(plan_with(workload__requests_per_day=200_000), RATES, analysis=False)
    local = [o for o in result.options if o.kind == "cpu"]
    assert local
    assert all(not o.feasible for o in local)
    assert any(r.code == "volume_too_high_for_local" for o in local for r in o.excluded_reasons)


def test_a_slow_local_box_is_excluded_for_interactive_use_but_not_for_batch() -> None:
    oid = "cpu:llama-3.1-70b:office-mini-pc:int4"
    interactive = estimate(plan_with(), RATES, analysis=False).option(oid)
    batch = estimate(plan_with(needs__latency="batch"), RATES, analysis=False).option(oid)
    assert {r.code for r in interactive.excluded_reasons} & {
        "too_slow_to_start",
        "too_slow_to_read",
    }
    assert not {r.code for r in batch.excluded_reasons} & {"too_slow_to_start", "too_slow_to_read"}


def test_plan_rate_overrides_change_the_result() -> None:
    base = estimate(plan_with(), RATES, analysis=False)
    oid = next(o.id for o in base.options if o.kind == "gpu" and o.ownership == "owned")
    gpu = base.option(oid).hardware
    cheaper = plan_with(rate_overrides={"gpus": {gpu: {"purchase_usd": 1.0}}})
    changed = estimate(cheaper, RATES, analysis=False).option(oid)
    assert (
        changed.line("hardware_amortisation").monthly
        < base.option(oid).line("hardware_amortisation").monthly
    )


def test_hybrid_sends_the_routine_share_to_the_self_hosted_model() -> None:
    plan = plan_with(needs__it_capacity="admin", levers__routing_share=0.6)
    result = estimate(plan, RATES, analysis=False)
    hybrid = next(o for o in result.options if o.kind == "hybrid")
    api_id = str(hybrid.details["api_option_id"])
    api_alone = result.option(api_id).line("api_tokens").monthly
    assert hybrid.line("api_tokens").monthly == pytest.approx(api_alone * 0.4)


def test_break_even_finds_the_volume_where_self_hosting_wins() -> None:
    result = estimate(template("customer_email").plan, RATES)
    be = result.break_even
    assert be is not None and be.requests_per_day is not None
    below = estimate(
        template("customer_email").plan.model_copy(
            update={
                "workload": template("customer_email").plan.workload.model_copy(
                    update={"requests_per_day": be.requests_per_day * 0.8}
                )
            }
        ),
        RATES,
        analysis=False,
    )
    # Below the break-even volume the cheapest option is still an API (months compared with
    # hardware written off over its life, as the break-even search compares them).
    cheapest_api = min(o.monthly_cost for o in below.options if o.feasible and o.kind == "api")
    cheapest_local = min(
        o.accounting_monthly_cost for o in below.options if o.feasible and o.kind in ("gpu", "cpu")
    )
    assert cheapest_api <= cheapest_local


def test_no_break_even_when_no_api_is_allowed() -> None:
    result = estimate(plan_with(needs__data_sensitivity="on_premises_only"), RATES)
    assert result.break_even is not None
    assert result.break_even.requests_per_day is None
    assert (
        result.break_even.reason is not None and result.break_even.reason.code == "no_eligible_api"
    )


def test_sensitivity_covers_the_shown_options_and_every_variant() -> None:
    result = estimate(template("support_agent").plan, RATES)
    variants = {
        "volume_x0.5",
        "volume_x1.5",
        "volume_x10",
        "volume_x100",
        "tokens_x0.5",
        "tokens_x1.5",
        "api_price_x0.5",
        "api_price_x1.5",
        "gpu_price_x0.5",
        "gpu_price_x1.5",
    }
    assert result.sensitivity
    for row in result.sensitivity:
        assert set(row.horizon_cost) == variants
        assert row.horizon_cost["volume_x10"] >= row.base_horizon_cost
        assert row.horizon_cost["volume_x0.5"] <= row.base_horizon_cost
    ids = {row.option_id for row in result.sensitivity}
    assert result.recommendation.option_id in ids


def test_an_overridden_price_keeps_the_cache_discount_when_one_is_given() -> None:
    model = RATES.api_model("openai-gpt-4o-mini").model_copy(
        update={
            "input_mtok_usd_override": 1.0,
            "output_mtok_usd_override": 2.0,
            "cache_read_mtok_usd_override": 0.1,
        }
    )
    price = price_per_call_usd(model, 1000, 100, 0.5, START)
    assert price == pytest.approx((500 * 1.0 + 500 * 0.1 + 100 * 2.0) / 1e6)
