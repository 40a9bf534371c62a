"""Turning a candidate into a costed option: month by month over the horizon."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Protocol

from planner.engine.cash import write_offs
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
    """Recurring costs of one month, what was paid for hardware in it, and how hard the
    hardware works."""

    lines: Lines
    utilisation: float | None = None
    units: int = 0  # GPUs or machines in service this month
    purchase: float = 0.0  # cash for hardware bought this month (the first month's: one-off)

    @property
    def total(self) -> float:
        """The month's recurring cost, every category together (purchases apart)."""
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


# Which assumption holds the monthly upkeep hours of each kind of option (a hybrid has two).
UPKEEP_HOURS: dict[tuple[str, str], str] = {
    ("api", "api"): "maintenance_hours_api",
    ("subscription", "subscription"): "maintenance_hours_subscription",
    ("gpu", "rented"): "maintenance_hours_gpu_rented",
    ("gpu", "owned"): "maintenance_hours_gpu_owned",
    ("cpu", "owned"): "maintenance_hours_local",
}


def upkeep_hours_key(option: Option) -> str | None:
    """The assumption an option's monthly hours of people's time come from (None for a
    hybrid, whose hours are its two parts')."""
    return UPKEEP_HOURS.get((option.kind, option.ownership))


def first_month_total(candidate: Candidate, scenario: Scenario) -> float:
    """The first month with its hardware written off over its life (the accounting view):
    enough to rank candidates quickly, and how running costs compare month by month."""
    cost = candidate.month(0, scenario, 0)
    return cost.total + cost.purchase / candidate.inputs.value("amortisation_months")


def monthly_costs(candidate: Candidate, inputs: Inputs, scenario: Scenario) -> list[MonthCost]:
    """Each month's costs; when nothing changes from month to month, the first repeats
    (and the hardware it bought is not bought again)."""
    months = inputs.plan.horizon_months
    if _repeats(candidate, inputs):
        first = candidate.month(0, scenario, 0)
        later = dataclasses.replace(first, purchase=0.0) if first.purchase else first
        return [first, *[later] * (months - 1)]
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
    """One-off plus every month of the horizon, hardware purchases included (cash)."""
    one_off = sum(candidate.one_off(scenario).values())
    costs = monthly_costs(candidate, inputs, scenario)
    return one_off + sum(cost.total + cost.purchase for cost in costs)


def cost_option(candidate: Candidate, inputs: Inputs, scenario: Scenario) -> Option:
    """The full option in cash: the first month itemised, hardware bought at the start as a
    one-off (``hardware_purchase``) and later purchases in their month, the monthly series
    and the horizon total; the accounting view's write-offs beside them."""
    costs = monthly_costs(candidate, inputs, scenario)
    first = costs[0]
    one_off = dict(candidate.one_off(scenario))
    if first.purchase:
        one_off["hardware_purchase"] = first.purchase
    if _repeats(candidate, inputs):  # the first month again, nothing bought after it
        series = (first.total,) * len(costs)
        purchases = (first.purchase, *(0.0,) * (len(costs) - 1)) if first.purchase else ()
    else:
        series = (first.total, *(cost.total + cost.purchase for cost in costs[1:]))
        purchases = tuple(cost.purchase for cost in costs)
        if not any(purchases):
            purchases = ()  # nothing bought: most options, kept small
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
        amortisation_series=write_offs(purchases, inputs.value("amortisation_months")),
        purchase_series=purchases,
        people_hours_per_month=first.lines.get("staff", 0.0) / inputs.prices.staff_hourly,
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
