"""The generic per-request or per-bucket format, as CSV or JSON Lines, with column maps.

A row's token counts are its totals and ``requests`` (default 1) says how many requests it
covers. ``input_tokens`` holds every input token, cached and cache-written ones included.
The importer reads a plain CSV (columns found by header) in bulk (``planner.actuals.bulk``),
to exactly the facts these readers give.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from planner.actuals import fields as f
from planner.actuals.formats.columns import (
    COUNT_FIELDS,
    IDENTITY,
    REQUIRED,
    ColumnMap,
    lookup,
    tagged,
)
from planner.actuals.formats.convert import convert_each
from planner.actuals.records import FieldError, ImportRefused, Item, UsageRow
from planner.actuals.sources import (
    Source,
    csv_header,
    csv_records,
    json_document,
    json_lines,
)

PROVIDER_ALIASES = {
    "aws.bedrock": "aws",
    "az.ai.openai": "azure",
    "azure.ai.openai": "azure",
    "azure.ai.inference": "azure",
    "gcp.vertex_ai": "google",
    "gcp.gemini": "google",
    "gcp.gen_ai": "google",
    "gemini": "google",
    "vertex_ai": "google",
    "bedrock": "aws",
}
LAYOUT_FIELDS = (
    "timestamp", "provider", "model", "project", "feature", "user", "api_key", "service_tier",
    "request_id", "requests", "input_tokens", "cached_input_tokens", "cache_write_tokens",
    "output_tokens", "cost", "currency",
)  # fmt: skip


def provider_name(value: str) -> str:
    """A provider as genai-prices names it ("" leaves it to be found from the model)."""
    plain = value.strip().lower()
    return PROVIDER_ALIASES.get(plain, plain)


def usage_row(values: dict[str, Any]) -> UsageRow:
    """A ledger row from generic fields (already looked up by name)."""
    counts = {name: f.count(values.get(name), name) for name in COUNT_FIELDS}
    if values.get("requests") in (None, ""):
        counts["requests"] = 1
    _check_cached(
        counts["input_tokens"], counts["cached_input_tokens"], counts["cache_write_tokens"]
    )
    model = f.text(values.get("model"))
    if not model:
        raise FieldError("model", "missing")
    cost = values.get("cost")
    return UsageRow(
        bucket_start=f.timestamp(values.get("timestamp"), "timestamp"),
        bucket_end="",
        provider=provider_name(f.text(values.get("provider"))),
        model=model,
        project=f.text(values.get("project")),
        feature=f.text(values.get("feature")),
        user=f.text(values.get("user")),
        api_key=f.text(values.get("api_key")),
        service_tier=f.text(values.get("service_tier")),
        ref=f.text(values.get("request_id")),
        requests=counts["requests"],
        input_tokens=counts["input_tokens"],
        cache_read_tokens=counts["cached_input_tokens"],
        cache_write_tokens=counts["cache_write_tokens"],
        output_tokens=counts["output_tokens"],
        reported_cost=f.optional_money(cost, "cost") if cost not in (None, "") else "",
        reported_currency=f.text(values.get("currency")).upper() if cost not in (None, "") else "",
    )


def _check_cached(input_tokens: int, cached: int, written: int) -> None:
    if cached + written > input_tokens:
        field = "cached_input_tokens" if cached > input_tokens else "cache_write_tokens"
        raise FieldError(field, "more_than_input", str(cached + written))


def parse_csv(source: Source, columns: ColumnMap | None = None) -> Iterator[Item]:
    """A generic CSV, row by row through the careful reader (the importer reads a plain one
    in bulk, ``planner.actuals.bulk``, to the same facts)."""
    columns = columns or IDENTITY
    if columns.is_simple():
        csv_layout(source, columns)  # a file without the required columns is refused
    return convert_each(source, csv_records(source), mapped_builder(columns))


def csv_layout(source: Source, columns: ColumnMap) -> dict[str, int]:
    """Each field's column, by header name (the last of a repeated name, as the careful
    reader takes it); an absent field points one past the last column.

    Raises:
        ImportRefused: a required column is missing.
    """
    header = csv_header(source)
    missing = [columns.column(name) for name in REQUIRED if columns.column(name) not in header]
    if missing:
        raise ImportRefused(source.label, "missing_columns", ", ".join(missing))
    where = {name: index for index, name in enumerate(header)}
    return {name: where.get(columns.column(name), len(header)) for name in LAYOUT_FIELDS}


def mapped_builder(columns: ColumnMap) -> Any:
    def build(record: dict[str, Any]) -> UsageRow | None:
        for path, wanted in columns.only.items():
            if lookup(record, path) != wanted:
                return None
        values = {name: _value(record, spec, name) for name, spec in columns.columns.items()}
        values.update({k: v for k, v in columns.constants.items() if values.get(k) in (None, "")})
        return usage_row(values)

    return build


def _value(record: dict[str, Any], spec: Any, name: str) -> Any:
    if isinstance(spec, dict):
        found = lookup(record, spec["path"])
        return tagged(found, spec["tag"]) if "tag" in spec else found
    if isinstance(spec, list):
        parts = [_value(record, part, name) for part in spec]
        if name in COUNT_FIELDS:
            present = [p for p in parts if p not in (None, "")]
            return sum(f.count(p, name) for p in present) if present else None
        return next((p for p in parts if p not in (None, "")), None)
    return lookup(record, spec)


def parse_jsonl(source: Source, columns: ColumnMap | None = None) -> Iterator[Item]:
    """Generic JSON Lines (one object a line), or a JSON array of such objects."""
    build = mapped_builder(columns or IDENTITY)
    if source.head().lstrip()[:1] == "[":
        document = json_document(source)
        records = document if isinstance(document, list) else []
        numbered = ((index, r) for index, r in enumerate(records, 1) if _counted(source))
        return convert_each(
            source, ((i, r if isinstance(r, dict) else {}) for i, r in numbered), build
        )
    return convert_each(source, json_lines(source), build)


def _counted(source: Source) -> bool:
    source.rows_read += 1
    return True
