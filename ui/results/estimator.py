"""Runs the engine for the open plan: the quick estimate at once, the slow parts later.

The window holds one estimator per open plan; the status bar, the results page and the
exports all read its result and its volume curve, so none of them estimates again.

A change of the plan gives an estimate without analysis straight away (tens of
milliseconds). After a pause, the full estimate (break-even, sensitivity), the lever
savings and the volume curve run off the GUI thread; a result for a plan that has since
changed is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

if TYPE_CHECKING:  # the engine is imported on the first estimate, not at start-up
    from planner.model.plan import Plan
    from planner.model.result import EstimateResult
    from planner.scenarios.volume_curve import CurvePoint
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
        self.curve_points: list[CurvePoint] = []
        self._waiting: list[Callable[[Plan, EstimateResult, list[CurvePoint]], None]] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self._start_slow_work)

    def recompute(self, plan: Plan) -> EstimateResult | None:
        """Estimate ``plan`` now; the analysis follows after a pause."""
        from planner.engine.estimate import estimate
        from planner.rates import RateTableError

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

    def when_analysed(
        self, callback: Callable[[Plan, EstimateResult, list[CurvePoint]], None]
    ) -> None:
        """Call ``callback`` with the plan, its full result and its volume curve: at once if
        they are ready, else as soon as the analysis in progress (or started now) ends."""
        if self._ready():
            assert self.plan is not None and self.result is not None
            callback(self.plan, self.result, self.curve_points)
            return
        self._waiting.append(callback)
        if self.plan is not None and not self._running:
            self._timer.stop()
            self._start_slow_work()

    def _ready(self) -> bool:
        from planner.scenarios.volume_curve import at_volume

        return (
            self.plan is not None
            and self.result is not None
            and self.result.analysed
            and not self._running
            and not self._timer.isActive()
            and self._curve_for == at_volume(self.plan, 1.0)
        )

    def _deliver_waiting(self) -> None:
        if not self._ready() or not self._waiting:
            return
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            assert self.plan is not None and self.result is not None
            callback(self.plan, self.result, self.curve_points)

    def _start_slow_work(self) -> None:
        if self._running or self.plan is None:
            return  # the running chain restarts with the newest plan when it ends
        self._running = True
        self.busy_changed.emit(True)
        self._chain(self._generation, self.plan)

    def _chain(self, generation: int, plan: Plan) -> None:
        from planner.engine.estimate import estimate
        from planner.scenarios.levers import lever_savings
        from planner.scenarios.volume_curve import at_volume, cost_curve

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
            self._deliver_waiting()
            return
        work, signal = steps[0]

        def delivered(value: Any) -> None:
            if generation == self._generation:
                if signal is self.curve:
                    self._curve_for = curve_key
                    self.curve_points = value
                elif signal is self.full:
                    self.result = value
                signal.emit(value)
            self._run_steps(generation, steps[1:], curve_key)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._waiting.clear()  # whoever waited hears of the failure through `failed`
                self.failed.emit(str(error))
            self._run_steps(generation, [], curve_key)

        run_in_background(work, delivered, failed)

    def forget_curve(self) -> None:
        """The rate tables changed: the volume curve must be made again."""
        self._curve_for = None

    def busy(self) -> bool:
        return self._running or self._timer.isActive()
