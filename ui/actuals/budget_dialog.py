"""Setting a budget by hand: how much, for what, per month, day or hour, and when to warn."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.actuals.budgets import manual_budget, thresholds
from planner.actuals.guard_records import Budget
from planner.rates import RateBook
from planner.words.alerts import scope_name
from planner.words.i18n import _
from ui.theme import set_role


def period_names() -> dict[str, str]:
    return {"month": _("a month"), "day": _("a day"), "hour": _("an hour")}


class BudgetDialog(QDialog):
    """Asks for one budget; ``budget`` holds it once accepted."""

    def __init__(self, parent: QWidget | None, rates: RateBook, currency: str,
                 scopes: list[str]) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(_("Set a budget"))
        self.rates = rates
        self.budget: Budget | None = None
        self.amount = QLineEdit()
        self.amount.setObjectName("budget-amount")
        self.amount.setPlaceholderText(_("e.g. 2000"))
        self.currency = QComboBox()
        self.currency.addItems(sorted(row.code for row in rates.currencies))
        self.currency.setCurrentText(currency)
        self.period = QComboBox()
        for code, name in period_names().items():
            self.period.addItem(name, code)
        self.scope = QComboBox()
        self.scope.setObjectName("budget-scope")
        for scope in ["total", *scopes]:
            self.scope.addItem(scope_name(scope), scope)
        warn, critical = thresholds(rates)
        self.warn, self.critical = self._percent(float(warn)), self._percent(float(critical))
        self.problem = QLabel()
        set_role(self.problem, "error")
        self.problem.setWordWrap(True)
        self._layout()

    @staticmethod
    def _percent(value: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(1, 1000)
        box.setDecimals(0)
        box.setSuffix(" %")
        box.setValue(value)
        return box

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(_("Amount"), self.amount)
        form.addRow(_("Currency"), self.currency)
        form.addRow(_("Per"), self.period)
        form.addRow(_("For"), self.scope)
        form.addRow(_("Warn at"), self.warn)
        form.addRow(_("Used up at"), self.critical)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        note = QLabel(
            _("The planner warns you; it cannot stop requests. See “Limits” for what can.")
        )
        note.setWordWrap(True)
        set_role(note, "muted")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _save(self) -> None:
        try:
            self.budget = manual_budget(
                self.rates, amount=self.amount.text().replace(",", ".").replace(" ", ""),
                currency=self.currency.currentText(), period=str(self.period.currentData()),
                scope=str(self.scope.currentData()), warn_pct=str(self.warn.value()),
                critical_pct=str(self.critical.value()),
            )  # fmt: skip
        except (ValueError, KeyError) as error:
            self.problem.setText(_budget_problem(error))
            return
        self.accept()


def _budget_problem(error: BaseException) -> str:
    text = str(error.args[0]) if error.args else str(error)
    if text.startswith("--amount"):
        return _("Type the amount as a number above zero, e.g. 2000 or 149.50.")
    if text.startswith("--warn-pct"):
        return _("The warning must come before the budget is used up.")
    return text
