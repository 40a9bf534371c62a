"""The assumptions panel: every number behind the result, its source and date, editable for
this plan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.model.plan import Plan
from planner.model.result import EstimateResult
from planner.rates import RateTableError
from planner.scenarios.basis import (
    BasisItem,
    basis_items,
    check_overrides,
    with_value,
    without_change,
)
from planner.words.formats import day
from planner.words.i18n import _
from planner.words.sources import cite
from ui.document import PlanDocument
from ui.rates_service import RatesService
from ui.results.assumptions_model import AS_OF, SOURCE, VALUE, WHAT, AssumptionsModel
from ui.theme import set_role
from ui.wrapping import WholeLabel


class AssumptionsPanel(QWidget):
    def __init__(self, document: PlanDocument, rates: RatesService) -> None:
        super().__init__()
        self.document = document
        self.rates = rates
        intro = WholeLabel(
            _(
                "Every number the result rests on, with where it comes from. Double-click a value "
                "to change it for this plan; Tools → Rates changes it for every plan."
            )
        )
        intro.setWordWrap(True)
        self.model = AssumptionsModel()
        self.table = QTableView()
        self.table.setObjectName("assumptions")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QTableView.EditTrigger.DoubleClicked
            | QTableView.EditTrigger.EditKeyPressed
            | QTableView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        self.detail = WholeLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.detail, "muted")
        self.problem = QLabel()
        set_role(self.problem, "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.reset_one = QPushButton(_("Undo change to selected"))
        self.reset_all = QPushButton(_("Undo all changes for this plan"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.reset_one)
        buttons.addWidget(self.reset_all)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.model.edited.connect(self._on_edited)
        self.model.rejected.connect(self.show_problem)
        self.reset_one.clicked.connect(self._undo_selected)
        self.reset_all.clicked.connect(self._undo_all)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._describe(current.row())
        )

    def show_result(self, plan: Plan, result: EstimateResult) -> None:
        self.model.set_rows(basis_items(plan, result, self.rates.book()))
        if not self.table.property("sized"):
            self.table.resizeColumnsToContents()
            self.table.setColumnWidth(WHAT, min(self.table.columnWidth(WHAT), 420))
            self.table.setColumnWidth(VALUE, max(self.table.columnWidth(VALUE), 90))
            self.table.setColumnWidth(AS_OF, max(self.table.columnWidth(AS_OF), 100))
            self.table.setProperty("sized", True)
        self.reset_all.setEnabled(self._has_changes(plan))
        self._describe(self.table.currentIndex().row())

    def _describe(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            self.detail.setText("")
            return
        item = self.model.item(row)
        text = item.description + "\n" if item.description else ""
        text += _("Source: {source}").format(source=cite(item.source))
        if item.as_of:
            text += " · " + _("As of {date}").format(date=day(item.as_of))
        self.detail.setText(text)

    def show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def _on_edited(self, item: BasisItem, value: float) -> None:
        data = with_value(self.document.plan, self.rates.book(), item.target, value)
        try:
            check_overrides(self.rates.book(), data)
        except RateTableError as error:
            self.show_problem(_("Not changed: {problem}").format(problem=str(error)))
            return
        problem = self.document.update_from_data(data)
        self.show_problem(_("Not changed: {problem}").format(problem=problem) if problem else "")

    def _undo_selected(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        plan = self.document.plan
        data = plan.model_dump()
        for row in sorted(rows):
            item = self.model.item(row)
            if item.changed:
                plan = Plan.model_validate(without_change(plan, item.target, self._default(item)))
                data = plan.model_dump()
        self.document.update_from_data(data)
        self.show_problem("")

    def _undo_all(self) -> None:
        data = self.document.plan.model_dump()
        data["rate_overrides"] = {}
        data["workload"]["buffer_pct"] = self.rates.book().assumption("buffer_pct")
        self.document.update_from_data(data)
        self.show_problem("")

    def _default(self, item: BasisItem) -> float:
        if item.target == ("plan", "workload.buffer_pct"):
            return self.rates.book().assumption("buffer_pct")
        return item.value

    def _has_changes(self, plan: Plan) -> bool:
        return bool(
            plan.rate_overrides
        ) or plan.workload.buffer_pct != self.rates.book().assumption("buffer_pct")

    def select_first(self) -> None:
        self.table.setCurrentIndex(self.model.index(0, VALUE))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
