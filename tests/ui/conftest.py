"""Shared fixtures: a window on temporary settings, dialogs answered by the test."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from planner.words.i18n import set_language
from ui import dialogs
from ui.main_window import QUESTIONS, MainWindow
from ui.settings import AppSettings


@dataclass
class Dialogs:
    """What the app asked; the answers the test gave in advance."""

    errors: list[tuple[str, str, str]] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    unsaved_answer: str = "discard"
    unsaved_asked: int = 0
    save_path: Path | None = None
    open_path: Path | None = None
    recover: bool = True
    yes: bool = True


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def background_work_done(qapp: QApplication) -> Iterator[None]:
    """As in the app (``GuiThreadCollector``), Python's cyclic collector never runs in a
    worker thread; and no test leaves work running on the thread pool for the next one."""
    gc.disable()
    yield
    QThreadPool.globalInstance().waitForDone(60_000)
    qapp.processEvents()
    gc.collect()
    gc.enable()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    """Every modal dialog replaced: errors recorded, questions answered from ``Dialogs``."""
    given = Dialogs()

    def ask_unsaved(_parent: Any, _name: str) -> str:
        given.unsaved_asked += 1
        return given.unsaved_answer

    monkeypatch.setattr(dialogs, "ask_unsaved", ask_unsaved)
    monkeypatch.setattr(
        dialogs,
        "show_error",
        lambda _p, title, text, details="": given.errors.append((title, text, details)),
    )
    monkeypatch.setattr(dialogs, "show_info", lambda _p, _title, text: given.infos.append(text))
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *_args: given.yes)
    monkeypatch.setattr(dialogs, "ask_recover", lambda *_args: given.recover)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *_args: given.open_path)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_args: given.save_path)
    return given


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(tmp_path / "config", tmp_path / "data")


@pytest.fixture
def window(qtbot: Any, settings: AppSettings, answers: Dialogs) -> Iterator[MainWindow]:
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.resize(1280, 860)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitActive(main)
    yield main
    answers.unsaved_answer = "discard"
    main.close()


def wait_for_results(qtbot: Any, window: MainWindow) -> None:
    """Until the analysis, the savings and the volume curve have arrived."""
    page = window.results
    qtbot.waitUntil(lambda: page.result is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not page.busy(), timeout=60_000)


def results_step() -> int:
    return QUESTIONS
