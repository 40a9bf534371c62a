"""Every costed option as a table: sortable by the numbers, not by their formatted text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QSortFilterProxyModel,
    Qt,
)

from planner.engine.recommend import group_of
from planner.model.result import Option
from planner.words.formats import money
from planner.words.i18n import _
from planner.words.names import group_title, localised_label
from planner.words.reasons import describe, short_reason
from ui.table_model import Index, RowsTableModel
from ui.text import share

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
OPTION_ROLE = Qt.ItemDataRole.UserRole + 2

OPTION, APPROACH, MONTHLY, ONE_OFF, HORIZON, BUSY, STATUS = range(7)


class OptionsModel(RowsTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Option] = []
        self._currency = "EUR"
        self._horizon = 36
        self._recommended: str | None = None

    def set_rows(
        self,
        options: Sequence[Option],
        currency: str,
        horizon_months: int,
        recommended: str | None,
    ) -> None:
        self.beginResetModel()
        self._rows = list(options)
        self._currency = currency
        self._horizon = horizon_months
        self._recommended = recommended
        self.endResetModel()

    def option(self, row: int) -> Option:
        return self._rows[row]

    def headers(self) -> list[str]:
        return [
            _("Option"),
            _("Approach"),
            _("A month"),
            _("One-off"),
            _("Over {months} months").format(months=self._horizon),
            _("Busy"),
            _("Possible?"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        option = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(option, column)
        if role == SORT_ROLE:
            return self._sort_key(option, column)
        if role == OPTION_ROLE:
            return option.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(option, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            MONTHLY,
            ONE_OFF,
            HORIZON,
            BUSY,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and option.id == self._recommended:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, option: Option, column: int) -> str:
        if column == OPTION:
            return localised_label(option.label)
        if column == APPROACH:
            return group_title(group_of(option))
        if column == MONTHLY:
            return money(option.monthly_cost, self._currency)
        if column == ONE_OFF:
            return money(option.one_off_cost, self._currency)
        if column == HORIZON:
            return money(option.horizon_cost, self._currency)
        if column == BUSY:
            return share(option.utilisation) if option.utilisation is not None else "–"
        if option.id == self._recommended:
            return _("Recommended")
        if option.feasible:
            return _("Yes")
        return _("No: {reason}").format(reason=short_reason(option.excluded_reasons[0].code))

    def _sort_key(self, option: Option, column: int) -> Any:
        keys: dict[int, Any] = {
            OPTION: option.label.lower(),
            APPROACH: group_title(group_of(option)),
            MONTHLY: option.monthly_cost,
            ONE_OFF: option.one_off_cost,
            HORIZON: option.horizon_cost,
            BUSY: -1.0 if option.utilisation is None else option.utilisation,
            STATUS: (0 if option.id == self._recommended else 1 if option.feasible else 2),
        }
        return keys[column]

    def _tooltip(self, option: Option, column: int) -> str | None:
        if column == STATUS and option.excluded_reasons:
            return "\n".join(describe(reason, self._currency) for reason in option.excluded_reasons)
        if column == BUSY:
            return _("Share of the working time the hardware would be busy.")
        if column in (OPTION, APPROACH):
            return self._text(option, column)
        return None


class OptionsFilter(QSortFilterProxyModel):
    """Sorts by the raw numbers; hides ruled-out options unless asked; filters by text."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self._show_excluded = False

    def set_show_excluded(self, show: bool) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self._show_excluded = show
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._show_excluded = show
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, OptionsModel):
            return True
        if not self._show_excluded and not model.option(source_row).feasible:
            return False
        return super().filterAcceptsRow(source_row, source_parent)
