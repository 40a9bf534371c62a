"""Fetching a period into the ledger: download every page, then import them as files.

The pages are written to a temporary folder and imported with ``import_files``, through
the very parsers that read the same pages saved by hand, in one transaction: so a fetch and
an import of the same period give the same ledger, a second fetch updates what the first
added, and a fetch that fails anywhere leaves the ledger as it was. The pages hold usage
and costs only; the key is in no file.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from planner.actuals.fetch.client import DEFAULT_TIMEOUT, AdminClient, RetryPolicy, origin
from planner.actuals.fetch.errors import FetchError
from planner.actuals.fetch.providers import PROVIDERS, Endpoint, Provider
from planner.actuals.formats import detect
from planner.actuals.importer import FileReport, import_files
from planner.actuals.keys import Secret
from planner.actuals.records import ImportRefused
from planner.actuals.sources import Source
from planner.actuals.store import LedgerStore


@dataclass(frozen=True)
class FetchRequest:
    """Which provider, which days (``until`` included; ``None``: up to now), from where."""

    provider: str
    since: date
    until: date | None = None
    base_url: str | None = None
    timeout: float = DEFAULT_TIMEOUT


@dataclass(frozen=True)
class Download:
    """The pages of one report, and the URL they came from (the "file" of their rows)."""

    endpoint: Endpoint
    url: str
    pages: list[dict[str, Any]]

    @property
    def results(self) -> int:
        return sum(len(b.get("results") or []) for p in self.pages for b in p["data"] if isinstance(b, dict))  # fmt: skip


@dataclass(frozen=True)
class Downloaded:
    """Everything one fetch brought back, before it reaches the ledger."""

    request: FetchRequest
    downloads: tuple[Download, ...]
    requests: int
    retries: int


@dataclass(frozen=True)
class FetchReport:
    """What a fetch did: the import report of each report's pages, and the traffic."""

    provider: str
    since: str
    until: str | None
    files: list[FileReport]
    pages: dict[str, int]  # endpoint name → pages read
    requests: int
    retries: int


def provider_by_id(provider_id: str) -> Provider:
    """``openai`` or ``anthropic``."""
    try:
        return PROVIDERS[provider_id]
    except KeyError:
        raise FetchError("bad_url", provider_id, detail="no such provider") from None


def download(request: FetchRequest, key: Secret, retry: RetryPolicy | None = None) -> Downloaded:
    """Every usage and cost page of the period, from the provider's admin API.

    Raises:
        FetchError: the period is wrong, the key is refused, or the API does not answer.
    """
    provider = provider_by_id(request.provider)
    _check_period(provider, request)
    downloads = []
    with AdminClient(
        provider, key, request.base_url, request.timeout, retry or RetryPolicy()
    ) as client:
        for endpoint in provider.endpoints:
            query = provider.query(endpoint, request.since, request.until)
            url = f"{client.base_url}{endpoint.path}"
            downloads.append(Download(endpoint, url, client.pages(endpoint, query)))
    return Downloaded(request, tuple(downloads), client.requests, client.retries)


def import_download(store: LedgerStore, downloaded: Downloaded) -> FetchReport:
    """Import what ``download`` brought back, in one transaction (reports without rows skipped).

    Raises:
        ImportRefused: the pages hold no row the ledger can use; it is unchanged.
    """
    with_rows = [d for d in downloaded.downloads if d.results]
    with tempfile.TemporaryDirectory(prefix="llm-cost-planner-fetch-") as folder:
        paths = [_write_pages(Path(folder), downloaded.request, d) for d in with_rows]
        labels = {str(path): d.url for path, d in zip(paths, with_rows, strict=True)}
        try:
            reports = import_files(store, paths) if paths else []
        except ImportRefused as refused:
            raise ImportRefused(labels.get(refused.file, refused.file), refused.code,
                                refused.detail) from None  # fmt: skip
    request = downloaded.request
    return FetchReport(
        provider=request.provider,
        since=request.since.isoformat(),
        until=request.until.isoformat() if request.until else None,
        files=[_relabel(report, labels[report.file]) for report in reports],
        pages={d.endpoint.name: len(d.pages) for d in downloaded.downloads},
        requests=downloaded.requests,
        retries=downloaded.retries,
    )


def fetch_into_ledger(
    store: LedgerStore, request: FetchRequest, key: Secret, retry: RetryPolicy | None = None
) -> FetchReport:
    """``download`` and then ``import_download``."""
    return import_download(store, download(request, key, retry))


def check_key(
    provider_id: str, key: Secret, base_url: str | None = None, timeout: float = 20.0
) -> None:
    """One small authenticated request (yesterday's costs, one bucket); raises if refused.

    Raises:
        FetchError: the key is refused, or the API cannot be reached.
    """
    provider = provider_by_id(provider_id)
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    query = {**provider.query(provider.costs, yesterday, None), "limit": 1}
    retry = RetryPolicy(attempts=2)
    with AdminClient(provider, key, base_url, timeout, retry) as client:
        client.page(provider.costs, query)


def _check_period(provider: Provider, request: FetchRequest) -> None:
    url = origin(provider, request.base_url)
    if request.until is not None and request.until < request.since:
        raise FetchError("bad_period", provider.id, url, detail="until_before_since")
    if request.since > datetime.now(UTC).date():
        raise FetchError("bad_period", provider.id, url, detail="since_in_future")


def _write_pages(folder: Path, request: FetchRequest, got: Download) -> Path:
    until = request.until.isoformat() if request.until else "now"
    path = folder / f"{request.provider}-{got.endpoint.name}_{request.since}_{until}.json"
    path.write_text(json.dumps(got.pages), encoding="utf-8")
    try:
        found = detect(Source(path, got.url)).id
    except ImportRefused as refused:
        found = refused.code
    if found != got.endpoint.format_id:  # the API answered with pages of another report
        raise FetchError("bad_response", request.provider, got.url, detail=found)
    return path


def _relabel(report: FileReport, label: str) -> FileReport:
    problems = tuple(dataclasses.replace(p, file=label) for p in report.problems)
    return dataclasses.replace(report, file=label, problems=problems)
