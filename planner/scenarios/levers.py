"""What each savings lever would save on an option: the seed articles' optimisation list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from planner.engine.estimate import estimate
from planner.model.plan import Plan
from planner.rates import RateBook, load_rates

Lever = Literal["prompt_caching", "semantic_cache", "routing", "batch_api", "shorter_prompts"]
LEVERS: tuple[Lever, ...] = (
    "prompt_caching",
    "semantic_cache",
    "routing",
    "batch_api",
    "shorter_prompts",
)


@dataclass(frozen=True)
class LeverSaving:
    lever: Lever
    setting: float  # the share or rate assumed for the lever
    monthly_before: float
    monthly_after: float
    option_id: str | None  # the option compared after the change

    @property
    def monthly_saving(self) -> float:
        return self.monthly_before - self.monthly_after

    @property
    def saving_share(self) -> float:
        return self.monthly_saving / self.monthly_before if self.monthly_before else 0.0


def _with_lever(plan: Plan, rates: RateBook, lever: Lever) -> tuple[Plan, float]:
    data = plan.model_dump()
    value = rates.assumption
    if lever == "prompt_caching":
        setting = value("default_prompt_cache_share")
        data["levers"]["prompt_cache_share"] = setting
    elif lever == "semantic_cache":
        setting = value("default_semantic_cache_hit_rate")
        data["levers"]["semantic_cache_hit_rate"] = setting
    elif lever == "routing":
        setting = value("default_routing_share")
        data["levers"]["routing_share"] = setting
    elif lever == "batch_api":
        setting = 1.0
        data["levers"]["batch_share"] = setting
    else:
        setting = value("savings_prompt_optimisation_pct") / 100
        work = data["workload"]
        if work.get("breakdown"):
            work["breakdown"]["system_prompt_tokens"] = round(
                work["breakdown"]["system_prompt_tokens"] * (1 - setting)
            )
        else:
            work["input_tokens"] = max(1, round(work["input_tokens"] * (1 - setting)))
    return Plan.model_validate(data), setting


def lever_savings(plan: Plan, option_id: str, rates: RateBook | None = None) -> list[LeverSaving]:
    """Monthly cost of ``option_id`` with each lever applied on its own.

    Routing is compared through the hybrid option (a self-hosted model takes the routine
    share); every other lever is compared on the same option.
    """
    book = rates or load_rates()
    before = estimate(plan, book, analysis=False).option(option_id).monthly_cost
    savings = []
    for lever in LEVERS:
        changed, setting = _with_lever(plan, book, lever)
        result = estimate(changed, book, analysis=False)
        if lever == "routing":
            hybrid = next((o for o in result.options if o.kind == "hybrid"), None)
            after = min(before, hybrid.monthly_cost) if hybrid else before
            compared = hybrid.id if hybrid else None
        else:
            after = result.option(option_id).monthly_cost
            compared = option_id
        savings.append(LeverSaving(lever, setting, before, after, compared))
    return savings
