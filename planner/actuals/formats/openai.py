"""OpenAI: the dashboard cost and activity CSV exports, and the Usage and Costs API pages.

The CSVs are read by header (the cost export has 10 or 17 columns); counts come as floats
(``"59200.0"``), ``batch`` as ``TRUE``/``FALSE``, and a bucket without usage is a row of
empty metrics, which is skipped without complaint.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from planner.actuals import fields as f
from planner.actuals.formats.convert import convert_each, page_results, pick
from planner.actuals.records import CostRow, FieldError, Item, UsageRow
from planner.actuals.sources import Source, csv_records, json_document

PROVIDER = "openai"
USAGE_METRICS = ("num_model_requests", "input_tokens", "output_tokens", "input_cached_tokens")


def usage_row(record: dict[str, Any], start: Any, end: Any) -> UsageRow | None:
    """One activity record (a CSV row or an API result); ``None`` for an empty bucket."""
    if all(record.get(name) in (None, "") for name in USAGE_METRICS):
        return None
    return UsageRow(
        bucket_start=f.timestamp(start, "start_time"),
        bucket_end=f.timestamp(end, "end_time") if end not in (None, "") else "",
        provider=PROVIDER,
        model=f.text(record.get("model")),
        project=f.text(record.get("project_id")),
        user=f.text(record.get("user_id")),
        api_key=f.text(record.get("api_key_id")),
        service_tier=f.text(record.get("service_tier")),
        is_batch=f.flag(record.get("batch"), "batch"),
        requests=f.count(record.get("num_model_requests"), "num_model_requests"),
        input_tokens=f.count(record.get("input_tokens"), "input_tokens"),
        cache_read_tokens=f.count(record.get("input_cached_tokens"), "input_cached_tokens"),
        output_tokens=f.count(record.get("output_tokens"), "output_tokens"),
        input_audio_tokens=f.count(record.get("input_audio_tokens"), "input_audio_tokens"),
        output_audio_tokens=f.count(record.get("output_audio_tokens"), "output_audio_tokens"),
    )


def cost_row(record: dict[str, Any], start: Any, amount: Any, currency: Any) -> CostRow | None:
    """One cost record; ``None`` for a day without cost."""
    if amount in (None, ""):
        return None
    return CostRow(
        day=f.day(start, "start_time"),
        provider=PROVIDER,
        kind="bill",
        line_item=f.text(record.get("line_item")),
        amount=f.money(amount, "amount_value"),
        currency=(f.text(currency) or "usd").upper(),
        project=f.text(record.get("project_id")),
        api_key=f.text(record.get("api_key_id")),
    )


def parse_usage_csv(source: Source) -> Iterator[Item]:
    """The dashboard's activity (completions usage) export."""

    def build(record: dict[str, str]) -> UsageRow | None:
        start = pick(record, "start_time_iso", "start_time")
        return usage_row(record, start, pick(record, "end_time_iso", "end_time"))

    return convert_each(source, csv_records(source), build)


def parse_costs_csv(source: Source) -> Iterator[Item]:
    """The dashboard's cost export, in its 10- or 17-column layout."""

    def build(record: dict[str, str]) -> CostRow | None:
        start = pick(record, "start_time_iso", "start_time")
        return cost_row(record, start, record.get("amount_value"), record.get("amount_currency"))

    return convert_each(source, csv_records(source), build)


def parse_usage_json(source: Source) -> Iterator[Item]:
    """Pages of ``GET /v1/organization/usage/completions`` (one page, or a list of them)."""

    def build(pair: tuple[dict[str, Any], dict[str, Any]]) -> UsageRow | None:
        bucket, result = pair
        return usage_row(result, bucket.get("start_time"), bucket.get("end_time"))

    return convert_each(source, page_results(source, json_document(source)), build)


def parse_costs_json(source: Source) -> Iterator[Item]:
    """Pages of ``GET /v1/organization/costs``; ``value`` may be a number or a string."""

    def build(pair: tuple[dict[str, Any], dict[str, Any]]) -> CostRow | None:
        bucket, result = pair
        amount = result.get("amount")
        if not isinstance(amount, dict):
            raise FieldError("amount", "missing")
        return cost_row(
            result, bucket.get("start_time"), amount.get("value"), amount.get("currency")
        )

    return convert_each(source, page_results(source, json_document(source)), build)
