"""The results page: the recommendation first, then comparison, charts, what-if, every
option and the assumptions, all following the plan as it changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.model.plan import Plan
from planner.model.result import EstimateResult
from planner.scenarios.basis import shown_options
from planner.scenarios.volume_curve import CurvePoint
from planner.words.formats import about, number
from planner.words.i18n import _
from planner.words.names import lever_name
from planner.words.reasons import describe
from ui.document import PlanDocument
from ui.rates_service import RatesService
from ui.results.all_options import AllOptions
from ui.results.assumptions import AssumptionsPanel
from ui.results.charts import MonthlyBars, VolumeCurve
from ui.results.estimator import Estimator
from ui.results.over_time import OverTime
from ui.results.people_time import PeopleTime
from ui.results.summary import OptionCards, RecommendationBanner
from ui.results.what_if import WhatIf, WhatIfPanel
from ui.theme import set_role
from ui.wrapping import WholeLabel


def scrolling(page: QWidget) -> QScrollArea:
    """``page`` in a scroll area: on a small screen or with larger text, scroll, never clip."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(page)
    return scroll


TAB_LINES = 22  # the least room the tabs keep, in lines of text


class ResultsPage(QWidget):
    shown_result = Signal(object)  # EstimateResult on screen

    def __init__(self, document: PlanDocument, rates: RatesService, estimator: Estimator) -> None:
        super().__init__()
        self.document = document
        self.rates = rates
        self.estimator = estimator
        self.result: EstimateResult | None = None
        self.curve: list[CurvePoint] = []
        self._stale_tabs: set[int] = set()
        self._stale = False  # the plan changed while the page was hidden
        self.banner = RecommendationBanner()
        self.people = PeopleTime(document, rates)
        self.trial = self._trial_bar()
        self.failure = WholeLabel()
        set_role(self.failure, "error")
        self.failure.setWordWrap(True)
        self.failure.hide()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._compare_tab(), _("Compare"))
        self.cumulative = OverTime()
        self.tabs.addTab(self.cumulative, _("Over time"))
        self.tabs.addTab(self._volume_tab(), _("Other volumes"))
        self.what_if = WhatIfPanel()
        self.what_if_tab = scrolling(self.what_if)
        self.tabs.addTab(self.what_if_tab, _("What if"))
        self.all_options = AllOptions()
        self.tabs.addTab(self.all_options, _("All options"))
        self.assumptions = AssumptionsPanel(document, rates)
        self.tabs.addTab(self.assumptions, _("Assumptions"))
        # On a short screen (a projector, larger text) the whole page scrolls: the banner
        # keeps every line and the tabs keep room to be read, rather than overlapping.
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.people)
        layout.addWidget(self.trial)
        layout.addWidget(self.failure)
        layout.addWidget(self.tabs, 1)
        self.tabs.setMinimumHeight(self.fontMetrics().lineSpacing() * TAB_LINES)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(content))
        self._connect()

    def _trial_bar(self) -> QFrame:
        bar = QFrame()
        set_role(bar, "card")
        self.trial_text = WholeLabel()
        self.trial_text.setWordWrap(True)
        back = QPushButton(_("Back to my figures"))
        back.clicked.connect(lambda: self.what_if.reset())
        row = QHBoxLayout(bar)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(self.trial_text, 1)
        row.addWidget(back)
        bar.hide()
        return bar

    def _compare_tab(self) -> QWidget:
        self.cards = OptionCards()
        self.bars = MonthlyBars()
        self.bars.setMinimumHeight(320)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 4, 0)
        layout.addWidget(self.cards)
        layout.addWidget(self.bars, 1)
        return scrolling(page)

    def _bars_height(self, bars: int) -> int:
        """Tall enough for every bar with its name, the title, the legend and the axis (the
        tab scrolls on a small screen rather than squeezing bars out)."""
        line = self.fontMetrics().lineSpacing()
        return max(320, (bars * 5 // 2 + 9) * line)

    def _volume_tab(self) -> QWidget:
        self.volume = VolumeCurve()
        self.break_even = WholeLabel(_("Working out the break-even point…"))
        self.break_even.setWordWrap(True)
        self.break_even.setObjectName("break-even")
        set_role(self.break_even, "big")
        self.volume_tab = QWidget()
        layout = QVBoxLayout(self.volume_tab)
        layout.addWidget(self.volume, 1)
        layout.addWidget(self.break_even)
        return self.volume_tab

    def _connect(self) -> None:
        self.document.changed.connect(self.recompute)
        self.rates.changed.connect(self._on_rates_changed)
        self.estimator.quick.connect(self._show_quick)
        self.estimator.full.connect(self._show_full)
        self.estimator.levers.connect(self._show_levers)
        self.estimator.curve.connect(self._show_curve)
        self.estimator.failed.connect(self._show_failure)
        self.what_if.changed.connect(self._on_what_if)
        self.tabs.currentChanged.connect(self._refresh_tab)
        self.what_if.keep.connect(self._keep_trial)

    # --- computing --------------------------------------------------------------------
    def effective_plan(self) -> Plan:
        """The plan with the what-if figures on top (what the page shows)."""
        return self.what_if.what_if.apply(self.document.plan)

    def recompute(self) -> EstimateResult | None:
        if not self.isVisible() and self.result is not None:
            self._stale = True
            return None
        self._stale = False
        self.what_if.show_plan(self.document.plan)
        return self.estimator.recompute(self.effective_plan())

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self.result is None or self._stale:
            self.recompute()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.banner.fit(self.height(), self.width())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange) and self.result:
            # Charts draw with the new colours and text size (not once the page is gone).
            QTimer.singleShot(0, self, self._redraw)

    def _redraw(self) -> None:
        if self.result is not None:
            self._show_quick(self.result)

    def _on_rates_changed(self) -> None:
        self.estimator.forget_curve()
        self.recompute()

    def _on_what_if(self, what_if: WhatIf) -> None:
        self.estimator.recompute(self.effective_plan())
        self._describe_trial(what_if)

    def _keep_trial(self) -> None:
        plan = self.effective_plan()
        self.what_if.what_if = WhatIf()
        self.document.update(plan)
        self._describe_trial(self.what_if.what_if)

    def _describe_trial(self, what_if: WhatIf) -> None:
        self.trial.setVisible(what_if.active)
        if what_if.active:
            plan = self.effective_plan()
            self.trial_text.setText(
                _(
                    "Trying other figures: {requests} requests a day, {tokens_in} tokens in and "
                    "{tokens_out} out per request. Your plan is unchanged until you keep them."
                ).format(
                    requests=number(plan.workload.requests_per_day),
                    tokens_in=number(plan.workload.input_tokens),
                    tokens_out=number(plan.workload.output_tokens),
                )
            )

    # --- showing ----------------------------------------------------------------------
    def _show_quick(self, result: EstimateResult) -> None:
        """The headline at once; of the tabs, only the one in view (the others when opened)."""
        self.result = result
        self.failure.hide()
        self.banner.show_result(result)
        self.banner.fit(self.height(), self.width())
        self.people.show_result(self.document.plan, result)
        self._stale_tabs = set(range(self.tabs.count()))
        self._refresh_tab(self.tabs.currentIndex())
        self.shown_result.emit(result)

    def _refresh_tab(self, index: int) -> None:
        if self.result is None or index not in self._stale_tabs:
            return
        self._stale_tabs.discard(index)
        result = self.result
        widget = self.tabs.widget(index)
        if index == 0:
            self.cards.show_result(result)
            self.bars.show_options(shown_options(result), result.currency)
            self.bars.setMinimumHeight(self._bars_height(len(shown_options(result))))
        elif widget is self.cumulative:
            self.cumulative.show_options(
                shown_options(result), result.currency, result.recommendation.option_id
            )
        elif widget is self.all_options:
            self.all_options.show_result(result)
        elif widget is self.assumptions:
            self.assumptions.show_result(self.document.plan, result)
        elif self.curve and widget is not self.what_if_tab:
            self._show_curve(self.curve)

    def _show_full(self, result: EstimateResult) -> None:
        self.result = result
        self._show_curve(self.curve)
        if result.break_even is None:
            return
        be = result.break_even
        if be.requests_per_day is not None:
            self.break_even.setText(
                _(
                    "From about {count} requests a day, running a model yourself costs less each month "
                    "than the cheapest cloud service."
                ).format(count=about(be.requests_per_day))
            )
        elif be.reason is not None:
            self.break_even.setText(describe(be.reason, result.currency))
        self.shown_result.emit(result)

    def _show_levers(self, savings: list[object]) -> None:
        if self.result is None:
            return
        recommended = self.result.recommended
        self.what_if.levers.set_rows(savings, self.result.currency)  # type: ignore[arg-type]
        best = max(savings, key=lambda s: getattr(s, "monthly_saving", 0), default=None)
        caption = _("Each saving on its own, for the recommended option ({option}).").format(
            option=recommended.label if recommended else "–"
        )
        if best is not None and getattr(best, "monthly_saving", 0) > 0:
            caption += " " + _("The biggest: {lever}.").format(
                lever=lever_name(getattr(best, "lever", ""))
            )
        self.what_if.levers_caption.setText(caption)

    def _show_curve(self, points: list[CurvePoint]) -> None:
        self.curve = points
        if not points or self.result is None:
            return
        if self.tabs.currentWidget() is not self.volume_tab:
            self._stale_tabs.add(self.tabs.indexOf(self.volume_tab))
            return
        plan = self.effective_plan()
        self.volume.show_curve(
            points, self.result.currency, plan.workload.requests_per_day, self.result.break_even
        )

    def _show_failure(self, message: str) -> None:
        self.failure.setText(_("The estimate could not be made: {problem}").format(problem=message))
        self.failure.show()

    def busy(self) -> bool:
        return self.estimator.busy()
