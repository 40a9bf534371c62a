"""The thresholds the alert rules use, read once from assumptions.toml and checked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from planner.rates import RateBook

_RANGES = {  # id → (lowest, highest) a threshold may sensibly be
    "alert_plan_variance_pct": (Decimal("0.1"), Decimal(1000)),
    "alert_anomaly_cost_ratio": (Decimal("1.01"), Decimal(100)),
    "alert_anomaly_requests_ratio": (Decimal(1), Decimal(100)),
    "alert_anomaly_floor_eur": (Decimal(0), Decimal(10**9)),
    "alert_anomaly_floor_budget_pct": (Decimal(0), Decimal(100)),
    "alert_bill_gap_pct": (Decimal(0), Decimal(100)),
    "alert_bill_gap_eur": (Decimal(0), Decimal(10**9)),
    "alert_stale_days": (Decimal(1), Decimal(366)),
    "alert_forecast_min_days": (Decimal(1), Decimal(31)),
}
RECENT_DAYS = 7  # the days the day rules look at after each import


def _value(rates: RateBook, key: str) -> Decimal:
    value = Decimal(repr(rates.assumption(key)))
    low, high = _RANGES[key]
    if not low <= value <= high:
        raise ValueError(f"assumptions.toml: {key} must be between {low} and {high}, got {value}")
    return value


@dataclass(frozen=True)
class GuardSettings:
    """Every threshold of the alert rules (shares as fractions, money in euros)."""

    plan_variance: Decimal
    anomaly_cost_ratio: Decimal
    anomaly_requests_ratio: Decimal
    anomaly_floor_eur: Decimal
    anomaly_floor_budget_share: Decimal
    gap_share: Decimal
    gap_floor_eur: Decimal
    stale_days: int
    forecast_min_days: int

    @classmethod
    def from_rates(cls, rates: RateBook) -> GuardSettings:
        def get(key: str) -> Decimal:
            return _value(rates, key)

        return cls(
            plan_variance=get("alert_plan_variance_pct") / 100,
            anomaly_cost_ratio=get("alert_anomaly_cost_ratio"),
            anomaly_requests_ratio=get("alert_anomaly_requests_ratio"),
            anomaly_floor_eur=get("alert_anomaly_floor_eur"),
            anomaly_floor_budget_share=get("alert_anomaly_floor_budget_pct") / 100,
            gap_share=get("alert_bill_gap_pct") / 100,
            gap_floor_eur=get("alert_bill_gap_eur"),
            stale_days=int(get("alert_stale_days")),
            forecast_min_days=int(get("alert_forecast_min_days")),
        )


@dataclass(frozen=True)
class Window:
    """Which days the rules look at: the month of the latest data, and its recent days."""

    month: str
    last_day: str  # the latest day with data (today's may be partial)
    through: date | None  # the latest complete day (None: none yet)
    today: date

    @classmethod
    def of(cls, last_day: str, today: date) -> Window:
        last = min(date.fromisoformat(last_day), today)
        through = min(last, today - timedelta(days=1))
        return cls(last.isoformat()[:7], last.isoformat(), through, today)

    @property
    def first_day(self) -> str:
        return self.month + "-01"

    def recent(self, complete_only: bool) -> list[str]:
        """The last ``RECENT_DAYS`` days up to the latest (complete) day."""
        end = self.through if complete_only else date.fromisoformat(self.last_day)
        if end is None:
            return []
        days = [(end - timedelta(days=i)).isoformat() for i in range(RECENT_DAYS)]
        return sorted(days)
