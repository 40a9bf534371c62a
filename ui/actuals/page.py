"""The Actual spend screen: the open plan's ledger (``NAME.llmledger`` beside the plan file),
imported from the providers' export files, against the plan and the budget.

Every read and write of the ledger runs off the GUI thread (``jobs``); the screen only
shows what a job hands back. An unsaved plan has no ledger yet, and the screen says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.actuals.budgets import plan_budget
from planner.actuals.dashboard import Dashboard
from planner.actuals.guard_records import Budget
from planner.actuals.store import SqliteLedger
from planner.words.i18n import _, ngettext
from ui.actuals import figures
from ui.actuals.fetching import FetchControls, fetch_since, keyed_providers, utc_today
from ui.actuals.jobs import Context, LedgerJobs, Outcome, ledger_path
from ui.actuals.panels import AlertsTab, BillsTab, BreakdownTab, LimitsTab, MonthTab, NamesTab
from ui.actuals.words import failure_text, fetch_report, import_report, month_failure_text
from ui.document import PlanDocument
from ui.rates_service import RatesService
from ui.settings import AppSettings
from ui.theme import set_role

UNSAVED, EMPTY, LOADED = range(3)


def ask_export_files(parent: QWidget, folder: Path) -> list[Path]:
    """The export files to import (tests replace this function)."""
    names, _selected = QFileDialog.getOpenFileNames(
        parent, _("Import usage and cost exports"), str(folder),
        _("Exports (*.csv *.json *.jsonl)") + ";;" + _("All files (*)"),
    )  # fmt: skip
    return [Path(name) for name in names]


class ActualsPage(QWidget):
    """What was really spent, for the open plan."""

    fetched = Signal(Path)  # a fetch into this ledger worked (the daily schedule moves on)

    def __init__(self, document: PlanDocument, rates: RatesService,
                 save_plan: Callable[[], bool], settings: AppSettings | None = None) -> None:  # fmt: skip
        super().__init__()
        self.document, self.rates, self.save_plan = document, rates, save_plan
        self.base_urls: dict[str, str] = {}  # provider → API address (tests: a local server)
        self.fetching = FetchControls(settings, self)
        self.fetching.fetch_requested.connect(self.fetch)
        self.jobs = LedgerJobs()
        self.board: Dashboard | None = None
        self._fetch_since = utc_today()
        self._shown_for: Path | None = None
        self.setAcceptDrops(True)
        self._build()
        self.jobs.progress.connect(lambda share: self.progress.setValue(round(share * 1000)))
        document.state_changed.connect(self._plan_file_changed)
        rates.changed.connect(self.refresh)

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel(_("Actual spend"))
        set_role(self.title, "title")
        self.where = QLabel()
        set_role(self.where, "muted")
        self.where.setWordWrap(True)
        self.import_button = self._button(_("Import exports…"), "import-exports", self.choose_files)
        self.budget_button = self._budget_button()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.cancel_button = self._button(_("Cancel"), "cancel-import", self.jobs.cancel)
        self.message = QLabel()
        self.message.setObjectName("import-message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.states = QStackedWidget()
        self.states.addWidget(self._unsaved_state())
        self.states.addWidget(self._empty_state())
        self.states.addWidget(self._loaded_state())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._header())
        layout.addLayout(self._commands())
        layout.addWidget(self.fetching.daily)
        layout.addLayout(self._progress_row())
        layout.addWidget(self.message)
        layout.addWidget(self.states, 1)
        self._busy(False)

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _budget_button(self) -> QPushButton:
        """One button for both ways to set the budget, so the commands fit one row on a
        projector in Polish with larger text."""
        button = QPushButton(_("Budget"))
        button.setObjectName("budget")
        menu = QMenu(button)
        menu.setToolTipsVisible(True)
        self.set_budget_action = menu.addAction(_("Set a budget…"))
        self.set_budget_action.triggered.connect(lambda _checked=False: self.set_budget())
        self.plan_budget_action = menu.addAction(_("Use the plan as the budget"))
        self.plan_budget_action.setToolTip(_(
            "The monthly cost of the option the plan recommends, kept as it is now: later "
            "changes of prices do not move it."))  # fmt: skip
        self.plan_budget_action.triggered.connect(lambda _checked=False: self.budget_from_plan())
        button.setMenu(menu)
        return button

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.title, 0, Qt.AlignmentFlag.AlignTop)
        row.addSpacing(16)
        row.addWidget(self.where, 1, Qt.AlignmentFlag.AlignBottom)
        return row

    def _commands(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for button in (self.import_button, self.fetching.button, self.budget_button):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _progress_row(self) -> QHBoxLayout:
        self.progress_label = QLabel(_("Importing…"))
        row = QHBoxLayout()
        row.addWidget(self.progress_label)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        return row

    def _card(self, text: str, button: QPushButton | None = None) -> QWidget:
        card = QFrame()
        set_role(card, "card")
        label = QLabel(text)
        label.setWordWrap(True)
        set_role(label, "big")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.addWidget(label)
        if button is not None:
            inner.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        holder = QWidget()
        outer = QVBoxLayout(holder)
        outer.addWidget(card)
        outer.addStretch(1)
        return holder

    def _unsaved_state(self) -> QWidget:
        save = self._button(_("Save the plan…"), "save-plan-first", self.save_plan)
        return self._card(_(
            "Save the plan first. What you really spend is kept in a file beside the plan "
            "(the plan's name with .llmledger), on your computer only."), save)  # fmt: skip

    def _empty_state(self) -> QWidget:
        start = self._button(_("Import exports…"), "import-first", self.choose_files)
        return self._card(_(
            "No actual spend yet. Download the usage or cost exports from your providers "
            "(OpenAI, Anthropic, a cloud bill in FOCUS format, LiteLLM, Langfuse…) and import "
            "them here, or drop the files on this page. Nothing leaves your computer."), start)  # fmt: skip

    def _loaded_state(self) -> QWidget:
        self.figures = figures.FiguresRow()
        self.month_tab, self.breakdown_tab = MonthTab(), BreakdownTab()
        self.alerts_tab, self.bills_tab = AlertsTab(), BillsTab()
        self.names_tab, self.limits_tab = NamesTab(), LimitsTab(self.rates.book())
        self.names_tab.save_requested.connect(self.save_labels)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for tab, name in ((self.month_tab, _("This month")), (self.breakdown_tab, _("Where it went")),
                          (self.alerts_tab, _("Alerts")), (self.bills_tab, _("Bill and usage")),
                          (self.names_tab, _("Names")), (self.limits_tab, _("Limits"))):  # fmt: skip
            self.tabs.addTab(tab, name)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.figures)
        layout.addWidget(self.tabs, 1)
        return page

    # --- what is shown -------------------------------------------------------------------
    def ledger(self) -> Path | None:
        path = self.document.path
        return ledger_path(path) if path is not None else None

    def context(self) -> Context | None:
        ledger = self.ledger()
        if ledger is None:
            return None
        plan = self.document.plan
        return Context(ledger, self.rates.book(), plan, plan.currency)

    def showEvent(self, event: QShowEvent) -> None:
        # Every time: an import from the command line, or a new day, may have changed what
        # the ledger says; the old figures stay on screen until the new ones arrive.
        super().showEvent(event)
        if not self.jobs.running:
            self.refresh()

    def _plan_file_changed(self) -> None:
        if self.isVisible() and self._shown_for != self.ledger():
            self.refresh()

    def refresh(self) -> None:
        """Show the open plan's ledger as it is now."""
        ledger = self.ledger()
        self._shown_for = ledger
        self.where.setText(figures.where_text(ledger, None))
        if ledger is None:
            self.states.setCurrentIndex(UNSAVED)
            self._busy(False)
            return
        if not ledger.exists():
            self.states.setCurrentIndex(EMPTY)
            self._busy(False)
            return
        context = self.context()
        assert context is not None
        if self.jobs.load(context, self._show, self._failed):
            self._busy(True, importing=False)

    def _show(self, outcome: Outcome) -> None:
        self._busy(False)
        text = import_report(outcome.reports) if outcome.reports else ""
        if outcome.fetched:
            text = fetch_report(outcome.fetched, outcome.reports, self._fetch_since)
            self.fetched.emit(self.ledger())
        problems = [failure_text(error) for error in outcome.failures]
        if outcome.problem is not None:
            problems.append(month_failure_text(outcome.problem))
        text = "\n".join(t for t in (text, *problems) if t)
        if text:
            self._tell(text, error=bool(problems))
        board = outcome.dashboard
        if board is None:
            if self.ledger() is not None and self.ledger().exists():  # type: ignore[union-attr]
                self.states.setCurrentIndex(EMPTY if self.board is None else LOADED)
            return
        self.board = board
        self.where.setText(figures.where_text(self.ledger(), board))
        self.figures.show_board(board)
        for tab in (self.month_tab, self.breakdown_tab, self.alerts_tab, self.bills_tab,
                    self.names_tab, self.limits_tab):  # fmt: skip
            tab.show_board(board)
        self.tabs.setTabText(2, figures.alerts_tab_title(board))
        self.states.setCurrentIndex(LOADED)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self._tell(failure_text(error), error=True)
        if self.ledger() is not None and not self.ledger().exists():  # type: ignore[union-attr]
            self.states.setCurrentIndex(EMPTY)

    def _tell(self, text: str, *, error: bool) -> None:
        set_role(self.message, "error" if error else "")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _busy(self, busy: bool, *, importing: bool = True) -> None:
        saved = self.ledger() is not None
        for widget in (self.progress, self.progress_label, self.cancel_button):
            widget.setVisible(busy and importing)
        self.progress.setValue(0)
        for widget in (self.import_button, self.fetching.button, self.budget_button):
            widget.setEnabled(saved and not busy)

    # --- commands ------------------------------------------------------------------------
    def choose_files(self) -> None:
        folder = self.document.path.parent if self.document.path else Path.home()
        files = ask_export_files(self, folder)
        if files:
            self.import_paths(files)

    def import_paths(self, files: list[Path]) -> None:
        """Import export files into the plan's ledger, off the GUI thread."""
        context = self.context()
        if context is None:
            self._tell(
                _("Save the plan first: its ledger is kept beside the plan file."), error=True
            )
            return
        self._tell("", error=False)
        if self.jobs.import_files(context, files, self._show, self._failed):
            self.progress_label.setText(
                ngettext("Importing {count} file…", "Importing {count} files…", len(files))
                .format(count=len(files))
            )  # fmt: skip
            self._busy(True)

    def fetch(self) -> None:
        """This month's usage and costs (and the last week's) from every provider with an
        admin key, off the GUI thread; without a key, say where keys are added."""
        context = self.context()
        if context is None:
            self._tell(_("Save the plan first: its ledger is kept beside the plan file."),
                       error=True)  # fmt: skip
            return
        keyed, problem = keyed_providers()
        if not keyed:
            self._tell(problem or _("No admin key is kept yet: add one in Tools → Provider "
                                    "keys, or import the providers' export files."),
                       error=True)  # fmt: skip
            return
        from planner.actuals.fetch.run import FetchRequest

        self._fetch_since = fetch_since(utc_today())
        requests = [(FetchRequest(provider, self._fetch_since,
                                  base_url=self.base_urls.get(provider)), key)
                    for provider, key in keyed]  # fmt: skip
        if self.jobs.fetch(context, requests, self._show, self._failed):
            self._tell(_("Fetching usage and costs…"), error=False)
            self._busy(True, importing=False)

    def set_budget(self) -> None:
        from ui.actuals.budget_dialog import BudgetDialog

        context = self.context()
        if context is None:
            return
        scopes = figures.budget_scopes(self.board)
        dialog = BudgetDialog(self, context.rates, context.currency, scopes)
        if dialog.exec() and dialog.budget is not None:
            self._save_budget(dialog.budget)

    def budget_from_plan(self) -> None:
        """The plan's monthly cost as the budget, frozen (the estimate runs off the GUI
        thread, with the rest of the job)."""
        context = self.context()
        if context is None or context.plan is None:
            return
        plan = context.plan

        def save(store: SqliteLedger) -> None:
            store.save_budget(plan_budget(plan, context.rates))

        if self.jobs.change(context, save, self._show, self._failed):
            self._tell(
                _("The plan's monthly cost becomes the budget, as it is today."), error=False
            )
            self._busy(True, importing=False)

    def _save_budget(self, budget: Budget) -> None:
        context = self.context()
        assert context is not None

        def save(store: SqliteLedger) -> None:
            store.save_budget(budget)

        if self.jobs.change(context, save, self._show, self._failed):
            self._tell(figures.budget_saved_text(budget), error=False)
            self._busy(True, importing=False)

    def save_labels(self) -> None:
        context = self.context()
        rows = self.names_tab.model.changed_rows()
        if context is None or not rows:
            return

        def save(store: SqliteLedger) -> None:
            store.write_labels(rows)

        if self.jobs.change(context, save, self._show, self._failed):
            self._busy(True, importing=False)

    # --- drag and drop -------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self.ledger() is not None and not self.jobs.running:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.import_paths(files)
