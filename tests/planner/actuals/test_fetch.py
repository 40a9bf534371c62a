"""Fetching from the admin APIs, against a local server shaped like each provider's.

The server on 127.0.0.1 serves paginated usage and cost pages, and 429, 500, 401, 403 and
slow answers on demand. The fetch must fill the ledger with the same totals an import of
the same pages gives, be idempotent, retry as the provider asks, and never write the key.
"""

from __future__ import annotations

import json
import logging
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from planner.actuals.fetch.client import RetryPolicy, retry_after
from planner.actuals.fetch.errors import FetchError
from planner.actuals.fetch.run import FetchReport, FetchRequest, check_key, fetch_into_ledger
from planner.actuals.fetch.words import fetch_error_text
from planner.actuals.importer import import_files
from planner.actuals.keys import Secret, store_key
from planner.actuals.store import SqliteLedger, open_ledger
from planner.cli.main import run
from planner.model.planfile import load_plan, save_plan
from tests.planner.actuals.test_keys import MemoryKeyring, installed

KEY = "sk-admin-FETCHTEST-5b1f0c9e7d"
ANTHROPIC_KEY = "sk-ant-admin01-FETCHTEST-77aa"
OPENAI_USAGE, OPENAI_COSTS = "/v1/organization/usage/completions", "/v1/organization/costs"
ANTHROPIC_USAGE, ANTHROPIC_COSTS = "/v1/organizations/usage_report/messages", "/v1/organizations/cost_report"  # fmt: skip
DAY = 86_400
OCT_1 = 1_759_276_800  # 2025-10-01T00:00:00Z


@dataclass
class Answer:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Seen:
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


class LocalApi:
    """Pages by path and cursor (``page-1``, ``page-2``…); failures served first, in order."""

    def __init__(self) -> None:
        self.pages: dict[str, list[dict[str, Any]]] = {}
        self.failures: dict[str, list[Answer]] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                api.answer(self, parts.path, parse_qs(parts.query))

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def serve(self, path: str, *pages_of_buckets: list[dict[str, Any]]) -> None:
        count = len(pages_of_buckets)
        self.pages[path] = [
            {"object": "page", "data": buckets, "has_more": n < count - 1,
             "next_page": f"page-{n + 1}" if n < count - 1 else None}
            for n, buckets in enumerate(pages_of_buckets)
        ]  # fmt: skip

    def fail(self, path: str, *answers: Answer) -> None:
        self.failures.setdefault(path, []).extend(answers)

    def answer(
        self, handler: BaseHTTPRequestHandler, path: str, query: dict[str, list[str]]
    ) -> None:
        with self._lock:
            self.seen.append(Seen(path, query, dict(handler.headers.items())))
            queued = self.failures.get(path)
            answer = queued.pop(0) if queued else self._page(path, query)
        time.sleep(answer.delay)
        data = json.dumps(answer.body).encode()
        handler.send_response(answer.status)
        for name, value in {"content-type": "application/json", **answer.headers}.items():
            handler.send_header(name, value)
        handler.send_header("content-length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    def _page(self, path: str, query: dict[str, list[str]]) -> Answer:
        cursor = query.get("page", ["page-0"])[0]
        pages = self.pages.get(path, [{"object": "page", "data": [], "has_more": False}])
        return Answer(body=pages[int(cursor.removeprefix("page-"))])

    def requests_to(self, path: str) -> list[Seen]:
        return [seen for seen in self.seen if seen.path == path]


@pytest.fixture
def api() -> Iterator[LocalApi]:
    local = LocalApi()
    thread = threading.Thread(target=local.server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield local
    local.server.shutdown()
    local.server.server_close()


def usage_bucket(day: int, *requests: int) -> dict[str, Any]:
    """A day of gpt-4o-mini usage: one result per request count, 1,000 in / 100 out each."""
    results = [
        {"object": "organization.usage.completions.result", "num_model_requests": n,
         "input_tokens": 1000 * n, "output_tokens": 100 * n, "input_cached_tokens": 0,
         "model": "gpt-4o-mini-2024-07-18", "project_id": f"proj_{i}", "api_key_id": "key_A",
         "batch": False, "service_tier": "default"}
        for i, n in enumerate(requests)
    ]  # fmt: skip
    start = OCT_1 + day * DAY
    return {"object": "bucket", "start_time": start, "end_time": start + DAY, "results": results}


def cost_bucket(day: int, *amounts: str) -> dict[str, Any]:
    start = OCT_1 + day * DAY
    results = [
        {"object": "organization.costs.result", "amount": {"value": a, "currency": "usd"},
         "line_item": f"gpt-4o-mini-2024-07-18, item {i}", "project_id": "proj_0"}
        for i, a in enumerate(amounts)
    ]  # fmt: skip
    return {"object": "bucket", "start_time": start, "end_time": start + DAY, "results": results}


def serve_openai(api: LocalApi) -> None:
    """Five days of usage over three pages (one day empty), and their costs on one page."""
    api.serve(OPENAI_USAGE, [usage_bucket(0, 5, 2), usage_bucket(1, 3)],
              [usage_bucket(2), usage_bucket(3, 4)], [usage_bucket(4, 1)])  # fmt: skip
    api.serve(OPENAI_COSTS, [cost_bucket(0, "0.0123", "0.5"), cost_bucket(1, "0.000000000000000001"),
                             cost_bucket(3, "2"), cost_bucket(4, "0.25")])  # fmt: skip


def openai_request(api: LocalApi, **changes: Any) -> FetchRequest:
    return FetchRequest("openai", date(2025, 10, 1), changes.pop("until", date(2025, 10, 5)),
                        api.url, **changes)  # fmt: skip


NO_WAIT = RetryPolicy(sleep=lambda _s: None, jitter=lambda: 0.0)


def fetch(ledger: SqliteLedger, request: FetchRequest, key: str = KEY, **retry: Any) -> FetchReport:
    policy = RetryPolicy(**{"sleep": lambda _s: None, "jitter": lambda: 0.0, **retry})
    return fetch_into_ledger(ledger, request, Secret(key), policy)


def totals(ledger: SqliteLedger) -> tuple[int, int, Decimal]:
    days = ledger.daily_rows("2025-01-01", "2025-12-31")
    billed = sum((Decimal(r.amount) for r in ledger.cost_rows("2025-01-01", "2025-12-31")), Decimal())  # fmt: skip
    return sum(d.counts["requests"] for d in days), sum(d.counts["input_tokens"] for d in days), billed  # fmt: skip


def test_openai_fetch_follows_every_page_into_the_ledger(
    api: LocalApi, ledger: SqliteLedger
) -> None:
    serve_openai(api)
    report = fetch(ledger, openai_request(api))
    assert report.pages == {"usage": 3, "costs": 1}
    assert totals(ledger) == (15, 15_000, Decimal("2.762300000000000001"))
    assert [r.format for r in report.files] == ["openai-usage-json", "openai-costs-json"]
    assert report.files[0].file == f"{api.url}{OPENAI_USAGE}"
    usage = api.requests_to(OPENAI_USAGE)
    assert [s.query.get("page") for s in usage] == [None, ["page-1"], ["page-2"]]
    first = usage[0].query
    assert first["start_time"] == [str(OCT_1)] and first["end_time"] == [str(OCT_1 + 5 * DAY)]
    assert (first["bucket_width"], first["limit"]) == (["1d"], ["31"])
    assert set(first["group_by"]) >= {"model", "project_id", "api_key_id"}
    assert api.requests_to(OPENAI_COSTS)[0].query["limit"] == ["180"]
    assert all(s.headers["Authorization"] == f"Bearer {KEY}" for s in api.seen)


def test_anthropic_fetch_reads_cents_and_signs_with_x_api_key(
    api: LocalApi, ledger: SqliteLedger
) -> None:
    usage = {"uncached_input_tokens": 1500, "cache_read_input_tokens": 200, "output_tokens": 500,
             "cache_creation": {"ephemeral_5m_input_tokens": 500, "ephemeral_1h_input_tokens": 1000},
             "model": "claude-sonnet-4-20250514", "workspace_id": "wrkspc_A", "api_key_id": "apikey_A"}  # fmt: skip
    day = {"starting_at": "2025-10-01T00:00:00Z", "ending_at": "2025-10-02T00:00:00Z"}
    api.serve(ANTHROPIC_USAGE, [{**day, "results": [usage]}],
              [{"starting_at": "2025-10-02T00:00:00Z", "ending_at": "2025-10-03T00:00:00Z", "results": [usage]}])  # fmt: skip
    api.serve(ANTHROPIC_COSTS, [{**day, "results": [{"amount": "123.78912", "currency": "USD",
                                                    "cost_type": "tokens", "workspace_id": "wrkspc_A"}]}])  # fmt: skip
    request = FetchRequest("anthropic", date(2025, 10, 1), date(2025, 10, 2), api.url)
    report = fetch(ledger, request, ANTHROPIC_KEY)
    assert report.pages == {"usage": 2, "costs": 1}
    assert totals(ledger) == (0, 2 * 3200, Decimal("1.2378912"))  # 123.78912 cents
    first = api.requests_to(ANTHROPIC_USAGE)[0]
    assert first.headers["x-api-key"] == ANTHROPIC_KEY
    assert first.headers["anthropic-version"] == "2023-06-01"
    assert first.query["starting_at"] == ["2025-10-01T00:00:00Z"]
    assert first.query["ending_at"] == ["2025-10-03T00:00:00Z"]
    assert set(first.query["group_by[]"]) >= {"model", "workspace_id", "api_key_id"}
    assert api.requests_to(ANTHROPIC_COSTS)[0].query["group_by[]"] == [
        "workspace_id",
        "description",
    ]


def test_a_second_fetch_updates_instead_of_adding(api: LocalApi, ledger: SqliteLedger) -> None:
    serve_openai(api)
    first = fetch(ledger, openai_request(api))
    before = (totals(ledger), ledger.usage_count(), ledger.daily_rows("2025-01-01", "2025-12-31"))
    second = fetch(ledger, openai_request(api))
    assert (totals(ledger), ledger.usage_count(), ledger.daily_rows("2025-01-01", "2025-12-31")) == before  # fmt: skip
    assert [r.added for r in second.files] == [0, 0]
    assert [r.updated for r in second.files] == [r.added for r in first.files] == [5, 5]


def test_a_fetch_and_an_import_of_the_same_pages_give_the_same_ledger(
    api: LocalApi, ledger: SqliteLedger, tmp_path: Path
) -> None:
    serve_openai(api)
    fetch(ledger, openai_request(api))
    files = []
    for path, pages in api.pages.items():
        for number, page in enumerate(pages):
            files.append(tmp_path / f"{path.rsplit('/', 1)[1]}-{number}.json")
            files[-1].write_text(json.dumps(page), encoding="utf-8")
    imported = open_ledger(tmp_path / "imported.llmledger")
    import_files(imported, files)
    period = ("2025-01-01", "2025-12-31")
    assert imported.daily_rows(*period) == ledger.daily_rows(*period)
    assert sorted(imported.cost_rows(*period)) == sorted(ledger.cost_rows(*period))
    assert imported.usage_count() == ledger.usage_count()
    imported.close()


def test_429_waits_as_long_as_retry_after_asks(api: LocalApi, ledger: SqliteLedger) -> None:
    serve_openai(api)
    api.fail(OPENAI_USAGE, Answer(429, {"error": {"message": "slow down"}}, {"Retry-After": "3"}))
    waits: list[float] = []
    report = fetch(ledger, openai_request(api), sleep=waits.append)
    assert waits == [3.0] and report.retries == 1
    assert totals(ledger)[0] == 15


def test_5xx_is_retried_with_a_doubling_wait(api: LocalApi, ledger: SqliteLedger) -> None:
    serve_openai(api)
    api.fail(OPENAI_COSTS, Answer(500), Answer(503), Answer(502))
    waits: list[float] = []
    fetch(ledger, openai_request(api), sleep=waits.append, first_delay=0.5)
    assert waits == [0.5, 1.0, 2.0]
    assert totals(ledger)[2] == Decimal("2.762300000000000001")


def test_a_server_that_keeps_failing_leaves_the_ledger_unchanged(
    api: LocalApi, ledger: SqliteLedger
) -> None:
    serve_openai(api)
    before = ledger.contents()
    api.fail(OPENAI_COSTS, *[Answer(500, {"error": {"message": "boom"}})] * 3)
    with pytest.raises(FetchError) as raised:
        fetch(ledger, openai_request(api), attempts=3)
    assert (raised.value.code, raised.value.status, raised.value.attempts) == (
        "server_error",
        500,
        3,
    )
    assert len(api.requests_to(OPENAI_COSTS)) == 3
    assert ledger.contents() == before
    assert "(HTTP 500) on all 3 attempts" in fetch_error_text(raised.value)


@pytest.mark.parametrize(("status", "code", "words"), [
    (401, "unauthorised", "refused the key (HTTP 401)"),
    (403, "forbidden", "does not let this key read usage and costs (HTTP 403)"),
])  # fmt: skip
def test_a_refused_key_stops_at_once_and_the_message_never_shows_it(
    api: LocalApi, ledger: SqliteLedger, status: int, code: str, words: str
) -> None:
    api.fail(
        OPENAI_USAGE, Answer(status, {"error": {"message": f"Incorrect API key provided: {KEY}"}})
    )
    with pytest.raises(FetchError) as raised:
        fetch(ledger, openai_request(api))
    text = fetch_error_text(raised.value)
    assert raised.value.code == code and len(api.seen) == 1
    assert words in text and "Incorrect API key provided: [key]" in text
    assert KEY not in text and KEY not in str(raised.value) and KEY not in repr(raised.value.args)


def test_a_slow_answer_times_out_and_is_tried_again(api: LocalApi, ledger: SqliteLedger) -> None:
    serve_openai(api)
    api.fail(OPENAI_USAGE, Answer(delay=1.0), Answer(delay=1.0))
    with pytest.raises(FetchError) as raised:
        fetch(ledger, openai_request(api, timeout=0.2), attempts=2)
    assert (raised.value.code, raised.value.attempts) == ("timeout", 2)
    assert len(api.requests_to(OPENAI_USAGE)) == 2


def test_a_slow_answer_within_the_time_out_is_fine(api: LocalApi, ledger: SqliteLedger) -> None:
    serve_openai(api)
    api.fail(OPENAI_USAGE, Answer(body=api.pages[OPENAI_USAGE][0], delay=0.3))
    report = fetch(ledger, openai_request(api, timeout=5.0))
    assert report.retries == 0 and totals(ledger)[0] == 15


def test_has_more_without_a_next_page_is_a_bad_response(
    api: LocalApi, ledger: SqliteLedger
) -> None:
    api.fail(
        OPENAI_USAGE,
        Answer(body={"object": "page", "data": [], "has_more": True, "next_page": None}),
    )
    with pytest.raises(FetchError) as raised:
        fetch(ledger, openai_request(api))
    assert raised.value.code == "bad_response"


def test_a_period_without_usage_imports_nothing_and_refuses_nothing(
    api: LocalApi, ledger: SqliteLedger
) -> None:
    api.serve(OPENAI_USAGE, [usage_bucket(0), usage_bucket(1)])
    report = fetch(ledger, openai_request(api))
    assert report.files == [] and report.pages == {"usage": 1, "costs": 1}
    assert ledger.usage_count() == 0


def test_a_bad_row_is_skipped_and_named_by_its_url(api: LocalApi, ledger: SqliteLedger) -> None:
    bucket = usage_bucket(0, 5, 2)
    bucket["results"][1]["input_tokens"] = -1
    api.serve(OPENAI_USAGE, [bucket])
    report = fetch(ledger, openai_request(api))
    [problem] = report.files[0].problems
    assert (problem.file, problem.line, problem.field, problem.code) == (
        f"{api.url}{OPENAI_USAGE}", 2, "input_tokens", "negative")  # fmt: skip


@pytest.mark.parametrize("url", ["http://example.com", "ftp://127.0.0.1", "not a url"])
def test_a_key_is_never_sent_in_the_clear_to_another_computer(
    ledger: SqliteLedger, url: str
) -> None:
    with pytest.raises(FetchError) as raised:
        fetch(ledger, FetchRequest("openai", date(2025, 10, 1), None, url))
    assert raised.value.code in ("insecure_url", "bad_url")


def test_until_before_since_is_refused(api: LocalApi, ledger: SqliteLedger) -> None:
    with pytest.raises(FetchError) as raised:
        fetch(ledger, openai_request(api, until=date(2025, 9, 1)))
    assert raised.value.code == "bad_period" and api.seen == []


def test_check_key_makes_one_small_request(api: LocalApi) -> None:
    check_key("openai", Secret(KEY), api.url)
    [seen] = api.seen
    assert seen.path == OPENAI_COSTS and seen.query["limit"] == ["1"]
    api.fail(OPENAI_COSTS, Answer(401, {"error": {"message": "bad key"}}))
    with pytest.raises(FetchError, match="unauthorised"):
        check_key("openai", Secret(KEY), api.url)


@pytest.mark.parametrize(("header", "seconds"), [
    ("7", 7.0), ("0.5", 0.5), ("-3", 0.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("soon", None), (None, None),
])  # fmt: skip
def test_retry_after_reads_seconds_and_dates(header: str | None, seconds: float | None) -> None:
    assert retry_after(header) == seconds


def test_a_very_long_retry_after_is_capped() -> None:
    import httpx

    response = httpx.Response(429, headers={"Retry-After": "86400"})
    assert RetryPolicy(max_retry_after=60).delay(1, response) == 60


ROOT = Path(__file__).parents[3]


def cli(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    status = run([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def fetch_argv(api: LocalApi, ledger: Path, *more: str) -> list[str]:
    return ["actuals", "fetch", "openai", "--ledger", str(ledger), "--since", "2025-10-01",
            "--until", "2025-10-05", "--base-url", api.url, *more]  # fmt: skip


@pytest.fixture
def stored_key() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    with installed(backend):
        store_key("openai-admin", Secret(KEY))
        yield backend


def test_cli_fetch_json_reports_like_import(
    api: LocalApi,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    serve_openai(api)
    monkeypatch.setenv("ADMIN_KEY_FOR_TEST", KEY)
    status, out, err = cli(capsys, *fetch_argv(api, tmp_path / "l.llmledger", "--key-env", "ADMIN_KEY_FOR_TEST", "--json"))  # fmt: skip
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert {"provider", "since", "until", "files", "pages", "requests", "retries"} <= set(data)
    assert data["files"][0]["format"] == "openai-usage-json" and data["files"][0]["added"] == 5
    assert {"file", "rows_read", "added", "updated", "skipped", "unpriced_models", "problems"} <= set(data["files"][1])  # fmt: skip
    assert (data["since"], data["until"], data["pages"]) == ("2025-10-01", "2025-10-05", {"usage": 3, "costs": 1})  # fmt: skip


def test_cli_fetch_takes_the_key_from_the_keyring(
    api: LocalApi, tmp_path: Path, capsys: pytest.CaptureFixture[str], stored_key: MemoryKeyring
) -> None:
    serve_openai(api)
    status, out, _ = cli(capsys, *fetch_argv(api, tmp_path / "l.llmledger"))
    assert status == 0 and "5 added" in out
    assert api.seen[0].headers["Authorization"] == f"Bearer {KEY}"


def test_cli_fetch_without_a_keyring_points_to_key_env(
    api: LocalApi, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import keyring.backends.fail

    with installed(keyring.backends.fail.Keyring()):
        status, _, err = cli(capsys, *fetch_argv(api, tmp_path / "l.llmledger"))
    assert status == 2 and err.count("\n") == 1
    assert "no keyring" in err and "--key-env VAR" in err
    assert api.seen == [] and not (tmp_path / "l.llmledger").exists()


def test_cli_fetch_refused_key_is_one_line_and_the_ledger_is_not_created(
    api: LocalApi, tmp_path: Path, capsys: pytest.CaptureFixture[str], stored_key: MemoryKeyring
) -> None:
    api.fail(
        OPENAI_USAGE, Answer(401, {"error": {"message": f"Incorrect API key provided: {KEY}"}})
    )
    status, out, err = cli(capsys, *fetch_argv(api, tmp_path / "l.llmledger"))
    assert status == 2 and err.startswith("error: OpenAI refused the key (HTTP 401)")
    assert KEY not in out + err and not (tmp_path / "l.llmledger").exists()


def test_the_key_is_in_no_file_the_app_wrote(
    api: LocalApi,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    serve_openai(api)
    api.fail(
        OPENAI_COSTS, Answer(429, {"error": {"message": f"too fast, {KEY}"}}, {"Retry-After": "0"})
    )
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))  # the pages' folder
    (tmp_path / "temp").mkdir()
    monkeypatch.setenv("ADMIN_KEY_FOR_TEST", KEY)
    log = logging.FileHandler(tmp_path / "app.log")
    root = logging.getLogger()
    root.addHandler(log)
    level = root.level
    root.setLevel(logging.DEBUG)  # httpx and httpcore tell all they do
    try:
        ledger = tmp_path / "acme.llmledger"
        assert cli(capsys, *fetch_argv(api, ledger, "--key-env", "ADMIN_KEY_FOR_TEST"))[0] == 0
        save_plan(load_plan(ROOT / "templates" / "support_agent.json"), tmp_path / "acme.llmplan")
        cli(capsys, "estimate", tmp_path / "acme.llmplan", "--xlsx", tmp_path / "acme.xlsx", "--pdf", tmp_path / "acme.pdf")  # fmt: skip
        status, out, err = cli(capsys, "actuals", "status", "--ledger", ledger, "--json")
    finally:
        root.removeHandler(log)
        root.setLevel(level)
        log.close()
    assert status == 0 and KEY not in out + err
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert {"acme.llmledger", "acme.llmplan", "acme.xlsx", "acme.pdf", "app.log"} <= {p.name for p in written}  # fmt: skip
    assert "HTTP Request: GET" in (tmp_path / "app.log").read_text(encoding="utf-8")
    assert [p.name for p in written if KEY.encode() in p.read_bytes()] == []
    assert list((tmp_path / "temp").iterdir()) == []  # the pages were removed
