"""Turning a candidate into a costed option: month by month over the horizon."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from planner.engine.inputs import Inputs
from planner.engine.volume import Scenario
from planner.model.result import (
    Category,
    Option,
    OptionKind,
    Ownership,
    ParamValue,
    Reason,
)

Lines = dict[Category, float]


@dataclass(slots=True)
class MonthCost:
    """Recurring costs of one month, and how hard the hardware works in it."""

    lines: Lines
    utilisation: float | None = None
    units: int = 0  # GPUs or machines in service this month

    @property
    def total(self) -> float:
        """The month's recurring cost, every category together."""
        return sum(self.lines.values())


@dataclass
class Descriptor:
    """What identifies a candidate in the result."""

    id: str
    kind: OptionKind
    label: str
    provider: str | None = None
    model: str | None = None
    hardware: str | None = None
    ownership: Ownership = "api"
    quant: str | None = None
    exclusions: list[Reason] = field(default_factory=list)
    details: dict[str, ParamValue] = field(default_factory=dict)


class Candidate(Protocol):
    """A way of doing the work, before costing: what every API, self-hosted and hybrid
    candidate offers the costing."""

    inputs: Inputs
    descriptor: Descriptor

    @property
    def steady(self) -> bool:
        """Whether a month's cost depends on nothing but its volume (no price change scheduled)."""

    def one_off(self, scenario: Scenario) -> Lines:
        """Costs paid once, before the first month."""

    def month(self, month: int, scenario: Scenario, units_before: int) -> MonthCost:
        """Recurring costs of month ``month`` (0 = the first).

        Args:
            month: The month of the horizon, counted from 0.
            scenario: Multipliers applied on top of the plan.
            units_before: Most devices owned in any earlier month; owned hardware is kept.
        """


def first_month_total(candidate: Candidate, scenario: Scenario) -> float:
    """Recurring cost of the first month: enough to rank candidates quickly."""
    return candidate.month(0, scenario, 0).total


def monthly_costs(candidate: Candidate, inputs: Inputs, scenario: Scenario) -> list[MonthCost]:
    """Each month's costs; when nothing changes from month to month, the first repeats."""
    months = inputs.plan.horizon_months
    if _repeats(candidate, inputs):
        return [candidate.month(0, scenario, 0)] * months
    costs = []
    units = 0
    for month in range(months):
        cost = candidate.month(month, scenario, units)
        units = max(units, cost.units)
        costs.append(cost)
    return costs


def _repeats(candidate: Candidate, inputs: Inputs) -> bool:
    return inputs.steady_volume and candidate.steady


def horizon_total(candidate: Candidate, inputs: Inputs, scenario: Scenario) -> float:
    """One-off plus every month of the horizon."""
    one_off = sum(candidate.one_off(scenario).values())
    return one_off + sum(cost.total for cost in monthly_costs(candidate, inputs, scenario))


def cost_option(candidate: Candidate, inputs: Inputs, scenario: Scenario) -> Option:
    """The full option: first month itemised, the monthly series and the horizon total."""
    one_off = candidate.one_off(scenario)
    costs = monthly_costs(candidate, inputs, scenario)
    first = costs[0]
    if _repeats(candidate, inputs):
        series = (first.total,) * len(costs)
    else:
        series = tuple(cost.total for cost in costs)
    described = candidate.descriptor
    one_off_total = sum(one_off.values())
    return Option(
        id=described.id,
        kind=described.kind,
        label=described.label,
        provider=described.provider,
        model=described.model,
        hardware=described.hardware,
        hardware_count=first.units or None,
        ownership=described.ownership,
        quant=described.quant,
        excluded_reasons=tuple(described.exclusions),
        monthly_cost=first.total,
        one_off_cost=one_off_total,
        horizon_cost=one_off_total + sum(series),
        utilisation=first.utilisation,
        monthly_lines=first.lines,
        one_off_lines=one_off,
        monthly_series=series,
        details=dict(described.details),
    )


def common_one_off(inputs: Inputs, setup_hours_key: str) -> Lines:
    """Set-up work, and fine-tuning when the plan asks for it (shared by every candidate of a
    kind, so computed once per estimate)."""
    return inputs.memo(("one_off", setup_hours_key), lambda: _one_off(inputs, setup_hours_key))


def _one_off(inputs: Inputs, setup_hours_key: str) -> Lines:
    lines: Lines = {"setup": inputs.value(setup_hours_key) * inputs.prices.staff_hourly}
    if inputs.plan.needs.fine_tuning:
        lines["fine_tuning"] = inputs.usd(inputs.value("fine_tuning_usd"))
    return lines


def staff_and_monitoring(inputs: Inputs, hours_key: str, monitoring_key: str) -> Lines:
    """Monthly upkeep: someone's hours, and the monitoring tools they use (once per estimate)."""
    key = ("upkeep", hours_key, monitoring_key)
    return inputs.memo(key, lambda: _upkeep(inputs, hours_key, monitoring_key))


def _upkeep(inputs: Inputs, hours_key: str, monitoring_key: str) -> Lines:
    hours = inputs.value(hours_key)
    if inputs.plan.needs.it_capacity in ("none", "external_provider"):
        hours = max(hours, inputs.value("external_it_min_hours_month"))
    return {
        "staff": hours * inputs.prices.staff_hourly,
        "monitoring_and_tools": inputs.usd(inputs.value(monitoring_key)),
    }
