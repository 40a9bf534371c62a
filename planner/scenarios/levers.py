"""What each savings lever would save on an option: the seed articles' optimisation list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from planner.engine.estimate import estimate
from planner.engine.inputs import Inputs
from planner.model.plan import Plan
from planner.rates import RateBook, load_rates

Lever = Literal[
    "prompt_caching", "semantic_cache", "routing", "batch_api", "off_peak_batch", "shorter_prompts"
]
LEVERS: tuple[Lever, ...] = (
    "prompt_caching",
    "semantic_cache",
    "routing",
    "batch_api",
    "off_peak_batch",
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
    """The plan with one lever applied, and the share or rate assumed for it.

    Not validated again: the plan may be a variant beyond the user's own limits (what-if
    at 100 times the volume), and the lever only lowers what it changes.
    """
    value = rates.assumption
    shares = {
        "prompt_caching": ("prompt_cache_share", "default_prompt_cache_share"),
        "semantic_cache": ("semantic_cache_hit_rate", "default_semantic_cache_hit_rate"),
        "routing": ("routing_share", "default_routing_share"),
    }
    if lever in shares:
        field, assumption = shares[lever]
        setting = value(assumption)
        return _with_levers(plan, {field: setting}), setting
    if lever == "batch_api":
        return _with_levers(plan, {"batch_share": 1.0}), 1.0
    if lever == "off_peak_batch":
        # The plan's own batch work, moved to the API's cheapest hours of the day.
        share = Inputs(plan, rates).levers.batch_share
        return _with_levers(plan, {"off_peak_batch": True}), share
    setting = value("savings_prompt_optimisation_pct") / 100
    return _with_shorter_prompts(plan, setting), setting


def _with_levers(plan: Plan, update: dict[str, float | bool]) -> Plan:
    return plan.model_copy(update={"levers": plan.levers.model_copy(update=update)})


def _with_shorter_prompts(plan: Plan, saving: float) -> Plan:
    """System prompts (or, without a breakdown, whole inputs) shorter by ``saving``."""
    work = plan.workload
    if work.breakdown is None:
        shorter = work.model_copy(
            update={"input_tokens": max(1, round(work.input_tokens * (1 - saving)))}
        )
        return plan.model_copy(update={"workload": shorter})
    prompt = round(work.breakdown.system_prompt_tokens * (1 - saving))
    breakdown = work.breakdown.model_copy(update={"system_prompt_tokens": prompt})
    totals = breakdown.input_tokens()
    shorter = work.model_copy(update={"breakdown": breakdown, "input_tokens": max(1, totals)})
    return plan.model_copy(update={"workload": shorter})


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
