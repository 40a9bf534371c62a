"""What the exports show of a plan's ledger: one month of actual spend against the plan.

``planner.actuals.export_view`` makes it from the ledger beside the plan file and the
plan's result; the workbook and the PDF only lay it out. The exports and the ledger are
sibling layers, so this plain record is how the figures pass between them: the exporters
never open a ledger and never work a cost out again. Money is ``Decimal`` in the plan's
currency; the alerts' messages are already written in the language of the export.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class ActualDay:
    """One UTC day of the month: what was used, what it is worth, what was billed."""

    day: date
    requests: int
    input_tokens: int
    output_tokens: int
    priced: Decimal  # usage re-priced at the providers' list prices
    billed: Decimal | None  # bills and invoices for the day; None when none covers it
    gap: Decimal  # what the bills add over the usage they cover (0 without a bill)

    @property
    def cost(self) -> Decimal:
        """What the day cost: a provider's bill where there is one, else its usage."""
        return self.priced + self.gap


@dataclass(frozen=True)
class ActualGroup:
    """The month for one provider, project or model."""

    name: str
    requests: int
    priced: Decimal
    billed: Decimal | None


@dataclass(frozen=True)
class ModelRow:
    """One model's requests and cost, and what a request of the plan's size costs on it."""

    provider: str
    model: str
    requests: int
    cost: Decimal  # re-priced usage
    plan_sized_cost: Decimal  # one request of the plan's size at the month's prices

    @property
    def plan_sized_total(self) -> Decimal:
        return self.requests * self.plan_sized_cost


@dataclass(frozen=True)
class PlanComparison:
    """The complete days of the month against the plan scaled to the same days, and the
    difference split into volume, unit-cost and mix effects (which add up to it)."""

    plan_name: str
    option_label: str
    through: date  # the last complete day compared
    plan_requests: Decimal
    plan_cost: Decimal  # the part of the plan that pays for requests, for these days
    plan_month_cost: Decimal  # the same for the whole month
    models: tuple[ModelRow, ...]
    gap: Decimal  # bills over re-priced usage, for these days
    volume_effect: Decimal
    unit_cost_effect: Decimal
    mix_effect: Decimal
    total: Decimal  # actual minus plan

    @property
    def actual_requests(self) -> int:
        return sum(m.requests for m in self.models)

    @property
    def actual_cost(self) -> Decimal:
        return sum((m.cost for m in self.models), ZERO) + self.gap

    @property
    def plan_cost_per_request(self) -> Decimal:
        return self.plan_cost / self.plan_requests if self.plan_requests else ZERO

    @property
    def actual_cost_per_request(self) -> Decimal:
        usage = sum((m.cost for m in self.models), ZERO)
        return usage / self.actual_requests if self.actual_requests else ZERO


@dataclass(frozen=True)
class AlertLine:
    """One alert as the exports list it: codes for the rule and level, and the message."""

    day: date
    rule: str
    level: str  # info, warning or critical
    message: str


@dataclass(frozen=True)
class MonthForecast:
    """Where the month is heading (None where there is not enough data to tell)."""

    complete_days: int
    month_to_date: Decimal  # the complete days' cost
    month_end: Decimal | None
    low: Decimal | None
    high: Decimal | None
    method: str  # weekday, runrate, complete or none


@dataclass(frozen=True)
class PlanActuals:
    """One month of the plan's ledger, ready to lay out."""

    month: str  # YYYY-MM
    currency: str
    days: tuple[ActualDay, ...]  # from the 1st to the latest day with data
    providers: tuple[ActualGroup, ...]
    projects: tuple[ActualGroup, ...]
    models: tuple[ActualGroup, ...]
    plan_daily: tuple[Decimal, ...] | None  # the plan's cost each day of ``days``
    budget: Decimal | None  # the monthly budget of all spending
    forecast: MonthForecast
    comparison: PlanComparison | None
    alerts: tuple[AlertLine, ...]  # newest first

    @property
    def spent(self) -> Decimal:
        """The cost of every day shown."""
        return sum((d.cost for d in self.days), ZERO)

    @property
    def last_day(self) -> date:
        return self.days[-1].day
