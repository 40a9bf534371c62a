"""The Actual spend screen's tabs: the month's figures and charts, alerts, bill against
usage, the company's names for keys and projects, and what can really stop spending."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.actuals.dashboard import Dashboard
from planner.actuals.gateway import litellm_budget
from planner.actuals.money import Converter
from planner.rates import RateBook
from planner.words.alerts import enforcement_notes
from planner.words.i18n import _
from ui.actuals.breakdown_charts import FeaturesChart, MonthsChart, PerRequestChart, VarianceChart
from ui.actuals.charts import BurnUpChart, DailyChart
from ui.actuals.models import MESSAGE, SORT_ROLE, AlertsModel, LabelsModel, ReconciliationModel
from ui.theme import set_role


def scrolled(widget: QWidget) -> QScrollArea:
    """On a small screen or with larger text: scroll, never clip."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(widget)
    return scroll


def table(model: object, name: str) -> QTableView:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)  # type: ignore[arg-type]
    proxy.setSortRole(SORT_ROLE)
    view = QTableView()
    view.setObjectName(name)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.verticalHeader().hide()
    view.setWordWrap(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class MonthTab(QWidget):
    """The daily bars and the burn-up, one above the other."""

    def __init__(self) -> None:
        super().__init__()
        self.daily = DailyChart()
        self.daily.setMinimumSize(420, 300)
        self.burn_up = BurnUpChart()
        self.burn_up.setMinimumSize(380, 300)
        self.stack_by = QComboBox()
        self.stack_by.setObjectName("stack-by")
        self.stack_by.addItem(_("by provider"), "provider")
        self.stack_by.addItem(_("by project"), "project")
        self.stack_by.currentIndexChanged.connect(lambda _i: self._redraw())
        self.board: Dashboard | None = None
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Show each day's cost")))
        row.addWidget(self.stack_by)
        row.addStretch(1)
        charts = QHBoxLayout()
        charts.addWidget(self.daily, 1)
        charts.addWidget(self.burn_up, 1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 4, 0)
        layout.addLayout(row)
        layout.addLayout(charts, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(page))

    def show_board(self, board: Dashboard) -> None:
        self.board = board
        self._redraw()
        self.burn_up.show_month(board)

    def _redraw(self) -> None:
        if self.board is not None:
            self.daily.show_month(self.board, str(self.stack_by.currentData()))


class BreakdownTab(QWidget):
    """Where it went: features and models this month, then months and the variance."""

    def __init__(self) -> None:
        super().__init__()
        self.features, self.per_request = FeaturesChart(), PerRequestChart()
        self.months, self.variance = MonthsChart(), VarianceChart()
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 8, 4, 0)
        for chart in (self.variance, self.months, self.features, self.per_request):
            chart.setMinimumHeight(280)
        grid.addWidget(self.variance, 0, 0, 1, 2)  # five steps need the width for their names
        grid.addWidget(self.months, 1, 0)
        grid.addWidget(self.per_request, 1, 1)
        grid.addWidget(self.features, 2, 0, 1, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolled(page))

    def show_board(self, board: Dashboard) -> None:
        for chart in (self.features, self.per_request, self.months, self.variance):
            chart.show_month(board)


class AlertsTab(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.model = AlertsModel()
        self.view = table(self.model, "alerts")
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel(_("No alerts this month."))
        set_role(self.empty, "muted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)

    def show_board(self, board: Dashboard) -> None:
        self.model.set_rows(board.alerts)
        self.empty.setVisible(not board.alerts)


class BillsTab(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.model = ReconciliationModel()
        self.view = table(self.model, "reconciliation")
        self.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.view.horizontalHeader().setStretchLastSection(False)  # amounts side by side
        intro = QLabel(_(
            "Where a provider's bill is higher than its usage explains, something outside the "
            "export is costing money (images, audio, tools, or a billing error)."))  # fmt: skip
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)

    def show_board(self, board: Dashboard) -> None:
        self.model.set_rows(board.reconciliation, board.currency)


class NamesTab(QWidget):
    """Which API key, project or tag is which project and feature of the company."""

    save_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.model = LabelsModel()
        self.view = table(self.model, "labels")
        self.save = QPushButton(_("Save names"))
        self.save.setObjectName("save-labels")
        self.save.clicked.connect(self.save_requested)
        intro = QLabel(_(
            "Give the keys, projects and tags in your exports your own names: the charts and "
            "budgets use them, for past months too. Double-click a cell to type."))  # fmt: skip
        intro.setWordWrap(True)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)

    def show_board(self, board: Dashboard) -> None:
        self.model.set_rows(board.labels)


class LimitsTab(QWidget):
    """The plain fact that the planner cannot stop requests, and what can."""

    def __init__(self, rates: RateBook) -> None:
        super().__init__()
        self.rates = rates
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.config = QPlainTextEdit()
        self.config.setObjectName("gateway-config")
        self.config.setReadOnly(True)
        self.config.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        copy = QPushButton(_("Copy the gateway settings"))
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.config.toPlainText()))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(copy)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notes)
        layout.addWidget(self.config, 1)
        layout.addLayout(row)

    def show_board(self, board: Dashboard) -> None:
        providers = list(board.by_provider)
        self.notes.setText("\n\n".join(enforcement_notes(providers)))
        budgets = [state.budget for state in board.budgets]
        if not budgets:
            self.config.setPlainText(_("# Set a budget first: the settings are made from it."))
            return
        gateway = litellm_budget(budgets, Converter(self.rates, "USD"))
        text = "# LiteLLM config.yaml\n" + gateway.config
        for key in gateway.keys:
            text += "\n# POST /key/generate\n" + key + "\n"
        self.config.setPlainText(text)
