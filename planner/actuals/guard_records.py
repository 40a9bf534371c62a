"""The records of the budget guard: budgets, the plan's frozen figures, fired alerts.

Codes and numbers only; the sentences an owner reads are made in ``planner.words.alerts``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any, Literal

Period = Literal["month", "day", "hour"]
Level = Literal["info", "warning", "critical"]
PERIODS: tuple[Period, ...] = ("month", "day", "hour")
LEVELS: tuple[Level, ...] = ("info", "warning", "critical")
SCOPE_KINDS = ("total", "provider", "project", "feature")
RULES = (
    "budget",
    "budget_forecast",
    "daily_limit",
    "plan_variance",
    "anomaly",
    "reconciliation_gap",
    "unpriced_usage",
    "stale_data",
)


def parse_scope(text: str) -> str:
    """``total``, ``provider:ID``, ``project:NAME`` or ``feature:NAME``, checked; raises
    ``ValueError`` naming ``--scope`` otherwise."""
    kind, _, value = text.strip().partition(":")
    if kind == "total" and not value:
        return "total"
    if kind in SCOPE_KINDS[1:] and value.strip():
        return f"{kind}:{value.strip()}"
    raise ValueError(
        f"--scope: expected total, provider:ID, project:NAME or feature:NAME, got {text!r}"
    )


def scope_parts(scope: str) -> tuple[str, str]:
    """(kind, value) of a scope; ``("total", "")`` for everything."""
    kind, _, value = scope.partition(":")
    return kind, value


@dataclass(frozen=True)
class PlanSnapshot:
    """What a plan expected of a month, frozen when a budget was taken from it.

    A later change of rates or of the plan does not move these figures: the budget line
    stays where the owner agreed to it.
    """

    plan: str
    option: str  # the recommended option's id
    option_label: str
    currency: str
    monthly_cost: Decimal  # the recommended option, upkeep included: the budget
    usage_cost: Decimal  # the part that pays for requests
    requests_per_month: Decimal  # model calls
    days_per_month: Decimal
    input_tokens_per_request: int
    output_tokens_per_request: int
    taken_on: str  # YYYY-MM-DD
    prices: str  # which price data priced it ("genai-prices 0.2.3 bundled")

    @property
    def requests_per_day(self) -> Decimal:
        """Model calls a working day, as the plan counts days."""
        return self.requests_per_month / self.days_per_month

    def to_json(self) -> str:
        return json.dumps({k: str(v) for k, v in asdict(self).items()}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> PlanSnapshot:
        data: dict[str, Any] = json.loads(text)
        money = ("monthly_cost", "usage_cost", "requests_per_month", "days_per_month")
        for key in money:
            data[key] = Decimal(data[key])
        for key in ("input_tokens_per_request", "output_tokens_per_request"):
            data[key] = int(data[key])
        return cls(**data)


@dataclass(frozen=True)
class Budget:
    """A spending limit for a scope and period, with its warning and critical thresholds."""

    scope: str  # see parse_scope
    period: Period
    amount: Decimal
    currency: str
    warn_pct: Decimal
    critical_pct: Decimal
    source: Literal["manual", "plan"] = "manual"
    snapshot: PlanSnapshot | None = None
    set_at: str = ""

    @property
    def warn_amount(self) -> Decimal:
        return self.amount * self.warn_pct / 100

    @property
    def critical_amount(self) -> Decimal:
        return self.amount * self.critical_pct / 100


@dataclass(frozen=True)
class Alert:
    """One alert: which rule fired, for what, over which period, at what level, and why.

    ``details`` holds the numbers the message quotes (as decimal strings) and ``cause`` the
    likely cause found in the data (a code, "" when none).
    """

    rule: str
    level: Level
    scope: str
    period: str  # YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH
    day: str  # the UTC day the data shows it
    value: Decimal
    threshold: Decimal
    currency: str = ""  # "" when value and threshold are not money
    measure: str = ""  # what was measured, when a rule measures several things
    cause: str = ""
    details: dict[str, str] = field(default_factory=dict)
    fired_at: str = ""
    new: bool = False  # fired by this evaluation, not an earlier one

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """What makes an alert fire only once: rule, scope, measure, period and level."""
        return (self.rule, self.scope, self.measure, self.period, self.level)

    @property
    def rank(self) -> int:
        return LEVELS.index(self.level)
