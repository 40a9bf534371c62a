"""Runs the engine for the results page: the quick estimate at once, the slow parts later.

A change of the plan gives an estimate without analysis straight away (tens of
milliseconds). After a pause, the full estimate (break-even, sensitivity), the lever
savings and the volume curve run off the GUI thread; a result for a plan that has since
changed is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from planner.engine.estimate import estimate
from planner.model.plan import Plan
from planner.model.result import EstimateResult
from planner.rates import RateTableError
from planner.scenarios.levers import lever_savings
from planner.scenarios.volume_curve import at_volume, cost_curve
from ui.rates_service import RatesService
from ui.worker import run_in_background

PAUSE_MS = 350


class Estimator(QObject):
    quick = Signal(object)  # EstimateResult without break-even and sensitivity
    full = Signal(object)  # EstimateResult with them
    levers = Signal(object)  # list[LeverSaving] for the recommended option
    curve = Signal(object)  # list[CurvePoint]
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, rates: RatesService) -> None:
        super().__init__()
        self.rates = rates
        self.plan: Plan | None = None
        self.result: EstimateResult | None = None
        self._generation = 0
        self._running = False
        self._curve_for: Plan | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self._start_slow_work)

    def recompute(self, plan: Plan) -> EstimateResult | None:
        """Estimate ``plan`` now; the analysis follows after a pause."""
        self.plan = plan
        self._generation += 1
        try:
            result = estimate(plan, self.rates.book(), analysis=False)
        except (RateTableError, KeyError, ValueError) as error:
            self.result = None
            self.failed.emit(str(error))
            return None
        self.result = result
        self.quick.emit(result)
        self._timer.start()
        return result

    def _start_slow_work(self) -> None:
        if self._running or self.plan is None:
            return  # the running chain restarts with the newest plan when it ends
        self._running = True
        self.busy_changed.emit(True)
        self._chain(self._generation, self.plan)

    def _chain(self, generation: int, plan: Plan) -> None:
        book = self.rates.book()
        steps: list[tuple[Callable[[], Any], SignalInstance]] = [
            (lambda: estimate(plan, book), self.full)
        ]
        recommended = self.result.recommendation.option_id if self.result else None
        if recommended:
            steps.append((lambda: lever_savings(plan, recommended, book), self.levers))
        curve_key = at_volume(plan, 1.0)  # the curve does not depend on the plan's own volume
        if curve_key != self._curve_for:
            steps.append((lambda: cost_curve(plan, book), self.curve))
        self._run_steps(generation, steps, curve_key)

    def _run_steps(
        self,
        generation: int,
        steps: list[tuple[Callable[[], Any], SignalInstance]],
        curve_key: Plan,
    ) -> None:
        if generation != self._generation:
            self._running = False
            if not self._timer.isActive():
                self._start_slow_work()  # a newer plan came while this one was analysed
            return
        if not steps:
            self._running = False
            self.busy_changed.emit(False)
            return
        work, signal = steps[0]

        def delivered(value: Any) -> None:
            if generation == self._generation:
                if signal is self.curve:
                    self._curve_for = curve_key
                signal.emit(value)
            self._run_steps(generation, steps[1:], curve_key)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self.failed.emit(str(error))
            self._run_steps(generation, [], curve_key)

        run_in_background(work, delivered, failed)

    def forget_curve(self) -> None:
        """The rate tables changed: the volume curve must be made again."""
        self._curve_for = None

    def busy(self) -> bool:
        return self._running or self._timer.isActive()
