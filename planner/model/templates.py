"""Plan presets a user starts from, shipped in the top-level ``templates/`` package."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from planner.model.plan import Plan
from planner.model.planfile import PlanError, plan_from_data
from planner.model.template_index import template_files


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    description: str
    plan: Plan


@cache
def load_templates() -> tuple[Template, ...]:
    """Every bundled template, validated; a broken one names its file."""
    found = []
    for name, data in template_files():
        try:
            plan = plan_from_data(data["plan"])
        except PlanError as error:
            raise PlanError(f"templates/{name}: {error}") from error
        found.append(Template(data["id"], data["title"], data["description"], plan))
    return tuple(found)


def template(template_id: str) -> Template:
    for item in load_templates():
        if item.id == template_id:
            return item
    known = ", ".join(t.id for t in load_templates())
    raise KeyError(f"unknown template {template_id!r}; known: {known}")
