"""The Excel export: sheets, names, live formulas that equal the engine to the cent."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from planner.engine.estimate import estimate, recost
from planner.export.files import export_files
from planner.export.shown import shown_options
from planner.export.workbook.writer import option_name
from planner.model.plan import Plan
from planner.model.templates import template
from planner.rates import load_rates

from .recalc import named_values, set_named_value

RATES = load_rates()


def plan_of(template_id: str, **changes: object) -> Plan:
    plan = template(template_id).plan
    return plan.model_copy(update={"company": "Zażółć gęślą jaźń Sp. z o.o.", **changes})


def exported(tmp_path: Path, plan: Plan) -> Path:
    target = tmp_path / "budget.xlsx"
    export_files(plan, estimate(plan, RATES), RATES, xlsx=target)
    return target


def with_volume(plan: Plan, requests: float) -> Plan:
    return plan.model_copy(
        update={"workload": plan.workload.model_copy(update={"requests_per_day": requests})}
    )


def test_the_workbook_has_its_sheets_names_and_formulas(tmp_path: Path) -> None:
    plan = plan_of("support_agent")
    path = exported(tmp_path, plan)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Summary", "Assumptions", "Options", "Budget", "Rates"]
    names = set(workbook.defined_names)
    assert {
        "requests_per_day",
        "input_tokens",
        "output_tokens",
        "days_per_month",
        "growth_pct_per_month",
    } <= names
    for option in shown_options(estimate(plan, RATES)):
        assert f"monthly_cost_{option_name(option.id)}" in names
        assert f"horizon_cost_{option_name(option.id)}" in names
    options = workbook["Options"]
    totals = [row for row in options.iter_rows(min_col=1, max_col=3) if row[0].value == "Total"]
    assert len(totals) == len(shown_options(estimate(plan, RATES)))
    for _label, monthly, once in totals:
        assert str(monthly.value).startswith("=SUM(") and str(once.value).startswith("=SUM(")
    first_month = [
        row[1].value
        for row in options.iter_rows(min_col=1, max_col=2)
        if row[0].value == "Staff and IT services"
    ]
    assert all(str(v).startswith("='Budget'!") for v in first_month)
    budget = workbook["Budget"]
    assert str(budget["E4"].value).startswith("=")
    assert budget.freeze_panes == "C4"
    assert "€" in budget["E4"].number_format
    assert str(budget.page_setup.paperSize) == budget.PAPERSIZE_A4
    assert workbook["Summary"]._charts, "native charts on the summary"
    assert workbook.properties.title.startswith("AI budget")
    with zipfile.ZipFile(path) as archive:
        assert "Zażółć gęślą jaźń Sp. z o.o." in archive.read("docProps/app.xml").decode("utf-8")


def test_user_text_is_never_a_formula(tmp_path: Path) -> None:
    plan = plan_of(
        "customer_email", company='=HYPERLINK("http://x")', name="+1+1", notes="@SUM(A1)"
    )
    workbook = openpyxl.load_workbook(exported(tmp_path, plan))
    texts = {
        c.value: c.data_type for row in workbook["Summary"].iter_rows() for c in row if c.value
    }
    for text in ('=HYPERLINK("http://x")', "@SUM(A1)"):
        assert texts[text] == "s"


def test_the_recalculated_workbook_equals_the_engine_to_the_cent(tmp_path: Path) -> None:
    plan = plan_of("support_agent")
    path = exported(tmp_path, plan)
    result = estimate(plan, RATES)
    values = named_values(path, ("monthly_cost_", "horizon_cost_"))
    for option in shown_options(result):
        key = option_name(option.id)
        assert values[f"monthly_cost_{key}"] == pytest.approx(option.monthly_cost, abs=0.005)
        assert values[f"horizon_cost_{key}"] == pytest.approx(option.horizon_cost, abs=0.005)


@pytest.mark.parametrize(
    ("template_id", "name", "factor"),
    [
        ("knowledge_assistant", "requests_per_day", 2.5),
        ("customer_email", "input_tokens", 1.3),
    ],
)
def test_changing_an_input_recalculates_like_the_engine(
    tmp_path: Path, template_id: str, name: str, factor: float
) -> None:
    plan = plan_of(
        template_id,
        horizon_months=12,
        workload=template(template_id).plan.workload.model_copy(
            update={"growth_pct_per_month": 3.0}
        ),
    )
    path = exported(tmp_path, plan)
    shown = shown_options(estimate(plan, RATES))
    workload = plan.workload
    new_value = round(getattr(workload, name) * factor)
    set_named_value(path, name, new_value)
    changed = plan.model_copy(update={"workload": workload.model_copy(update={name: new_value})})
    engine = recost([o.id for o in shown], plan, changed, RATES)
    assert set(engine) == {o.id for o in shown}
    values = named_values(path, ("monthly_cost_", "horizon_cost_"))
    for option in shown:
        again = engine[option.id]  # the same option, costed by the engine at the new input
        key = option_name(option.id)
        assert values[f"monthly_cost_{key}"] == pytest.approx(again.monthly_cost, abs=0.005), (
            option.id
        )
        assert values[f"horizon_cost_{key}"] == pytest.approx(again.horizon_cost, abs=0.005), (
            option.id
        )
