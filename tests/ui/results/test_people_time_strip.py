"""The people's-time strip on a projector (issue 12): at 1024×700 with Larger text its
sentence was squeezed beside the field into a column of five short lines. It now stands
beside the field when it fits there on one line and under it otherwise, never clipped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from planner.words.i18n import set_language
from tests.ui.conftest import Dialogs, wait_for_results
from tests.ui.test_layout import clipped_labels
from ui.main_window import QUESTIONS, MainWindow
from ui.results.people_time import PeopleTime
from ui.settings import AppSettings
from ui.theme import apply_look

NARROW = [((1024, 700), "en", True), ((1024, 700), "pl", True), ((1024, 700), "pl", False)]
WIDE = [((1280, 800), "en", False)]


@pytest.fixture
def strip(
    request: pytest.FixtureRequest, qtbot: Any, qapp: QApplication, tmp_path: Any, answers: Dialogs
) -> Iterator[PeopleTime]:
    """The strip on the results of the second example, at a size, language and text size."""
    size, language, larger = request.param
    set_language(language)
    apply_look(qapp, larger)
    window = MainWindow(AppSettings(tmp_path / "config", tmp_path / "data"))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    try:
        choices = window.page(0).choices  # type: ignore[attr-defined]
        choices.setCurrentRow(1)
        choices.itemActivated.emit(choices.currentItem())
        window.go_to(QUESTIONS)
        wait_for_results(qtbot, window)
        qtbot.wait(50)
        QApplication.processEvents()
        yield window.results.people
    finally:
        window.document.replace(window.document.plan)  # nothing unsaved
        window.close()
        set_language("en")
        apply_look(qapp, False)


def lines_of(strip: PeopleTime) -> float:
    """How many lines the sentence takes at its width."""
    label = strip.text
    return label.heightForWidth(label.width()) / label.fontMetrics().lineSpacing()


@pytest.mark.parametrize("strip", NARROW, indirect=True, ids=str)
def test_in_a_narrow_window_the_sentence_goes_under_the_field(strip: PeopleTime) -> None:
    assert strip.isVisible() and strip.text.text()
    assert not strip.beside
    assert strip.text.width() > 0.85 * strip.contentsRect().width()
    assert lines_of(strip) < 3.5
    assert not clipped_labels(strip)


@pytest.mark.parametrize("strip", WIDE, indirect=True, ids=str)
def test_with_room_the_sentence_stays_on_one_line_beside_the_field(strip: PeopleTime) -> None:
    assert strip.beside
    assert strip.text.x() > strip.hours.x() + strip.hours.width()
    assert lines_of(strip) < 1.5
    assert not clipped_labels(strip)
