"""The app around the pages: background work, start-up, look, language, exports."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from planner.model.templates import template
from tests.ui.conftest import Dialogs, wait_for_results
from ui.main_window import QUESTIONS, MainWindow
from ui.rates_service import RatesService
from ui.results.estimator import Estimator
from ui.settings import AppSettings
from ui.worker import run_in_background

ROOT = Path(__file__).parents[2]


def test_background_work_reports_back_on_the_gui_thread(qtbot: Any) -> None:
    seen: list[tuple[str, object, bool]] = []
    gui = threading.current_thread()

    def record(kind: str) -> Any:
        return lambda value: seen.append((kind, value, threading.current_thread() is gui))

    def fail() -> None:
        raise ValueError("broken")

    run_in_background(lambda: 6 * 7, record("ok"), record("failed"))
    run_in_background(fail, record("ok"), record("failed"))
    qtbot.waitUntil(lambda: len(seen) == 2)
    outcomes = {kind: (value, on_gui) for kind, value, on_gui in seen}
    assert outcomes["ok"] == (42, True)
    assert isinstance(outcomes["failed"][0], ValueError) and outcomes["failed"][1]


def test_only_the_newest_plans_analysis_is_shown(qtbot: Any, settings: AppSettings) -> None:
    estimator = Estimator(RatesService(settings.user_rates_path))
    full: list[Any] = []
    estimator.full.connect(full.append)
    small = template("customer_email").plan
    big = small.model_copy(
        update={"workload": small.workload.model_copy(update={"requests_per_day": 5000})}
    )
    estimator.recompute(small)
    estimator._start_slow_work()  # as if the pause had passed
    estimator.recompute(big)
    qtbot.waitUntil(lambda: not estimator.busy(), timeout=60_000)
    assert full, "the newest plan was analysed"
    assert all(result.plan_name == big.name for result in full)
    assert estimator.result is not None and estimator.result.recommended is not None
    last = full[-1].option(estimator.result.recommended.id)
    assert last.monthly_cost == estimator.result.recommended.monthly_cost


def test_larger_text_scales_the_font_and_is_remembered(
    window: MainWindow, qapp: QApplication
) -> None:
    before = qapp.font().pointSizeF()
    window.larger_text_action.setChecked(True)
    window.toggle_larger_text()
    assert qapp.font().pointSizeF() == pytest.approx(before * 1.35)
    assert window.settings.larger_text()
    window.larger_text_action.setChecked(False)
    window.toggle_larger_text()
    assert qapp.font().pointSizeF() == pytest.approx(before)


def test_choosing_a_language_is_stored_and_explained(window: MainWindow, answers: Dialogs) -> None:
    window.choose_language("pl")
    assert window.settings.language() == "pl"
    assert "next time you start" in answers.infos[-1]


def test_window_size_is_remembered(qtbot: Any, settings: AppSettings, answers: Dialogs) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(1000, 700)  # above the minimum (900 x 620), below the 1280 x 820 default
    qtbot.waitUntil(lambda: (first.width(), first.height()) == (1000, 700))
    first.close()
    geometry, state = settings.window_state()
    assert geometry is not None and state is not None
    second = MainWindow(settings)
    qtbot.addWidget(second)
    # Offscreen, restoring clamps the width to the 800-wide screen (then the 900 minimum);
    # the height is what was stored, not the default 820.
    assert second.height() == 700


def test_results_page_in_polish_and_ukrainian_has_no_crash(qtbot: Any, window: MainWindow) -> None:
    from planner.words.i18n import set_language

    english = None
    for code in ("en", "pl", "uk"):
        set_language(code)
        window.go_to(QUESTIONS)
        window.results.recompute()
        sentence = window.results.banner.sentence.text()
        assert sentence
        if code == "en":
            english = sentence
        else:
            assert sentence != english and not sentence.startswith("We recommend"), code
    set_language("en")


def test_the_first_window_needs_no_charts_no_exports_and_no_plan_model(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from ui.app import create_application\n"
        "from ui.main_window import MainWindow\n"
        "from ui.settings import AppSettings\n"
        "app = create_application()\n"
        f"w = MainWindow(AppSettings(Path({str(tmp_path)!r}) / 'c', Path({str(tmp_path)!r}) / 'd'))\n"
        "w.show(); app.processEvents()\n"
        "later = ('openpyxl', 'reportlab', 'PySide6.QtCharts', 'genai_prices.data', 'pydantic')\n"
        "heavy = [m for m in later if m in sys.modules]\n"
        "print(heavy)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_first_page_fills_in_once_the_window_is_up(window: MainWindow) -> None:
    step = window.page(0)
    window.open_at_start(None)
    assert window.document.loaded
    assert step.choices.currentItem().text() == "Something else, or not sure yet"
    assert "typical figures" in step.description.text()


def test_the_app_starts_from_main_and_shows_its_window(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "LLM_COST_PLANNER_QUIT_WHEN_SHOWN": "1",
    }
    out = subprocess.run(
        [sys.executable, "main.py", "--lang", "pl"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "shown"


def test_export_writes_the_workbook_off_the_gui_thread(
    qtbot: Any,
    window: MainWindow,
    answers: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("planner.export.files")
    window.document.replace(template("customer_email").plan)
    window.go_to(QUESTIONS)
    wait_for_results(qtbot, window)
    answers.save_path = tmp_path / "budget"
    from planner.export import files

    gui = threading.current_thread()
    writers: list[bool] = []
    real = files.write_workbook

    def watched(*args: Any, **kwargs: Any) -> None:
        writers.append(threading.current_thread() is gui)
        real(*args, **kwargs)

    monkeypatch.setattr(files, "write_workbook", watched)
    window.export("xlsx")
    target = tmp_path / "budget.xlsx"
    qtbot.waitUntil(lambda: target.exists() or bool(answers.errors), timeout=60_000)
    assert not answers.errors, answers.errors
    assert target.stat().st_size > 1000
    assert writers == [False]  # written once, on a worker thread


def test_export_failure_is_reported(
    qtbot: Any, window: MainWindow, answers: Dialogs, tmp_path: Path
) -> None:
    pytest.importorskip("planner.export.files")
    answers.save_path = tmp_path / "missing folder" / "report.pdf"
    window.export("pdf")
    qtbot.waitUntil(lambda: bool(answers.errors), timeout=60_000)
    assert answers.errors[-1][0] == "Export failed"
