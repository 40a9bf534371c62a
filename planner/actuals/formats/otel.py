"""OpenTelemetry GenAI spans: one span object, a list of them, JSON Lines, or an OTLP export.

OTLP writes attributes as ``[{"key": k, "value": {"intValue": v}}]``; they are flattened
to ``{k: v}`` so the preset's paths find them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from planner.actuals.formats.columns import ColumnMap
from planner.actuals.formats.convert import convert_each
from planner.actuals.formats.generic import mapped_builder
from planner.actuals.formats.presets import PRESETS
from planner.actuals.records import Item
from planner.actuals.sources import Source, json_document, json_lines


def flat_attributes(span: dict[str, Any]) -> dict[str, Any]:
    """The span with OTLP's list of key/value attributes turned into a plain object."""
    attributes = span.get("attributes")
    if not isinstance(attributes, list):
        return span
    flat: dict[str, Any] = {}
    for entry in attributes:
        if isinstance(entry, dict) and isinstance(entry.get("value"), dict):
            flat[str(entry.get("key"))] = next(iter(entry["value"].values()), None)
    return {**span, "attributes": flat}


def spans(document: Any) -> list[dict[str, Any]]:
    """Every span of a document, whichever of the usual shapes it has."""
    if isinstance(document, list):
        return [s for item in document for s in spans(item)]
    if not isinstance(document, dict):
        return []
    if "resourceSpans" in document:
        return [
            span
            for resource in document["resourceSpans"] or []
            for scope in resource.get("scopeSpans") or []
            for span in scope.get("spans") or []
            if isinstance(span, dict)
        ]
    return [document]


def parse_otel(source: Source, columns: ColumnMap | None = None) -> Iterator[Item]:
    """GenAI spans, each one request."""
    build = mapped_builder(columns or PRESETS["otel-genai"])
    if _is_lines(source):
        records: Any = (
            (line, flat_attributes(s)) for line, v in json_lines(source) for s in spans(v)
        )
        return convert_each(source, records, build)
    found = spans(json_document(source))
    source.rows_read += len(found)
    return convert_each(source, ((i, flat_attributes(s)) for i, s in enumerate(found, 1)), build)


def _is_lines(source: Source) -> bool:
    lines = [line for line in source.head().splitlines() if line.strip()]
    return (
        len(lines) > 1
        and all(line.lstrip().startswith("{") for line in lines[:2])
        and (lines[0].rstrip().endswith("}"))
    )
