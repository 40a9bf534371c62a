"""What would change the answer: the break-even volume, and each shown option's horizon cost
under the sensitivity variants."""

from __future__ import annotations

from datetime import date

import pytest

from planner.engine.analysis import (
    BREAK_EVEN_LIMIT,
    VARIANTS,
    break_even,
    by_floor,
    cheapest,
    keeps_up,
    sensitivity,
)
from planner.engine.candidates import all_candidates
from planner.engine.costing import Candidate, first_month_total
from planner.engine.estimate import estimate
from planner.engine.inputs import Inputs
from planner.engine.volume import Scenario
from planner.model.plan import Plan
from planner.model.templates import template
from planner.rates import load_rates

RATES = load_rates()
START = date(2026, 12, 1)


def customer_email(**workload: object) -> Plan:
    """The customer e-mail template (100 a day, 1,000 in / 1,000 out, personal data, high)."""
    plan = template("customer_email").plan
    work = plan.workload.model_copy(update=workload)
    return plan.model_copy(update={"start_date": START, "workload": work})


def candidates_of(plan: Plan) -> tuple[Inputs, list[Candidate], list[Candidate]]:
    inputs = Inputs(plan, RATES)
    apis, local, _ = all_candidates(inputs)
    return inputs, list(apis), list(local)


def usable(candidate: Candidate, scenario: Scenario) -> bool:
    return not candidate.descriptor.exclusions and keeps_up(candidate, scenario)


def cheapest_by_brute_force(
    candidates: list[Candidate], requests: float
) -> tuple[Candidate | None, float]:
    """The usable candidate that costs least in the first month, looking at every one."""
    scenario = Scenario(requests_per_day=requests)
    costs = [(first_month_total(c, scenario), c) for c in candidates if usable(c, scenario)]
    if not costs:
        return None, float("inf")
    cost, best = min(costs, key=lambda pair: pair[0])
    return best, cost


def test_apis_and_gpu_servers_scale_and_a_local_box_stops_keeping_up() -> None:
    _, apis, local = candidates_of(customer_email())
    million = Scenario(requests_per_day=1_000_000)
    assert all(keeps_up(c, million) for c in apis)
    assert all(keeps_up(c, million) for c in local if c.descriptor.kind == "gpu")
    boxes = [c for c in local if c.descriptor.kind == "cpu"]
    assert not any(keeps_up(c, million) for c in boxes)
    assert all(keeps_up(c, Scenario(requests_per_day=1)) for c in boxes)


def test_candidates_are_ordered_by_what_they_cost_at_no_volume() -> None:
    _, apis, local = candidates_of(customer_email())
    floors = [floor for floor, _ in by_floor([*apis, *local])]
    assert floors == sorted(floors)
    assert len(floors) == len(apis) + len(local)


@pytest.mark.parametrize("requests", [1, 100, 3_000, 50_000, 1_000_000])
def test_the_pruned_search_finds_the_same_cheapest_as_looking_at_every_candidate(
    requests: float,
) -> None:
    _, apis, local = candidates_of(customer_email())
    for group in (apis, local):
        found, cost = cheapest(by_floor(group), Scenario(requests_per_day=requests))
        expected, expected_cost = cheapest_by_brute_force(group, requests)
        assert cost == pytest.approx(expected_cost)
        assert found is expected


def test_break_even_is_where_self_hosting_first_costs_less_a_month() -> None:
    _, apis, local = candidates_of(customer_email())
    found = break_even(apis, local)
    assert found.reason is None and found.requests_per_day is not None
    volume = found.requests_per_day
    api_after, api_cost_after = cheapest_by_brute_force(apis, volume + 0.1)
    local_after, local_cost_after = cheapest_by_brute_force(local, volume + 0.1)
    assert local_cost_after < api_cost_after
    assert found.api_option_id == api_after.descriptor.id  # type: ignore[union-attr]
    assert found.self_hosted_option_id == local_after.descriptor.id  # type: ignore[union-attr]
    # Bisection stops within 0.5% (or half a request); 1% below, the API is still cheaper.
    _, api_cost_before = cheapest_by_brute_force(apis, volume * 0.99)
    _, local_cost_before = cheapest_by_brute_force(local, volume * 0.99)
    assert api_cost_before <= local_cost_before
    assert found.searched_up_to == BREAK_EVEN_LIMIT == 1_000_000


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        # Data that may not leave the premises: no API to compare with.
        ({"data_sensitivity": "on_premises_only"}, "no_eligible_api"),
        # open_models.toml has no model of frontier quality: nothing to self-host.
        ({"quality": "frontier"}, "no_eligible_self_hosted"),
    ],
)
def test_no_break_even_without_both_sides(changes: dict[str, str], code: str) -> None:
    plan = customer_email()
    plan = plan.model_copy(update={"needs": plan.needs.model_copy(update=changes)})
    _, apis, local = candidates_of(plan)
    found = break_even(apis, local)
    assert found.requests_per_day is None
    assert found.reason is not None and found.reason.code == code


def test_no_break_even_when_the_api_stays_cheaper_up_to_a_million_a_day() -> None:
    # A price of a thousandth of a dollar per million tokens: 1,000,000 requests a day of 2,000
    # tokens, 30 days, plus the 30% buffer, cost about 78 USD a month; no server is that cheap.
    cheap = {"input_mtok_usd_override": 0.001, "output_mtok_usd_override": 0.001}
    plan = customer_email().model_copy(
        update={"rate_overrides": {"api_models": {"mistral-large-4": cheap}}}
    )
    result = estimate(plan, RATES)
    assert result.break_even is not None
    assert result.break_even.requests_per_day is None
    assert result.break_even.reason is not None
    assert result.break_even.reason.code == "no_break_even"
    assert result.break_even.reason.params == {"limit": 1_000_000}


def test_the_break_even_volume_does_not_depend_on_the_plans_own_volume() -> None:
    # At 100 e-mails a day it is found at about 3,039 a day, with a Mac Studio; planning
    # 20,000 a day should not move the point where self-hosting starts to pay.
    small = break_even(*candidates_of(customer_email(requests_per_day=100))[1:])
    large = break_even(*candidates_of(customer_email(requests_per_day=20_000))[1:])
    assert large.requests_per_day == small.requests_per_day
    assert large.self_hosted_option_id == small.self_hosted_option_id


def test_sensitivity_rows_cover_the_shown_options_with_every_variant() -> None:
    result = estimate(customer_email(), RATES)
    rows = [row.option_id for row in result.sensitivity]
    assert sorted(rows) == sorted(result.shown_ids)  # each shown option once
    for row in result.sensitivity:
        assert set(row.horizon_cost) == set(VARIANTS)
        assert row.base_horizon_cost == round(result.option(row.option_id).horizon_cost, 2)


def test_an_api_reacts_to_its_price_volume_and_tokens_and_not_to_gpu_prices() -> None:
    result = estimate(customer_email(), RATES)
    option = result.option("api:mistral-large-4")  # the recommendation (a linear price)
    row = next(r for r in result.sensitivity if r.option_id == option.id)
    costs, base = row.horizon_cost, row.base_horizon_cost
    tokens = option.line("api_tokens").monthly * 36  # the token bill over the horizon
    expected = {
        "volume_x0.5": base - 0.5 * tokens,
        "volume_x1.5": base + 0.5 * tokens,
        "volume_x10": base + 9 * tokens,
        "volume_x100": base + 99 * tokens,
        # 1,000 in / 1,000 out becomes 500 / 500 and 1,500 / 1,500: the bill scales with it.
        "tokens_x0.5": base - 0.5 * tokens,
        "tokens_x1.5": base + 0.5 * tokens,
        "api_price_x0.5": base - 0.5 * tokens,
        "api_price_x1.5": base + 0.5 * tokens,
        "gpu_price_x0.5": base,
        "gpu_price_x1.5": base,
    }
    assert costs == pytest.approx(expected, abs=0.02)


def test_a_rented_server_reacts_to_gpu_prices_and_not_to_api_prices() -> None:
    result = estimate(customer_email(), RATES)
    option = next(o for o in result.shown if o.ownership == "rented")
    row = next(r for r in result.sensitivity if r.option_id == option.id)
    rental = option.line("compute_rental").monthly * 36
    assert row.horizon_cost["api_price_x0.5"] == row.base_horizon_cost
    assert row.horizon_cost["api_price_x1.5"] == row.base_horizon_cost
    assert row.horizon_cost["gpu_price_x0.5"] == pytest.approx(
        row.base_horizon_cost - 0.5 * rental, abs=0.02
    )
    assert row.horizon_cost["gpu_price_x1.5"] == pytest.approx(
        row.base_horizon_cost + 0.5 * rental, abs=0.02
    )
    # Half the volume fits the same server: only a bigger load costs more.
    assert row.horizon_cost["volume_x0.5"] == row.base_horizon_cost
    assert row.horizon_cost["volume_x100"] > row.base_horizon_cost


def test_a_token_variant_the_option_does_not_survive_is_left_out() -> None:
    inputs, apis, _ = candidates_of(customer_email())
    api = next(c for c in apis if c.descriptor.id == "api:mistral-large-4")
    rows = sensitivity(inputs, {api.descriptor.id: api}, {"tokens_x1.5": {}})
    assert "tokens_x1.5" not in rows[0].horizon_cost
    assert "volume_x10" in rows[0].horizon_cost
