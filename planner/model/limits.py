"""The ranges of the plan's numbers, read from the plan model itself.

The questions' number fields take their limits from here, so a bound is written once, in
``planner.model.plan``, and the app can never accept a value the plan file would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass

import annotated_types
from pydantic import BaseModel


@dataclass(frozen=True)
class Limits:
    """The smallest and largest value a field takes; ``above_zero`` when zero itself is not
    allowed (a strict lower bound of zero)."""

    minimum: float
    maximum: float
    above_zero: bool = False


def field_limits(model: type[BaseModel], name: str) -> Limits:
    """The bounds the plan model puts on ``model.name``.

    Args:
        model: a plan model class, e.g. ``Workload``.
        name: one of its numeric fields, e.g. ``"requests_per_day"``.

    Raises:
        KeyError: the field does not exist or has no upper and lower bound.
    """
    low: float | None = None
    high: float | None = None
    strict_low = False
    for rule in model.model_fields[name].metadata:
        if isinstance(rule, annotated_types.Ge):
            low = float(rule.ge)  # type: ignore[arg-type]
        elif isinstance(rule, annotated_types.Gt):
            low, strict_low = float(rule.gt), True  # type: ignore[arg-type]
        elif isinstance(rule, annotated_types.Le):
            high = float(rule.le)  # type: ignore[arg-type]
        elif isinstance(rule, annotated_types.Lt):
            high = float(rule.lt)  # type: ignore[arg-type]
    if low is None or high is None:
        raise KeyError(f"{model.__name__}.{name} has no range")
    return Limits(low, high, above_zero=strict_low and low == 0)
