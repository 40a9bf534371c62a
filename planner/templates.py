"""Plan presets a user starts from, shipped in the top-level ``templates/`` package."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from planner.plan import Plan
from planner.planfile import PlanError, plan_from_data


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
    folder = resources.files("templates")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        try:
            plan = plan_from_data(data["plan"])
        except PlanError as error:
            raise PlanError(f"templates/{entry.name}: {error}") from error
        found.append(Template(data["id"], data["title"], data["description"], plan))
    return tuple(found)


def template(template_id: str) -> Template:
    for item in load_templates():
        if item.id == template_id:
            return item
    known = ", ".join(t.id for t in load_templates())
    raise KeyError(f"unknown template {template_id!r}; known: {known}")
