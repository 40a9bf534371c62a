"""Every table model, checked by Qt's model tester and for its sorting by raw numbers."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

import pytest
from PySide6.QtCore import Qt

from planner.engine.estimate import estimate
from planner.model.result import EstimateResult
from planner.model.templates import template
from planner.rates import load_rates
from planner.rates.price_import import PriceChange
from planner.scenarios.basis import basis_items
from planner.scenarios.levers import lever_savings
from ui.rates.import_preview import PriceChangesModel
from ui.rates.table_model import RateTableModel
from ui.results.assumptions_model import VALUE, AssumptionsModel
from ui.results.levers_model import LeversModel
from ui.results.options_model import HORIZON, MONTHLY, OPTION, STATUS, OptionsFilter, OptionsModel


@cache
def support_agent() -> EstimateResult:
    return estimate(template("support_agent").plan, load_rates(), analysis=False)


def test_options_model(qtmodeltester: Any) -> None:
    result = support_agent()
    model = OptionsModel()
    model.set_rows(
        result.options, result.currency, result.horizon_months, result.recommendation.option_id
    )
    qtmodeltester.check(model)
    assert model.rowCount() == len(result.options)
    assert model.headerData(HORIZON, Qt.Orientation.Horizontal) == "Over 36 months"


def test_options_sort_by_number_not_text_and_hide_the_ruled_out(qtmodeltester: Any) -> None:
    result = support_agent()
    model = OptionsModel()
    model.set_rows(
        result.options, result.currency, result.horizon_months, result.recommendation.option_id
    )
    proxy = OptionsFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.sort(MONTHLY, Qt.SortOrder.AscendingOrder)
    costs = [
        model.option(proxy.mapToSource(proxy.index(r, 0)).row()).monthly_cost
        for r in range(proxy.rowCount())
    ]
    assert costs == sorted(costs)
    assert proxy.rowCount() == sum(o.feasible for o in result.options)
    proxy.set_show_excluded(True)
    assert proxy.rowCount() == len(result.options)
    proxy.setFilterFixedString("RTX 4090")
    assert 0 < proxy.rowCount() < 60
    assert all("RTX 4090" in proxy.index(r, OPTION).data() for r in range(proxy.rowCount()))


def test_a_ruled_out_option_says_why(qtmodeltester: Any) -> None:
    result = support_agent()
    model = OptionsModel()
    model.set_rows(
        result.options, result.currency, result.horizon_months, result.recommendation.option_id
    )
    row = next(r for r in range(model.rowCount()) if not model.option(r).feasible)
    assert model.index(row, STATUS).data().startswith("No: ")
    assert model.index(row, STATUS).data(Qt.ItemDataRole.ToolTipRole)
    recommended = next(
        r for r in range(model.rowCount()) if model.option(r).id == result.recommendation.option_id
    )
    assert model.index(recommended, STATUS).data() == "Recommended"


def test_levers_model(qtmodeltester: Any) -> None:
    plan = template("customer_email").plan
    result = support_agent()
    savings = lever_savings(plan, estimate(plan).recommendation.option_id or "", load_rates())
    model = LeversModel()
    model.set_rows(savings, result.currency)
    qtmodeltester.check(model)
    shown = [model.index(r, 3).data(Qt.ItemDataRole.UserRole + 1) for r in range(model.rowCount())]
    assert shown == sorted(shown, reverse=True), "biggest saving first"


def test_assumptions_model_is_editable_in_the_value_column_only(qtmodeltester: Any) -> None:
    plan = template("support_agent").plan
    model = AssumptionsModel()
    model.set_rows(basis_items(plan, support_agent(), load_rates()))
    qtmodeltester.check(model)
    assert model.flags(model.index(0, VALUE)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    sources = {model.item(r).source for r in range(model.rowCount())}
    assert all(len(source) >= 3 for source in sources)


def test_every_number_behind_a_result_is_listed_with_its_source() -> None:
    plan = template("support_agent").plan
    items = basis_items(plan, support_agent(), load_rates())
    tables = {item.target[1] for item in items if item.target[0] == "rate"}
    assert {
        "api_models",
        "gpu_cloud_prices",
        "gpus",
        "local_machines",
        "electricity",
        "staff_rates",
        "assumptions",
    } <= tables
    assert ("plan", "workload.buffer_pct") in {item.target for item in items}
    assert any(
        item.target[2] == "amortisation_months" for item in items if item.target[0] == "rate"
    )


@pytest.mark.parametrize(
    "table", ["api_models", "gpus", "electricity", "assumptions", "measurements"]
)
def test_rate_table_model(qtmodeltester: Any, table: str) -> None:
    rates = load_rates()
    model = RateTableModel()
    model.set_rows(table, rates.table(table), rates.table(table), {})
    qtmodeltester.check(model)
    assert model.fields()[-2:] in (["source", "as_of"], ["price_source", "price_as_of"])


def test_rate_table_marks_a_users_value() -> None:
    rates = load_rates()
    model = RateTableModel()
    overrides = {"electricity": {"PL": {"price_per_kwh": 0.5}}}
    from planner.rates import with_overrides

    changed = with_overrides(rates, overrides)
    model.set_rows("electricity", changed.electricity, rates.electricity, overrides)
    column = model.fields().index("price_per_kwh")
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "PL")
    assert model.index(row, column).data(Qt.ItemDataRole.FontRole).bold()
    assert "bundled value is" in model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)


def test_price_changes_model(qtmodeltester: Any) -> None:
    model = PriceChangesModel()
    model.set_rows(
        [
            PriceChange("a", "Model A", 1.0, 0.8, 4.0, 3.0),
            PriceChange("b", "Model B", None, 2.0, None, 6.0),
        ]
    )
    qtmodeltester.check(model)
    assert len(model.chosen()) == 2
    model.setData(model.index(1, 0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert [c.api_model_id for c in model.chosen()] == ["a"]
    assert model.index(0, 5).data() == "-24%"
    assert model.index(1, 1).data() == "not priced"
    shown = [
        model.index(r, c).data()
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]
    assert not any(str(date.today().year) in str(text) for text in shown)  # no dates shown


def test_every_savings_lever_says_in_words_what_it_assumes() -> None:
    from planner.scenarios.levers import LEVERS, LeverSaving
    from ui.results.levers_model import assumed_setting

    for lever in LEVERS:
        saving = LeverSaving(lever, 0.3, monthly_before=2.0, monthly_after=1.0, option_id=None)
        text = assumed_setting(saving)
        assert text != "30%" and "30" in text, lever
