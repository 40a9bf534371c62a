"""The Actual spend screen's tables: alerts, bill against usage, and the company's names."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from planner.actuals.guard_records import Alert
from planner.actuals.records import LabelRow
from planner.actuals.status import Reconciled
from planner.words.alerts import alert_message, level_name, provider_name, rule_name
from planner.words.formats import day, money
from planner.words.i18n import _
from ui.table_model import Index, RowsTableModel
from ui.theme import error_colour, muted_colour

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

WHEN, LEVEL, WHAT, MESSAGE = range(4)


class AlertsModel(RowsTableModel):
    """The month's alerts, newest first, each with its explanation."""

    def set_rows(self, alerts: list[Alert]) -> None:
        self.beginResetModel()
        self._rows = sorted(alerts, key=lambda a: (a.day, a.rank), reverse=True)
        self.endResetModel()

    def alert(self, row: int) -> Alert:
        found: Alert = self._rows[row]
        return found

    def headers(self) -> list[str]:
        return [_("Day"), _("Level"), _("Alert"), _("What happened")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        alert: Alert = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            texts = [day(date.fromisoformat(alert.day)), level_name(alert.level),
                     rule_name(alert.rule), alert_message(alert)]  # fmt: skip
            if role == Qt.ItemDataRole.ToolTipRole:
                return texts[MESSAGE] if column == MESSAGE else None
            return texts[column]
        if role == SORT_ROLE:
            return [alert.day, alert.rank, alert.rule, alert.day][column]
        if role == Qt.ItemDataRole.ForegroundRole and column == LEVEL:
            return error_colour() if alert.level == "critical" else None
        if role == Qt.ItemDataRole.FontRole and alert.new and column in (WHEN, LEVEL, WHAT):
            from PySide6.QtGui import QFont

            bold = QFont()
            bold.setBold(True)
            return bold
        return None


PROVIDER, DAY, BILLED, PRICED, GAP = range(5)
CENT = Decimal("0.01")


class ReconciliationModel(RowsTableModel):
    """Provider × day: what the bill says, what the usage is worth, and the gap."""

    def __init__(self) -> None:
        super().__init__()
        self._currency = "EUR"

    def set_rows(self, rows: list[Reconciled], currency: str) -> None:
        self.beginResetModel()
        self._rows = sorted(rows, key=lambda r: (r.date, r.provider), reverse=True)
        self._currency = currency
        self.endResetModel()

    def headers(self) -> list[str]:
        return [_("Provider"), _("Day"), _("Billed"), _("Usage re-priced"), _("Gap")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row: Reconciled = self._rows[index.row()]
        column = index.column()
        amounts = [None, None, row.billed, row.priced, row.gap]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == PROVIDER:
                return provider_name(row.provider)
            if column == DAY:
                return day(date.fromisoformat(row.date))
            amount = amounts[column]
            return _("no bill") if amount is None else money(float(amount), self._currency)
        if role == SORT_ROLE:
            return [row.provider, row.date, *(float(a) if a is not None else None
                                              for a in amounts[2:])][column]  # fmt: skip
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= BILLED:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and column >= BILLED:
            if amounts[column] is None:
                return muted_colour()
            if column == GAP and row.gap is not None and abs(row.gap) >= CENT:
                return error_colour()  # money the export does not explain (or a credit)
        return None

    def gap_total(self) -> Decimal:
        return sum((r.gap for r in self._rows if r.gap is not None), Decimal(0))


SOURCE, RAW, PROJECT, FEATURE = range(4)
EDITABLE = (PROJECT, FEATURE)


def source_name(source: str) -> str:
    return {"api_key": _("API key"), "project": _("Project or workspace"),
            "feature": _("Tag")}.get(source, source)  # fmt: skip


class LabelsModel(RowsTableModel):
    """Which API key, project or tag is which of the company's projects and features; the
    last two columns are edited in place and saved to the ledger together."""

    def __init__(self) -> None:
        super().__init__()
        self._saved: list[LabelRow] = []

    def set_rows(self, rows: list[LabelRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._saved = list(rows)
        self.endResetModel()

    def headers(self) -> list[str]:
        return [_("Kind"), _("In the exports"), _("Project"), _("Feature")]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row: LabelRow = self._rows[index.row()]
        texts = [source_name(row.source), row.raw, row.project, row.feature]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, SORT_ROLE):
            return texts[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in EDITABLE:
            return _("Type the name your company uses; leave empty to keep the exported one.")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() not in EDITABLE
        ):
            return False
        row: LabelRow = self._rows[index.row()]
        text = str(value).strip()
        changed = (
            row._replace(project=text) if index.column() == PROJECT else row._replace(feature=text)
        )
        if changed == row:
            return False
        self._rows[index.row()] = changed
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        return True

    def changed_rows(self) -> list[LabelRow]:
        """The rows edited since they were set (what saving writes)."""
        return [row for row, saved in zip(self._rows, self._saved, strict=True) if row != saved]
