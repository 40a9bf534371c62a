"""Fetching from the Actual spend screen: the button, the daily fetch, keys never shown,
a provider that fails told while the others are kept, and nothing fetched without a key."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from planner.actuals.store import open_ledger
from tests.planner.actuals.test_fetch import (
    ANTHROPIC_COSTS,
    ANTHROPIC_USAGE,
    KEY,
    Answer,
    LocalApi,
    serve_openai,
    totals,
)
from tests.planner.actuals.test_keys import MemoryKeyring
from ui.actuals.fetching import fetch_since
from ui.actuals.page import LOADED, ActualsPage
from ui.main_window import ACTUALS, MainWindow

OPENAI_SERVICE = ("llm-cost-planner/openai-admin", "admin-key")
ANTHROPIC_SERVICE = ("llm-cost-planner/anthropic-admin", "admin-key")


@pytest.fixture
def api() -> Iterator[LocalApi]:
    local = LocalApi()
    serve_openai(local)
    thread = threading.Thread(target=local.server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield local
    local.server.shutdown()
    local.server.server_close()


@pytest.fixture
def screen(window: MainWindow, tmp_path: Path, api: LocalApi) -> ActualsPage:
    window.document.save(tmp_path / "acme.llmplan")
    window.go_to(ACTUALS)
    found = window.page(ACTUALS)
    assert isinstance(found, ActualsPage)
    found.base_urls = {"openai": api.url, "anthropic": api.url}
    return found


def _fetch(qtbot: Any, screen: ActualsPage) -> None:
    qtbot.mouseClick(screen.fetching.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.jobs.running, timeout=60_000)
    QApplication.processEvents()


def _ledger_totals(path: Path) -> tuple[int, Decimal]:
    store = open_ledger(path, create=False)
    try:
        requests, _tokens, billed = totals(store)
    finally:
        store.close()
    return requests, billed


def test_the_button_fetches_with_the_kept_key_into_the_plans_ledger(
    qtbot: Any, screen: ActualsPage, memory: MemoryKeyring, api: LocalApi, tmp_path: Path
) -> None:
    memory.passwords[OPENAI_SERVICE] = KEY
    _fetch(qtbot, screen)
    ledger = tmp_path / "acme.llmledger"
    assert ledger.exists(), screen.message.text()
    assert screen.states.currentIndex() == LOADED, screen.message.text()
    assert _ledger_totals(ledger) == (15, Decimal("2.762300000000000001"))
    message = screen.message.text()
    assert message.startswith("Fetched from OpenAI since") and "added" in message
    assert all(seen.headers["Authorization"] == f"Bearer {KEY}" for seen in api.seen)
    shown = "\n".join(label.text() for label in screen.findChildren(QLabel))
    assert KEY not in shown and KEY not in ledger.read_bytes().decode("latin-1")
    _fetch(qtbot, screen)  # the same days again: updated, not added twice
    assert _ledger_totals(ledger)[0] == 15


def test_without_a_key_nothing_is_fetched_and_the_screen_says_where_keys_go(
    qtbot: Any, screen: ActualsPage, memory: MemoryKeyring, api: LocalApi, tmp_path: Path
) -> None:
    _fetch(qtbot, screen)
    assert "Tools → Provider keys" in screen.message.text()
    assert api.seen == [] and not (tmp_path / "acme.llmledger").exists()


def test_a_provider_that_refuses_its_key_is_told_and_the_others_are_kept(
    qtbot: Any, screen: ActualsPage, memory: MemoryKeyring, api: LocalApi, tmp_path: Path
) -> None:
    memory.passwords[OPENAI_SERVICE] = KEY
    memory.passwords[ANTHROPIC_SERVICE] = "sk-ant-admin01-REFUSED-1234"
    for path in (ANTHROPIC_USAGE, ANTHROPIC_COSTS):
        api.fail(path, Answer(401, {"error": {"message": "invalid x-api-key"}}))
    _fetch(qtbot, screen)
    message = screen.message.text()
    assert "Fetched from OpenAI" in message and "Anthropic refused the key" in message
    assert "REFUSED" not in message
    assert _ledger_totals(tmp_path / "acme.llmledger")[0] == 15


def test_when_every_provider_fails_the_new_ledger_is_not_left_behind(
    qtbot: Any, screen: ActualsPage, memory: MemoryKeyring, api: LocalApi, tmp_path: Path
) -> None:
    memory.passwords[OPENAI_SERVICE] = KEY
    api.fail("/v1/organization/usage/completions", Answer(401, {"error": {"message": "no"}}))
    _fetch(qtbot, screen)
    assert "OpenAI refused the key" in screen.message.text()
    assert not (tmp_path / "acme.llmledger").exists()


def test_the_daily_fetch_runs_once_a_day_when_turned_on(
    qtbot: Any, window: MainWindow, screen: ActualsPage, memory: MemoryKeyring, api: LocalApi
) -> None:
    memory.passwords[OPENAI_SERVICE] = KEY
    daily = window.daily_fetch
    assert not daily.is_due()  # off by default: nothing in the background
    screen.fetching.daily.click()
    assert window.settings.daily_fetch() and daily.is_due()
    daily.check()
    qtbot.waitUntil(lambda: not screen.jobs.running and bool(api.seen), timeout=60_000)
    qtbot.waitUntil(lambda: not daily.is_due(), timeout=10_000)
    asked = len(api.seen)
    daily.check()  # the same day: not again
    QApplication.processEvents()
    assert len(api.seen) == asked and not screen.jobs.running


@pytest.mark.parametrize(
    ("today", "since"),
    [
        (date(2026, 12, 3), date(2026, 11, 26)),  # early in a month: the last week too
        (date(2026, 12, 20), date(2026, 12, 1)),  # later: the month so far
        (date(2026, 1, 1), date(2025, 12, 25)),
    ],
)
def test_a_fetch_takes_the_month_so_far_and_at_least_the_last_week(
    today: date, since: date
) -> None:
    assert fetch_since(today) == since
