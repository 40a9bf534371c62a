"""One dotted-path setter for the command line, the app and the assumptions panel."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from planner.model.figures import FigurePathError, set_at_path, with_figures
from planner.model.templates import template


def test_a_path_sets_the_value_it_names_and_nothing_else() -> None:
    data = {"workload": {"requests_per_day": 100, "input_tokens": 900}, "name": "Bakery"}
    set_at_path(data, "workload.requests_per_day", 250)
    assert data == {"workload": {"requests_per_day": 250, "input_tokens": 900}, "name": "Bakery"}


def test_a_missing_group_is_made() -> None:
    data: dict[str, object] = {"levers": None}
    set_at_path(data, "levers.prompt_cache_share", 0.5)
    assert data == {"levers": {"prompt_cache_share": 0.5}}


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("", "not a dotted.path"),
        ("workload..input_tokens", "not a dotted.path"),
        ("name.first", "cannot set inside a value"),
        ("name.first.second", "'first' is not a group"),
    ],
)
def test_a_path_through_a_value_is_refused_naming_it(path: str, problem: str) -> None:
    with pytest.raises(FigurePathError, match=problem):
        set_at_path({"name": "Bakery"}, path, 1)


def test_the_same_plan_with_other_figures_is_validated() -> None:
    plan = template("customer_email").plan
    changed = with_figures(plan, {"workload.requests_per_day": 5000, "horizon_months": 12})
    assert (changed.workload.requests_per_day, changed.horizon_months) == (5000, 12)
    assert changed.needs == plan.needs and plan.workload.requests_per_day != 5000
    with pytest.raises(ValidationError):
        with_figures(plan, {"horizon_months": 0})
