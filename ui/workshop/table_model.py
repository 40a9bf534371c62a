"""The workshop's comparison as a table model: one column per company, one row per fact.

Companies are columns (rather than rows) because a workshop compares a handful of them
across a dozen facts on a projector: the view scrolls sideways between companies, and a
fact reads along its row. The last row is the link into each plan's full results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication, QPalette

from planner.words.formats import money
from planner.words.i18n import _, ngettext
from ui.table_model import Index
from ui.text import plain_number, share
from ui.theme import error_colour
from ui.workshop.session import Column, WorkshopSession

if TYPE_CHECKING:
    from planner.scenarios.portfolio import ComparisonRow

FACTS = (
    "use_case",
    "recommended",
    "kind",
    "monthly",
    "one_off",
    "horizon",
    "people",
    "break_even",
    "data",
    "it",
    "service",
    "open",
)
MONEY = ("monthly", "one_off", "horizon")
OPEN_ROW = FACTS.index("open")
RECOMMENDED_ROW = FACTS.index("recommended")


def fact_title(fact: str) -> str:
    titles = {
        "use_case": _("Use case"),
        "recommended": _("Recommended option"),
        "kind": _("Kind"),
        "monthly": _("A month"),
        "one_off": _("One-off"),
        "horizon": _("Over the horizon"),
        "people": _("People's time"),
        "break_even": _("Break-even volume"),
        "data": _("Data"),
        "it": _("IT"),
        "service": _("Service"),
        "open": _("Full results"),
    }
    return titles[fact]


class PortfolioModel(QAbstractTableModel):
    """Reads the session's columns; resets when companies come or go, and updates one
    column when its plan or result changes."""

    def __init__(self, session: WorkshopSession) -> None:
        super().__init__()
        self.session = session
        session.columns_reset.connect(self._reset)
        session.column_changed.connect(self._column_changed)

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _column_changed(self, column: int) -> None:
        if 0 <= column < self.columnCount():
            self.dataChanged.emit(self.index(0, column), self.index(len(FACTS) - 1, column))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FACTS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.session.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.FontRole and orientation == Qt.Orientation.Horizontal:
            font = QFont()
            font.setBold(True)
            return font
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Vertical:
            return fact_title(FACTS[section]) if 0 <= section < len(FACTS) else None
        if not 0 <= section < len(self.session.columns):
            return None
        column = self.session.columns[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{column.title}\n{column.file}"
        return f"{section + 1}. {column.title}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.session.columns):
            return None
        if not 0 <= index.row() < len(FACTS):
            return None
        column, fact = self.session.columns[index.column()], FACTS[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(column, fact)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.problem or str(column.file)
        if role == Qt.ItemDataRole.FontRole and fact in (*MONEY, "recommended"):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.FontRole and fact == "open":
            font = QFont()
            font.setUnderline(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if column.problem and fact == "recommended":
                return error_colour()
            if fact == "open":
                return QGuiApplication.palette().color(QPalette.ColorRole.Link)
        return None


def cell_text(column: Column, fact: str) -> str:
    """What one company shows for one fact."""
    if fact == "open":
        return _("Open the full results →") if column.plan is not None else ""
    if fact == "service":
        return _service_text(column)
    if column.problem:
        return column.problem if fact == "recommended" else ""
    if column.priced is None:
        return _("Working it out…") if fact == "recommended" else ""
    return _priced_text(column, fact)


def _priced_text(column: Column, fact: str) -> str:
    from planner.export.portfolio import words
    from planner.scenarios.portfolio import comparison_row

    assert column.priced is not None
    row = comparison_row(column.priced)
    best = row.recommended
    texts = {
        "use_case": row.name,
        "recommended": words.recommended_text(row),
        "kind": words.kind_text(row),
        "people": _people(row),
        "break_even": words.break_even_text(row.break_even),
        "data": words.sensitivity_text(row.data_sensitivity),
        "it": words.it_text(row.it_capacity),
    }
    if fact in texts:
        return texts[fact]
    if best is None:
        return "–"
    if fact == "horizon":
        months = column.priced.result.horizon_months
        return ngettext("{cost} over {months} month", "{cost} over {months} months", months).format(
            cost=money(best.horizon_cost, row.currency), months=months
        )
    amount = best.monthly_cost if fact == "monthly" else best.one_off_cost
    return money(amount, row.currency)


def _people(row: ComparisonRow) -> str:
    """``14 h a month (83% of the cost)``."""
    if row.people_time_share is None or row.people_hours is None:
        return "–"
    return _("{hours} h a month ({share} of the cost)").format(
        hours=plain_number(round(row.people_hours, 1)), share=share(row.people_time_share)
    )


def _service_text(column: Column) -> str:
    from planner.export.portfolio.words import service_type_name

    entry = column.entry
    text = service_type_name(entry.service_type)
    if entry.service_value is not None and column.priced is not None:
        text += " · " + money(entry.service_value, column.priced.result.currency)
    return text
