"""Bugs found in review: the language menu, the rates editor's fields, background failures."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from planner.rates import load_rates, schema
from planner.words.i18n import set_language
from tests.ui.conftest import Dialogs
from ui import worker
from ui.main_window import MainWindow
from ui.menus import LANGUAGE_NAMES
from ui.rates.table_model import RateTableModel, editable_field, number_type
from ui.settings import AppSettings


def language_actions(window: MainWindow) -> dict[str, Any]:
    """The Language menu's actions by name, found by the names it lists (in any language)."""
    menus = [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    submenus = [a.menu() for m in menus for a in m.actions() if isinstance(a.menu(), QMenu)]
    languages = next(
        m for m in submenus if set(LANGUAGE_NAMES.values()) <= {a.text() for a in m.actions()}
    )
    return {a.text(): a for a in languages.actions()}


def test_on_a_polish_system_the_menu_ticks_polish_and_english_can_be_chosen(
    qtbot: Any, settings: AppSettings, answers: Dialogs
) -> None:
    set_language("pl")  # what app.py does when nothing is saved and the system is Polish
    main = MainWindow(settings)
    qtbot.addWidget(main)
    ticked = [name for name, action in language_actions(main).items() if action.isChecked()]
    assert ticked == ["Polski"]
    main.choose_language("en")
    assert settings.language() == "en"
    assert answers.infos, "the user is told the language changes at the next start"


def test_a_quantisation_is_not_a_number_in_the_rates_editor() -> None:
    assert number_type(schema.Measurement, "quant") is None
    assert not editable_field(schema.Measurement, "quant")
    assert number_type(schema.Gpu, "max_per_server") is int
    assert number_type(schema.Gpu, "memory_gb") is float


def test_the_rates_editor_headers_are_translated() -> None:
    rates = load_rates()
    set_language("pl")
    model = RateTableModel()
    model.set_rows("gpus", rates.gpus, rates.gpus, {})
    titles = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert "Id" not in titles and "Label" not in titles
    assert "Nazwa" in titles


def test_a_failure_without_a_handler_is_shown_not_dropped(qtbot: Any, answers: Dialogs) -> None:
    def broken() -> int:
        raise ValueError("no such rate")

    worker.run_in_background(broken, lambda _value: None)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=10_000)
    assert answers.errors and "no such rate" in answers.errors[0][2]


@pytest.mark.parametrize("error", [SystemExit(3), KeyboardInterrupt()])
def test_a_base_exception_in_the_background_does_not_leave_the_app_busy(
    qtbot: Any, answers: Dialogs, error: BaseException
) -> None:
    seen: list[BaseException] = []

    def work() -> None:
        raise error

    worker.run_in_background(work, lambda _value: None, seen.append)
    qtbot.waitUntil(lambda: not worker.busy(), timeout=10_000)
    assert seen == [error]
