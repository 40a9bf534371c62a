"""What the engine returns: options itemised by fixed categories, codes not sentences.

These are plain frozen dataclasses rather than pydantic models: an estimate builds several
hundred options, and the engine is its only producer, so nothing here needs validating;
``as_dict`` gives the JSON shape.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, NamedTuple, get_args

Category = Literal[
    "api_tokens",
    "subscription_seats",
    "compute_rental",
    "hardware_purchase",
    "power",
    "staff",
    "monitoring_and_tools",
    "setup",
    "fine_tuning",
    "hardware_amortisation",
]
# The categories money is paid under, in the order an option is itemised: cash, so owned
# hardware is a purchase (a one-off, or in the month more is bought), never a monthly cost.
# ``hardware_amortisation`` is the accounting view of the same purchases, kept apart.
CATEGORIES: tuple[Category, ...] = get_args(Category)[:-1]
AMORTISATION: Category = "hardware_amortisation"
PEOPLE: Category = "staff"  # staff and outside IT: people's time
OptionKind = Literal["api", "subscription", "gpu", "cpu", "hybrid"]
Ownership = Literal["rented", "owned", "api", "mixed", "subscription"]
ParamValue = str | float | int


@dataclass(frozen=True)
class Reason:
    """A reason as a code with parameters; ``planner.words.reasons`` turns it into words."""

    code: str
    params: dict[str, ParamValue] = field(default_factory=dict)


class CostLine(NamedTuple):
    """One category of an option's cost (a named tuple: hundreds are built per estimate)."""

    category: Category
    monthly: float
    one_off: float


@dataclass(frozen=True, slots=True)
class Option:
    """One way of doing the work, costed over the plan's horizon."""

    id: str
    kind: OptionKind
    label: str
    provider: str | None
    model: str | None
    hardware: str | None
    hardware_count: int | None
    ownership: Ownership
    quant: str | None
    excluded_reasons: tuple[Reason, ...]
    monthly_cost: float
    one_off_cost: float
    horizon_cost: float
    utilisation: float | None
    monthly_lines: dict[Category, float]  # first month, by category (missing = 0)
    one_off_lines: dict[Category, float]
    monthly_series: tuple[float, ...]  # cash, month by month: later purchases included
    details: dict[str, ParamValue]
    # The accounting view: each month's write-off of the hardware bought (empty: none bought).
    amortisation_series: tuple[float, ...] = ()
    purchase_series: tuple[float, ...] = ()  # cash spent on hardware, month by month
    people_hours_per_month: float = 0.0  # staff and outside IT hours in the first month

    @property
    def feasible(self) -> bool:
        return not self.excluded_reasons

    @property
    def breakdown(self) -> tuple[CostLine, ...]:
        """Every category money is paid under, in order, with its first-month and one-off
        cost; they add up to ``monthly_cost`` and ``one_off_cost``."""
        return tuple(self.line(category) for category in CATEGORIES)

    def line(self, category: Category) -> CostLine:
        """One category's first-month and one-off cost; for ``hardware_amortisation``, the
        first month's write-off (the accounting view, not part of ``monthly_cost``)."""
        if category == AMORTISATION:
            return CostLine(category, self.write_off(0), 0.0)
        return CostLine(
            category, self.monthly_lines.get(category, 0.0), self.one_off_lines.get(category, 0.0)
        )

    def write_off(self, month: int) -> float:
        """The hardware written off in ``month`` (0 = the first) in the accounting view."""
        series = self.amortisation_series
        return series[month] if month < len(series) else 0.0

    def purchase(self, month: int) -> float:
        """Cash spent on hardware in ``month`` (month 0's is the one-off ``hardware_purchase``)."""
        series = self.purchase_series
        return series[month] if month < len(series) else 0.0

    @property
    def hardware_bought(self) -> float:
        """Everything paid for hardware over the horizon: at the start and as the load grows."""
        return sum(self.purchase_series)

    @property
    def accounting_series(self) -> tuple[float, ...]:
        """Each month's cost with hardware written off over its life instead of bought."""
        if not self.purchase_series:
            return self.monthly_series
        return tuple(
            cost - (self.purchase(month) if month else 0.0) + self.write_off(month)
            for month, cost in enumerate(self.monthly_series)
        )

    @property
    def book_value_at_end(self) -> float:
        """Hardware not yet written off when the horizon ends: the accounting view's total
        plus this equals the cash total."""
        return max(0.0, self.hardware_bought - sum(self.amortisation_series))  # never -0.00

    @property
    def people_monthly(self) -> float:
        """The first month's cost of people's time (staff and outside IT)."""
        return self.monthly_lines.get(PEOPLE, 0.0)

    @property
    def people_time_share(self) -> float:
        """The share of the first month's cost that is people's time (0 when it costs nothing)."""
        return self.people_monthly / self.monthly_cost if self.monthly_cost > 0 else 0.0

    @property
    def accounting_monthly_cost(self) -> float:
        """The first month with hardware spread over its life instead of bought outright."""
        return self.monthly_cost + self.write_off(0)


@dataclass(frozen=True)
class Recommendation:
    option_id: str | None
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class BreakEven:
    """Requests a day from which the cheapest self-hosted option beats the cheapest API."""

    requests_per_day: float | None
    searched_up_to: float
    self_hosted_option_id: str | None = None
    api_option_id: str | None = None
    reason: Reason | None = None


@dataclass(frozen=True)
class SensitivityRow:
    option_id: str
    base_horizon_cost: float
    horizon_cost: dict[str, float]


@dataclass(frozen=True)
class EstimateResult:
    """Every option for one plan, and what the views show of them.

    Immutable: the app keeps one result per open plan and every view — the status bar, the
    results page, the workbook and the PDF — reads that one, so none may change it.
    ``shown_ids`` are the options shown side by side (the recommended one first, then the
    cheapest feasible option of each kind); ``exclusions`` count, per reason, the options
    that reason ruled out (``excluded_count`` reasons, most common first).
    """

    currency: str
    plan_name: str
    horizon_months: int
    options: tuple[Option, ...]
    recommendation: Recommendation
    shown_ids: tuple[str, ...] = ()
    exclusions: tuple[Reason, ...] = ()
    break_even: BreakEven | None = None
    sensitivity: tuple[SensitivityRow, ...] = ()

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)

    @property
    def recommended(self) -> Option | None:
        oid = self.recommendation.option_id
        return self.option(oid) if oid else None

    @property
    def shown(self) -> list[Option]:
        """The options shown side by side, recommended first."""
        return [self.option(option_id) for option_id in self.shown_ids]

    @property
    def analysed(self) -> bool:
        """Whether the break-even volume and the sensitivity have been worked out."""
        return self.break_even is not None


def as_dict(value: Any) -> Any:
    """A result object as plain data."""
    return asdict(value)
