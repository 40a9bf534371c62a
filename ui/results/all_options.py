"""Every candidate the engine costed, sortable, with the reasons the others were ruled out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.model.result import EstimateResult
from planner.words.i18n import _
from ui.results.options_model import (
    APPROACH,
    HORIZON,
    OPTION,
    STATUS,
    OptionsFilter,
    OptionsModel,
)
from ui.theme import set_role


class AllOptions(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.model = OptionsModel()
        self.proxy = OptionsFilter()
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Find an option, e.g. Mistral or RTX"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(_("Shows only the options whose name contains this text."))
        self.show_excluded = QCheckBox(_("Also show ruled-out options, with the reason"))
        self.show_excluded.setToolTip(
            _(
                "Options that do not meet your needs, for example because the data would leave the EU."
            )
        )
        self.count = QLabel()
        self.count.setWordWrap(True)
        set_role(self.count, "muted")
        self.table = QTableView()
        self.table.setObjectName("all-options")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(HORIZON, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Amounts are never cut short: they take the width they need, and the names (full
        # text in their tooltip) share what is left.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OPTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(APPROACH, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("M") * 4)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.show_excluded, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        self.search.textChanged.connect(self._on_search)
        self.show_excluded.toggled.connect(self._on_show_excluded)

    def show_result(self, result: EstimateResult) -> None:
        self.model.set_rows(
            result.options, result.currency, result.horizon_months, result.recommendation.option_id
        )
        self._count()
        if not self.table.property("sized"):
            em = self.table.fontMetrics().horizontalAdvance("M")
            for column in (APPROACH, STATUS):  # text: elided past a dozen letters, in full
                self.table.resizeColumnToContents(column)  # in its tooltip
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), em * 12))
            self.table.setProperty("sized", True)

    def _on_search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._count()

    def _on_show_excluded(self, show: bool) -> None:
        self.proxy.set_show_excluded(show)
        self._count()

    def _count(self) -> None:
        total = self.model.rowCount()
        possible = sum(1 for row in range(total) if self.model.option(row).feasible)
        self.count.setText(
            _("{shown} shown · {possible} of {total} options possible").format(
                shown=self.proxy.rowCount(), possible=possible, total=total
            )
        )
