"""Titles and descriptions of the bundled templates, read without validating their plans.

The desktop app lists the templates on its first page; reading only these three fields
keeps pydantic (and the plan model) out of start-up. ``planner.templates`` validates the
plans when one is used. Both read the same ``templates`` package.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class TemplateSummary:
    id: str
    title: str
    description: str


@cache
def template_summaries() -> tuple[TemplateSummary, ...]:
    """Every bundled template's id, title and description, in file-name order."""
    found = []
    folder = resources.files("templates")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        found.append(TemplateSummary(str(data["id"]), str(data["title"]), str(data["description"])))
    return tuple(found)
