"""The rates editor: browse, override (kept in the user's folder), reset, import prices."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from planner.rates import load_rates
from planner.rates.price_import import INPUT_FIELD, OUTPUT_FIELD, current_prices
from tests.ui.conftest import Dialogs, results_step
from ui.rates.editor import RatesEditor
from ui.rates_service import RatesService
from ui.settings import AppSettings


@pytest.fixture
def editor(qtbot: Any, settings: AppSettings, answers: Dialogs) -> RatesEditor:
    dialog = RatesEditor(RatesService(settings.user_rates_path))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def open_table(editor: RatesEditor, name: str) -> None:
    for row in range(editor.tables.count()):
        if editor.tables.item(row).data(Qt.ItemDataRole.UserRole) == name:
            editor.tables.setCurrentRow(row)
    assert editor.table == name


def cell(editor: RatesEditor, key: str, field: str) -> Any:
    model = editor.model
    column = model.fields().index(field)
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == key)
    return model.index(row, column)


def test_every_table_can_be_browsed_with_sources_and_dates(editor: RatesEditor) -> None:
    for row in range(editor.tables.count()):
        editor.tables.setCurrentRow(row)
        assert editor.model.rowCount() > 0
        assert "source" in editor.model.fields() or "price_source" in editor.model.fields()
    editor.view.selectRow(0)
    assert editor.provenance.text().startswith("Source: ")


def test_an_override_is_stored_in_the_users_folder_and_used(
    editor: RatesEditor, settings: AppSettings
) -> None:
    open_table(editor, "electricity")
    bundled_file = Path(load_rates().origin["electricity"].split(" ")[0])
    assert editor.model.setData(cell(editor, "PL", "price_per_kwh"), "0.42")
    stored = json.loads(settings.user_rates_path.read_text())
    assert stored == {"electricity": {"PL": {"price_per_kwh": 0.42}}}
    assert editor.rates.book().electricity[1].price_per_kwh == 0.42
    assert cell(editor, "PL", "price_per_kwh").data(Qt.ItemDataRole.FontRole).bold()
    assert load_rates().electricity[1].price_per_kwh != 0.42, "the bundled table is unchanged"
    assert bundled_file.name == "electricity.toml"
    fresh = RatesService(settings.user_rates_path)
    assert fresh.book().electricity[1].price_per_kwh == 0.42, "kept for the next start"


def test_a_bad_value_is_refused_with_a_message(editor: RatesEditor, settings: AppSettings) -> None:
    open_table(editor, "electricity")
    assert not editor.model.setData(cell(editor, "PL", "price_per_kwh"), "cheap")
    assert "not a number" in editor.problem.text()
    editor.model.setData(cell(editor, "PL", "price_per_kwh"), "-1")
    assert (
        editor.problem.text().startswith("Not changed:")
        and "price_per_kwh" in editor.problem.text()
    )
    assert not settings.user_rates_path.exists()


def test_reset_row_table_and_everything(editor: RatesEditor, answers: Dialogs) -> None:
    open_table(editor, "electricity")
    editor.model.setData(cell(editor, "PL", "price_per_kwh"), "0.42")
    editor.model.setData(cell(editor, "DE", "price_per_kwh"), "0.33")
    editor.view.setCurrentIndex(editor.proxy.mapFromSource(cell(editor, "PL", "price_per_kwh")))
    editor.reset_row.click()
    assert editor.rates.overrides() == {"electricity": {"DE": {"price_per_kwh": 0.33}}}
    editor.reset_table.click()
    assert editor.rates.overrides() == {}
    editor.model.setData(cell(editor, "DE", "price_per_kwh"), "0.33")
    editor.reset_all.click()
    assert editor.rates.overrides() == {}


def test_an_api_price_can_be_changed_and_the_other_half_is_kept(editor: RatesEditor) -> None:
    open_table(editor, "api_models")
    row = load_rates().api_model("mistral-large-4")
    reading, writing = current_prices(row, date.today())
    editor.model.setData(cell(editor, "mistral-large-4", "price_in"), "0.1")
    assert editor.rates.overrides()["api_models"]["mistral-large-4"] == {
        INPUT_FIELD: 0.1,
        OUTPUT_FIELD: writing,
    }
    assert cell(editor, "mistral-large-4", "price_in").data() == "0.1"
    assert reading != 0.1


def litellm_file(folder: Path, prices: dict[str, tuple[float, float]]) -> Path:
    data = {
        "sample_spec": {"input_cost_per_token": 0, "output_cost_per_token": 0},
        **{
            name: {"input_cost_per_token": a / 1e6, "output_cost_per_token": b / 1e6}
            for name, (a, b) in prices.items()
        },
    }
    path = folder / "model_prices_and_context_window.json"
    path.write_text(json.dumps(data))
    return path


def test_newer_prices_are_previewed_then_applied(editor: RatesEditor, tmp_path: Path) -> None:
    path = litellm_file(tmp_path, {"gpt-4o": (1.0, 4.0), "mistral/mistral-large-4": (0.25, 1.0)})
    preview = editor.preview(path)
    assert preview is not None
    assert {c.api_model_id for c in preview.chosen()} == {"openai-gpt-4o", "mistral-large-4"}
    preview.model.setData(
        preview.model.index(0, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    kept = {c.api_model_id for c in preview.chosen()}
    assert editor.rates.overrides() == {}, "nothing changes before Apply"
    assert editor.apply_preview(preview)
    assert set(editor.rates.overrides()["api_models"]) == kept


def test_a_file_that_is_not_a_price_file_changes_nothing(
    editor: RatesEditor, answers: Dialogs, tmp_path: Path
) -> None:
    path = tmp_path / "prices.json"
    path.write_text('{"hello": "world"}')
    assert editor.preview(path) is None
    assert answers.errors[-1][0] == "Cannot read the price file"
    assert editor.rates.overrides() == {}


def test_a_broken_user_rates_file_is_reported_and_ignored(settings: AppSettings) -> None:
    settings.user_rates_path.write_text("{ broken")
    service = RatesService(settings.user_rates_path)
    assert service.book() == load_rates()
    assert service.problems and "not valid JSON" in service.problems[0]


def test_the_results_follow_a_rate_change(qtbot: Any, window: Any) -> None:
    window.go_to(results_step())  # the results page (Actual spend comes after it)
    page = window.results
    qtbot.waitUntil(lambda: page.result is not None)
    before = page.result.recommended
    row = window.rates.book().api_model(before.id.removeprefix("api:"))
    window.rates.set_overrides({"api_models": {row.id: {INPUT_FIELD: 500.0, OUTPUT_FIELD: 500.0}}})
    assert page.result.recommended.id != before.id
