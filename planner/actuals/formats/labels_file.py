"""A label map file: the company's project and feature names for keys, projects and tags.

``{"labels": [{"source": "api_key", "raw": "key_abc", "project": "Support",
"feature": "Email replies"}, …]}``; ``source`` is ``api_key``, ``project`` or ``feature``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from planner.actuals import fields as f
from planner.actuals.formats.convert import convert_each
from planner.actuals.records import LABEL_SOURCES, FieldError, Item, LabelRow
from planner.actuals.sources import Source, json_document


def _label(entry: Any) -> LabelRow:
    if not isinstance(entry, dict):
        raise FieldError("(entry)", "not_an_object")
    source = f.text(entry.get("source"))
    if source not in LABEL_SOURCES:
        raise FieldError("source", "unknown_label_source", source)
    raw = f.text(entry.get("raw"))
    if not raw:
        raise FieldError("raw", "missing")
    project, feature = f.text(entry.get("project")), f.text(entry.get("feature"))
    if not project and not feature:
        raise FieldError("project", "missing")
    return LabelRow(source, raw, project, feature)


def parse_labels(source: Source) -> Iterator[Item]:
    """Every entry of a label map file."""
    document = json_document(source)
    entries = document.get("labels") if isinstance(document, dict) else None
    numbered = list(enumerate(entries if isinstance(entries, list) else [], 1))
    source.rows_read += len(numbered)
    return convert_each(source, numbered, _label)
