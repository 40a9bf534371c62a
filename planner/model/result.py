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
    "compute_rental",
    "hardware_amortisation",
    "power",
    "staff",
    "monitoring_and_tools",
    "setup",
    "fine_tuning",
]
CATEGORIES: tuple[Category, ...] = get_args(Category)
OptionKind = Literal["api", "gpu", "cpu", "hybrid"]
Ownership = Literal["rented", "owned", "api", "mixed"]
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
    monthly_series: tuple[float, ...]
    details: dict[str, ParamValue]

    @property
    def feasible(self) -> bool:
        return not self.excluded_reasons

    @property
    def breakdown(self) -> tuple[CostLine, ...]:
        """Every fixed category, in order, with its first-month and one-off cost."""
        return tuple(self.line(category) for category in CATEGORIES)

    def line(self, category: Category) -> CostLine:
        return CostLine(
            category, self.monthly_lines.get(category, 0.0), self.one_off_lines.get(category, 0.0)
        )


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
