"""Anthropic: the Console usage and cost CSV exports, and the Admin API report pages.

Anthropic counts uncached input, cache reads and 5-minute and 1-hour cache writes apart;
genai-prices wants ``input_tokens`` to hold all four. The Admin API's ``cost_report``
gives amounts in cents, as decimal strings: "123.45" is $1.2345.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from planner.actuals import fields as f
from planner.actuals.formats.convert import convert_each, page_results
from planner.actuals.records import CostRow, Item, UsageRow
from planner.actuals.sources import Source, csv_records, json_document

PROVIDER = "anthropic"
CENTS = 2  # cost_report amounts are in hundredths of the currency


def _usage(dimensions: dict[str, str], start: str, end: str, counts: dict[str, int]) -> UsageRow:
    writes = counts["write_5m"] + counts["write_1h"]
    return UsageRow(
        bucket_start=start,
        bucket_end=end,
        provider=PROVIDER,
        model=dimensions["model"],
        project=dimensions["workspace"],
        api_key=dimensions["api_key"],
        service_tier=dimensions["service_tier"],
        context_window=dimensions["context_window"],
        requests=0,  # neither export counts requests
        input_tokens=counts["uncached"] + counts["cache_read"] + writes,
        cache_read_tokens=counts["cache_read"],
        cache_write_tokens=writes,
        cache_write_5m_tokens=counts["write_5m"],
        cache_write_1h_tokens=counts["write_1h"],
        output_tokens=counts["output"],
        web_searches=counts["web_searches"],
    )


def _day_bounds(value: str) -> tuple[str, str]:
    day = f.day(value, "usage_date_utc")
    following = date.fromisoformat(day) + timedelta(days=1)
    return f"{day}T00:00:00Z", f"{following.isoformat()}T00:00:00Z"


def _console_usage(record: dict[str, str]) -> UsageRow:
    start, end = _day_bounds(record.get("usage_date_utc", ""))
    dimensions = {
        "model": f.text(record.get("model_version")),
        "workspace": f.text(record.get("workspace")),
        "api_key": f.text(record.get("api_key")),  # the key's name, not its id
        "service_tier": f.text(record.get("usage_type")),
        "context_window": f.text(record.get("context_window")),
    }
    counts = {
        "uncached": f.count(
            record.get("usage_input_tokens_no_cache"), "usage_input_tokens_no_cache"
        ),
        "cache_read": f.count(
            record.get("usage_input_tokens_cache_read"), "usage_input_tokens_cache_read"
        ),
        "write_5m": f.count(
            record.get("usage_input_tokens_cache_write_5m"), "usage_input_tokens_cache_write_5m"
        ),
        "write_1h": f.count(
            record.get("usage_input_tokens_cache_write_1h"), "usage_input_tokens_cache_write_1h"
        ),
        "output": f.count(record.get("usage_output_tokens"), "usage_output_tokens"),
        "web_searches": f.count(record.get("web_search_count"), "web_search_count"),
    }
    return _usage(dimensions, start, end, counts)


def _api_usage(pair: tuple[dict[str, Any], dict[str, Any]]) -> UsageRow:
    bucket, result = pair
    creation = result.get("cache_creation") or {}
    tools = result.get("server_tool_use") or {}
    dimensions = {
        "model": f.text(result.get("model")),
        "workspace": f.text(result.get("workspace_id")),
        "api_key": f.text(result.get("api_key_id")),
        "service_tier": f.text(result.get("service_tier")),
        "context_window": f.text(result.get("context_window")),
    }
    counts = {
        "uncached": f.count(result.get("uncached_input_tokens"), "uncached_input_tokens"),
        "cache_read": f.count(result.get("cache_read_input_tokens"), "cache_read_input_tokens"),
        "write_5m": f.count(creation.get("ephemeral_5m_input_tokens"), "ephemeral_5m_input_tokens"),
        "write_1h": f.count(creation.get("ephemeral_1h_input_tokens"), "ephemeral_1h_input_tokens"),
        "output": f.count(result.get("output_tokens"), "output_tokens"),
        "web_searches": f.count(tools.get("web_search_requests"), "web_search_requests"),
    }
    start = f.timestamp(bucket.get("starting_at"), "starting_at")
    end = f.timestamp(bucket.get("ending_at"), "ending_at") if bucket.get("ending_at") else ""
    return _usage(dimensions, start, end, counts)


def _line(*parts: Any) -> str:
    return ", ".join(f.text(part) for part in parts if f.text(part))


def _console_cost(record: dict[str, str]) -> CostRow:
    return CostRow(
        day=f.day(record.get("usage_date_utc", ""), "usage_date_utc"),
        provider=PROVIDER,
        kind="bill",
        line_item=_line(
            record.get("usage_type"),
            record.get("cost_type"),
            record.get("token_type"),
            record.get("context_window"),
            record.get("inference_geo"),
            record.get("speed"),
        ),
        amount=f.money(record.get("cost_usd"), "cost_usd"),
        currency="USD",
        project=f.text(record.get("workspace")),
        api_key=f.text(record.get("api_key")),
        model=f.text(record.get("model")),
        token_type=f.text(record.get("token_type")),
        list_amount=f.optional_money(record.get("list_price_usd"), "list_price_usd"),
    )


def _api_cost(pair: tuple[dict[str, Any], dict[str, Any]]) -> CostRow:
    bucket, result = pair
    return CostRow(
        day=f.day(bucket.get("starting_at"), "starting_at"),
        provider=PROVIDER,
        kind="bill",
        line_item=_line(
            result.get("description") or result.get("cost_type"),
            result.get("service_tier"),
            result.get("context_window"),
            result.get("inference_geo"),
        ),
        amount=f.money(result.get("amount"), "amount", scale=CENTS),
        currency=(f.text(result.get("currency")) or "USD").upper(),
        project=f.text(result.get("workspace_id")),
        model=f.text(result.get("model")),
        token_type=f.text(result.get("token_type") or result.get("cost_type")),
    )


def parse_usage_csv(source: Source) -> Iterator[Item]:
    """The Console's usage export (older exports lack the last three columns)."""
    return convert_each(source, csv_records(source), _console_usage)


def parse_cost_csv(source: Source) -> Iterator[Item]:
    """The Console's cost export (``cost_usd`` in dollars)."""
    return convert_each(source, csv_records(source), _console_cost)


def parse_usage_json(source: Source) -> Iterator[Item]:
    """Pages of ``GET /v1/organizations/usage_report/messages``."""
    return convert_each(source, page_results(source, json_document(source)), _api_usage)


def parse_cost_json(source: Source) -> Iterator[Item]:
    """Pages of ``GET /v1/organizations/cost_report`` (amounts in cents)."""
    return convert_each(source, page_results(source, json_document(source)), _api_cost)
