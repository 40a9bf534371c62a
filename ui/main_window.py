"""The main window: guided questions on the left, the current page, Back/Next, menus.

Pages are built the first time they are shown, so the window appears quickly; the results
page (and QtCharts with it) is imported only when it is first needed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.words.i18n import _, language
from ui import dialogs, menus
from ui.actuals.fetching import DailyFetch
from ui.actuals.step import add_step as add_actuals_step
from ui.document import PlanDocument
from ui.file_actions import FileActions
from ui.navigation import StepBar, StepList
from ui.rates_service import RatesService
from ui.results.estimator import Estimator
from ui.settings import AppSettings
from ui.theme import apply_look

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from planner.model.plan import Plan
    from ui.results.page import ResultsPage

APP_TITLE = "LLM Cost Planner"
QUESTIONS = 6
ACTUALS = QUESTIONS + 1  # the Actual spend page, after Results
STATUS_PAUSE_MS = 400


class MainWindow(QMainWindow):
    recent_menu: QMenu
    larger_text_action: QAction

    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        self.settings = settings
        self.document = PlanDocument()
        self.rates = RatesService(settings.user_rates_path)
        self.estimator = Estimator(self.rates)  # the one result of the open plan
        self.files = FileActions(self, self.document, settings, self.rates)
        self.daily_fetch = DailyFetch(settings, lambda: self.document.path, self)
        self.daily_fetch.due.connect(self._fetch_daily)
        self.step_list = StepList()
        add_actuals_step(self.step_list)
        self.pages = QStackedWidget()
        self._built: dict[int, QWidget] = {}
        for _index in range(ACTUALS + 1):
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.pages.addWidget(holder)
        self.step_bar = StepBar(QUESTIONS)
        self._layout()
        menus.build_menus(self)
        self.live = QLabel()
        self.statusBar().addPermanentWidget(self.live)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(STATUS_PAUSE_MS)
        self._status_timer.timeout.connect(self._update_live_estimate)
        self._connect()
        self._restore_window()
        self.go_to(0)
        self._show_title()

    def _layout(self) -> None:
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(16, 12, 16, 8)
        column.addWidget(self.pages, 1)
        column.addWidget(self.step_bar)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(8, 8, 0, 0)
        row.addWidget(self.step_list)
        row.addWidget(right, 1)
        self.setCentralWidget(central)
        self.setMinimumSize(900, 620)

    def _connect(self) -> None:
        self.step_list.currentRowChanged.connect(self.go_to)
        self.step_bar.back.connect(lambda: self.go_to(self.pages.currentIndex() - 1))
        self.step_bar.next.connect(lambda: self.go_to(self.pages.currentIndex() + 1))
        self.step_bar.next_button.setAutoDefault(True)
        self.document.state_changed.connect(self._show_title)
        self.document.changed.connect(self._schedule_live_estimate)
        self.document.changed.connect(self._show_title)
        self.estimator.quick.connect(self._show_live_result)
        self.estimator.full.connect(self._show_live_result)
        self.files.recent_changed.connect(lambda: menus.fill_recent(self))
        self.files.opened.connect(self._show_opened)
        self.files.created.connect(self._start_again)

    # --- pages ---------------------------------------------------------------------------
    def page(self, index: int) -> QWidget:
        """The widget of step ``index`` (the results page last), built on first use."""
        if index not in self._built:
            widget = self._factories()[index]()
            holder = self.pages.widget(index)
            layout = holder.layout() if holder is not None else None
            assert layout is not None
            layout.addWidget(widget)
            self._built[index] = widget
            problems = getattr(widget, "problems_changed", None)
            if problems is not None:
                problems.connect(self._show_problems)
        return self._built[index]

    def _factories(self) -> list[Callable[[], QWidget]]:
        from ui.steps.needs import ItStep, QualityStep, SensitivityStep
        from ui.steps.task import TaskStep

        def volume() -> QWidget:
            from ui.steps.volume import VolumeStep

            return VolumeStep(self.document, self.rates)

        def timing() -> QWidget:
            from ui.steps.timing import TimingStep

            return TimingStep(self.document, self.rates)

        return [
            lambda: TaskStep(self.document, self.rates),
            volume,
            lambda: SensitivityStep(self.document),
            lambda: ItStep(self.document),
            lambda: QualityStep(self.document),
            timing,
            self._results_page,
            self._actuals_page,
        ]

    def _results_page(self) -> QWidget:
        from ui.results.page import ResultsPage

        return ResultsPage(self.document, self.rates, self.estimator)

    def _actuals_page(self) -> QWidget:
        from ui.actuals.page import ActualsPage  # QtCharts: only when the page is first shown

        page = ActualsPage(self.document, self.rates, self.files.save, self.settings)
        page.fetched.connect(self.daily_fetch.fetched)
        return page

    def _fetch_daily(self) -> None:
        """The day's fetch is due: the Actual spend screen does it (built if need be), unless
        it is busy with another job (the next hourly check tries again)."""
        from ui.actuals.page import ActualsPage

        page = self.page(ACTUALS)
        if isinstance(page, ActualsPage) and not page.jobs.running:
            page.fetch()

    @property
    def results(self) -> ResultsPage:
        page = self.page(QUESTIONS)
        from ui.results.page import ResultsPage

        assert isinstance(page, ResultsPage)
        return page

    def blocking_field(self) -> tuple[int, QWidget] | None:
        """The step and field of the first figure typed wrong: Next and Results wait for it,
        so a result never silently uses the last figure that was right."""
        for step in range(QUESTIONS):
            first_problem = getattr(self._built.get(step), "first_problem", None)
            field = first_problem() if first_problem is not None else None
            if field is not None:
                return step, field
        return None

    def _refused(self, index: int) -> bool:
        """Whether the results (or Next, from a page with a figure typed wrong) must wait
        for a figure to be put right; if so, that field is shown and focused. The other
        questions stay open, to look something up."""
        blocking = self.blocking_field()
        if blocking is None:
            return False
        step, field = blocking
        leaving = self.pages.currentIndex()
        if index != QUESTIONS and not (index == leaving + 1 and step == leaving):
            return False
        self.pages.setCurrentIndex(step)
        self.step_list.mark(step)
        self.step_bar.show_step(step)
        field.setFocus()
        self.statusBar().showMessage(
            _("First put right the figure marked in red; the results wait for it."), 8000
        )
        return True

    def _show_problems(self) -> None:
        bad = self.blocking_field()
        self.step_bar.next_button.setEnabled(bad is None or bad[0] > self.pages.currentIndex())
        if bad is not None:
            self.live.setText(_("No estimate until the figure marked in red is put right."))
        else:
            self._schedule_live_estimate()

    def go_to(self, index: int) -> None:
        index = max(0, min(index, ACTUALS))
        if self._refused(index):
            return
        self.page(index)
        self.pages.setCurrentIndex(index)
        self.step_list.mark(index)
        self.step_bar.show_step(index)
        if index == ACTUALS:
            self.step_bar.where.setText(_("Actual spend"))
        self.live.setVisible(index < QUESTIONS)
        bad = self.blocking_field()
        self.step_bar.next_button.setEnabled(bad is None or bad[0] > index)
        if index < QUESTIONS and self.step_bar.next_button.isEnabled():
            self.step_bar.next_button.setFocus()

    def _show_opened(self) -> None:
        """An opened plan was answered before: every question is done, the results show."""
        self.step_list.visited = set(range(QUESTIONS + 1))
        self.go_to(QUESTIONS)

    def _start_again(self) -> None:
        """A new plan: no question answered yet, so no ticks."""
        self.step_list.visited = {0}
        self.go_to(0)

    def current_step(self) -> int:
        return self.pages.currentIndex()

    # --- title and live estimate ---------------------------------------------------------
    def _show_title(self) -> None:
        self.setWindowTitle(f"{self.document.display_name()}[*] — {APP_TITLE}")
        self.setWindowModified(self.document.dirty)

    def _schedule_live_estimate(self) -> None:
        self.live.setVisible(self.current_step() < QUESTIONS)
        if self.current_step() < QUESTIONS:
            self._status_timer.start()

    def effective_plan(self) -> Plan:
        """The plan as the results show it (with any what-if figures on top)."""
        if QUESTIONS in self._built:
            return self.results.effective_plan()
        return self.document.plan

    def _update_live_estimate(self) -> None:
        if self.blocking_field() is not None:
            return  # the status bar says why there is no estimate
        if self.estimator.recompute(self.effective_plan()) is None:
            self.live.setText(_("No estimate yet: the plan has a problem."))

    def _show_live_result(self, result: object) -> None:
        from planner.model.result import EstimateResult
        from ui.text import rounded_money

        if not isinstance(result, EstimateResult) or result.recommended is None:
            self.live.setText(_("No option meets every need yet."))
            return
        best = result.recommended
        self.live.setText(
            _("So far: about {monthly} a month ({option})").format(
                monthly=rounded_money(best.monthly_cost, result.currency), option=best.label
            )
        )

    # --- menu commands ------------------------------------------------------------------
    def toggle_larger_text(self) -> None:
        enabled = self.larger_text_action.isChecked()
        self.settings.set_larger_text(enabled)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_look(app, enabled)

    def choose_language(self, code: str) -> None:
        """Remember the language for the next start; on a Polish system with nothing saved,
        choosing English must still be saved, so compare with the language in use."""
        if code == language() and code == self.settings.language():
            return
        self.settings.set_language(code)
        if code == language():
            return  # saved; the app already runs in it
        dialogs.show_info(
            self,
            _("Language"),
            _(
                "The new language is used the next time you start the planner. "
                "Your plan stays as it is."
            ),
        )

    def open_rates_editor(self) -> None:
        from ui.rates.editor import RatesEditor

        RatesEditor(self.rates, self).exec()

    def export(self, kind: str) -> None:
        from ui.export import export_plan

        export_plan(self, self.estimator, self.effective_plan(), self.rates.book(), kind)

    def show_about(self) -> None:
        from planner.rates.api_prices import genai_prices_version

        dialogs.show_info(
            self,
            _("About LLM Cost Planner"),
            _(
                "Plans what running a language model costs a small business: a cloud service, "
                "rented or owned servers, or a small local computer.\n\n"
                "API prices: genai-prices {version}. Every other figure has its source and date "
                "under Tools → Rates and prices."
            ).format(version=genai_prices_version()),
        )

    # --- opening and closing -----------------------------------------------------------
    def open_at_start(self, *paths: Path | None) -> None:
        """After the window is shown: make the plan (the first use of the plan model), then
        recover a crashed session's plan, or open what the command line gave: one plan here,
        several plans or a workshop file in the workshop window (as a file manager's "Open
        with" passes them)."""
        if not self.document.loaded:
            self.document.plan  # noqa: B018 - made on first use
            for page in self._built.values():
                refresh = getattr(page, "refresh", None)
                if refresh is not None:
                    refresh()
        self.rates.check_stored()  # a damaged rate file of the user's is told at once
        if self.files.offer_recovery():
            return
        given = [path for path in paths if path is not None]
        if len(given) == 1 and given[0].suffix.lower() != ".llmworkshop":
            self.files.open_path(given[0], ask=False)
        elif given:
            from ui.workshop import open_workshop

            open_workshop(self, given)

    def _restore_window(self) -> None:
        geometry, state = self.settings.window_state()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 820)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        from ui.workshop import may_close_workshops

        if not may_close_workshops(self) or not self.files.may_discard():
            event.ignore()
            return
        self.settings.set_window_state(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.files.close()
        event.accept()
