"""The questions' ranges come from the plan model: one bound, written once."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from planner.model.limits import Limits, field_limits
from planner.model.plan import Plan, TokenBreakdown, Workload


@pytest.mark.parametrize(
    ("model", "name", "expected"),
    [
        (Workload, "requests_per_day", Limits(0, 10_000_000, above_zero=True)),
        (Workload, "business_hours_per_day", Limits(0.25, 24)),
        (Workload, "growth_pct_per_month", Limits(-50, 100)),
        (TokenBreakdown, "turns", Limits(1, 50)),
        (Plan, "horizon_months", Limits(1, 120)),
    ],
)
def test_limits_are_the_models_own(model: type, name: str, expected: Limits) -> None:
    assert field_limits(model, name) == expected


@pytest.mark.parametrize(
    ("name", "edge"), [("requests_per_day", "minimum"), ("business_hours_per_day", "maximum")]
)
def test_a_value_just_outside_the_limits_is_refused_by_the_model(name: str, edge: str) -> None:
    limits = field_limits(Workload, name)
    outside = limits.minimum if edge == "minimum" and limits.above_zero else None
    outside = (
        outside
        if outside is not None
        else (limits.minimum - 1 if edge == "minimum" else limits.maximum + 1)
    )
    with pytest.raises(ValidationError):
        Workload.model_validate({name: outside})
    inside = limits.maximum if edge == "maximum" else limits.minimum + 1
    assert getattr(Workload.model_validate({name: inside}), name) == inside


def test_a_field_without_a_range_is_named() -> None:
    with pytest.raises(KeyError, match=r"Plan\.name"):
        field_limits(Plan, "name")
