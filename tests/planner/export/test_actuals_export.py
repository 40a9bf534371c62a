"""Exports of a plan with a ledger (issue 14): the workbook's Actuals, Variance and Alerts
sheets and the PDF's "Plan and actual" section hold the ledger's figures; without a ledger
the exports are as they were.

The ledger is made through the real importer and budget guard (``ledger_month``); the
figures compared against are read from it independently (``build_status``, ``evaluate``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from planner.actuals.export_view import ledger_beside, plan_actuals, plan_actuals_beside
from planner.actuals.guard import evaluate
from planner.actuals.money import Converter
from planner.actuals.status import Status, build_status
from planner.actuals.store import LedgerError, open_ledger
from planner.engine.estimate import estimate
from planner.export.files import export_files
from planner.export.report.document import write_report
from planner.export.workbook.writer import build_workbook
from planner.model.actuals_summary import PlanActuals
from planner.model.plan import Plan
from planner.model.planfile import save_plan
from planner.model.result import EstimateResult
from planner.model.templates import template
from planner.rates import load_rates
from planner.words.alerts import alert_message
from planner.words.formats import money
from planner.words.i18n import _, set_language
from tests.planner.export.ledger_month import BILLED_DAYS, MARCH, TODAY, make_ledger

from .workbook.recalc import recalculated_names

RATES = load_rates()
CENT = 0.005
PLAIN_SHEETS = ["Summary", "Assumptions", "Options", "Budget", "Rates"]


@dataclass(frozen=True)
class Exported:
    plan: Plan
    result: EstimateResult
    plan_file: Path
    actuals: PlanActuals
    xlsx: Path
    pdf: Path


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """A support plan in złoty with a ledger beside its file, exported once."""
    folder = tmp_path_factory.mktemp("shop")
    plan = template("support_agent").plan.model_copy(
        update={"currency": "PLN", "start_date": date(2026, 3, 1)}
    )
    plan_file = folder / "shop.llmplan"
    save_plan(plan, plan_file)
    make_ledger(folder, plan, RATES)
    result = estimate(plan, RATES)
    actuals = plan_actuals_beside(plan_file, plan, result, RATES, today=TODAY)
    assert actuals is not None
    xlsx, pdf = folder / "shop.xlsx", folder / "shop.pdf"
    export_files(plan, result, RATES, xlsx=xlsx, pdf=pdf, actuals=actuals)
    return Exported(plan, result, plan_file, actuals, xlsx, pdf)


def _status(exported: Exported) -> Status:
    store = open_ledger(ledger_beside(exported.plan_file), create=False)
    try:
        return build_status(store, "2026-03", Converter(RATES, "PLN"))
    finally:
        store.close()


# --- without a ledger -------------------------------------------------------------------
def test_a_plan_without_a_ledger_exports_as_before(tmp_path: Path, exported: Exported) -> None:
    alone = tmp_path / "alone.llmplan"
    assert plan_actuals_beside(alone, exported.plan, exported.result, RATES) is None
    assert plan_actuals_beside(None, exported.plan, exported.result, RATES) is None
    workbook = build_workbook(exported.plan, exported.result, RATES)
    assert workbook.sheetnames == PLAIN_SHEETS
    stream = io.BytesIO()
    write_report(exported.plan, exported.result, RATES, stream, curve=[], today=TODAY)
    assert "Plan and actual" not in _pdf_text(stream.getvalue())


def test_an_empty_ledger_adds_nothing_and_a_broken_one_says_so(
    tmp_path: Path, exported: Exported
) -> None:
    empty = open_ledger(tmp_path / "empty.llmledger")
    assert plan_actuals(empty, exported.plan, exported.result, RATES, today=TODAY) is None
    empty.close()
    (tmp_path / "junk.llmledger").write_text("not a ledger", encoding="utf-8")
    with pytest.raises(LedgerError):
        plan_actuals_beside(tmp_path / "junk.llmplan", exported.plan, exported.result, RATES)


# --- the workbook -----------------------------------------------------------------------
def test_the_ledgers_sheets_follow_the_budget_sheet(exported: Exported) -> None:
    workbook = openpyxl.load_workbook(exported.xlsx)
    assert workbook.sheetnames == [*PLAIN_SHEETS[:4], "Actuals", "Variance", "Alerts", "Rates"]


def test_the_actuals_sheet_holds_each_day_of_the_ledger(exported: Exported) -> None:
    status = _status(exported)
    sheet = openpyxl.load_workbook(exported.xlsx)["Actuals"]
    rows = {row[0].value.date(): row for row in sheet.iter_rows(min_row=4, max_row=3 + len(MARCH))}
    assert sorted(rows) == MARCH
    for day in MARCH:
        expected = status.days[day.isoformat()]
        cells = rows[day]
        assert cells[1].value == expected.requests
        assert (cells[2].value, cells[3].value) == (expected.input_tokens, expected.output_tokens)
        assert cells[4].value == pytest.approx(float(expected.priced), abs=1e-9)
        billed = cells[5].value
        assert (billed is None) == (day not in BILLED_DAYS)
        if billed is not None:
            assert billed == pytest.approx(float(expected.billed), abs=1e-9)
            assert cells[6].value == pytest.approx(billed - cells[4].value, abs=1e-9)
        assert cells[7].value == f"=E{cells[0].row}+G{cells[0].row}"


def test_the_actuals_totals_recalculate_to_the_ledgers_month(exported: Exported) -> None:
    status = _status(exported)
    month = status.month_to_date
    values = recalculated_names([exported.xlsx], ("actual_",))[exported.xlsx]
    assert values["actual_requests_total"] == month.requests
    assert values["actual_priced_total"] == pytest.approx(float(month.priced), abs=CENT)
    assert values["actual_billed_total"] == pytest.approx(float(month.billed), abs=CENT)
    assert values["actual_cost_total"] == pytest.approx(float(exported.actuals.spent), abs=CENT)


def test_the_variance_recalculates_to_the_budget_guards_split(exported: Exported) -> None:
    store = open_ledger(ledger_beside(exported.plan_file), create=False)
    try:
        gap = evaluate(store, RATES, today=TODAY).plan_gap  # the guard's own figures
    finally:
        store.close()
    assert gap is not None
    split = gap.split
    assert split.volume_effect > 0 and split.mix_effect != 0 and split.unit_cost_effect != 0
    values = recalculated_names([exported.xlsx], ("variance_",))[exported.xlsx]
    assert values["variance_volume_effect"] == pytest.approx(float(split.volume_effect), abs=CENT)
    assert values["variance_unit_cost_effect"] == pytest.approx(
        float(split.unit_cost_effect), abs=CENT
    )
    assert values["variance_mix_effect"] == pytest.approx(float(split.mix_effect), abs=CENT)
    assert values["variance_total"] == pytest.approx(float(split.total), abs=CENT)
    assert values["variance_plan_cost"] == pytest.approx(float(gap.expected.usage_cost), abs=CENT)


def test_editing_an_actual_figure_moves_the_variance(exported: Exported, tmp_path: Path) -> None:
    """Twice a model's requests, and a larger bill on the Actuals sheet: the effects follow."""
    edited = tmp_path / "edited.xlsx"
    workbook = openpyxl.load_workbook(exported.xlsx)
    variance, actuals = workbook["Variance"], workbook["Actuals"]
    model_row = 18  # the first model's row
    requests = variance.cell(model_row, 3).value
    variance.cell(model_row, 3).value = requests * 2
    billed_row = 3 + MARCH.index(next(iter(BILLED_DAYS))) + 1
    actuals.cell(billed_row, 7).value += 100.0  # the bill adds 100 zł more on that day
    workbook.save(edited)
    before = recalculated_names([exported.xlsx], ("variance_",))[exported.xlsx]
    after = recalculated_names([edited], ("variance_",))[edited]
    found = exported.actuals.comparison
    assert found is not None
    per_request = float(found.plan_cost_per_request)
    assert after["variance_actual_requests"] == before["variance_actual_requests"] + requests
    assert after["variance_volume_effect"] == pytest.approx(
        before["variance_volume_effect"] + requests * per_request, abs=CENT
    )
    assert after["variance_actual_cost"] == pytest.approx(
        before["variance_actual_cost"] + 100.0, abs=CENT
    )
    assert after["variance_total"] == pytest.approx(before["variance_total"] + 100.0, abs=CENT)


def test_the_alerts_sheet_lists_the_ledgers_alerts_newest_first(exported: Exported) -> None:
    store = open_ledger(ledger_beside(exported.plan_file), create=False)
    try:
        stored = [a for a in store.alerts("2026-03-01") if a.day.startswith("2026-03")]
    finally:
        store.close()
    assert len(stored) >= 3 and {a.rule for a in stored} >= {"budget_forecast", "plan_variance"}
    sheet = openpyxl.load_workbook(exported.xlsx)["Alerts"]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [row[0].date().isoformat() for row in rows] == [a.day for a in stored]
    assert [row[3] for row in rows] == [alert_message(a) for a in stored]
    days = [row[0] for row in rows]
    assert days == sorted(days, reverse=True)


def test_the_ledgers_sheets_are_translated(exported: Exported) -> None:
    set_language("pl")
    try:
        workbook = build_workbook(exported.plan, exported.result, RATES, exported.actuals)
        names = (_("Actuals"), _("Variance"), _("Alerts"))
    finally:
        set_language("en")
    assert workbook.sheetnames[4:7] == list(names)
    money_format = workbook[names[0]]["E4"].number_format
    assert "zł" in money_format


def test_a_ledger_without_a_plan_to_compare_or_alerts_says_so(exported: Exported) -> None:
    bare = replace(exported.actuals, comparison=None, alerts=(), plan_daily=None, budget=None)
    workbook = build_workbook(exported.plan, exported.result, RATES, bare)
    assert "nothing to compare" in workbook["Variance"]["A3"].value
    assert workbook["Alerts"]["A4"].value == "No alert this month."
    assert not workbook.defined_names.get("variance_total")
    stream = io.BytesIO()
    write_report(exported.plan, exported.result, RATES, stream, curve=[], today=TODAY,
                 actuals=bare)  # fmt: skip
    text = _flat(_pdf_text(stream.getvalue()))
    assert "Plan and actual" in text and "No alert this month." in text
    assert "monthly budget" not in text.split("Plan and actual", 1)[1][:400]


# --- the PDF ----------------------------------------------------------------------------
def _flat(text: str) -> str:
    """Runs of white space (no-break spaces too) as one space, as a PDF's text comes back."""
    return " ".join(text.split())


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_has_the_plan_and_actual_section(exported: Exported) -> None:
    text = _flat(_pdf_text(exported.pdf.read_bytes()))
    actuals = exported.actuals
    assert "Plan and actual" in text
    assert money(float(actuals.spent), "PLN") in text  # spent so far
    assert actuals.budget is not None and money(float(actuals.budget), "PLN") in text
    found = actuals.comparison
    assert found is not None
    for effect in (found.volume_effect, found.unit_cost_effect, found.mix_effect):
        assert money(float(effect), "PLN") in text
    end = actuals.forecast.month_end
    assert end is not None and money(float(end), "PLN") in text
    newest = _flat(actuals.alerts[0].message)
    assert newest[:60] in text


def test_the_section_reads_in_polish(exported: Exported) -> None:
    set_language("pl")
    try:
        stream = io.BytesIO()
        write_report(exported.plan, exported.result, RATES, stream, curve=[], today=TODAY,
                     actuals=exported.actuals)  # fmt: skip
        heading = _("Plan and actual")
    finally:
        set_language("en")
    text = _flat(_pdf_text(stream.getvalue()))
    assert heading in text
    assert _flat(money(float(exported.actuals.spent), "PLN", "pl")) in text


def test_the_export_view_reads_the_ledger_and_writes_nothing_to_it(exported: Exported) -> None:
    ledger = ledger_beside(exported.plan_file)
    store = open_ledger(ledger, create=False)
    try:
        before = store.contents()
        again = plan_actuals(store, exported.plan, exported.result, RATES, today=TODAY)
        assert store.contents() == before
    finally:
        store.close()
    assert again == exported.actuals
    assert sum((d.cost for d in again.days), Decimal(0)) == again.spent


def test_the_daily_chart_draws_each_days_cost_and_the_plans_line() -> None:
    from reportlab.graphics.shapes import PolyLine, Rect

    from planner.export.report.charts import bars_and_line

    costs, plan = [10.0, 0.0, 30.0, 20.0], [15.0, 15.0, 15.0, 15.0]
    ticks = [(0.0, "0"), (20.0, "20"), (40.0, "40")]
    drawing = bars_and_line(costs, plan, ["1", "", "", "4"], ("Cost", "Plan"), ticks, "", 400)
    shapes = drawing.contents
    bars = [s for s in shapes if isinstance(s, Rect) and s.width > 9]  # not the legend's swatches
    assert [round(b.height / bars[0].height, 6) for b in bars] == [1.0, 3.0, 2.0]  # no bar for 0
    [line] = [s for s in shapes if isinstance(s, PolyLine)]
    ys = line.points[1::2]
    assert len(ys) == len(plan) and len(set(ys)) == 1
    assert ys[0] - bars[0].y == pytest.approx(bars[0].height * 1.5)  # 15 is 1.5 times 10


# --- the command line -------------------------------------------------------------------
def test_the_command_line_exports_the_ledger_beside_the_plan(
    exported: Exported, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.cli.main import run

    xlsx, pdf = tmp_path / "out.xlsx", tmp_path / "out.pdf"
    status = run(["estimate", str(exported.plan_file), "--xlsx", str(xlsx), "--pdf", str(pdf)])
    assert status == 0, capsys.readouterr().err
    workbook = openpyxl.load_workbook(xlsx)
    assert {"Actuals", "Variance", "Alerts"} <= set(workbook.sheetnames)
    days = [row[0] for row in workbook["Actuals"].iter_rows(min_row=4, values_only=True)]
    assert days[: len(MARCH)] == [datetime(d.year, d.month, d.day) for d in MARCH]
    assert "Plan and actual" in _pdf_text(pdf.read_bytes())


def test_the_command_line_exports_without_a_ledger_it_cannot_read(
    exported: Exported, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.cli.main import run

    plan_file = tmp_path / "broken.llmplan"
    save_plan(exported.plan, plan_file)
    ledger_beside(plan_file).write_text("not a ledger", encoding="utf-8")
    xlsx = tmp_path / "broken.xlsx"
    status = run(["estimate", str(plan_file), "--xlsx", str(xlsx)])
    err = capsys.readouterr().err
    assert status == 0, err
    assert "ledger" in err and "cannot be read" in err
    assert openpyxl.load_workbook(xlsx).sheetnames == PLAIN_SHEETS
