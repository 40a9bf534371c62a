"""Every import format, and which one a file is, from its header or its JSON shape."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from planner.actuals.formats import anthropic, focus, generic, invoice, labels_file, openai, otel
from planner.actuals.formats.columns import REQUIRED, ColumnMap
from planner.actuals.formats.presets import PRESETS
from planner.actuals.records import ImportRefused, Item
from planner.actuals.sources import Source, csv_header, json_document

Parser = Callable[[Source, ColumnMap | None], Iterator[Item]]
Kind = Literal["usage", "cost", "labels"]


@dataclass(frozen=True)
class Format:
    """One import format: what it holds, how it is recognised, and its parser."""

    id: str
    kind: Kind
    detected_by: str  # the header columns or JSON shape that identify it
    parse: Parser
    may_be_empty: bool = False  # an export with no rows is a real, empty export


def _plain(parse: Callable[[Source], Iterator[Item]]) -> Parser:
    return lambda source, _columns: parse(source)


def _preset(name: str) -> Parser:
    def parse(source: Source, columns: ColumnMap | None) -> Iterator[Item]:
        chosen = columns or PRESETS[name]
        if source.head().lstrip()[:1] in "{[":
            return generic.parse_jsonl(source, chosen)
        return generic.parse_csv(source, chosen)

    return parse


FORMATS: tuple[Format, ...] = (
    Format("openai-costs-csv", "cost", "CSV header with amount_value and start_time_iso", _plain(openai.parse_costs_csv), True),
    Format("openai-usage-csv", "usage", "CSV header with num_model_requests and input_cached_tokens", _plain(openai.parse_usage_csv), True),
    Format("openai-usage-json", "usage", "JSON page of organization.usage.completions.result", _plain(openai.parse_usage_json)),
    Format("openai-costs-json", "cost", "JSON page of organization.costs.result", _plain(openai.parse_costs_json)),
    Format("anthropic-usage-csv", "usage", "CSV header with usage_input_tokens_no_cache", _plain(anthropic.parse_usage_csv)),
    Format("anthropic-cost-csv", "cost", "CSV header with cost_usd and token_type", _plain(anthropic.parse_cost_csv)),
    Format("anthropic-usage-json", "usage", "JSON page of results with uncached_input_tokens", _plain(anthropic.parse_usage_json)),
    Format("anthropic-cost-json", "cost", "JSON page of results with cost_type (amounts in cents)", _plain(anthropic.parse_cost_json)),
    Format("focus-csv", "cost", "CSV header with BilledCost and ChargePeriodStart (FOCUS 1.x)", _plain(focus.parse_focus_csv)),
    Format("generic-csv", "usage", "CSV header with timestamp, model, input_tokens, output_tokens", generic.parse_csv),
    Format("generic-jsonl", "usage", "JSON Lines with timestamp, model, input_tokens, output_tokens", generic.parse_jsonl),
    Format("litellm-spendlogs", "usage", "SpendLogs rows with custom_llm_provider and spend", _preset("litellm-spendlogs")),
    Format("langfuse-observations", "usage", "observations with provided_model_name and usage_details", _preset("langfuse-observations")),
    Format("helicone-csv", "usage", "CSV header with response_id, request_created_at, prompt_tokens", _preset("helicone-csv")),
    Format("otel-genai", "usage", "spans with gen_ai.usage.* attributes", otel.parse_otel),
    Format("bedrock-invocation-log", "usage", "JSON Lines with schemaType ModelInvocationLog", _preset("bedrock-invocation-log")),
    Format("invoice-csv", "cost", "CSV header date,provider,description,amount,currency", _plain(invoice.parse_invoice_csv)),
    Format("labels-json", "labels", "JSON object with a \"labels\" list", _plain(labels_file.parse_labels)),
)  # fmt: skip
BY_ID = {fmt.id: fmt for fmt in FORMATS}
_OPENAI_EMPTY = ["start_time", "end_time", "start_time_iso", "end_time_iso"]
_CSV_RULES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"amount_value", "start_time_iso"}), "openai-costs-csv"),
    (frozenset({"num_model_requests", "input_cached_tokens"}), "openai-usage-csv"),
    (frozenset({"usage_input_tokens_no_cache"}), "anthropic-usage-csv"),
    (frozenset({"cost_usd", "token_type"}), "anthropic-cost-csv"),
    (frozenset({"BilledCost", "ChargePeriodStart"}), "focus-csv"),
    (frozenset({"response_id", "request_created_at", "prompt_tokens"}), "helicone-csv"),
    (frozenset({"custom_llm_provider", "spend"}), "litellm-spendlogs"),
    (frozenset(invoice.HEADER), "invoice-csv"),
    (frozenset(REQUIRED), "generic-csv"),
)


def detect(source: Source, columns: ColumnMap | None = None) -> Format:
    """The format of a file, from its first bytes; an unknown file is refused."""
    head = source.head()
    if not head.strip():
        raise ImportRefused(source.label, "empty_file")
    if head.lstrip()[:1] in "{[":
        found = _json_format(source, head)
    else:
        found = _csv_format(source, columns)
    if found is None:
        raise ImportRefused(source.label, "unknown_format")
    return BY_ID[found]


def _csv_format(source: Source, columns: ColumnMap | None) -> str | None:
    header = csv_header(source)
    if columns is not None:
        return "generic-csv"
    if header == _OPENAI_EMPTY:  # an empty dashboard export: only these four columns
        return "openai-costs-csv" if "cost" in source.label.lower() else "openai-usage-csv"
    names = set(header)
    return next((fmt for needed, fmt in _CSV_RULES if needed <= names), None)


def _json_format(source: Source, head: str) -> str | None:
    first = _first_json_line(head)
    if first is not None and len([x for x in head.splitlines() if x.strip()]) > 1:
        return _record_format(first) or None
    document = json_document(source)
    if isinstance(document, dict) and isinstance(document.get("labels"), list):
        return "labels-json"
    if isinstance(document, dict) and "resourceSpans" in document:
        return "otel-genai"
    return _page_format(source, document)


def _first_json_line(head: str) -> dict[str, Any] | None:
    line = head.lstrip().split("\n", 1)[0]
    try:
        value = json.loads(line)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _record_format(record: dict[str, Any]) -> str | None:
    """Which format one JSON record (a line, or an element of an array) belongs to."""
    attributes = record.get("attributes")
    if record.get("schemaType") == "ModelInvocationLog":
        return "bedrock-invocation-log"
    if "custom_llm_provider" in record and "spend" in record:
        return "litellm-spendlogs"
    if "provided_model_name" in record or ("usage_details" in record and "trace_id" in record):
        return "langfuse-observations"
    if isinstance(attributes, dict | list) and "gen_ai" in json.dumps(attributes):
        return "otel-genai"
    if all(name in record for name in REQUIRED):
        return "generic-jsonl"
    return None


def _page_format(source: Source, document: Any) -> str | None:
    pages = document if isinstance(document, list) else [document]
    if pages and isinstance(pages[0], dict) and "data" not in pages[0]:
        return _record_format(pages[0])
    for page in pages:
        for bucket in page.get("data") or [] if isinstance(page, dict) else []:
            for result in bucket.get("results") or [] if isinstance(bucket, dict) else []:
                return _result_format(result, "starting_at" in bucket)
    raise ImportRefused(source.label, "no_usable_rows", "the page holds no results")


def _result_format(result: Any, anthropic_bucket: bool) -> str | None:
    if not isinstance(result, dict):
        return None
    kind = result.get("object", "")
    if kind == "organization.usage.completions.result" or "num_model_requests" in result:
        return "openai-usage-json"
    if kind == "organization.costs.result" or isinstance(result.get("amount"), dict):
        return "openai-costs-json"
    if "uncached_input_tokens" in result or "cache_read_input_tokens" in result:
        return "anthropic-usage-json"
    if anthropic_bucket and "amount" in result:
        return "anthropic-cost-json"
    return None


def format_by_id(name: str, label: str) -> Format:
    """A format forced with ``--format``."""
    try:
        return BY_ID[name]
    except KeyError:
        raise ImportRefused(label, "unknown_format_id", name) from None
