"""The hybrid: a self-hosted model answers the routine share, an API the rest, and the hybrid
costs what its two parts cost, with the shared tools and the fine-tuning paid once."""

from __future__ import annotations

from datetime import date

import pytest

from planner.engine.candidates import all_candidates
from planner.engine.costing import cost_option, first_month_total
from planner.engine.hybrid import SHARED, HybridCandidate, hybrid_candidate
from planner.engine.inputs import Inputs
from planner.engine.volume import BASE
from planner.model.plan import Plan
from planner.model.result import CATEGORIES
from planner.rates import load_rates
from planner.rates.schema import TIER_ORDER

RATES = load_rates()


def inputs_with(**changes: object) -> Inputs:
    """A plan someone in-house can run a hybrid for (1,000 requests a day), with changes."""
    data = Plan(start_date=date(2026, 12, 1)).model_dump()
    data["workload"].update(requests_per_day=1000, input_tokens=1000, output_tokens=500)
    data["needs"]["it_capacity"] = "admin"
    for dotted, value in changes.items():
        *path, last = dotted.split("__")
        target = data
        for key in path:
            target = target[key]
        target[last] = value
    return Inputs(Plan.model_validate(data), RATES)


def the_hybrid(inputs: Inputs) -> HybridCandidate:
    apis, local, _ = all_candidates(inputs)
    hybrid = hybrid_candidate(inputs, apis, local)
    assert hybrid is not None
    return hybrid


@pytest.mark.parametrize("share", [0.2, 0.5, 0.65, 0.8])
def test_the_routine_share_goes_to_the_self_hosted_part_and_the_rest_to_the_api(
    share: float,
) -> None:
    inputs = inputs_with(levers__routing_share=share)
    hybrid = the_hybrid(inputs)
    calls = inputs.calls_per_day(BASE)[0]
    assert hybrid.local.calls_per_day(0, BASE) == pytest.approx(calls * share)
    api_alone = next(c for c in all_candidates(inputs)[0] if c.model == hybrid.api.model)
    assert hybrid.api.tokens_cost(0, BASE) == pytest.approx(
        api_alone.tokens_cost(0, BASE) * (1 - share)
    )
    assert hybrid.descriptor.details["routing_share"] == share


@pytest.mark.parametrize(
    ("changes"),
    [
        {},
        {"needs__fine_tuning": True},  # fine-tuning serves both parts: paid once
        {"workload__growth_pct_per_month": 5, "horizon_months": 12},
        {"needs__availability": "always_on", "levers__routing_share": 0.4},
    ],
)
def test_the_hybrid_costs_what_its_parts_cost_with_shared_items_once(
    changes: dict[str, object],
) -> None:
    inputs = inputs_with(**changes)
    hybrid = the_hybrid(inputs)
    whole = cost_option(hybrid, inputs, BASE)
    local = cost_option(hybrid.local, inputs, BASE)
    api = cost_option(hybrid.api, inputs, BASE)
    for category in CATEGORIES:
        parts = (local.line(category), api.line(category))
        if category in SHARED:  # monitoring tools and fine-tuning: the larger of the two
            expected = (max(p.monthly for p in parts), max(p.one_off for p in parts))
        else:
            expected = (sum(p.monthly for p in parts), sum(p.one_off for p in parts))
        assert whole.line(category)[1:] == pytest.approx(expected), category
    if changes.get("workload__growth_pct_per_month"):
        # Each month's shared monitoring is the same, so the series adds up the same way.
        shared = min(
            local.line("monitoring_and_tools").monthly, api.line("monitoring_and_tools").monthly
        )
        assert whole.monthly_series == pytest.approx(
            [a + b - shared for a, b in zip(local.monthly_series, api.monthly_series, strict=True)]
        )
    assert whole.hardware_count == local.hardware_count
    assert whole.utilisation == local.utilisation


def test_setup_is_paid_for_both_parts_and_fine_tuning_once() -> None:
    hybrid = the_hybrid(inputs_with(needs__fine_tuning=True))
    inputs = hybrid.inputs
    one_off = hybrid.one_off(BASE)
    hourly = inputs.prices.staff_hourly
    # assumptions.toml: 80 set-up hours for a GPU server (or 56 for a local machine) + 40 for an API.
    local_hours = 56 if hybrid.local.kind == "cpu" else 80
    assert one_off["setup"] == pytest.approx((local_hours + 40) * hourly)
    assert one_off["fine_tuning"] == pytest.approx(inputs.usd(10_000))  # fine_tuning_usd


@pytest.mark.parametrize("share", [0.0, 1.0])
def test_no_hybrid_when_everything_goes_one_way(share: float) -> None:
    inputs = inputs_with(levers__routing_share=share)
    apis, local, _ = all_candidates(inputs)
    assert hybrid_candidate(inputs, apis, local) is None


def test_no_hybrid_when_no_api_may_take_the_hard_share() -> None:
    inputs = inputs_with(needs__data_sensitivity="on_premises_only")
    apis, local, _ = all_candidates(inputs)
    assert hybrid_candidate(inputs, apis, local) is None


@pytest.mark.parametrize("quality", ["standard", "high", "frontier"])
def test_the_parts_are_the_best_api_and_a_local_model_at_most_one_tier_below(
    quality: str,
) -> None:
    # open_models.toml has no model above "high": a frontier plan's routine share goes to one.
    inputs = inputs_with(needs__quality=quality)
    apis, local, _ = all_candidates(inputs)
    hybrid = hybrid_candidate(inputs, apis, local)
    assert hybrid is not None
    assert TIER_ORDER[hybrid.api.model.tier] >= TIER_ORDER[quality]
    assert TIER_ORDER[hybrid.local.model.tier] >= TIER_ORDER[quality] - 1
    eligible = {c.model.id: first_month_total(c, BASE) for c in apis if not c.descriptor.exclusions}
    assert eligible[hybrid.api.model.id] == min(eligible.values())


def test_the_hybrid_names_its_parts() -> None:
    hybrid = the_hybrid(inputs_with(levers__routing_share=0.6))
    local_id, api_id = hybrid.local.descriptor.id, f"api:{hybrid.api.model.id}"
    assert hybrid.descriptor.id == f"hybrid:{local_id}+{api_id}"
    assert hybrid.descriptor.details == {
        "routing_share": 0.6,
        "self_hosted_option_id": local_id,
        "api_option_id": api_id,
    }
    # The local part named with the devices the routine share needs, not the whole volume.
    devices = hybrid.local.units_for(hybrid.local.calls_per_day(0, BASE))[0]
    assert f" on {devices} × " in hybrid.local.label_for(devices)
    assert hybrid.descriptor.label.startswith(f"{hybrid.local.label_for(devices)} for 60% of")


def test_the_local_part_is_the_cheapest_that_keeps_up_with_the_routine_share() -> None:
    # 24,000 requests a day, half of them routine: a local box with a 7B model keeps up with
    # 12,000 a day (about 558 EUR a month) but not with 24,000.
    inputs = inputs_with(
        workload__requests_per_day=24_000, workload__buffer_pct=0, levers__routing_share=0.5
    )
    apis, local, _ = all_candidates(inputs)
    hybrid = hybrid_candidate(inputs, apis, local)
    assert hybrid is not None
    routine_calls = inputs.calls_per_day(BASE)[0] * 0.5
    allowed = {"quality_below_need", "volume_too_high_for_local"}
    routine = [
        c
        for c in local
        if {r.code for r in c.descriptor.exclusions} <= allowed
        and TIER_ORDER[c.model.tier] >= inputs.needed_tier - 1
        and c.keeps_up_at(routine_calls)
    ]
    cheapest = min(c.total_at(routine_calls) for c in routine)
    assert hybrid.local.total_at(routine_calls) == pytest.approx(cheapest)
