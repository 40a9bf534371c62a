"""Fetching usage and costs from the providers' admin APIs, from the Actual spend screen.

Fetching is explicit (the screen's button) unless the user turns on the daily fetch, which
runs at most once a UTC day per ledger while the app is open. Keys are read from the
keyring only when a fetch starts and go straight to the ledger's job (off the GUI thread);
a provider that fails is reported while the others' figures are kept. This module loads no
charts, so the main window can keep the daily schedule without building the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QPushButton

from planner.words.i18n import _
from ui.settings import AppSettings

if TYPE_CHECKING:
    from planner.actuals.keys import Secret

CHECK_EVERY_MS = 60 * 60 * 1000  # whether a day's fetch is due: hourly is plenty
FIRST_CHECK_MS = 20 * 1000  # after start-up, once the window has settled
RECENT_DAYS = 7  # providers revise the last days; a fetch early in a month ends the last one


def utc_today() -> date:
    return datetime.now(UTC).date()


def fetch_since(today: date) -> date:
    """The first day to fetch: the month so far and at least the last week, so a fetch on
    the 2nd still completes the month before (a second fetch updates, never adds)."""
    return min(today.replace(day=1), today - timedelta(days=RECENT_DAYS))


def ledger_beside(plan_file: Path | None) -> Path | None:
    """The ledger kept beside a saved plan (``acme.llmplan`` → ``acme.llmledger``)."""
    from planner.actuals.store import SUFFIX

    return plan_file.with_suffix(SUFFIX) if plan_file is not None else None


def keyed_providers() -> tuple[list[tuple[str, Secret]], str]:
    """The providers with an admin key kept (id, secret), and what is wrong with the keyring
    if it cannot be asked (then no provider)."""
    from planner.actuals.fetch.providers import PROVIDERS
    from planner.actuals.fetch.words import keyring_error_text
    from planner.actuals.keys import KeyringUnavailable, read_key

    found: list[tuple[str, Secret]] = []
    for provider_id, provider in PROVIDERS.items():
        try:
            key = read_key(provider.key_name)
        except KeyringUnavailable as error:
            return [], keyring_error_text(error)
        if key is not None:
            found.append((provider_id, key))
    return found, ""


class DailyFetch(QObject):
    """Says when the day's fetch into the open plan's ledger is due (``due``), while the
    user has the daily fetch turned on; the Actual spend screen does the fetching."""

    due = Signal()

    def __init__(self, settings: AppSettings, plan_file: Callable[[], Path | None],
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.settings, self._plan_file = settings, plan_file
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check)

    def is_due(self) -> bool:
        if not self.settings.daily_fetch():
            return False  # and the ledger's modules stay unloaded
        ledger = ledger_beside(self._plan_file())
        if ledger is None:
            return False
        return self.settings.last_fetch_day(ledger) != utc_today().isoformat()

    def check(self) -> None:
        if self.is_due():
            self.due.emit()

    def fetched(self, ledger: Path) -> None:
        """A fetch into ``ledger`` worked today: the next one is due tomorrow."""
        self.settings.set_last_fetch_day(ledger, utc_today().isoformat())


class FetchControls(QObject):
    """The screen's controls for fetching: the button, and the daily switch (its tooltip
    says where keys go); the screen lays them out."""

    fetch_requested = Signal()

    def __init__(self, settings: AppSettings | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.button = QPushButton(_("Fetch from providers"))
        self.button.setObjectName("fetch-now")
        self.button.setToolTip(_("Download this month's usage and costs with the admin keys "
                                 "kept in Tools → Provider keys."))  # fmt: skip
        self.button.clicked.connect(lambda _checked=False: self.fetch_requested.emit())
        self.daily = QCheckBox(_("Fetch every day while the planner is open"))
        self.daily.setObjectName("fetch-daily")
        self.daily.setToolTip(_("Uses the admin keys in Tools → Provider keys; nothing is "
                                "fetched without them, and nothing when the planner is closed."))  # fmt: skip
        self.daily.setChecked(settings.daily_fetch() if settings is not None else False)
        self.daily.setEnabled(settings is not None)
        self.daily.toggled.connect(self._set_daily)

    def _set_daily(self, enabled: bool) -> None:
        if self.settings is not None:
            self.settings.set_daily_fetch(enabled)
