"""The numbers behind a result as a table; the value column can be edited."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont

from planner.scenarios.basis import BasisItem
from planner.words.formats import day
from planner.words.i18n import _
from planner.words.names import localised_label
from planner.words.sources import cite, cite_dated
from ui.fields import parse_number
from ui.table_model import Index, RowsTableModel
from ui.text import plain_number

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2

GROUP, WHAT, VALUE, UNIT, SOURCE, AS_OF = range(6)


class AssumptionsModel(RowsTableModel):
    """Editing a value emits ``edited``; the panel decides whether the plan accepts it."""

    edited = Signal(object, float)  # BasisItem, new value
    rejected = Signal(str)  # text that is not a number

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[BasisItem] = []

    def set_rows(self, items: list[BasisItem]) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self.endResetModel()

    def item(self, row: int) -> BasisItem:
        return self._rows[row]

    def headers(self) -> list[str]:
        return [_("Kind"), _("What"), _("Value"), _("Unit"), _("Source"), _("As of")]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == VALUE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(item, column)
        if role == SORT_ROLE:
            return item.value if column == VALUE else self._text(item, column)
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if role == Qt.ItemDataRole.FontRole and item.changed:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, item: BasisItem, column: int) -> str:
        if column == GROUP:
            return item.group
        if column == WHAT:
            label = localised_label(item.label)
            return label + (" " + _("(changed for this plan)") if item.changed else "")
        if column == VALUE:
            return plain_number(item.value)
        if column == UNIT:
            return item.unit
        if column == SOURCE:
            return cite(item.source)
        return day(item.as_of) if item.as_of else "–"

    def _tooltip(self, item: BasisItem, column: int) -> str | None:
        if column == VALUE:
            return _("Double-click to change this number for this plan only.")
        if column == SOURCE:
            return cite_dated(item.source, item.as_of)
        return item.description or None  # the label itself is in the cell

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != VALUE:
            return False
        number = parse_number(str(value))
        if number is None:
            self.rejected.emit(_("“{text}” is not a number.").format(text=str(value)[:24]))
            return False
        self.edited.emit(self._rows[index.row()], number)
        return True
