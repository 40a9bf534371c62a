"""The "Over time" tab: total cost month by month, as money paid out (the cash plan) or as
the accounts see it (owned hardware written off over its life instead of paid at once)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from planner.model.result import Option
from planner.words.i18n import _
from ui.results.charts import CumulativeCost
from ui.theme import set_role

CASH, ACCOUNTS = "cash", "accounts"


class OverTime(QWidget):
    """The cumulative chart with a choice of view; shows the same options either way."""

    def __init__(self) -> None:
        super().__init__()
        self.chart = CumulativeCost()
        self.view = QComboBox()
        self.view.setObjectName("over-time-view")
        self.view.addItem(_("Money paid out (hardware when it is bought)"), CASH)
        self.view.addItem(_("In the accounts (hardware written off over its life)"), ACCOUNTS)
        self.view.setToolTip(
            _(
                "Buying a server is money out on the day it is bought; an accountant spreads "
                "it over the years it is used. Both add up to the same once it is written off."
            )
        )
        self.note = QLabel()
        self.note.setWordWrap(True)
        set_role(self.note, "muted")
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Show")))
        row.addWidget(self.view)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.chart, 1)
        self._shown: tuple[list[Option], str, str | None] = ([], "EUR", None)
        self.view.currentIndexChanged.connect(lambda _index: self._redraw())

    def show_options(self, options: list[Option], currency: str, recommended: str | None) -> None:
        self._shown = (options, currency, recommended)
        self._redraw()

    def _redraw(self) -> None:
        options, currency, recommended = self._shown
        self.chart.accounts = self.view.currentData() == ACCOUNTS
        self.note.setText(
            _(
                "In the accounts, what is not yet written off when the plan ends is still on "
                "the books: these lines end lower than the money paid out by that amount."
            )
            if self.chart.accounts
            else _(
                "Each line starts with the one-off costs, hardware bought at the start included."
            )
        )
        self.chart.show_options(options, currency, recommended)
