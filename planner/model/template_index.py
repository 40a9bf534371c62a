"""Titles and descriptions of the bundled templates, read without validating their plans.

The desktop app lists the templates on its first page; reading only these three fields
keeps pydantic (and the plan model) out of start-up. ``planner.model.templates`` validates the
plans when one is used. Both read the same ``templates`` package.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class TemplateSummary:
    id: str
    title: str
    description: str


@cache
def template_files() -> tuple[tuple[str, dict[str, Any]], ...]:
    """Every bundled template file's name and parsed content, in file-name order: the one
    place that reads the ``templates`` package."""
    found = []
    folder = resources.files("templates")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            found.append((entry.name, json.loads(entry.read_text(encoding="utf-8"))))
    return tuple(found)


@cache
def template_summaries() -> tuple[TemplateSummary, ...]:
    """Every bundled template's id, title and description, in file-name order."""
    return tuple(
        TemplateSummary(str(data["id"]), str(data["title"]), str(data["description"]))
        for _name, data in template_files()
    )
