"""The rate tables in use: the bundled ones with the user's own changes on top."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from planner.rates import RateBook, RateOverrides


class RatesService(QObject):
    """Loads tables on first use (not at start-up) and tells listeners when they change."""

    changed = Signal()

    def __init__(self, overrides_path: Path) -> None:
        super().__init__()
        self.overrides_path = overrides_path
        self._bundled: RateBook | None = None
        self._book: RateBook | None = None
        self._overrides: RateOverrides = {}
        self.problems: list[str] = []  # user changes that could not be applied, in words

    def bundled(self) -> RateBook:
        if self._bundled is None:
            from planner.rates import load_rates  # on first use: not needed to open the window

            self._bundled = load_rates()
        return self._bundled

    def book(self) -> RateBook:
        """Bundled tables plus the user's changes; a stored change that no longer applies is
        left out and reported in ``problems``."""
        if self._book is None:
            from planner.rates.user_rates import (
                UserRatesError,
                apply_user_overrides,
                load_user_overrides,
                usable_overrides,
            )

            try:
                stored = load_user_overrides(self.overrides_path)
            except UserRatesError as error:
                stored, self.problems = {}, [str(error)]
            self._overrides, dropped = usable_overrides(self.bundled(), stored)
            self.problems += dropped
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
