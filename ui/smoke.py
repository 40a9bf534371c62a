"""``llm-cost-planner --smoke-test``: the real window, offscreen, through a template's results.

A bundle or an install is checked without a person: the window opens on Qt's offscreen
platform, a template is estimated through the window's own estimator, every results tab
(QtCharts included) is drawn, the full analysis runs on the worker thread, and the window
closes as a person would close it. Settings and autosave live in a temporary folder that is
removed afterwards, so nothing of the user's is read or written. One line says how it went;
the exit status is 0 only when everything worked.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from planner.model.result import EstimateResult
    from ui.main_window import MainWindow

TEMPLATE = "customer_email"
TIMEOUT_MS = 120_000


class SmokeTestError(Exception):
    """Something a person would have seen go wrong."""


def prepare_platform() -> None:
    """Before the application exists: no screen is needed unless one is asked for."""
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def run_smoke_test(app: QApplication) -> int:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="llm-cost-planner-smoke-") as home:
        try:
            summary = _exercise(app, Path(home))
        except Exception as error:  # any failure is the answer, told in one line
            print(f"smoke test FAILED: {type(error).__name__}: {error}", file=sys.stderr)
            return 1
        finally:
            QThreadPool.globalInstance().waitForDone(TIMEOUT_MS)
    elapsed = time.perf_counter() - start
    print(f"smoke test OK: {summary} ({app.platformName()}, {elapsed:.1f} s)", flush=True)
    return 0


def _exercise(app: QApplication, home: Path) -> str:
    from ui.main_window import MainWindow
    from ui.settings import AppSettings

    window = MainWindow(AppSettings(home / "config", home / "data"))
    try:
        return _through_results(app, window)
    finally:
        if window.isVisible():  # a failure: leave without the unsaved-changes question
            window.files.close()
            window.hide()
        window.deleteLater()


def _through_results(app: QApplication, window: MainWindow) -> str:
    from planner.model.templates import template
    from ui.main_window import QUESTIONS

    window.show()
    window.open_at_start(None)
    window.document.replace(template(TEMPLATE).plan)
    window.go_to(QUESTIONS)
    result = _analysed(app, window)
    page = window.results
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        app.processEvents()
    if window.grab().isNull():
        raise SmokeTestError("the window could not be drawn")
    if window.document.dirty:
        raise SmokeTestError("showing a template's results changed the plan")
    window.close()
    if window.isVisible():
        raise SmokeTestError("the window did not close")
    best = result.recommended
    assert best is not None
    return (
        f"{TEMPLATE}: {len(result.options)} options, recommended {best.id} "
        f"at {best.monthly_cost:.2f} {result.currency} a month, "
        f"{len(window.estimator.curve_points)} volume points"
    )


def _analysed(app: QApplication, window: MainWindow) -> EstimateResult:
    """The full result (break-even, sensitivity, volume curve), or why there is none."""
    if window.estimator.result is None:
        raise SmokeTestError(f"the results page did not estimate {TEMPLATE}")
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def finish(key: str, value: object) -> None:
        outcome.setdefault(key, value)
        loop.quit()

    window.estimator.failed.connect(lambda message: finish("failed", message))
    window.estimator.when_analysed(lambda _plan, result, _curve: finish("result", result))
    QTimer.singleShot(TIMEOUT_MS, lambda: finish("failed", "no result within the time limit"))
    if not outcome:
        loop.exec()
    if "failed" in outcome:
        raise SmokeTestError(str(outcome["failed"]))
    result = outcome["result"]
    from planner.model.result import EstimateResult

    if not isinstance(result, EstimateResult) or not result.analysed:
        raise SmokeTestError("the estimate came back without its analysis")
    if result.recommended is None:
        raise SmokeTestError(f"no option was recommended for {TEMPLATE}")
    if not window.estimator.curve_points:
        raise SmokeTestError("the volume curve is empty")
    return result
