"""Monthly cost of the cheapest option of each kind across volumes, for the break-even chart.

Each point is a full estimate of the plan at another number of requests a day, so the
curve shows what the engine would recommend there, not an extrapolation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner.engine.estimate import estimate
from planner.engine.recommend import GROUPS, group_of
from planner.model.plan import Plan
from planner.model.result import EstimateResult
from planner.rates import RateBook

LOWEST = 1.0
HIGHEST = 1_000_000.0  # the break-even search's upper limit
POINTS_PER_DECADE = 3


@dataclass(frozen=True)
class CurvePoint:
    """The cheapest feasible first-month cost of each group at one volume; a group with no
    feasible option at that volume is absent."""

    requests_per_day: float
    monthly_cost: dict[tuple[str, str], float]


def volume_grid(current: float | None = None) -> list[float]:
    """Requests a day on a log grid from one to a million, with the plan's own volume."""
    steps = round(math.log10(HIGHEST / LOWEST) * POINTS_PER_DECADE)
    grid = {round(LOWEST * 10 ** (step / POINTS_PER_DECADE), 6) for step in range(steps + 1)}
    if current is not None and LOWEST <= current <= HIGHEST:
        grid.add(current)
    return sorted(grid)


def at_volume(plan: Plan, requests_per_day: float) -> Plan:
    """The same plan with another volume (a per-request breakdown is kept as it is)."""
    workload = plan.workload.model_copy(update={"requests_per_day": requests_per_day})
    return plan.model_copy(update={"workload": workload})


def cost_curve(plan: Plan, rates: RateBook, volumes: list[float] | None = None) -> list[CurvePoint]:
    """One point per volume (by default the fixed log grid, which does not depend on the
    plan's own volume), the cheapest feasible option of each group (see ``GROUPS``)."""
    return [
        point_of(volume, estimate(at_volume(plan, volume), rates, analysis=False))
        for volume in volumes or volume_grid()
    ]


def point_of(requests_per_day: float, result: EstimateResult) -> CurvePoint:
    """The curve's point for an estimate made at ``requests_per_day``: the cheapest
    first-month cost of each group among its feasible options, hardware written off over its
    life."""
    cheapest: dict[tuple[str, str], float] = {}
    for option in result.options:
        group = group_of(option)
        if not option.feasible or group not in GROUPS:
            continue
        # Hardware written off over its life: a month of running costs, as the break-even
        # search compares them (a purchase is not a month's cost).
        if option.accounting_monthly_cost < cheapest.get(group, float("inf")):
            cheapest[group] = option.accounting_monthly_cost
    return CurvePoint(requests_per_day, cheapest)
