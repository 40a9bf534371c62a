"""One admin API over HTTPS (httpx): signed requests, retries with back-off, pagination.

429 and 5xx answers, time-outs and dropped connections are tried again, waiting as long
as ``Retry-After`` asks (within a limit) or else doubling the wait each time. 401 and 403
stop at once, since asking again with the same key cannot help, and so does a connection
refused or an unknown host (offline, or a wrong address). Redirects are never followed,
so the key is never sent to another host. Nothing here logs a header.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from planner.actuals.fetch.errors import FetchError
from planner.actuals.fetch.providers import Endpoint, Provider, Query
from planner.actuals.keys import Secret, redact

log = logging.getLogger(__name__)
MAX_PAGES = 1_000  # years of daily buckets; more means a cursor that never ends
DEFAULT_TIMEOUT = 60.0  # seconds to wait for an answer (connecting: at most 10)
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_RETRIED = frozenset({429, 500, 502, 503, 504, 529})  # 529: Anthropic is overloaded


@dataclass(frozen=True)
class RetryPolicy:
    """How often to try a request and how long to wait in between (seconds)."""

    attempts: int = 5
    first_delay: float = 1.0
    max_delay: float = 30.0
    max_retry_after: float = 120.0
    sleep: Callable[[float], None] = time.sleep
    jitter: Callable[[], float] = random.random  # 0..1, a share of ``first_delay``

    def delay(self, attempt: int, response: httpx.Response | None) -> float:
        """The wait before attempt ``attempt + 1``: ``Retry-After`` if given, else back-off."""
        asked = retry_after(response.headers.get("retry-after")) if response is not None else None
        if asked is not None:
            return min(asked, self.max_retry_after)
        backoff = self.first_delay * 2.0 ** (attempt - 1) + self.first_delay * self.jitter()
        return min(backoff, self.max_delay)


def retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (a number or an HTTP date); ``None`` if unusable."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def origin(provider: Provider, base_url: str | None) -> str:
    """The base URL to call, checked: https, or plain http to this computer only (tests)."""
    url = (base_url or provider.base_url).rstrip("/").removesuffix("/v1")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("bad_url", provider.id, url)
    if parts.scheme == "http" and parts.hostname not in _LOOPBACK:
        raise FetchError("insecure_url", provider.id, url)
    return url


@dataclass
class AdminClient:
    """Requests to one provider's admin API with one key."""

    provider: Provider
    key: Secret
    base_url: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    requests: int = 0
    retries: int = 0

    def __post_init__(self) -> None:
        self.base_url = origin(self.provider, self.base_url)
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={**self.provider.headers(self.key), "user-agent": "llm-cost-planner"},
            timeout=httpx.Timeout(self.timeout, connect=min(self.timeout, 10.0)),
            follow_redirects=False,
        )

    def __enter__(self) -> AdminClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._http.close()

    def pages(self, endpoint: Endpoint, query: Query) -> list[dict[str, Any]]:
        """Every page of a report, following ``next_page`` while ``has_more``."""
        found: list[dict[str, Any]] = []
        cursors: set[str] = set()
        cursor: str | None = None
        while True:
            page = self.page(endpoint, {**query, "page": cursor} if cursor else query)
            found.append(page)
            if not page.get("has_more"):
                return found
            cursor = page.get("next_page")
            if not isinstance(cursor, str) or not cursor or cursor in cursors:
                raise self._error(
                    "bad_response", endpoint, detail="has_more without a new next_page"
                )
            if len(found) >= MAX_PAGES:
                raise self._error("too_many_pages", endpoint, detail=str(MAX_PAGES))
            cursors.add(cursor)

    def page(self, endpoint: Endpoint, query: Query) -> dict[str, Any]:
        """One page of a report, checked to be ``{data: [...], ...}``."""
        response = self._get(endpoint, query)
        try:
            page = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise self._error("bad_response", endpoint, detail="not JSON") from None
        if not isinstance(page, dict) or not isinstance(page.get("data"), list):
            raise self._error("bad_response", endpoint, detail="no data list")
        return page

    def _get(self, endpoint: Endpoint, query: Query) -> httpx.Response:
        attempt = 0
        while True:
            attempt += 1
            response, failure = self._attempt(endpoint, query)
            if response is not None and response.status_code < 300:
                return response
            if response is not None and response.status_code not in _RETRIED:
                raise self._refusal(endpoint, response)
            if attempt >= self.retry.attempts:
                raise self._gave_up(endpoint, response, failure, attempt)
            wait = self.retry.delay(attempt, response)
            log.info("%s %s: %s; trying again in %.1f s", self.provider.name, endpoint.path,
                     response.status_code if response is not None else failure, wait)  # fmt: skip
            self.retries += 1
            self.retry.sleep(wait)

    def _attempt(self, endpoint: Endpoint, query: Query) -> tuple[httpx.Response | None, str]:
        self.requests += 1
        try:
            return self._http.get(endpoint.path, params=query), ""
        except httpx.TimeoutException:
            return None, "timeout"
        except httpx.ConnectError as error:  # offline or a wrong address: waiting won't help
            detail = redact(" ".join(str(error).split()) or type(error).__name__, self.key)
            raise self._error("connection", endpoint, detail=detail) from None
        except httpx.TransportError as error:
            return None, redact(" ".join(str(error).split()) or type(error).__name__, self.key)

    def _refusal(self, endpoint: Endpoint, response: httpx.Response) -> FetchError:
        status = response.status_code
        code = {401: "unauthorised", 403: "forbidden"}.get(status, "rejected")
        return self._error(code, endpoint, status=status, detail=self._message(response))

    def _gave_up(
        self, endpoint: Endpoint, response: httpx.Response | None, failure: str, attempts: int
    ) -> FetchError:
        if response is None:
            code = "timeout" if failure == "timeout" else "connection"
            return self._error(code, endpoint, attempts=attempts, detail=failure)
        code = "rate_limited" if response.status_code == 429 else "server_error"
        return self._error(code, endpoint, status=response.status_code, attempts=attempts,
                           detail=self._message(response))  # fmt: skip

    def _message(self, response: httpx.Response) -> str:
        """The provider's own explanation, on one line and without any key."""
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            text = response.text
        else:
            error = body.get("error") if isinstance(body, dict) else None
            text = str(error.get("message", "")) if isinstance(error, dict) else ""
        return redact(" ".join(text.split())[:200], self.key)

    def _error(self, code: str, endpoint: Endpoint, **details: Any) -> FetchError:
        return FetchError(code, self.provider.id, f"{self.base_url}{endpoint.path}", **details)
