"""Costing: each option itemised by fixed categories, one-off apart from monthly, the horizon
as the one-off plus every month, and growth month by month."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.engine.candidates import all_candidates
from planner.engine.costing import cost_option, horizon_total, monthly_costs
from planner.engine.estimate import estimate
from planner.engine.inputs import Inputs
from planner.engine.volume import BASE
from planner.model.figures import set_at_path
from planner.model.plan import ItCapacity, Plan
from planner.model.result import CATEGORIES, Option
from planner.model.templates import Template, load_templates
from planner.rates import load_rates
from planner.rates.api_prices import has_time_of_day_prices
from planner.rates.local_prices import staff_row

RATES = load_rates()
START = date(2026, 12, 1)
USD_IN_EUR = 1 / RATES.currency("USD").per_eur
PLN_IN_EUR = 1 / RATES.currency("PLN").per_eur


def plan_with(**changes: object) -> Plan:
    """A plain plan (1,000 requests a day, 1,000 in / 500 out, EUR, Poland) with changes."""
    data = Plan(start_date=START).model_dump()
    data["workload"].update(requests_per_day=1000, input_tokens=1000, output_tokens=500)
    for dotted, value in changes.items():  # workload__input_tokens=…
        set_at_path(data, dotted.replace("__", "."), value)
    return Plan.model_validate(data)


def group(option: Option) -> str:
    return f"{option.kind}/{option.ownership}"


UPKEEP = {"staff", "monitoring_and_tools"}
# Cash: owned hardware is bought (a one-off, or in a later month), never a monthly line.
MONTHLY_CATEGORIES = {
    "api/api": {"api_tokens", *UPKEEP},
    "subscription/subscription": {"subscription_seats", "staff"},
    "gpu/rented": {"compute_rental", *UPKEEP},
    "gpu/owned": {"power", *UPKEEP},
    "cpu/owned": {"power", *UPKEEP},
    "hybrid/mixed": {"api_tokens", "compute_rental", "power", *UPKEEP},
}
ONE_OFF_CATEGORIES = {"setup", "fine_tuning", "hardware_purchase"}


@pytest.mark.parametrize("template", load_templates(), ids=lambda t: t.id)
def test_every_option_is_itemised_and_adds_up(template: Template) -> None:
    plan = template.plan.model_copy(update={"start_date": START})
    result = estimate(plan, RATES, analysis=False)
    for option in result.options:
        assert [line.category for line in option.breakdown] == list(CATEGORIES)
        assert set(option.monthly_lines) <= MONTHLY_CATEGORIES[group(option)], option.id
        assert set(option.one_off_lines) <= ONE_OFF_CATEGORIES, option.id
        assert option.monthly_cost == pytest.approx(sum(option.monthly_lines.values()))
        assert option.one_off_cost == pytest.approx(sum(option.one_off_lines.values()))
        assert len(option.monthly_series) == plan.horizon_months
        assert option.monthly_series[0] == pytest.approx(option.monthly_cost)
        assert option.horizon_cost == pytest.approx(
            option.one_off_cost + sum(option.monthly_series)
        )


# assumptions.toml: set-up hours (one-off) and maintenance hours a month, and monitoring tools
# in US dollars a month, for each kind of option.
UPKEEP_BY_GROUP = [
    # option, setup hours, maintenance hours, monitoring USD
    ("api:mistral-large-4", 40, 11.5, 100),
    ("gpu-rented:llama-3.1-8b:l4:fp16", 80, 20, 150),
    ("gpu-owned:llama-3.1-8b:l4:fp16", 80, 28, 150),
    ("cpu:llama-3.1-8b:mac-studio-m3-ultra:int4", 56, 14, 100),
]


@pytest.mark.parametrize(("option_id", "setup_h", "upkeep_h", "monitoring_usd"), UPKEEP_BY_GROUP)
def test_setup_is_one_off_and_upkeep_monthly_at_the_staff_rate(
    option_id: str, setup_h: float, upkeep_h: float, monitoring_usd: float
) -> None:
    plan = plan_with(needs__it_capacity="admin", needs__quality="basic")
    option = estimate(plan, RATES, analysis=False).option(option_id)
    admin = staff_row(RATES, "PL", "admin")  # staff_rates.toml: 103.2 PLN an hour
    hourly_eur = admin.hourly_rate * PLN_IN_EUR
    assert option.line("setup").monthly == 0.0
    assert option.line("setup").one_off == pytest.approx(setup_h * hourly_eur)
    assert option.line("staff").monthly == pytest.approx(upkeep_h * hourly_eur)
    assert option.line("staff").one_off == 0.0
    assert option.line("monitoring_and_tools").monthly == pytest.approx(monitoring_usd * USD_IN_EUR)
    assert option.line("fine_tuning") == ("fine_tuning", 0.0, 0.0)


def test_fine_tuning_is_paid_once_in_the_plans_currency() -> None:
    plain = estimate(plan_with(), RATES, analysis=False).option("api:mistral-large-4")
    tuned_plan = plan_with(needs__fine_tuning=True)
    tuned = estimate(tuned_plan, RATES, analysis=False).option("api:mistral-large-4")
    # fine_tuning_usd = 10,000 (assumptions.toml), in euros.
    assert tuned.line("fine_tuning").one_off == pytest.approx(10_000 * USD_IN_EUR)
    assert tuned.line("fine_tuning").monthly == 0.0
    assert tuned.monthly_series == pytest.approx(plain.monthly_series)
    assert tuned.horizon_cost - plain.horizon_cost == pytest.approx(10_000 * USD_IN_EUR)


@pytest.mark.parametrize(
    ("it_capacity", "hours"),
    [
        ("none", 4.0),  # an external contract bills at least external_it_min_hours_month
        ("external_provider", 4.0),
        ("admin", 1.0),  # someone in-house spends just the hour it takes
    ],
)
def test_an_external_it_contract_bills_a_minimum_of_hours(
    it_capacity: ItCapacity, hours: float
) -> None:
    plan = plan_with(
        needs__it_capacity=it_capacity,
        rate_overrides={"assumptions": {"maintenance_hours_api": {"value": 1.0}}},
    )
    option = estimate(plan, RATES, analysis=False).option("api:mistral-large-4")
    hourly_eur = staff_row(RATES, "PL", it_capacity).hourly_rate * PLN_IN_EUR
    assert option.line("staff").monthly == pytest.approx(hours * hourly_eur)


def test_without_growth_every_month_costs_the_same_until_a_price_changes() -> None:
    result = estimate(plan_with(horizon_months=24), RATES, analysis=False)
    # genai-prices schedules Gemini 3.8 Flash's price to change on 2027-01-01 (month 1).
    changing = "api:google-gemini-3.8-flash"
    # DeepSeek's peak hours are UTC hours, which summer time moves in the working day.
    by_the_hour = {f"api:{m.id}" for m in RATES.api_models if has_time_of_day_prices(m)}
    for option in result.options:
        if option.id != changing and option.id not in by_the_hour:
            assert len(set(option.monthly_series)) == 1, option.id
    series = result.option(changing).monthly_series
    assert series[1] != series[0]
    assert len(set(series[1:])) == 1


def test_growth_compounds_on_the_api_bill_and_not_on_upkeep() -> None:
    option = estimate(
        plan_with(horizon_months=12, workload__growth_pct_per_month=10), RATES, analysis=False
    ).option("api:mistral-large-4")
    tokens = option.line("api_tokens").monthly
    upkeep = option.monthly_cost - tokens
    # Month m: the first month's token bill × 1.1^m, plus the same upkeep.
    assert option.monthly_series == pytest.approx([upkeep + tokens * 1.1**m for m in range(12)])


@pytest.mark.parametrize("growth", [0.0, 8.0, -15.0])
def test_the_quick_horizon_total_matches_the_itemised_option(growth: float) -> None:
    # horizon_total ranks candidates in the analysis; cost_option builds what is shown.
    inputs = Inputs(plan_with(horizon_months=18, workload__growth_pct_per_month=growth), RATES)
    _, _, candidates = all_candidates(inputs)
    for candidate in candidates:
        option = cost_option(candidate, inputs, BASE)
        assert horizon_total(candidate, inputs, BASE) == pytest.approx(option.horizon_cost)


def test_owned_hardware_is_kept_when_the_work_shrinks_and_rented_follows_it() -> None:
    inputs = Inputs(
        plan_with(
            horizon_months=12,
            workload__requests_per_day=200_000,
            workload__growth_pct_per_month=-20,
        ),
        RATES,
    )
    _, local, _ = all_candidates(inputs)
    model_gpu = ":llama-3.1-8b:l4:"
    owned = next(c for c in local if c.descriptor.id.startswith("gpu-owned" + model_gpu))
    rented = next(c for c in local if c.descriptor.id.startswith("gpu-rented" + model_gpu))
    owned_units = [cost.units for cost in monthly_costs(owned, inputs, BASE)]
    rented_units = [cost.units for cost in monthly_costs(rented, inputs, BASE)]
    assert owned_units[0] > 1 and set(owned_units) == {owned_units[0]}
    assert rented_units[0] == owned_units[0]
    assert rented_units[-1] < rented_units[0]
    assert rented_units == sorted(rented_units, reverse=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 120), st.floats(-50, 100), st.floats(1, 100_000))
def test_the_horizon_is_the_one_off_plus_every_month(
    months: int, growth: float, requests: float
) -> None:
    plan = plan_with(
        horizon_months=months,
        workload__growth_pct_per_month=growth,
        workload__requests_per_day=requests,
    )
    inputs = Inputs(plan, RATES)
    _, _, candidates = all_candidates(inputs)
    api = next(c for c in candidates if c.descriptor.id == "api:mistral-large-4")
    option = cost_option(api, inputs, BASE)
    assert len(option.monthly_series) == months
    assert option.horizon_cost == pytest.approx(option.one_off_cost + sum(option.monthly_series))
    tokens = [cost.lines["api_tokens"] for cost in monthly_costs(api, inputs, BASE)]
    assert tokens[-1] == pytest.approx(tokens[0] * (1 + growth / 100) ** (months - 1))


def test_an_option_carries_its_candidates_figures() -> None:
    # cost_option fills Option's 21 fields by position: each one checked against its source.
    inputs = Inputs(plan_with(needs__it_capacity="admin", levers__routing_share=0.6), RATES)
    _, _, candidates = all_candidates(inputs)
    kinds = {(c.descriptor.kind, c.descriptor.ownership): c for c in candidates}
    assert set(MONTHLY_CATEGORIES) == {f"{kind}/{owner}" for kind, owner in kinds}
    for candidate in kinds.values():
        option = cost_option(candidate, inputs, BASE)
        described, first = candidate.descriptor, candidate.month(0, BASE, 0)
        assert (option.id, option.kind, option.label) == (
            described.id,
            described.kind,
            described.label,
        )
        assert (option.provider, option.model, option.hardware) == (
            described.provider,
            described.model,
            described.hardware,
        )
        assert (option.ownership, option.quant) == (described.ownership, described.quant)
        assert option.hardware_count == (first.units or None)
        assert option.excluded_reasons == tuple(described.exclusions)
        assert option.details == described.details
        assert option.utilisation == first.utilisation
        assert option.monthly_lines == first.lines
        assert option.monthly_cost == option.monthly_series[0] == first.total
        assert option.one_off_lines["setup"] == candidate.one_off(BASE)["setup"]
        assert option.one_off_cost == sum(option.one_off_lines.values())
        assert option.horizon_cost == option.one_off_cost + sum(option.monthly_series)
        assert option.purchase_series[:1] == ((first.purchase,) if first.purchase else ())
        assert len(option.amortisation_series) == len(option.purchase_series)
        hours = first.lines.get("staff", 0.0) / inputs.prices.staff_hourly
        assert option.people_hours_per_month == hours
    owned = cost_option(kinds["gpu", "owned"], inputs, BASE)
    assert owned.one_off_lines["hardware_purchase"] == owned.purchase_series[0] > 0
    life = inputs.value("amortisation_months")
    assert owned.amortisation_series[0] == owned.purchase_series[0] / life


@pytest.mark.parametrize("growth", [0.0, 5.0])
def test_a_horizon_is_exactly_its_one_off_and_months(growth: float) -> None:
    # With a steady load the months are not built one by one; the totals must not change by
    # a bit for it (the hybrid's search compares them).
    inputs = Inputs(plan_with(horizon_months=30, workload__growth_pct_per_month=growth), RATES)
    _, _, candidates = all_candidates(inputs)
    for candidate in candidates:
        costs = monthly_costs(candidate, inputs, BASE)
        one_off = sum(candidate.one_off(BASE).values())
        total = one_off + sum(cost.total + cost.purchase for cost in costs)
        assert horizon_total(candidate, inputs, BASE) == total, candidate.descriptor.id
        series = cost_option(candidate, inputs, BASE).monthly_series
        assert series == (costs[0].total, *(c.total + c.purchase for c in costs[1:]))
