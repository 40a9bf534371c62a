"""File → Export of a saved plan with a ledger beside its file: the workbook gains the
Actuals, Variance and Alerts sheets, and the PDF the "Plan and actual" section (issue 14)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from planner.model.planfile import save_plan
from planner.model.templates import template
from tests.planner.export.ledger_month import make_ledger
from tests.ui.conftest import Dialogs, wait_for_results
from ui.main_window import QUESTIONS, MainWindow


def _export(qtbot: Any, window: MainWindow, answers: Dialogs, target: Path, kind: str) -> None:
    answers.save_path = target
    window.export(kind)
    qtbot.waitUntil(lambda: target.exists() or bool(answers.errors), timeout=60_000)
    assert not answers.errors, answers.errors
    qtbot.waitUntil(lambda: "Exported to" in window.statusBar().currentMessage(), timeout=10_000)


def test_exporting_a_plan_with_a_ledger_adds_the_actual_spend(
    qtbot: Any, window: MainWindow, answers: Dialogs, tmp_path: Path
) -> None:
    pytest.importorskip("planner.export.files")
    plan = template("support_agent").plan.model_copy(update={"start_date": date(2026, 3, 1)})
    plan_file = tmp_path / "shop.llmplan"
    save_plan(plan, plan_file)
    make_ledger(tmp_path, plan, window.rates.book())
    window.document.replace(plan, plan_file)
    window.go_to(QUESTIONS)
    wait_for_results(qtbot, window)
    _export(qtbot, window, answers, tmp_path / "budget.xlsx", "xlsx")
    sheets = openpyxl.load_workbook(tmp_path / "budget.xlsx").sheetnames
    assert sheets[4:7] == ["Actuals", "Variance", "Alerts"]
    _export(qtbot, window, answers, tmp_path / "report.pdf", "pdf")
    reader = PdfReader(io.BytesIO((tmp_path / "report.pdf").read_bytes()))
    assert any("Plan and actual" in page.extract_text() for page in reader.pages)


def test_an_unsaved_plan_exports_without_actual_spend(
    qtbot: Any, window: MainWindow, answers: Dialogs, tmp_path: Path
) -> None:
    pytest.importorskip("planner.export.files")
    window.document.replace(template("customer_email").plan)
    window.go_to(QUESTIONS)
    wait_for_results(qtbot, window)
    _export(qtbot, window, answers, tmp_path / "budget.xlsx", "xlsx")
    sheets = openpyxl.load_workbook(tmp_path / "budget.xlsx").sheetnames
    assert "Actuals" not in sheets
