"""Layouts that hold on a projector (issue 12): with every translated string stretched by
a third (Vorta's TRANS_SCALE), at 1280×800 and 1024×700, with and without Larger text, no
label on the results is cut short, every card of the comparison is in view across, the
step list shows whole names, no amount in All options is elided, and the comparison chart
has room for every bar."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget

from planner.words.i18n import set_language, set_stretch
from tests.ui.conftest import Dialogs, wait_for_results
from ui.main_window import QUESTIONS, MainWindow
from ui.results.options_model import BUSY, HORIZON, MONTHLY, ONE_OFF
from ui.settings import AppSettings
from ui.theme import apply_look

STRETCH = 1.3
CASES = [
    ((1280, 800), "pl", True),
    ((1280, 800), "en", False),
    ((1024, 700), "en", True),
    ((1024, 700), "pl", False),
    ((1024, 700), "pl", True),
    ((1024, 700), "uk", True),
]


def clipped_labels(root: QWidget) -> list[str]:
    """Visible labels whose text needs more room than they were given."""
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not label.text() or label.width() <= 1:
            continue
        if label.wordWrap():
            short = label.heightForWidth(label.width()) > label.height() + 2
        else:
            short = label.sizeHint().width() > label.width() + 2
        if short:
            found.append(f"{label.text()[:60]!r} ({label.width()}×{label.height()})")
    return found


def cards_out_of_view(window: MainWindow) -> list[str]:
    """Cards of the comparison that stick out of the visible width of their page."""
    cards = window.results.cards
    scroll = next(w for w in _ancestors(cards) if isinstance(w, QScrollArea))
    viewport = scroll.viewport()
    found = []
    for card in cards.cards.values():
        left = card.mapTo(viewport, card.rect().topLeft()).x()
        if left < 0 or left + card.width() > viewport.width() + 1:
            found.append(f"{card.title.text()[:30]} at {left}..{left + card.width()}")
    return found


def _ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


@pytest.fixture
def stretched_window(
    request: pytest.FixtureRequest,
    qtbot: Any,
    qapp: QApplication,
    tmp_path: Any,
    answers: Dialogs,
) -> Iterator[MainWindow]:
    size, language, larger = request.param
    set_language(language)
    set_stretch(STRETCH)
    apply_look(qapp, larger)
    window = MainWindow(AppSettings(tmp_path / "config", tmp_path / "data"))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    try:
        task = window.page(0)
        choices = task.choices  # type: ignore[attr-defined]
        choices.setCurrentRow(1)  # an example, used with Enter
        choices.itemActivated.emit(choices.currentItem())
        window.go_to(QUESTIONS)
        wait_for_results(qtbot, window)
        yield window
    finally:
        window.document.replace(window.document.plan)  # nothing unsaved
        window.close()
        set_stretch(1.0)
        set_language("en")
        apply_look(qapp, False)


@pytest.mark.parametrize("stretched_window", CASES, indirect=True, ids=str)
def test_the_results_hold_with_long_text(qtbot: Any, stretched_window: MainWindow) -> None:
    window = stretched_window
    page = window.results
    problems: list[str] = []
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        qtbot.wait(50)
        QApplication.processEvents()
        problems += [f"tab {tab}: {text}" for text in clipped_labels(page.tabs.currentWidget())]
    page.tabs.setCurrentIndex(0)
    qtbot.wait(50)
    problems += [f"banner: {text}" for text in clipped_labels(page.banner)]
    problems += [f"card out of view: {text}" for text in cards_out_of_view(window)]
    metrics = window.step_list.fontMetrics()
    for row in range(window.step_list.count()):
        text = window.step_list.item(row).text()
        if metrics.horizontalAdvance(text) + 12 > window.step_list.viewport().width():
            problems.append(f"step list: {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("stretched_window", CASES[2:], indirect=True, ids=str)
def test_amounts_are_never_elided_and_every_bar_has_room(
    qtbot: Any, stretched_window: MainWindow
) -> None:
    page = stretched_window.results
    page.tabs.setCurrentWidget(page.all_options)
    qtbot.wait(50)
    table = page.all_options.table
    for column in (MONTHLY, ONE_OFF, HORIZON, BUSY):
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), column
    page.tabs.setCurrentIndex(0)
    qtbot.wait(50)
    bars = page.bars
    shown = len(page.result.shown) if page.result else 0
    plot = bars.chart().plotArea()
    assert shown >= 3
    assert plot.height() / shown >= bars.fontMetrics().lineSpacing()


@pytest.mark.parametrize("stretched_window", [((1024, 700), "pl", True)], indirect=True, ids=str)
def test_on_a_short_page_the_reasons_fold_until_the_user_opens_them(
    qtbot: Any, stretched_window: MainWindow
) -> None:
    banner = stretched_window.results.banner
    assert not banner.why.isChecked() and not banner.reasons.isVisibleTo(banner)
    qtbot.mouseClick(banner.why, Qt.MouseButton.LeftButton)
    assert banner.why.isChecked()
    stretched_window.resize(1000, 690)
    qtbot.wait(50)
    assert banner.why.isChecked(), "the user's choice was overridden"
