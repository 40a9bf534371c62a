"""Ranking and the recommendation: the cheapest feasible option over the horizon, the options
shown beside it, and how many options each reason ruled out."""

from __future__ import annotations

from datetime import date

import pytest

from planner.engine.estimate import estimate
from planner.engine.inputs import Inputs
from planner.engine.recommend import (
    GROUPS,
    best_per_group,
    exclusion_summary,
    group_of,
    rank,
    recommend,
    shown_option_ids,
)
from planner.model.plan import Plan
from planner.model.result import Option, OptionKind, Ownership, Reason
from planner.model.templates import Template, load_templates
from planner.rates import load_rates

RATES = load_rates()
INPUTS = Inputs(Plan(start_date=date(2026, 12, 1), horizon_months=24), RATES)


def option(
    option_id: str,
    horizon: float,
    kind: OptionKind = "api",
    ownership: Ownership = "api",
    reasons: tuple[str, ...] = (),
    utilisation: float | None = None,
) -> Option:
    """An option with only what ranking reads: cost, kind, ownership, exclusions."""
    return Option(
        id=option_id,
        kind=kind,
        label=option_id.upper(),
        provider=None,
        model=None,
        hardware=None,
        hardware_count=None,
        ownership=ownership,
        quant=None,
        excluded_reasons=tuple(Reason(code) for code in reasons),
        monthly_cost=horizon / 24,
        one_off_cost=0.0,
        horizon_cost=horizon,
        utilisation=utilisation,
        monthly_lines={},
        one_off_lines={},
        monthly_series=(horizon / 24,) * 24,
        details={},
    )


def rented(option_id: str, horizon: float, *reasons: str) -> Option:
    return option(option_id, horizon, "gpu", "rented", reasons, utilisation=0.426)


def owned(option_id: str, horizon: float, *reasons: str) -> Option:
    return option(option_id, horizon, "gpu", "owned", reasons, utilisation=0.2)


def box(option_id: str, horizon: float, *reasons: str) -> Option:
    return option(option_id, horizon, "cpu", "owned", reasons, utilisation=0.9)


def hybrid(option_id: str, horizon: float, *reasons: str) -> Option:
    return option(option_id, horizon, "hybrid", "mixed", reasons, utilisation=0.5)


def ids(options: list[Option]) -> list[str]:
    return [o.id for o in options]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([option("b", 300), option("a", 100), option("c", 200)], ["a", "c", "b"]),
        # Ruled-out options are not ranked, however cheap.
        ([option("a", 100, reasons=("legacy_model",)), option("b", 300)], ["b"]),
        # An equal cost ranks by id, so the order never depends on the tables' order.
        ([option("z", 100), option("m", 100), option("a", 150)], ["m", "z", "a"]),
        ([option("a", 1, reasons=("quality_below_need",))], []),
    ],
)
def test_rank_puts_the_cheapest_feasible_option_first(
    options: list[Option], expected: list[str]
) -> None:
    assert ids(rank(options)) == expected


def test_the_recommendation_explains_itself_in_order() -> None:
    options = [
        rented("rented", 9_000.4),
        option("api-cheap", 10_000.0, reasons=("data_must_stay_in_eu",)),
        owned("owned", 9_500.0),
        option("api", 12_345.678),
        box("box", 50.0, "too_slow_to_start", "quality_below_need"),
    ]
    recommendation = recommend(INPUTS, options)
    assert recommendation.option_id == "rented"
    assert recommendation.reasons == (
        Reason("cheapest_over_horizon", {"months": 24, "cost": 9_000.4}),
        # The next best of another kind: owned GPU is the same kind (gpu) as rented GPU.
        Reason(
            "next_best_other_kind",
            {
                "option": "API",
                "kind": "api",
                "ownership": "api",
                "months": 24,
                "difference": 3_345.28,
            },
        ),
        Reason(
            "meets_needs",
            {"sensitivity": "internal", "quality": "standard", "latency": "interactive"},
        ),
        Reason("hardware_utilisation", {"pct": 43}),  # 42.6% rounded
        Reason("excluded_count", {"reason": "data_must_stay_in_eu", "count": 1}),
        Reason("excluded_count", {"reason": "too_slow_to_start", "count": 1}),
    )


def test_an_api_recommendation_has_no_hardware_to_keep_busy_and_maybe_no_rival() -> None:
    recommendation = recommend(INPUTS, [option("a", 100.0), option("b", 200.0)])
    assert [r.code for r in recommendation.reasons] == ["cheapest_over_horizon", "meets_needs"]


def test_nothing_feasible_recommends_nothing() -> None:
    options = [option("a", 100, reasons=("data_must_stay_on_premises",))]
    recommendation = recommend(INPUTS, options)
    assert recommendation.option_id is None
    assert recommendation.reasons == (Reason("nothing_feasible"),)


@pytest.mark.parametrize(
    ("reasons", "expected"),
    [
        ([], []),
        ([()], []),  # a feasible option counts for nothing
        # Each option counts once, under its first reason; most common first.
        (
            [
                ("quality_below_need",),
                ("data_must_stay_in_eu", "quality_below_need"),
                ("quality_below_need", "too_slow_to_start"),
                ("legacy_model", "data_must_stay_in_eu"),
                ("data_must_stay_in_eu",),
                ("quality_below_need",),
            ],
            [("quality_below_need", 3), ("data_must_stay_in_eu", 2), ("legacy_model", 1)],
        ),
        # On a tie, the reason met first comes first.
        ([("no_eu_rental",), ("legacy_model",)], [("no_eu_rental", 1), ("legacy_model", 1)]),
    ],
)
def test_exclusion_summary_counts_options_by_their_first_reason(
    reasons: list[tuple[str, ...]], expected: list[tuple[str, int]]
) -> None:
    options = [option(f"o{i}", 100, reasons=r) for i, r in enumerate(reasons)]
    assert exclusion_summary(options) == [
        Reason("excluded_count", {"reason": code, "count": count}) for code, count in expected
    ]


def test_the_best_of_each_group_in_the_fixed_order() -> None:
    options = [
        hybrid("hybrid", 50),
        box("box-slow", 10, "too_slow_to_read"),
        box("box", 400),
        owned("owned-b", 300),
        owned("owned-a", 200),
        rented("rented", 700),
        option("api-b", 600),
        option("api-a", 500),
        option("seats", 450, "subscription", "subscription"),
    ]
    assert ids(best_per_group(options)) == [
        "api-a",
        "seats",
        "rented",
        "owned-a",
        "box",
        "hybrid",
    ]
    assert [group_of(o) for o in best_per_group(options)] == list(GROUPS)


def test_a_group_with_nothing_feasible_is_not_shown() -> None:
    options = [option("api", 500), rented("rented", 100, "no_eu_rental"), box("box", 300)]
    assert ids(best_per_group(options)) == ["api", "box"]


@pytest.mark.parametrize(
    ("recommended", "expected"),
    [
        # The recommendation first, then the best of each other group, in the groups' order.
        ("box", ("box", "api-a", "rented", "owned-a")),
        ("api-a", ("api-a", "rented", "owned-a", "box")),
        # Nothing recommended: the groups alone.
        (None, ("api-a", "rented", "owned-a", "box")),
    ],
)
def test_shown_option_ids_put_the_recommendation_first(
    recommended: str | None, expected: tuple[str, ...]
) -> None:
    options = [
        box("box", 100),
        owned("owned-b", 300),
        owned("owned-a", 200),
        rented("rented", 700),
        option("api-a", 500),
        option("api-b", 600),
    ]
    assert shown_option_ids(options, recommended) == expected


@pytest.mark.parametrize("template", load_templates(), ids=lambda t: t.id)
def test_an_estimate_shows_and_counts_what_recommend_decides(template: Template) -> None:
    plan = template.plan.model_copy(update={"start_date": date(2026, 12, 1)})
    result = estimate(plan, RATES, analysis=False)
    ranked = rank(result.options)
    assert result.recommended == ranked[0]
    assert result.shown_ids[0] == ranked[0].id
    for shown in result.shown[1:]:
        assert shown == next(o for o in ranked if group_of(o) == group_of(shown))
    assert len({group_of(o) for o in result.shown}) == len(result.shown)
    infeasible = sum(not o.feasible for o in result.options)
    assert sum(int(r.params["count"]) for r in result.exclusions) == infeasible
    assert list(result.exclusions) == [
        r for r in result.recommendation.reasons if r.code == "excluded_count"
    ]
