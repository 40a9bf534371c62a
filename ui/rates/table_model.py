"""One rate table as a Qt table: every field, the user's changes in bold, numbers editable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any, get_args

from pydantic import BaseModel
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from planner.rates import RateOverrides, row_key
from planner.words.fields import field_title
from planner.words.formats import day
from planner.words.i18n import _
from ui.fields import parse_number
from ui.text import plain_number

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2
PROVENANCE = ("source", "as_of", "price_source", "price_as_of")
IDENTITY = ("id", "code", "country", "role", "gpu", "provider", "region", "model", "hardware")


def number_type(schema: type[BaseModel], name: str) -> type[int] | type[float] | None:
    """``int`` or ``float`` if the field holds a number (optional or not), else None.

    Reads the annotation's types, not its text: ``Literal["fp16", "int8"]`` is not a number.
    """
    annotation = schema.model_fields[name].annotation
    kinds = {a for a in (get_args(annotation) or (annotation,)) if a is not type(None)}
    if kinds == {int}:
        return int
    if kinds and kinds <= {int, float}:
        return float
    return None


def editable_field(schema: type[BaseModel], name: str) -> bool:
    """Numbers can be changed; names, ids, dates and sources cannot."""
    if name in IDENTITY or name in PROVENANCE:
        return False
    return number_type(schema, name) is not None


@dataclass(frozen=True)
class Column:
    """A column: a field of the row, or a figure worked out for display (the API prices)."""

    name: str
    title: str
    get: Callable[[BaseModel], Any]
    target: str | None = None  # the field an edit is stored in; None: read-only


def field_columns(schema: type[BaseModel]) -> list[Column]:
    names = list(schema.model_fields)
    ordered = [n for n in names if n not in PROVENANCE] + [n for n in names if n in PROVENANCE]
    return [
        Column(
            name,
            field_title(name),
            attrgetter(name),
            name if editable_field(schema, name) else None,
        )
        for name in ordered
    ]


class RateTableModel(QAbstractTableModel):
    edited = Signal(str, str, str, object)  # table, row key, field, value
    rejected = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.table = ""
        self._rows: list[BaseModel] = []
        self._bundled: dict[str, BaseModel] = {}
        self._overrides: RateOverrides = {}
        self._columns: list[Column] = []

    def set_rows(
        self,
        table: str,
        rows: tuple[BaseModel, ...],
        bundled: tuple[BaseModel, ...],
        overrides: RateOverrides,
        extra: list[Column] | None = None,
        extra_after: int = 2,
    ) -> None:
        """Show ``rows``; ``extra`` columns go after the first ``extra_after`` fields."""
        self.beginResetModel()
        self.table = table
        self._rows = list(rows)
        self._bundled = {row_key(row): row for row in bundled}
        self._overrides = overrides
        columns = field_columns(type(rows[0])) if rows else []
        self._columns = columns[:extra_after] + (extra or []) + columns[extra_after:]
        self.endResetModel()

    def fields(self) -> list[str]:
        return [column.name for column in self._columns]

    def row(self, index: int) -> BaseModel:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole and column.target:
            return _("Double-click a value to change it for every plan.")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self._columns[index.column()].target:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def _changed(self, key: str, column: Column) -> bool:
        return bool(column.target) and column.target in self._overrides.get(self.table, {}).get(
            key, {}
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        value = column.get(row)
        key = row_key(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return _text(value)
        if role == SORT_ROLE:
            return value if isinstance(value, (int, float)) else _text(value)
        if role == KEY_ROLE:
            return key
        if role == Qt.ItemDataRole.FontRole and self._changed(key, column):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key, column, value)
        if role == Qt.ItemDataRole.TextAlignmentRole and _is_number(value):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _tooltip(self, key: str, column: Column, value: object) -> str:
        if self._changed(key, column):
            bundled = self._bundled.get(key)
            original = column.get(bundled) if bundled is not None else None
            return _("Your value. The bundled value is {value}.").format(value=_text(original))
        return _text(value)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = self._columns[index.column()]
        if not column.target:
            return False
        number = parse_number(str(value))
        if number is None:
            self.rejected.emit(_("“{text}” is not a number.").format(text=str(value)[:24]))
            return False
        row = self._rows[index.row()]
        typed: float | int = int(number) if number_type(type(row), column.target) is int else number
        self.edited.emit(self.table, row_key(row), column.target, typed)
        return True


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _text(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (int, float)):
        return plain_number(value)
    if isinstance(value, date):
        return day(value)
    return str(value)
