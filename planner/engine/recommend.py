"""Ranking feasible options by cost over the horizon, and saying why the first one wins."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from operator import attrgetter

from planner.engine.inputs import Inputs
from planner.model.money import round_money
from planner.model.result import Option, Reason, Recommendation

_COST_THEN_ID = attrgetter("horizon_cost", "id")


def rank(options: Iterable[Option]) -> list[Option]:
    """Feasible options, cheapest over the horizon first (on a tie, by id)."""
    return sorted((o for o in options if not o.excluded_reasons), key=_COST_THEN_ID)


def recommend(inputs: Inputs, options: list[Option]) -> Recommendation:
    """The cheapest feasible option over the horizon, with the reasons it wins: its cost, the
    next best option of another kind, the needs it meets, how busy its hardware is, and how
    many options each reason ruled out."""
    ranked = rank(options)
    if not ranked:
        return Recommendation(option_id=None, reasons=(Reason(code="nothing_feasible"),))
    best = ranked[0]
    reasons = people_time_reasons(inputs, best)
    reasons.append(
        Reason(
            code="cheapest_over_horizon",
            params={"months": inputs.plan.horizon_months, "cost": round_money(best.horizon_cost)},
        )
    )
    runner_up = next((o for o in ranked[1:] if o.kind != best.kind), None)
    if runner_up is not None:
        reasons.append(
            Reason(
                code="next_best_other_kind",
                params={
                    "option": runner_up.label,
                    "kind": runner_up.kind,
                    "ownership": runner_up.ownership,
                    "months": inputs.plan.horizon_months,
                    "difference": round_money(runner_up.horizon_cost - best.horizon_cost),
                },
            )
        )
    reasons.append(Reason(code="meets_needs", params=_needs_params(inputs)))
    if best.utilisation is not None:
        reasons.append(
            Reason(code="hardware_utilisation", params={"pct": round(best.utilisation * 100)})
        )
    reasons += exclusion_summary(options)
    return Recommendation(option_id=best.id, reasons=tuple(reasons))


PEOPLE_TIME_DOMINATES = 0.5  # more than half of a month's cost


def people_time_reasons(inputs: Inputs, best: Option) -> list[Reason]:
    """When most of the recommended option's month is people's time, say so first: whose
    time, how many hours, at what rate (a figure to check with whoever does the work)."""
    if best.people_time_share <= PEOPLE_TIME_DOMINATES:
        return []
    params: dict[str, str | float | int] = {
        "role": inputs.prices.staff.role,
        "hours": round(best.people_hours_per_month, 1),
        "hourly": round_money(inputs.prices.staff_hourly),
        "cost": round_money(best.people_monthly),
        "pct": round(best.people_time_share * 100),
    }
    return [Reason(code="mostly_people_time", params=params)]


def _needs_params(inputs: Inputs) -> dict[str, str | float | int]:
    needs = inputs.plan.needs
    return {
        "sensitivity": needs.data_sensitivity,
        "quality": needs.quality,
        "latency": needs.latency,
    }


def exclusion_summary(options: list[Option]) -> list[Reason]:
    """How many options each kind of reason ruled out (by each one's first reason), most
    common first: the one count the app, the workbook and the report show."""
    counts = Counter(o.excluded_reasons[0].code for o in options if o.excluded_reasons)
    return [
        Reason(code="excluded_count", params={"reason": code, "count": count})
        for code, count in counts.most_common()
    ]


GROUPS = (
    ("api", "api"),
    ("subscription", "subscription"),
    ("gpu", "rented"),
    ("gpu", "owned"),
    ("cpu", "owned"),
    ("hybrid", "mixed"),
)


def group_of(option: Option) -> tuple[str, str]:
    """The option's kind and ownership: which of ``GROUPS`` it is shown under."""
    return option.kind, option.ownership


def best_per_group(options: Iterable[Option]) -> list[Option]:
    """The options shown side by side: the cheapest feasible API, seat subscription, rented
    GPU, owned GPU server, local machine and hybrid, in that order."""
    cheapest: dict[tuple[str, str], Option] = {}
    for option in rank(options):
        cheapest.setdefault(group_of(option), option)
    return [cheapest[group] for group in GROUPS if group in cheapest]


def shown_option_ids(options: list[Option], recommended_id: str | None) -> tuple[str, ...]:
    """The options shown side by side: the recommended one first, then the best of each
    other kind."""
    shown = [o.id for o in best_per_group(options)]
    if recommended_id is None:
        return tuple(shown)
    return (recommended_id, *(option_id for option_id in shown if option_id != recommended_id))
