"""The volume curve behind the break-even chart: full estimates at other volumes."""

from __future__ import annotations

from planner.engine.estimate import estimate
from planner.engine.recommend import best_per_group, group_of
from planner.model.templates import template
from planner.rates import load_rates
from planner.scenarios.volume_curve import at_volume, cost_curve, volume_grid


def test_the_grid_spans_one_to_a_million_with_the_plans_volume() -> None:
    grid = volume_grid(250.0)
    assert grid[0] == 1.0 and grid[-1] == 1_000_000.0 and 250.0 in grid
    assert len(grid) == 20


def test_each_point_is_what_the_engine_says_at_that_volume() -> None:
    plan = template("customer_email").plan
    rates = load_rates()
    points = cost_curve(plan, rates, [100.0, 10_000.0])
    for point in points:
        result = estimate(at_volume(plan, point.requests_per_day), rates, analysis=False)
        # A month with owned hardware written off over its life, as the break-even compares.
        cheapest = {group_of(o): o.accounting_monthly_cost for o in best_per_group(result.options)}
        for group, cost in point.monthly_cost.items():
            assert cost <= cheapest[group] + 1e-9


def test_api_cost_never_falls_as_volume_rises() -> None:
    points = cost_curve(
        template("support_agent").plan, load_rates(), [10.0, 100.0, 1000.0, 10_000.0]
    )
    api = [point.monthly_cost[("api", "api")] for point in points]
    assert api == sorted(api)
