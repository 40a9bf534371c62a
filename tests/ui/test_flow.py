"""The whole flow, as a user walks it: choose, type, click through to the results, try
another volume, save, reopen and get the same plan back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QListWidget, QRadioButton

from planner.model.planfile import load_plan
from planner.scenarios.levers import LEVERS
from tests.ui.conftest import Dialogs, wait_for_results
from ui.main_window import QUESTIONS, MainWindow


def click_item(qtbot: Any, view: QListWidget, text: str) -> None:
    item = next(view.item(i) for i in range(view.count()) if view.item(i).text().endswith(text))
    rect = view.visualItemRect(item)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_next(qtbot: Any, window: MainWindow) -> None:
    qtbot.mouseClick(window.step_bar.next_button, Qt.MouseButton.LeftButton)


def type_into(qtbot: Any, field: Any, text: str) -> None:
    """Select what is there and type over it, like a user (a NumberField or a QLineEdit)."""
    edit = getattr(field, "edit", field)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def choose(qtbot: Any, button: QRadioButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert button.isChecked()


def walk_to_results(qtbot: Any, window: MainWindow) -> None:
    """A small shop answering customer e-mails, every question answered by hand."""
    task = window.page(0)
    click_item(qtbot, task.choices, "Answering customer e-mails")
    type_into(qtbot, task.company, "Kowalski Sp. z o.o.")
    click_next(qtbot, window)

    volume = window.page(1)
    assert window.current_step() == 1
    type_into(qtbot, volume.per_day, "250")
    type_into(qtbot, volume.incoming, "300")
    type_into(qtbot, volume.answer, "150")
    click_next(qtbot, window)

    choose(qtbot, window.page(2).choices.buttons["personal"])
    click_next(qtbot, window)
    choose(qtbot, window.page(3).choices.buttons["external_provider"])
    click_next(qtbot, window)
    choose(qtbot, window.page(4).choices.buttons["standard"])
    click_next(qtbot, window)

    timing = window.page(5)
    choose(qtbot, timing.availability.buttons["business_hours"])
    choose(qtbot, timing.latency.buttons["interactive"])
    assert window.step_bar.next_button.text() == "See the results"
    click_next(qtbot, window)
    assert window.current_step() == QUESTIONS
    wait_for_results(qtbot, window)


def test_walking_the_questions_reaches_a_costed_recommendation(
    qtbot: Any, window: MainWindow
) -> None:
    walk_to_results(qtbot, window)
    plan = window.document.plan
    assert plan.template == "customer_email"
    assert plan.company == "Kowalski Sp. z o.o."
    assert plan.workload.requests_per_day == 250
    assert plan.needs.quality == "standard"
    sentence = window.results.banner.sentence.text()
    assert sentence.startswith("We recommend ")
    assert "€" in sentence and "36 months" in sentence
    window.results.tabs.setCurrentWidget(window.results.all_options)
    assert window.results.all_options.model.rowCount() > 100
    assert window.results.what_if.levers.rowCount() == len(LEVERS)
    assert window.results.curve, "the volume curve arrived"
    assert window.results.result is not None and window.results.result.break_even is not None


def test_the_volume_control_changes_the_numbers_at_once(qtbot: Any, window: MainWindow) -> None:
    walk_to_results(qtbot, window)
    page = window.results
    before = page.result.recommended.monthly_cost  # type: ignore[union-attr]
    sentence = page.banner.sentence.text()
    page.tabs.setCurrentWidget(page.what_if_tab)
    page.what_if.slider.setFocus()
    for _ in range(4):  # a page is a quarter of a power of ten: four make ten times
        qtbot.keyClick(page.what_if.slider, Qt.Key.Key_PageUp)
    assert page.what_if.what_if.volume_factor > 9
    assert page.result.recommended.monthly_cost > before  # type: ignore[union-attr]
    assert page.banner.sentence.text() != sentence
    assert page.trial.isVisible()
    assert window.document.plan.workload.requests_per_day == 250, "a trial does not change the plan"
    qtbot.mouseClick(page.what_if.reset_button, Qt.MouseButton.LeftButton)
    assert page.result.recommended.monthly_cost == before  # type: ignore[union-attr]


def test_keeping_trial_figures_puts_them_in_the_plan(qtbot: Any, window: MainWindow) -> None:
    walk_to_results(qtbot, window)
    page = window.results
    page.what_if.set_factor(2.0)
    qtbot.mouseClick(page.what_if.keep_button, Qt.MouseButton.LeftButton)
    assert window.document.plan.workload.requests_per_day == 500
    assert not page.what_if.what_if.active
    assert window.document.dirty


def test_saved_plan_reopens_the_same(
    qtbot: Any, window: MainWindow, answers: Dialogs, tmp_path: Path
) -> None:
    walk_to_results(qtbot, window)
    answers.save_path = tmp_path / "shop"
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = tmp_path / "shop.llmplan"
    assert saved.is_file() and not window.document.dirty
    assert "shop.llmplan" in window.windowTitle()
    plan = window.document.plan

    window.files.new()
    assert window.document.plan != plan and window.current_step() == 0
    answers.open_path = saved
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.document.plan == plan == load_plan(saved)
    assert window.document.path == saved
    assert window.page(1).per_day.value() == 250


def test_i_dont_know_picks_the_stated_default(qtbot: Any, window: MainWindow) -> None:
    window.go_to(2)
    step = window.page(2)
    choose(qtbot, step.choices.buttons["public"])
    choose(qtbot, step.choices.buttons[""])
    assert window.document.plan.needs.data_sensitivity == "personal"
    assert "personal data" in step.choices.buttons[""].toolTip()

    window.go_to(1)
    volume = window.page(1)
    type_into(qtbot, volume.per_day, "5000")
    unknown = next(
        b
        for b in volume.findChildren(type(window.step_bar.next_button))
        if "I don't know" in b.text()
    )
    qtbot.mouseClick(unknown, Qt.MouseButton.LeftButton)
    assert window.document.plan.workload.requests_per_day == 100


def test_words_become_tokens_by_language(qtbot: Any, window: MainWindow) -> None:
    window.go_to(1)
    volume = window.page(1)
    type_into(qtbot, volume.incoming, "1000")
    english = window.document.plan.workload.breakdown.user_tokens  # type: ignore[union-attr]
    volume.language.setCurrentIndex(volume.language.findData("pl"))
    volume.language.activated.emit(volume.language.currentIndex())
    type_into(qtbot, volume.incoming, "1000")
    polish = window.document.plan.workload.breakdown.user_tokens  # type: ignore[union-attr]
    assert (english, polish) == (1300, 2500)  # languages.toml: 1.3 and 2.5 tokens a word
    assert "In Polish, a word is about 2.5 tokens" in volume.explanation.text()


def test_typing_token_totals_replaces_the_calculation(qtbot: Any, window: MainWindow) -> None:
    window.go_to(1)
    volume = window.page(1)
    type_into(qtbot, volume.input_tokens, "4000")
    type_into(qtbot, volume.output_tokens, "800")
    work = window.document.plan.workload
    assert (work.breakdown, work.input_tokens, work.output_tokens) == (None, 4000, 800)


def test_every_field_explains_itself(window: MainWindow) -> None:
    from ui.fields import NumberField

    for index in range(QUESTIONS):
        window.go_to(index)
        for field in window.page(index).findChildren(NumberField):
            assert field.edit.toolTip(), f"step {index + 1}: a field without a tooltip"


def test_steps_can_be_reached_from_the_list_and_back(qtbot: Any, window: MainWindow) -> None:
    click_item(qtbot, window.step_list, "How good")
    assert window.current_step() == 4
    qtbot.mouseClick(window.step_bar.back_button, Qt.MouseButton.LeftButton)
    assert window.current_step() == 3
    assert window.step_bar.where.text() == "Question 4 of 6"
    assert window.step_bar.progress.value() == 4


def test_when_nothing_meets_the_needs_the_page_says_so(qtbot: Any, window: MainWindow) -> None:
    from planner.model.plan import Needs, Plan, Workload

    window.document.replace(
        Plan(
            needs=Needs(data_sensitivity="on_premises_only", quality="frontier"),
            workload=Workload(requests_per_day=100_000),
        )
    )
    window.go_to(QUESTIONS)
    wait_for_results(qtbot, window)
    page = window.results
    assert page.banner.sentence.text() == "No option meets every need you gave."
    assert all(card.monthly.text() == "Not possible here" for card in page.cards.cards.values())
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)  # every tab copes with an empty result
    assert page.all_options.model.rowCount() == len(page.result.options)  # type: ignore[union-attr]


def test_the_title_follows_the_plan_name(qtbot: Any, window: MainWindow) -> None:
    type_into(qtbot, window.page(0).name, "Shop assistant")
    assert window.windowTitle().startswith("Shop assistant")
    assert window.isWindowModified()


def test_switching_example_after_editing_asks_first(
    qtbot: Any, window: MainWindow, answers: Dialogs
) -> None:
    task = window.page(0)
    click_item(qtbot, task.choices, "Phone voice agent")
    window.go_to(1)
    type_into(qtbot, window.page(1).per_day, "777")
    window.go_to(0)
    answers.yes = False
    click_item(qtbot, task.choices, "Document analysis")
    assert window.document.plan.workload.requests_per_day == 777
    assert task.choices.currentItem().text() == "Phone voice agent"
    answers.yes = True
    click_item(qtbot, task.choices, "Document analysis")
    assert window.document.plan.template == "document_analysis"
