"""A long ordinary session: the window must survive thousands of actions.

PySide6 6.12.0 on Python 3.11 dropped one reference to ``None`` on every Qt call that
returns nothing; the count reached zero after about 450 actions of a scripted session
and the interpreter aborted (``Fatal Python error: none_dealloc``). No short test noticed.
This one drives the real window — typing, Next/Back, the results, opening a plan — and
checks after every batch that ``None``'s reference count has not drifted, so a leak fails
here with a number long before it could abort the process.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.model.planfile import save_plan
from planner.model.templates import template
from tests.ui.conftest import Dialogs, wait_for_results
from tests.ui.test_flow import click_next, type_into
from ui.main_window import QUESTIONS, MainWindow

BATCHES = 12
ACTIONS_PER_BATCH = 250  # 3,000 actions in all
# Creating widgets and results holds some references to None; a leak of one per Qt call
# loses thousands per batch. Anything below this is ordinary churn.
ALLOWED_DRIFT = 400


def none_references() -> int:
    QApplication.processEvents()
    gc.collect()
    return sys.getrefcount(None)


def ordinary_actions(qtbot: Any, window: MainWindow, count: int, seed: int) -> None:
    """Type a volume, step forward and back, look at the results now and then."""
    done = 0
    while done < count:
        window.go_to(1)
        type_into(qtbot, window.page(1).per_day, str(50 + (seed + done) % 400))
        done += 3
        for _ in range(4):
            click_next(qtbot, window)
            window.step_bar.back_button.text()
            done += 2
        qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
        qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
        done += 2
        if done % 50 < 12:
            window.go_to(QUESTIONS)
            wait_for_results(qtbot, window)
            window.results.tabs.setCurrentIndex((done // 50) % window.results.tabs.count())
            done += 2


def test_a_long_session_survives_and_leaks_no_references(
    qtbot: Any, window: MainWindow, answers: Dialogs, tmp_path: Path
) -> None:
    plan_path = tmp_path / "bakery.llmplan"
    save_plan(template("customer_email").plan.model_copy(update={"name": "Bakery"}), plan_path)
    ordinary_actions(qtbot, window, ACTIONS_PER_BATCH, seed=0)  # warm every page and cache
    baseline = none_references()
    for batch in range(BATCHES):
        ordinary_actions(qtbot, window, ACTIONS_PER_BATCH, seed=batch)
        if batch % 4 == 3:
            assert window.files.open_path(plan_path, ask=False)
        drift = none_references() - baseline
        assert -drift < ALLOWED_DRIFT, (
            f"None lost {-drift} references after {(batch + 1) * ACTIONS_PER_BATCH} actions: "
            "this Qt binding leaks on this Python and the app would abort"
        )
    assert window.isVisible()
    assert not answers.errors
