"""Desktop app timings: launch to first window (against a bare PySide6 window measured the
same way), and the recompute after a volume change on the results page."""

from __future__ import annotations

import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import Measured, median_time

ROOT = Path(__file__).resolve().parent.parent
LAUNCH_TARGET_S = 0.8
BARE_FACTOR = 3.0
RECOMPUTE_TARGET_S = 0.050
LAUNCHES = 7

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""


def time_to_shown(command: list[str], env: dict[str, str]) -> float:
    """Wall time from starting the process to its "shown" line (start-up, not shut-down)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.communicate(timeout=60)
    if line.strip() != "shown":
        raise RuntimeError(f"{command[1:3]} did not report its window: {process.stderr}")
    return elapsed


def median_launch(command: list[str], env: dict[str, str]) -> float:
    time_to_shown(command, env)  # warm the file cache
    return statistics.median(time_to_shown(command, env) for _ in range(LAUNCHES))


def launch_measurements() -> list[Measured]:
    with tempfile.TemporaryDirectory(prefix="llm-planner-bench-") as home:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(Path(home) / "config"),
            "XDG_DATA_HOME": str(Path(home) / "data"),
            "LLM_COST_PLANNER_QUIT_WHEN_SHOWN": "1",
        }
        bare = median_launch([sys.executable, "-c", BARE_WINDOW], env)
        app = median_launch([sys.executable, "main.py"], env)
    ratio = app / bare
    return [
        Measured(
            "ui: bare PySide6 QMainWindow, launch to shown", bare, None, "offscreen, subprocess"
        ),
        Measured("ui: app launch to first window", app, LAUNCH_TARGET_S, "offscreen, subprocess"),
        Measured(
            f"ui: app launch within {BARE_FACTOR:.0f}x bare",
            app,
            bare * BARE_FACTOR,
            f"ratio {ratio:.2f}x",
        ),
    ]


def recompute_measurement() -> Measured:
    """A volume change on the What-if tab: estimate, banner, cards, tables and charts."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QThreadPool

    from planner.model.templates import template
    from ui.app import create_application
    from ui.main_window import QUESTIONS, MainWindow
    from ui.settings import AppSettings

    app = create_application()
    with tempfile.TemporaryDirectory(prefix="llm-planner-bench-") as home:
        window = MainWindow(AppSettings(Path(home) / "config", Path(home) / "data"))
        window.resize(1400, 900)
        window.show()
        window.document.replace(template("customer_email").plan)
        window.go_to(QUESTIONS)
        page = window.results
        page.tabs.setCurrentWidget(page.what_if)
        app.processEvents()
        positions = itertools.cycle([10, 40, -30, 70, 0, 120])
        slider = page.what_if.slider
        median = median_time(lambda: slider.setValue(next(positions)), repeats=11, warmup=2)
        QThreadPool.globalInstance().waitForDone(60_000)
        app.processEvents()
        window.document.replace(window.document.plan)
        window.close()
    return Measured(
        "ui: recompute after a volume change",
        median,
        RECOMPUTE_TARGET_S,
        "quick estimate + every view; analysis follows off the GUI thread",
    )


def run() -> list[Measured]:
    return [*launch_measurements(), recompute_measurement()]


if __name__ == "__main__":
    for measured in run():
        print(measured.line())
