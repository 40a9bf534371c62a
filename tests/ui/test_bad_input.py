"""Bad input never crashes and never loses the plan: it is explained beside the field or in
a dialog. Letters, negatives, zero, 10^12 and pasted garbage in every number field; corrupt
and foreign files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence

from planner.model.plan import Plan
from tests.ui.conftest import Dialogs
from ui.fields import NumberField, parse_number
from ui.main_window import QUESTIONS, MainWindow
from ui.settings import AppSettings

BAD = ["abc", "-5", "0", "1000000000000", "12,,5x", "1e999", "NaN", "½"]


def acceptable(field: NumberField, text: str) -> bool:
    """Whether ``text`` is a good answer for ``field``, decided from the field's stated
    range (not by asking the field itself)."""
    expected = {"abc": None, "-5": -5.0, "0": 0.0, "1000000000000": 1e12}
    value = expected.get(text)
    if value is None:
        return False  # letters, doubled separators, 1e999, NaN and ½ are never numbers here
    if field.above_zero and value <= 0:
        return False
    return field.minimum <= value <= field.maximum


def number_fields(window: MainWindow) -> list[tuple[int, NumberField]]:
    fields = []
    for index in range(QUESTIONS):
        window.go_to(index)
        fields += [(index, field) for field in window.page(index).findChildren(NumberField)]
    return fields


def test_every_number_field_explains_bad_input_and_keeps_the_plan(
    qtbot: Any, window: MainWindow
) -> None:
    fields = number_fields(window)
    assert len(fields) >= 12
    for index, field in fields:
        window.go_to(index)
        for text in BAD:
            plan = window.document.plan
            field.edit.setFocus()
            field.edit.selectAll()
            qtbot.keyClicks(field.edit, text)
            qtbot.keyClick(field.edit, Qt.Key.Key_Tab)  # leave the field, as a user would
            if acceptable(field, text):
                continue  # "0" is fine where zero words is a real answer, "-5" for growth
            assert field.problem(), f"no message for {text!r} in step {index + 1}"
            assert field.error.isVisible()
            assert window.document.plan == plan, (
                f"{text!r} changed the plan (step {index + 1}, {field.toolTip()[:40]})"
            )


def test_pasted_garbage_is_explained(qtbot: Any, window: MainWindow) -> None:
    window.go_to(1)
    field = window.page(1).per_day
    QGuiApplication.clipboard().setText("☃ lots of snow \x00 <script>")
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keySequence(field.edit, QKeySequence.StandardKey.Paste)
    assert "is not a number" in field.problem()
    qtbot.keyClicks(field.edit, "")
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "120")
    assert field.problem() == "" and window.document.plan.workload.requests_per_day == 120


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,000", 1000.0), ("1 000", 1000.0), ("2.5", 2.5), ("abc", None), ("", None), ("inf", None)],
)
def test_numbers_are_read_as_people_type_them(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


def test_out_of_range_messages_name_the_limit(window: MainWindow) -> None:
    window.go_to(1)
    field = window.page(1).per_day
    assert field.check("0")[1] == "Must be more than zero."
    assert field.check("1000000000000")[1] == "Can be at most 10,000,000.0."
    assert field.check("-3")[1] == "Must be more than zero."
    assert field.check("lots")[1].startswith("“lots” is not a number")


@pytest.mark.parametrize(
    "content",
    [
        b"{ not json",
        b"\x89PNG\r\n\x1a\n\x00\x00binary",
        json.dumps({"model": "gpt-4o", "input_cost_per_token": 1e-6}).encode(),
        json.dumps([1, 2, 3]).encode(),
        json.dumps({"workload": {"requests_per_day": -4}}).encode(),
        b"",
    ],
    ids=["broken-json", "binary", "foreign-json", "json-list", "bad-value", "empty"],
)
def test_a_file_that_is_not_a_plan_gives_a_message_and_keeps_the_plan(
    window: MainWindow, answers: Dialogs, tmp_path: Path, content: bytes
) -> None:
    window.document.set_value("company", "Still here")
    plan = window.document.plan
    path = tmp_path / "odd.llmplan"
    path.write_bytes(content)
    assert not window.files.open_path(path, ask=False)
    assert window.document.plan == plan and window.document.dirty
    (title, _text, details) = answers.errors[-1]
    assert title == "Cannot open the plan" and str(path) in details
    window.go_to(QUESTIONS - 1)  # the app is still usable
    assert window.current_step() == QUESTIONS - 1


def test_a_missing_recent_file_is_reported_and_forgotten(
    window: MainWindow, answers: Dialogs, tmp_path: Path
) -> None:
    gone = tmp_path / "gone.llmplan"
    window.settings.add_recent_file(gone)
    assert not window.files.open_path(gone)
    assert "no such file" in answers.errors[-1][2]
    assert gone.resolve() not in window.settings.recent_files()


def test_a_plan_too_big_for_the_model_is_refused_beside_the_field(
    qtbot: Any, window: MainWindow
) -> None:
    window.go_to(1)
    step = window.page(1)
    plan = window.document.plan
    for field, text in ((step.reference, "700000"), (step.turns, "50")):
        field.edit.setFocus()
        field.edit.selectAll()
        qtbot.keyClicks(field.edit, text)
    assert "more text than an AI can read" in step.turns.problem()
    assert window.document.plan.workload.input_tokens <= 2_000_000
    assert window.document.plan.workload.breakdown.turns < 50  # type: ignore[union-attr]
    assert window.document.plan != plan  # the reference length itself was fine


def test_an_assumption_cannot_be_set_to_nonsense(qtbot: Any, window: MainWindow) -> None:
    window.go_to(QUESTIONS)
    qtbot.waitUntil(lambda: window.results.result is not None)
    window.results.tabs.setCurrentWidget(window.results.assumptions)
    panel = window.results.assumptions
    model = panel.model
    row = next(r for r in range(model.rowCount()) if model.item(r).target[1] == "electricity")
    plan = window.document.plan
    assert not model.setData(model.index(row, 2), "cheap")
    assert "is not a number" in panel.problem.text()
    assert model.setData(model.index(row, 2), "-1")
    assert panel.problem.text().startswith("Not changed:")
    assert window.document.plan == plan
    assert model.setData(model.index(row, 2), "0.5")
    country = plan.country  # the new plan's own (EU average in English, Poland in Polish)
    assert window.document.plan.rate_overrides["electricity"][country]["price_per_kwh"] == 0.5
    assert window.results.assumptions.model.item(row).changed


def test_typing_stays_smooth_while_the_plan_updates(qtbot: Any, window: MainWindow) -> None:
    """A decimal point typed half-way is not swallowed by the refresh that follows an edit."""
    window.go_to(5)
    field = window.page(5).hours
    window.page(5).availability.buttons["business_hours"].setChecked(True)
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "7.5")
    assert field.edit.text() == "7.5"
    assert window.document.plan.workload.business_hours_per_day == 7.5
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)


def plan_with(**changes: Any) -> bytes:
    data = json.loads(Plan(name="Broken").model_dump_json())
    data.update(changes)
    return json.dumps(data).encode()


BROKEN_PLANS = {
    "deep-nesting": b'{"name": ' + b"[" * 50_000 + b"]" * 50_000 + b"}",
    "huge-integer": b'{"workload": {"requests_per_day": ' + b"9" * 5000 + b"}}",
    "bad-encoding": '{"name": "Café"}'.encode("latin-1"),
    "wrong-shape": b'{"workload": [1, 2]}',
    "bad-rate-value": plan_with(rate_overrides={"electricity": {"PL": {"price_per_kwh": -1}}}),
    "unknown-rate-table": plan_with(rate_overrides={"no_such_table": {"x": {"y": 1}}}),
}


@pytest.mark.parametrize("content", BROKEN_PLANS.values(), ids=BROKEN_PLANS.keys())
def test_a_broken_plan_is_refused_in_a_dialog_with_the_command_lines_message(
    window: MainWindow,
    answers: Dialogs,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
) -> None:
    from planner.cli.main import run

    window.document.set_value("company", "Still here")
    plan = window.document.plan
    path = tmp_path / "broken.llmplan"
    path.write_bytes(content)
    assert not window.files.open_path(path, ask=False)
    assert window.document.plan == plan and window.document.dirty
    title, _text, details = answers.errors[-1]
    assert title == "Cannot open the plan"
    assert details.startswith(str(path)) and "\n" not in details
    assert run(["estimate", str(path)]) == 2
    assert details == capsys.readouterr().err.strip().removeprefix("error: ")


@pytest.mark.parametrize(
    "failure",
    [RecursionError("maximum recursion depth exceeded"), MemoryError(), TypeError("odd")],
    ids=["recursion", "memory", "type"],
)
def test_whatever_a_reader_raises_the_app_says_which_file_and_keeps_the_plan(
    window: MainWindow,
    answers: Dialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    failure: Exception,
) -> None:
    def reader_fails(_path: Path) -> Plan:
        raise failure

    monkeypatch.setattr("planner.model.planfile.load_plan", reader_fails)
    window.document.set_value("company", "Still here")
    path = tmp_path / "odd.llmplan"
    path.write_text("{}")
    assert not window.files.open_path(path, ask=False)
    assert window.document.plan.company == "Still here"
    title, _text, details = answers.errors[-1]
    assert title == "Cannot open the plan" and details.startswith(f"{path}: ")


GOOD_OVERRIDES = {
    "electricity": {"PL": {"price_per_kwh": 0.9}, "DE": {"price_per_kwh": 0.4}},
    "assumptions": {"buffer_pct": {"value": 30}},
}
DAMAGED_RATE_FILES = {
    "truncated": json.dumps(GOOD_OVERRIDES).encode()[:-7],
    "not-utf8": json.dumps(GOOD_OVERRIDES).encode().replace(b"0.9", b"0.9\xff"),
    "empty": b"",
    "null": b"null",
    "one-bad-entry": json.dumps(
        {**GOOD_OVERRIDES, "gpus": {"no-such-gpu": {"memory_gb": 80}}}
    ).encode(),
}


@pytest.mark.parametrize("content", DAMAGED_RATE_FILES.values(), ids=DAMAGED_RATE_FILES.keys())
def test_a_damaged_rate_file_is_told_and_kept_aside_before_it_is_rewritten(
    qtbot: Any, settings: AppSettings, answers: Dialogs, content: bytes
) -> None:
    from planner.rates.user_rates import set_override

    stored = settings.user_rates_path
    stored.write_bytes(content)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_at_start(None)
    window.rates.book()  # what the first estimate (or Tools → Rates) does
    qtbot.waitUntil(lambda: bool(answers.errors))
    title, text, details = answers.errors[-1]
    assert title == "Some of your own rates are not used" and len(answers.errors) == 1
    assert str(stored) in text and str(stored) in details
    copies = list(stored.parent.glob(stored.name + ".bad-*"))
    assert len(copies) == 1 and copies[0].read_bytes() == content
    assert str(copies[0]) in text, "the user is told where the copy is"
    assert stored.read_bytes() == content, "nothing is written before the user changes a rate"

    window.rates.set_overrides(
        set_override(window.rates.overrides(), "electricity", "FR", "price_per_kwh", 0.3)
    )
    assert json.loads(stored.read_text())["electricity"]["FR"]["price_per_kwh"] == 0.3
    assert list(stored.parent.glob(stored.name + ".bad-*")) == copies
    assert copies[0].read_bytes() == content


def test_a_good_rate_file_is_neither_told_nor_copied(
    qtbot: Any, settings: AppSettings, answers: Dialogs
) -> None:
    settings.user_rates_path.write_text(json.dumps(GOOD_OVERRIDES))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_at_start(None)
    window.rates.book()
    qtbot.wait(50)
    assert answers.errors == [] and window.rates.overrides() == GOOD_OVERRIDES
    window.rates.set_overrides(window.rates.overrides())
    assert not list(settings.user_rates_path.parent.glob("*.bad-*"))
