"""The Actual spend screen through its real widgets: import (button, drop, cancel), the
charts holding the ledger's numbers, budgets, label editing, and the tables' models."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from planner.actuals.money import Converter
from planner.actuals.report import status_report
from planner.actuals.store import open_ledger
from planner.rates import load_rates
from tests.planner.actuals.conftest import FIXTURES
from tests.planner.actuals.synthetic import Day, days, write_days
from tests.ui.conftest import Dialogs
from ui.actuals import page as page_module
from ui.actuals.budget_dialog import BudgetDialog
from ui.actuals.models import PROJECT, RAW, AlertsModel, LabelsModel, ReconciliationModel
from ui.actuals.page import EMPTY, LOADED, UNSAVED, ActualsPage
from ui.main_window import ACTUALS, MainWindow

YESTERDAY = date.today() - timedelta(days=1)
RECENT = days(YESTERDAY - timedelta(days=34), YESTERDAY)


def _traffic(day: date) -> list[Day]:
    return [Day(requests=800 if day.weekday() < 5 else 200),
            Day(requests=100, model="claude-sonnet-4-20250514", provider="anthropic",
                project="sales", feature="drafts")]  # fmt: skip


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return write_days(tmp_path / "usage.csv", RECENT, _traffic)


@pytest.fixture
def screen(window: MainWindow, tmp_path: Path) -> ActualsPage:
    """The Actual spend page of a saved plan (no ledger yet)."""
    window.document.save(tmp_path / "acme.llmplan")
    window.go_to(ACTUALS)
    found = window.page(ACTUALS)
    assert isinstance(found, ActualsPage)
    return found


def _import(qtbot: Any, screen: ActualsPage, monkeypatch: pytest.MonkeyPatch, *files: Path) -> None:
    monkeypatch.setattr(page_module, "ask_export_files", lambda _parent, _folder: list(files))
    qtbot.mouseClick(screen.import_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, screen)


def _settle(qtbot: Any, screen: ActualsPage) -> None:
    qtbot.waitUntil(lambda: not screen.jobs.running, timeout=60_000)
    QApplication.processEvents()


def test_an_unsaved_plan_is_saved_before_it_gets_a_ledger(
    qtbot: Any, window: MainWindow, answers: Dialogs, tmp_path: Path
) -> None:
    window.go_to(ACTUALS)
    screen = window.page(ACTUALS)
    assert isinstance(screen, ActualsPage)
    assert screen.states.currentIndex() == UNSAVED and not screen.import_button.isEnabled()
    answers.save_path = tmp_path / "shop.llmplan"
    save = screen.findChild(type(screen.import_button), "save-plan-first")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.states.currentIndex() == EMPTY)
    assert screen.import_button.isEnabled()
    assert "shop.llmledger" in screen.where.text()
    assert not (tmp_path / "shop.llmledger").exists()  # made on the first import


def test_importing_fills_the_charts_with_the_ledgers_numbers(
    qtbot: Any, screen: ActualsPage, export: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _import(qtbot, screen, monkeypatch, export)
    assert screen.states.currentIndex() == LOADED
    assert "35 rows read" not in screen.message.text()  # two rows a day
    assert "70 rows read, 70 added" in screen.message.text()
    ledger = tmp_path / "acme.llmledger"
    board = screen.board
    assert board is not None and ledger.exists()
    store = open_ledger(ledger, create=False)
    try:
        status = status_report(store, load_rates(), board.month, board.currency)
    finally:
        store.close()
    bars = screen.month_tab.daily.stacked_values()
    assert set(bars) == {"OpenAI", "Anthropic"}
    for day, totals in status.days.items():
        at = board.days.index(day)
        shown = sum(values[at] for values in bars.values())
        assert shown == pytest.approx(float(totals.priced), rel=1e-9)  # no bill: usage
    last = screen.month_tab.burn_up.actual.points()[-1]
    assert last.y() == pytest.approx(float(status.month_to_date.priced), rel=1e-9)


def test_dropping_export_files_imports_them(qtbot: Any, screen: ActualsPage, export: Path) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(export))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(screen, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(screen, drop)
    _settle(qtbot, screen)
    assert screen.states.currentIndex() == LOADED and screen.board is not None
    assert screen.board.requests > 0


def _big_export(path: Path, rows: int = 150_000) -> Path:
    lines = ["timestamp,provider,model,input_tokens,output_tokens"]
    lines += [f"{YESTERDAY.isoformat()}T10:{n // 3600 % 60:02d}:{n % 60:02d}.{n % 1000:03d}Z,openai,"
              f"gpt-4o-mini,{1000 + n % 7},{100 + n % 5}" for n in range(rows)]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cancelling_an_import_leaves_the_ledger_as_it_was(
    qtbot: Any, screen: ActualsPage, export: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _import(qtbot, screen, monkeypatch, export)
    ledger = tmp_path / "acme.llmledger"
    store = open_ledger(ledger, create=False)
    before = store.contents()
    store.close()
    big = _big_export(tmp_path / "big.csv")
    monkeypatch.setattr(page_module, "ask_export_files", lambda _parent, _folder: [big])
    qtbot.mouseClick(screen.import_button, Qt.MouseButton.LeftButton)
    assert screen.cancel_button.isVisible() and screen.progress.isVisible()
    qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, screen)
    assert "cancelled" in screen.message.text() and screen.states.currentIndex() == LOADED
    store = open_ledger(ledger, create=False)
    try:
        assert store.contents() == before
    finally:
        store.close()


def test_a_cancelled_first_import_leaves_no_ledger(
    qtbot: Any, screen: ActualsPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    big = _big_export(tmp_path / "big.csv")
    monkeypatch.setattr(page_module, "ask_export_files", lambda _parent, _folder: [big])
    qtbot.mouseClick(screen.import_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, screen)
    assert not (tmp_path / "acme.llmledger").exists()
    assert screen.states.currentIndex() == EMPTY


def test_a_refused_file_is_named_and_nothing_is_kept(
    qtbot: Any, screen: ActualsPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _import(qtbot, screen, monkeypatch, FIXTURES / "unknown.csv")
    text = screen.message.text()
    assert "unknown.csv" in text and "Nothing was imported" in text
    assert not (tmp_path / "acme.llmledger").exists()


def test_a_budget_from_the_plan_shows_as_the_budget_line(
    qtbot: Any, screen: ActualsPage, export: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _import(qtbot, screen, monkeypatch, export)
    screen.plan_budget_action.trigger()
    _settle(qtbot, screen)
    board = screen.board
    assert board is not None and board.budget_total is not None
    [state] = board.budgets
    assert state.budget.source == "plan"
    assert screen.figures.budget.value.text().replace("\xa0", " ") != "none set"
    names = {s.name() for s in screen.month_tab.daily.chart().series()}
    assert "Budget a day" in names and "Plan" in names


def test_renaming_a_project_renames_it_in_the_charts(
    qtbot: Any, screen: ActualsPage, export: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _import(qtbot, screen, monkeypatch, export)
    screen.tabs.setCurrentWidget(screen.names_tab)
    view = screen.names_tab.view
    proxy = view.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, RAW).data() == "sales")
    index = proxy.index(row, PROJECT)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.viewport().findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClicks(editor, "Sales team")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.mouseClick(screen.names_tab.save, Qt.MouseButton.LeftButton)
    _settle(qtbot, screen)
    screen.month_tab.stack_by.setCurrentIndex(1)  # by project
    assert "Sales team" in screen.month_tab.daily.stacked_values()


def test_the_budget_dialog_checks_the_amount(qtbot: Any) -> None:
    dialog = BudgetDialog(None, load_rates(), "PLN", ["provider:openai"])
    qtbot.addWidget(dialog)
    dialog.amount.setText("lots")
    dialog._save()
    assert dialog.budget is None and "number above zero" in dialog.problem.text()
    dialog.amount.setText("1 500,50")
    dialog.scope.setCurrentIndex(1)
    dialog._save()
    assert dialog.budget is not None
    assert (dialog.budget.amount, dialog.budget.currency, dialog.budget.scope) == (
        Decimal("1500.50"),
        "PLN",
        "provider:openai",
    )


def test_the_tables_models_pass_the_model_tester(
    qtbot: Any,
    qtmodeltester: Any,
    screen: ActualsPage,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _import(qtbot, screen, monkeypatch, FIXTURES / "openai_usage.csv",
            FIXTURES / "openai_costs_10.csv", FIXTURES / "labels.json")  # fmt: skip
    board = screen.board
    assert board is not None
    alerts, bills, labels = AlertsModel(), ReconciliationModel(), LabelsModel()
    alerts.set_rows(board.alerts)
    bills.set_rows(board.reconciliation, board.currency)
    labels.set_rows(board.labels)
    for model in (alerts, bills, labels):
        qtmodeltester.check(model)
    assert bills.rowCount() == len(board.reconciliation) > 0
    gap = bills.gap_total()
    convert = Converter(load_rates(), board.currency)
    assert gap > convert(Decimal("0.5"), "USD")  # the 12 October bill the usage does not explain
    assert any(a.rule == "reconciliation_gap" for a in board.alerts)
