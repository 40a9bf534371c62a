"""The same plan with other figures: one dotted-path setter, one way to rebuild a plan.

The command line's ``--set``, the app's fields, the assumptions panel and the what-if
panel all change a plan through here, so a path means the same everywhere and a bad one is
refused with the same message.
"""

from __future__ import annotations

from typing import Any

from planner.model.plan import Plan


class FigurePathError(ValueError):
    """A dotted path that does not lead to a setting of the plan."""


def set_at_path(data: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    """Set the value at a dotted path (``"workload.requests_per_day"``) of plan data, in
    place, creating groups that are missing.

    Returns:
        ``data``, changed.

    Raises:
        FigurePathError: the path is empty, or runs through a value that is not a group.
    """
    keys = [key.strip() for key in dotted.split(".")]
    if not all(keys):
        raise FigurePathError(f"{dotted!r} is not a dotted.path")
    holder: Any = data
    for key in keys[:-1]:
        if not isinstance(holder, dict):
            raise FigurePathError(f"{dotted}: {key!r} is not a group of settings")
        if holder.get(key) is None:
            holder[key] = {}
        holder = holder[key]
    if not isinstance(holder, dict):
        raise FigurePathError(f"{dotted}: cannot set inside a value")
    holder[keys[-1]] = value
    return data


def with_figures(plan: Plan, changes: dict[str, Any]) -> Plan:
    """``plan`` with each dotted path in ``changes`` set to its value, validated as a
    plan file would be (raises pydantic's ValidationError on a value out of range)."""
    data = plan.model_dump()
    for dotted, value in changes.items():
        set_at_path(data, dotted, value)
    return Plan.model_validate(data)
