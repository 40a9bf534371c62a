"""The rate tables in use: the bundled ones with the user's own changes on top."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from planner.rates import RateBook, RateOverrides


class RatesService(QObject):
    """Loads tables on first use (not at start-up) and tells listeners when they change.

    A user file that cannot be read, or holds changes that no longer apply, is copied aside
    (``rate_overrides.json.bad-<date>``) when it is read, before anything can write over
    it; ``problems_found`` asks for the user to be told.
    """

    changed = Signal()
    problems_found = Signal()  # new entries in ``problems``

    def __init__(self, overrides_path: Path) -> None:
        super().__init__()
        self.overrides_path = overrides_path
        self._bundled: RateBook | None = None
        self._book: RateBook | None = None
        self._overrides: RateOverrides = {}
        self.problems: list[str] = []  # user changes that could not be applied, in words
        self.kept_aside: Path | None = None  # the copy of a file that had problems

    def bundled(self) -> RateBook:
        if self._bundled is None:
            from planner.rates import load_rates  # on first use: not needed to open the window

            self._bundled = load_rates()
        return self._bundled

    def check_stored(self) -> list[str]:
        """At start-up: whether the user's file can be read at all, without loading the
        bundled tables (changes that no longer apply to them are found by ``book``)."""
        if not self.overrides_path.exists():
            return self.problems
        from planner.rates.user_rates import UserRatesError, keep_aside, load_user_overrides

        try:
            load_user_overrides(self.overrides_path)
        except UserRatesError as error:
            try:
                self.kept_aside = keep_aside(self.overrides_path)
            except OSError as copy_error:
                self._report([f"{self.overrides_path}: no copy could be kept ({copy_error})"])
            self._report([str(error)])
        return self.problems

    def book(self) -> RateBook:
        """Bundled tables plus the user's changes; a stored change that cannot be used is
        left out and reported in ``problems``."""
        if self._book is None:
            from planner.rates.user_rates import apply_user_overrides, read_user_rates

            stored = read_user_rates(self.overrides_path, self.bundled())
            self._overrides = stored.overrides
            self.kept_aside = stored.kept_aside or self.kept_aside
            self._report(stored.problems)
            self._book = apply_user_overrides(self.bundled(), self._overrides)
        return self._book

    def overrides(self) -> RateOverrides:
        self.book()
        return self._overrides

    def set_overrides(self, overrides: RateOverrides) -> None:
        """Apply and store the user's changes; raises ``RateTableError`` for a bad value and
        ``OSError`` when the file cannot be written, keeping the previous state."""
        from planner.rates.user_rates import apply_user_overrides, save_user_overrides

        book = apply_user_overrides(self.bundled(), overrides)
        save_user_overrides(self.overrides_path, overrides)
        self._overrides, self._book = overrides, book
        self.changed.emit()

    def _report(self, problems: list[str]) -> None:
        """Record problems not yet known (start-up and first use may find the same one)."""
        new = [problem for problem in problems if problem not in self.problems]
        if new:
            self.problems += new
            self.problems_found.emit()
