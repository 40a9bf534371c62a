"""What each provider's admin API looks like: base URL, headers, endpoints and page limits.

Usage is grouped by every dimension the ledger prices by (model, batch or tier, context
window) as well as by project and API key, so that a fetched day is priced as exactly as
an imported export; costs are grouped by line item and project (workspace).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.actuals.keys import Secret

Query = dict[str, str | int | list[str]]


@dataclass(frozen=True)
class Endpoint:
    """One report: its path, the import format its pages are, and its page limit."""

    name: str  # "usage" or "costs", for file labels and reports
    path: str
    format_id: str  # the ledger format the pages are, as if imported from a file
    limit: int  # the most daily buckets the provider gives on one page
    group_by: tuple[str, ...]


@dataclass(frozen=True)
class Provider:
    """An admin API: how to sign a request and how to ask for a period."""

    id: str
    name: str
    key_name: str
    base_url: str
    group_parameter: str  # "group_by" (OpenAI) or "group_by[]" (Anthropic)
    usage: Endpoint
    costs: Endpoint
    headers: Callable[[Secret], dict[str, str]]
    period: Callable[[date, date | None], Query]

    @property
    def endpoints(self) -> tuple[Endpoint, ...]:
        return (self.usage, self.costs)

    def query(self, endpoint: Endpoint, since: date, until: date | None) -> Query:
        """Daily buckets from ``since`` through ``until`` (to now when ``None``), grouped."""
        return {
            **self.period(since, until),
            "bucket_width": "1d",
            "limit": endpoint.limit,
            self.group_parameter: list(endpoint.group_by),
        }


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), UTC)


def _end(until: date | None) -> datetime | None:
    """The exclusive end of the period; ``None`` for "up to now" (no end may be in the future)."""
    if until is None or until >= datetime.now(UTC).date():
        return None
    return _midnight(until + timedelta(days=1))


def _openai_period(since: date, until: date | None) -> Query:
    query: Query = {"start_time": int(_midnight(since).timestamp())}
    end = _end(until)
    if end is not None:
        query["end_time"] = int(end.timestamp())
    return query


def _anthropic_period(since: date, until: date | None) -> Query:
    query: Query = {"starting_at": _midnight(since).strftime("%Y-%m-%dT%H:%M:%SZ")}
    end = _end(until)
    if end is not None:
        query["ending_at"] = end.strftime("%Y-%m-%dT%H:%M:%SZ")
    return query


def _openai_headers(key: Secret) -> dict[str, str]:
    return {"Authorization": f"Bearer {key.reveal()}"}


def _anthropic_headers(key: Secret) -> dict[str, str]:
    return {"x-api-key": key.reveal(), "anthropic-version": "2023-06-01"}


OPENAI = Provider(
    id="openai",
    name="OpenAI",
    key_name="openai-admin",
    base_url="https://api.openai.com",
    group_parameter="group_by",
    usage=Endpoint(
        "usage",
        "/v1/organization/usage/completions",
        "openai-usage-json",
        31,  # 1d buckets: at most 31 a page
        ("model", "project_id", "api_key_id", "batch", "service_tier"),
    ),
    costs=Endpoint(
        "costs", "/v1/organization/costs", "openai-costs-json", 180, ("line_item", "project_id")
    ),
    headers=_openai_headers,
    period=_openai_period,
)
ANTHROPIC = Provider(
    id="anthropic",
    name="Anthropic",
    key_name="anthropic-admin",
    base_url="https://api.anthropic.com",
    group_parameter="group_by[]",
    usage=Endpoint(
        "usage",
        "/v1/organizations/usage_report/messages",
        "anthropic-usage-json",
        31,
        ("model", "workspace_id", "api_key_id", "service_tier", "context_window"),
    ),
    costs=Endpoint(
        "costs",
        "/v1/organizations/cost_report",
        "anthropic-cost-json",
        31,
        ("workspace_id", "description"),
    ),
    headers=_anthropic_headers,
    period=_anthropic_period,
)
PROVIDERS = {provider.id: provider for provider in (OPENAI, ANTHROPIC)}
