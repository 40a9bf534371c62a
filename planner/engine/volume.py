"""How much work a month brings: growth, buffer, semantic cache and scenario scaling."""

from __future__ import annotations

from dataclasses import dataclass

from planner.model.money import half_up
from planner.model.plan import Plan


@dataclass(frozen=True)
class Scenario:
    """Multipliers applied on top of a plan, for sensitivity and break-even runs."""

    volume_factor: float = 1.0
    api_price_factor: float = 1.0
    gpu_price_factor: float = 1.0
    requests_per_day: float | None = None  # replaces the plan's volume when set

    def base_requests_per_day(self, plan: Plan) -> float:
        """Requests a day before growth, buffer and cache: the plan's (or this scenario's
        own), times the volume factor."""
        base = (
            plan.workload.requests_per_day
            if self.requests_per_day is None
            else self.requests_per_day
        )
        return base * self.volume_factor


BASE = Scenario()


@dataclass(frozen=True)
class Volume:
    """The workload's volume for one month of the budget."""

    requests_per_day: float  # after growth, buffer and semantic cache
    calls_per_day: float  # model calls: a conversation of n turns makes n calls
    days: float

    @property
    def calls_per_month(self) -> float:
        """Model calls in the month."""
        return self.calls_per_day * self.days


def month_volume(plan: Plan, month: int, scenario: Scenario, semantic_hit_rate: float) -> Volume:
    """Month ``month`` (0 = the first): growth compounds monthly; the buffer covers retries
    and context growth; semantic-cache hits are answered without calling the model."""
    work = plan.workload
    growth = (1 + work.growth_pct_per_month / 100) ** month
    daily = scenario.base_requests_per_day(plan) * growth
    daily *= (1 + work.buffer_pct / 100) * (1 - semantic_hit_rate)
    return Volume(daily, daily * work.calls_per_request, work.days_per_month)


def tokens_per_call(plan: Plan) -> tuple[int, int]:
    """Average input and output tokens of one model call."""
    work = plan.workload
    calls = work.calls_per_request
    return max(1, half_up(work.input_tokens / calls)), max(1, half_up(work.output_tokens / calls))


def monthly_tokens(plan: Plan, month: int = 0, scenario: Scenario = BASE) -> tuple[float, float]:
    """Input and output tokens the model processes in a month (buffer and growth included)."""
    volume = month_volume(plan, month, scenario, plan.levers.semantic_cache_hit_rate or 0.0)
    calls = volume.calls_per_month
    input_tokens, output_tokens = tokens_per_call(plan)
    return calls * input_tokens, calls * output_tokens
