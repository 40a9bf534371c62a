"""Keyboard and input, as a person works (issue 12): the arrow keys browse the examples and
Enter uses one; a new plan asks nothing; a figure typed wrong holds Next and the results;
a new plan starts without ticks; an opened plan opens on its results."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from planner.model.planfile import save_plan
from planner.model.templates import template
from tests.ui.conftest import Dialogs
from ui.main_window import QUESTIONS, MainWindow


def example_row(window: MainWindow, template_id: str) -> int:
    choices = window.page(0).choices  # type: ignore[attr-defined]
    return next(
        row
        for row in range(choices.count())
        if choices.item(row).data(Qt.ItemDataRole.UserRole) == template_id
    )


def test_arrow_keys_browse_the_examples_and_enter_uses_one(
    qtbot: Any, window: MainWindow, answers: Dialogs
) -> None:
    asked: list[object] = []
    answers.yes = True
    task = window.page(0)
    choices = task.choices  # type: ignore[attr-defined]
    before = window.document.plan
    choices.setFocus()
    choices.setCurrentRow(0)
    for _step in range(3):
        qtbot.keyClick(choices, Qt.Key.Key_Down)
    assert window.document.plan == before, "browsing changed the plan"
    shown = choices.currentItem().data(Qt.ItemDataRole.UserRole)
    assert task.use.isVisibleTo(task)  # type: ignore[attr-defined]
    qtbot.keyClick(choices, Qt.Key.Key_Return)
    assert window.document.plan.template == shown
    assert not task.use.isVisibleTo(task)  # type: ignore[attr-defined]
    assert task.in_use.isVisibleTo(task)  # type: ignore[attr-defined]
    assert asked == [] and answers.errors == []


def test_a_new_plan_takes_an_example_without_asking(
    qtbot: Any, window: MainWindow, monkeypatch: Any
) -> None:
    from ui import dialogs

    asked: list[object] = []
    monkeypatch.setattr(dialogs, "ask_yes_no", lambda *args: asked.append(args) or False)
    task = window.page(0)
    choices = task.choices  # type: ignore[attr-defined]
    choices.setCurrentRow(example_row(window, "voice_agent"))
    qtbot.mouseClick(task.use, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert window.document.plan.template == "voice_agent"
    choices.setCurrentRow(example_row(window, "document_analysis"))
    choices.itemActivated.emit(choices.currentItem())  # a double-click
    assert window.document.plan.template == "document_analysis"
    assert asked == [], "nothing would have been lost, yet the user was asked"


def test_a_figure_typed_wrong_holds_next_and_the_results(qtbot: Any, window: MainWindow) -> None:
    window.go_to(1)
    field = window.page(1).per_day  # type: ignore[attr-defined]
    plan = window.document.plan
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "-5")
    assert field.problem()
    assert not window.step_bar.next_button.isEnabled()
    window.step_list.setCurrentRow(QUESTIONS)  # a click on Results in the step list
    assert window.current_step() == 1, "the results used a figure the field refuses"
    assert field.edit.hasFocus()
    assert "marked in red" in window.statusBar().currentMessage()
    assert window.document.plan == plan
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "120")
    assert window.step_bar.next_button.isEnabled()
    qtbot.mouseClick(window.step_bar.next_button, Qt.MouseButton.LeftButton)
    assert window.current_step() == 2
    window.go_to(QUESTIONS)
    assert window.current_step() == QUESTIONS
    assert window.document.plan.workload.requests_per_day == 120


def test_a_new_plan_starts_without_ticks(qtbot: Any, window: MainWindow) -> None:
    for step in range(4):
        window.go_to(step)
    assert any(window.step_list.item(i).text().startswith("✓") for i in range(3))
    window.files.new()
    assert window.current_step() == 0
    ticked = [window.step_list.item(i).text() for i in range(QUESTIONS)]
    assert not any(text.startswith("✓") for text in ticked), ticked


def test_an_opened_plan_opens_on_its_results_with_its_own_figures(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    plan = template("support_agent").plan.model_copy(update={"template": "support_agent"})
    plan = plan.model_copy(
        update={"workload": plan.workload.model_copy(update={"requests_per_day": 1234})}
    )
    path = tmp_path / "shop.llmplan"
    save_plan(plan, path)
    window.files.open_path(path, ask=False)
    assert window.current_step() == QUESTIONS
    assert window.page(1).per_day.value() == 1234  # type: ignore[attr-defined]
    task = window.page(0)
    assert "1,234 requests a day" in task.assumes.text()  # type: ignore[attr-defined]
