"""The engine's entry point: plan + rates → every option costed, ranked and explained."""

from __future__ import annotations

from planner.engine.analysis import TOKEN_VARIANTS, break_even, sensitivity
from planner.engine.candidates import all_candidates, rebuild
from planner.engine.costing import Candidate, cost_option
from planner.engine.inputs import Inputs
from planner.engine.recommend import exclusion_summary, recommend, shown_option_ids
from planner.engine.volume import BASE
from planner.model.plan import Plan
from planner.model.result import EstimateResult, Option, SensitivityRow
from planner.rates import RateBook, load_rates, with_overrides


def estimate(plan: Plan, rates: RateBook | None = None, *, analysis: bool = True) -> EstimateResult:
    """Cost every candidate over the plan's horizon and recommend the cheapest feasible one.

    With ``analysis`` the result also holds the break-even volume and the sensitivity of
    the options shown side by side (the best of each kind).
    """
    book = with_overrides(rates or load_rates(), plan.rate_overrides, "plan rate_overrides")
    inputs = Inputs(plan, book)
    apis, local, everything = all_candidates(inputs)
    options = tuple(cost_option(candidate, inputs, BASE) for candidate in everything)
    recommendation = recommend(inputs, list(options))
    shown_ids = shown_option_ids(list(options), recommendation.option_id)
    found_break_even = None
    rows: tuple[SensitivityRow, ...] = ()
    if analysis:
        found_break_even = break_even(apis, local)
        shown = {c.descriptor.id: c for c in everything if c.descriptor.id in shown_ids}
        rows = tuple(sensitivity(inputs, shown, _token_variants(inputs, shown)))
    return EstimateResult(
        currency=plan.currency,
        plan_name=plan.name,
        horizon_months=plan.horizon_months,
        options=options,
        recommendation=recommendation,
        shown_ids=shown_ids,
        exclusions=tuple(exclusion_summary(list(options))),
        break_even=found_break_even,
        sensitivity=rows,
    )


def scale_tokens(plan: Plan, factor: float) -> Plan:
    """The same plan with every request ``factor`` times as long (the breakdown dropped).

    Not validated again: a variant of a plan at its limits (2,000,000 input tokens, +50%)
    lies beyond the limits the user's own figures must respect, and the engine costs it.
    """
    work = plan.workload
    scaled = work.model_copy(
        update={
            "breakdown": None,
            "input_tokens": max(1, round(work.input_tokens * factor)),
            "output_tokens": max(1, round(work.output_tokens * factor)),
        }
    )
    return plan.model_copy(update={"workload": scaled})


def _token_variants(inputs: Inputs, shown: dict[str, Candidate]) -> dict[str, dict[str, Candidate]]:
    """The shown options rebuilt for requests half and one and a half times as long."""
    variants: dict[str, dict[str, Candidate]] = {}
    for name, factor in TOKEN_VARIANTS.items():
        scaled = Inputs(scale_tokens(inputs.plan, factor), inputs.rates)
        rebuilt = {option_id: rebuild(c, scaled) for option_id, c in shown.items()}
        variants[name] = {k: c for k, c in rebuilt.items() if c is not None}
    return variants


def recost(
    option_ids: list[str], before: Plan, after: Plan, rates: RateBook | None = None
) -> dict[str, Option]:
    """The options ``option_ids`` of plan ``before``, kept as they are (same model, hardware,
    quantisation, hybrid parts) and costed for plan ``after`` — what a workbook exported for
    ``before`` shows when its inputs are changed to ``after``'s."""
    book = rates or load_rates()
    old = Inputs(before, with_overrides(book, before.rate_overrides, "plan rate_overrides"))
    new = Inputs(after, with_overrides(book, after.rate_overrides, "plan rate_overrides"))
    _, _, candidates = all_candidates(old)
    costed: dict[str, Option] = {}
    for candidate in candidates:
        if candidate.descriptor.id in option_ids:
            again = rebuild(candidate, new)
            if again is not None:
                costed[candidate.descriptor.id] = cost_option(again, new, BASE)
    return costed
