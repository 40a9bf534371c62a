"""Turning a candidate into a costed option: month by month over the horizon."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from planner.engine.cash import first_month_write_offs, write_offs
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


@dataclass(slots=True)  # hundreds per estimate, alive until it returns
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
    # A tuple, like the option's: most candidates have none, and () is never built again.
    exclusions: tuple[Reason, ...] = ()
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
    return cost.total + cost.purchase / candidate.inputs.amortisation_months


def monthly_costs(candidate: Candidate, inputs: Inputs, scenario: Scenario) -> list[MonthCost]:
    """Each month's costs; when nothing changes from month to month, the first repeats
    (and the hardware it bought is not bought again)."""
    months = inputs.plan.horizon_months
    if _repeats(candidate, inputs):
        first = candidate.month(0, scenario, 0)
        return [first, *[_bought_before(first)] * (months - 1)]
    costs = []
    units = 0
    for month in range(months):
        cost = candidate.month(month, scenario, units)
        units = max(units, cost.units)
        costs.append(cost)
    return costs


def _bought_before(first: MonthCost) -> MonthCost:
    """A month like ``first`` once its hardware is owned: nothing bought again."""
    if not first.purchase:
        return first
    return MonthCost(first.lines, first.utilisation, first.units, 0.0)


def _repeats(candidate: Candidate, inputs: Inputs) -> bool:
    return inputs.steady_volume and candidate.steady


def horizon_total(candidate: Candidate, inputs: Inputs, scenario: Scenario) -> float:
    """One-off plus every month of the horizon, hardware purchases included (cash)."""
    one_off = sum(candidate.one_off(scenario).values())
    if _repeats(candidate, inputs):
        # The months ``monthly_costs`` repeats, summed in the same order without building them.
        first = candidate.month(0, scenario, 0)
        total = first.total
        later = total + _bought_before(first).purchase
        paid = [total + first.purchase, *[later] * (inputs.plan.horizon_months - 1)]
        return one_off + sum(paid)
    costs = monthly_costs(candidate, inputs, scenario)
    return one_off + sum(cost.total + cost.purchase for cost in costs)


def cost_option(candidate: Candidate, inputs: Inputs, scenario: Scenario) -> Option:
    """The full option in cash: the first month itemised, hardware bought at the start as a
    one-off (``hardware_purchase``) and later purchases in their month, the monthly series
    and the horizon total; the accounting view's write-offs beside them."""
    first, series, purchases, written_off = _cash_plan(candidate, inputs, scenario)
    one_off = dict(candidate.one_off(scenario))
    if first.purchase:
        one_off["hardware_purchase"] = first.purchase
    described = candidate.descriptor
    one_off_total = sum(one_off.values())
    # Positional, in the order of Option's fields: 21 keywords cost more than the rest of
    # building it (hundreds of options an estimate).
    return Option(
        described.id,
        described.kind,
        described.label,
        described.provider,
        described.model,
        described.hardware,
        first.units or None,  # hardware_count
        described.ownership,
        described.quant,
        tuple(described.exclusions),  # excluded_reasons
        series[0],  # monthly_cost
        one_off_total,  # one_off_cost
        one_off_total + sum(series),  # horizon_cost
        first.utilisation,
        first.lines,  # monthly_lines
        one_off,  # one_off_lines
        series,  # monthly_series
        dict(described.details),
        written_off,  # amortisation_series
        purchases,  # purchase_series
        first.lines.get("staff", 0.0) / inputs.prices.staff_hourly,  # people_hours_per_month
    )


def _cash_plan(
    candidate: Candidate, inputs: Inputs, scenario: Scenario
) -> tuple[MonthCost, tuple[float, ...], tuple[float, ...], tuple[float, ...]]:
    """The first month, each month's cash (later purchases included), what was paid for
    hardware month by month and its write-offs (both empty when nothing was bought)."""
    amortisation = inputs.amortisation_months
    if _repeats(candidate, inputs):  # the first month again, nothing bought after it
        first = candidate.month(0, scenario, 0)
        months = inputs.plan.horizon_months
        if not first.purchase:
            return first, (first.total,) * months, (), ()
        purchases = (first.purchase,) + (0.0,) * (months - 1)
        written_off = first_month_write_offs(first.purchase, months, amortisation)
        return first, (first.total,) * months, purchases, written_off
    costs = monthly_costs(candidate, inputs, scenario)
    first = costs[0]
    series = (first.total, *(cost.total + cost.purchase for cost in costs[1:]))
    purchases = tuple(cost.purchase for cost in costs)
    if not any(purchases):
        return first, series, (), ()  # nothing bought: most options, kept small
    return first, series, purchases, write_offs(purchases, amortisation)


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
