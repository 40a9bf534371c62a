"""Workshop mode in the app: several plans side by side, live, saved, exported, projected."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.engine.estimate import estimate
from planner.model.planfile import load_plan
from planner.model.portfolio import load_portfolio
from planner.rates import load_rates
from planner.words.formats import money
from tests.ui.conftest import Dialogs
from ui import workshop
from ui.main_window import QUESTIONS, MainWindow
from ui.theme import apply_look
from ui.workshop import file_dialogs
from ui.workshop.table_model import FACTS, OPEN_ROW, cell_text
from ui.workshop.window import WorkshopWindow

ROOT = Path(__file__).parents[2]
TEMPLATES = ("customer_email", "support_agent", "voice_agent", "document_analysis")


def write_plan(folder: Path, template: str, company: str) -> Path:
    data = json.loads((ROOT / "templates" / f"{template}.json").read_text(encoding="utf-8"))
    data["plan"]["company"] = company
    path = folder / f"{template}.llmplan"
    path.write_text(json.dumps(data["plan"], ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def plans(tmp_path: Path) -> list[Path]:
    names = ("Piekarnia Żółw", "Acme Support", "Hotel Tatry")
    return [write_plan(tmp_path, t, n) for t, n in zip(TEMPLATES, names, strict=False)]


def open_with_menu(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, paths: list[Path]
) -> WorkshopWindow:
    monkeypatch.setattr(file_dialogs, "ask_workshop_paths", lambda *_args: paths)
    action = next(
        a for a in window.menuBar().actions()[0].menu().actions() if "workshop" in a.text()
    )
    action.trigger()
    found = workshop.workshop_window(window, create=False)
    assert found is not None
    return found


def wait_priced(qtbot: Any, ws: WorkshopWindow) -> None:
    qtbot.waitUntil(lambda: not ws.session.busy(), timeout=60_000)


def monthly_text(ws: WorkshopWindow, column: int) -> str:
    return cell_text(ws.session.columns[column], "monthly")


def test_the_table_model_holds_up(
    qtmodeltester: Any,
    qtbot: Any,
    window: MainWindow,
    plans: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws = open_with_menu(window, monkeypatch, plans)
    wait_priced(qtbot, ws)
    qtmodeltester.check(ws.model)
    assert ws.model.rowCount() == len(FACTS) and ws.model.columnCount() == 3


def test_several_plans_open_side_by_side_each_with_its_own_estimate(
    qtbot: Any, window: MainWindow, plans: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = open_with_menu(window, monkeypatch, plans)
    wait_priced(qtbot, ws)
    model = ws.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["1. Piekarnia Żółw", "2. Acme Support", "3. Hotel Tatry"]
    rates = load_rates()
    for column, path in enumerate(plans):
        best = estimate(load_plan(path), rates).recommended
        assert best is not None
        assert monthly_text(ws, column) == money(best.monthly_cost, "EUR")
        index = model.index(FACTS.index("recommended"), column)
        assert model.data(index) == best.label
    assert "genai-prices" in ws.rates_label.text()


def test_editing_a_plan_in_the_main_window_updates_its_column(
    qtbot: Any, window: MainWindow, plans: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = open_with_menu(window, monkeypatch, plans)
    wait_priced(qtbot, ws)
    ws.show()
    qtbot.waitExposed(ws)
    link = ws.view.visualRect(ws.model.index(OPEN_ROW, 1)).center()
    qtbot.mouseClick(ws.view.viewport(), Qt.MouseButton.LeftButton, pos=link)
    assert window.document.path == plans[1]
    assert window.current_step() == QUESTIONS
    before = monthly_text(ws, 1)
    others = [monthly_text(ws, 0), monthly_text(ws, 2)]
    assert window.document.set_value("workload.requests_per_day", 90_000) == ""
    qtbot.waitUntil(lambda: monthly_text(ws, 1) not in (before, ""), timeout=60_000)
    wait_priced(qtbot, ws)
    changed = estimate(window.document.plan, load_rates()).recommended
    assert changed is not None
    assert monthly_text(ws, 1) == money(changed.monthly_cost, "EUR")
    assert [monthly_text(ws, 0), monthly_text(ws, 2)] == others


def test_a_saved_workshop_opens_again_and_keeps_a_plan_it_cannot_read(
    qtbot: Any,
    window: MainWindow,
    plans: list[Path],
    answers: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    ws = open_with_menu(window, monkeypatch, plans)
    wait_priced(qtbot, ws)
    ws.session.set_header(title="Warsztat AI", hub="EDIH Kraków")
    entry = ws.session.columns[2].entry.model_copy(update={"service_value": 1500.0})
    ws.session.set_entry(2, entry)
    target = tmp_path / "day.llmworkshop"
    monkeypatch.setattr(file_dialogs, "ask_save_workshop", lambda *_args: target)
    assert ws.save()
    assert [e.plan for e in load_portfolio(target).plans] == [p.name for p in plans]
    assert "1 500,00" in cell_text(ws.session.columns[2], "service") or "1,500.00" in cell_text(
        ws.session.columns[2], "service"
    )
    plans[0].write_text('{"workload": {"requests_per_day": "many"}}', encoding="utf-8")
    ws.close()
    ws = open_with_menu(window, monkeypatch, [target])
    wait_priced(qtbot, ws)
    (_title, _text, details) = answers.errors[-1]
    assert str(plans[0]) in details and "workload.requests_per_day" in details
    assert [c.problem != "" for c in ws.session.columns] == [True, False, False]
    assert ws.session.header.hub == "EDIH Kraków"
    assert ws.session.columns[2].entry.service_value == 1500.0
    ws.session.set_header(title="Warsztat AI, Kraków")
    assert ws.save()
    assert len(load_portfolio(target).plans) == 3  # the unreadable plan is not lost


def test_exports_wait_until_every_plan_can_be_priced(
    qtbot: Any,
    window: MainWindow,
    plans: list[Path],
    answers: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    ws = open_with_menu(window, monkeypatch, plans)
    wait_priced(qtbot, ws)
    ws.session.columns[0] = ws.session.columns[0].__class__(
        plans[0], None, ws.session.columns[0].entry, problem=f"{plans[0]}: broken"
    )
    answers.save_path = tmp_path / "day.pdf"
    ws.export("pdf")
    assert answers.errors[-1][1].startswith("Some plans cannot be read")
    assert not (tmp_path / "day.pdf").exists()
    ws.session.remove(0)
    wait_priced(qtbot, ws)
    ws.export("pdf")
    qtbot.waitUntil(lambda: (tmp_path / "day.pdf").exists(), timeout=60_000)
    qtbot.waitUntil(lambda: "Exported" in ws.statusBar().currentMessage(), timeout=60_000)
    assert (tmp_path / "day.pdf").read_bytes().startswith(b"%PDF")


def test_in_projector_mode_the_companies_scroll_sideways_without_clipping(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_look(app, True)
    try:
        paths = [write_plan(tmp_path, t, f"Company {t}") for t in TEMPLATES]
        more = tmp_path / "more"
        more.mkdir()
        paths += [write_plan(more, t, f"Other {t}") for t in TEMPLATES]
        ws = open_with_menu(window, monkeypatch, paths)
        ws.resize(1280, 800)
        ws.show()
        qtbot.waitExposed(ws)
        wait_priced(qtbot, ws)
        qtbot.wait(50)
        view = ws.view
        assert view.horizontalScrollBar().maximum() > 0
        metrics = view.fontMetrics()
        for column in range(ws.model.columnCount()):
            width = view.columnWidth(column)
            for fact in ("monthly", "one_off"):
                text = cell_text(ws.session.columns[column], fact)
                bold = view.font()
                bold.setBold(True)
                from PySide6.QtGui import QFontMetrics

                assert QFontMetrics(bold).horizontalAdvance(text) < width - 8, (fact, text)
            row = FACTS.index("recommended")
            assert view.rowHeight(row) >= metrics.height() * 2  # long labels wrap, not clip
    finally:
        apply_look(app, False)


def test_closing_the_app_asks_about_an_unsaved_workshop(
    qtbot: Any,
    window: MainWindow,
    plans: list[Path],
    answers: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ws = open_with_menu(window, monkeypatch, plans)
    wait_priced(qtbot, ws)
    asked = answers.unsaved_asked
    answers.unsaved_answer = "cancel"
    window.close()
    assert window.isVisible() and answers.unsaved_asked == asked + 1
    assert workshop.workshop_window(window, create=False) is ws
    answers.unsaved_answer = "discard"


def test_adding_plans_skips_repeats_and_names_the_unreadable_ones(
    qtbot: Any,
    window: MainWindow,
    plans: list[Path],
    answers: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    ws = open_with_menu(window, monkeypatch, plans[:1])
    wait_priced(qtbot, ws)
    broken = tmp_path / "broken.llmplan"
    broken.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(
        file_dialogs, "ask_workshop_paths", lambda *_args: [plans[0], broken, plans[1]]
    )
    ws.add_plans()
    assert [c.file for c in ws.session.columns] == plans[:2]
    (_title, _text, details) = answers.errors[-1]
    assert details.startswith(f"{broken}: not valid JSON (line 1")
    wait_priced(qtbot, ws)
