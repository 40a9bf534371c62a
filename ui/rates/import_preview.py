"""Preview of a price file: what would change, chosen row by row, before it is applied."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.rates.price_import import PriceChange, PriceComparison, PriceFile
from planner.words.formats import percent
from planner.words.i18n import _
from ui.table_model import Index, RowsTableModel
from ui.text import plain_number

SORT_ROLE = Qt.ItemDataRole.UserRole + 1

MODEL, INPUT_NOW, INPUT_NEW, OUTPUT_NOW, OUTPUT_NEW, CHANGE = range(6)


def _change_share(change: PriceChange) -> float | None:
    before = (change.input_now or 0) + (change.output_now or 0)
    after = change.input_new + change.output_new
    return None if not before else after / before - 1


class PriceChangesModel(RowsTableModel):
    """One row per model whose price differs; the first column is a checkbox."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[PriceChange] = []
        self._chosen: list[bool] = []

    def set_rows(self, changes: list[PriceChange]) -> None:
        self.beginResetModel()
        self._rows = list(changes)
        self._chosen = [True] * len(changes)
        self.endResetModel()

    def chosen(self) -> list[PriceChange]:
        return [change for change, keep in zip(self._rows, self._chosen, strict=True) if keep]

    def headers(self) -> list[str]:
        return [
            _("Model"),
            _("Reading now"),
            _("Reading in file"),
            _("Writing now"),
            _("Writing in file"),
            _("Change"),
        ]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == MODEL:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        change = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == MODEL:
            return Qt.CheckState.Checked if self._chosen[index.row()] else Qt.CheckState.Unchecked
        values: dict[int, float | str | None] = {
            MODEL: change.label,
            INPUT_NOW: change.input_now,
            INPUT_NEW: change.input_new,
            OUTPUT_NOW: change.output_now,
            OUTPUT_NEW: change.output_new,
            CHANGE: _change_share(change),
        }
        value = values[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return _("not priced") if column in (INPUT_NOW, OUTPUT_NOW) else "–"
            if column == CHANGE:
                return ("+" if float(value) > 0 else "") + percent(float(value))
            return value if isinstance(value, str) else plain_number(value)
        if role == SORT_ROLE:
            return value if value is not None else -1.0
        if role == Qt.ItemDataRole.TextAlignmentRole and column != MODEL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != MODEL:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        self._chosen[index.row()] = checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def choose_all(self, chosen: bool) -> None:
        if not self._rows:
            return
        self._chosen = [chosen] * len(self._rows)
        self.dataChanged.emit(
            self.index(0, MODEL),
            self.index(len(self._rows) - 1, MODEL),
            [Qt.ItemDataRole.CheckStateRole],
        )


class ImportPreview(QDialog):
    """Shows the changes a price file brings; Apply keeps the ticked ones."""

    def __init__(
        self, price_file: PriceFile, comparison: PriceComparison, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New prices from {file}").format(file=price_file.path.name))
        kind = "genai-prices" if price_file.format == "genai-prices" else "LiteLLM"
        summary = QLabel(
            _(
                "A {kind} price file. {changed} models have a different price, {same} are unchanged "
                "and {missing} are not in the file. Prices are in USD per million tokens."
            ).format(
                kind=kind,
                changed=len(comparison.changes),
                same=len(comparison.unchanged),
                missing=len(comparison.missing),
            )
        )
        summary.setWordWrap(True)
        note = QLabel(
            _(
                "Ticked prices are kept as your own values, for every plan; Tools → Rates and prices "
                "can reset them. A new price replaces the whole price of that model, so discounts "
                "for repeated text are not applied to it."
            )
        )
        note.setWordWrap(True)
        self.model = PriceChangesModel()
        self.model.set_rows(comparison.changes)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(MODEL, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton(
            _("Apply ticked prices"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        none = QPushButton(_("Untick all"))
        none.clicked.connect(lambda: self.model.choose_all(False))
        buttons.addButton(none, QDialogButtonBox.ButtonRole.ResetRole)
        self.apply_button.setEnabled(bool(comparison.changes))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(900, 520)

    def chosen(self) -> list[PriceChange]:
        return self.model.chosen()
