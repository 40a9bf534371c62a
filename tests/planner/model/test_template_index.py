"""The light template index agrees with the validated templates."""

from __future__ import annotations

from planner.model.template_index import template_summaries
from planner.model.templates import load_templates


def test_summaries_match_the_validated_templates() -> None:
    light = [(s.id, s.title, s.description) for s in template_summaries()]
    full = [(t.id, t.title, t.description) for t in load_templates()]
    assert light == full and len(light) >= 7
