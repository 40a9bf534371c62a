"""The ``actuals`` commands: their JSON contract, exit status 2 and one-line messages."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path

import pytest

from planner.cli.actuals import add_actuals_parser, run_actuals
from tests.planner.actuals.conftest import FIXTURES

ROOT = Path(__file__).parents[3]
PLAN = ROOT / "templates" / "support_agent.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    add_actuals_parser(parser.add_subparsers(dest="command", required=True))
    status = run_actuals(parser.parse_args(list(argv)))
    out, err = capsys.readouterr()
    return status, out, err


def test_import_json_contract(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ledger = str(tmp_path / "c.llmledger")
    status, out, _ = run(
        capsys, "actuals", "import", str(FIXTURES / "generic.csv"), "--ledger", ledger, "--json"
    )
    assert status == 0
    [entry] = json.loads(out)["files"]
    assert {"file", "format", "rows_read", "added", "updated", "skipped", "unpriced_models"} <= set(
        entry
    )
    assert (entry["format"], entry["added"], entry["skipped"]) == ("generic-csv", 4, 1)


def test_bad_row_is_named_on_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _, _, err = run(
        capsys, "actuals", "import", str(FIXTURES / "generic.csv"), "--ledger", str(tmp_path / "l")
    )
    assert "generic.csv, line 4, field 'input_tokens': not a number ('lots')" in err


def test_status_json_is_exact_and_reconciles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ledger = str(tmp_path / "c.llmledger")
    files = [str(FIXTURES / n) for n in ("openai_usage.csv", "openai_costs_10.csv")]
    run(capsys, "actuals", "import", *files, "--ledger", ledger)
    status, out, _ = run(
        capsys, "actuals", "status", "--ledger", ledger, "--month", "2025-10", "--json"
    )
    assert status == 0
    data = json.loads(out, parse_float=Decimal)
    assert {"currency", "month", "month_to_date", "days", "by_provider", "by_model", "by_project",
            "by_feature", "reconciliation", "unpriced"} <= set(data)  # fmt: skip
    gaps = {r["date"]: r["gap"] for r in data["reconciliation"]}
    assert gaps["2025-10-07"] == gaps["2025-10-10"] == gaps["2025-10-11"] == 0
    assert gaps["2025-10-12"] > 0  # the bill is higher than the usage explains
    day = next(d for d in data["days"] if d["date"] == "2025-10-07")
    assert day["priced"] == Decimal("0.569788") and day["billed"] == Decimal("0.569788")
    assert data["by_model"][0]["billed"] is None  # the bill is not itemised by model


def test_status_billed_is_null_without_a_bill(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ledger = str(tmp_path / "c.llmledger")
    run(capsys, "actuals", "import", str(FIXTURES / "openai_usage.csv"), "--ledger", ledger)
    _, out, _ = run(capsys, "actuals", "status", "--ledger", ledger, "--json")
    data = json.loads(out)
    assert data["month"] == "2025-10" and data["month_to_date"]["billed"] is None


def test_compare_variance_adds_up(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ledger = str(tmp_path / "c.llmledger")
    files = [str(FIXTURES / n) for n in ("openai_usage.csv", "openai_costs_10.csv")]
    run(capsys, "actuals", "import", *files, "--ledger", ledger)
    status, out, _ = run(capsys, "actuals", "compare", str(PLAN), "--ledger", ledger, "--json")
    assert status == 0
    data = json.loads(out, parse_float=Decimal)
    v = data["variance"]
    assert v["volume_effect"] + v["unit_cost_effect"] + v["mix_effect"] == v["total"]
    assert v["unexplained_gap"] > 0  # 2025-10-12 billed more than its usage
    assert data["actual"]["requests"] == 74


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", str(FIXTURES / "truncated.csv")], "truncated.csv: the file is cut short"),
        (["import", str(FIXTURES / "unknown.csv")], "unknown.csv: not a format the app knows"),
        (["status", "--month", "2025-13"], "--month: expected YYYY-MM"),
        (["status", "--currency", "XXX"], "unknown currency 'XXX'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], message: str
) -> None:
    ledger = str(tmp_path / "c.llmledger")
    run(capsys, "actuals", "import", str(FIXTURES / "openai_usage.csv"), "--ledger", ledger)
    status, _, err = run(capsys, "actuals", *argv, "--ledger", ledger)
    assert status == 2
    assert message in err and err.count("\n") == 1


def test_status_on_a_missing_ledger_is_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, _, err = run(capsys, "actuals", "status", "--ledger", str(tmp_path / "none.llmledger"))
    assert status == 2 and "no such ledger" in err


def test_formats_lists_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "actuals", "formats", "--json")
    ids = {f["id"] for f in json.loads(out)["formats"]}
    assert {
        "openai-costs-csv",
        "anthropic-cost-json",
        "focus-csv",
        "generic-csv",
        "invoice-csv",
    } <= ids


def test_map_file_puts_other_column_names_on_generic_fields(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    export = tmp_path / "own.csv"
    export.write_text(
        "when,vendor,llm,in,out\n2026-03-02T09:15:01Z,openai,gpt-4o-mini,1000,100\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"columns": {"timestamp": "when", "provider": "vendor", "model": "llm",
                                               "input_tokens": "in", "output_tokens": "out"}}), encoding="utf-8")  # fmt: skip
    ledger = str(tmp_path / "c.llmledger")
    status, out, _ = run(
        capsys,
        "actuals",
        "import",
        str(export),
        "--ledger",
        ledger,
        "--map",
        str(mapping),
        "--json",
    )
    assert status == 0 and json.loads(out)["files"][0]["added"] == 1


def test_a_file_with_many_bad_rows_names_the_first_and_counts_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    export = tmp_path / "many.csv"
    rows = [f"2026-03-0{1 + n % 9}T10:00:00Z,openai,gpt-4o-mini,lots,10,1" for n in range(45)]
    export.write_text(
        "timestamp,provider,model,input_tokens,output_tokens,requests\n"
        "2026-03-01T10:00:00Z,openai,gpt-4o-mini,100,10,1\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    argv = ["actuals", "import", str(export), "--ledger", str(tmp_path / "l.llmledger")]
    status, _out, err = run(capsys, *argv)
    assert status == 0
    lines = err.strip().splitlines()
    assert len(lines) == 21 and all("not a number" in line for line in lines[:20])
    assert lines[-1] == f"skipped: 25 more rows of {export} (--json lists every one)"
    status, out, _err = run(capsys, *argv, "--json")
    assert len(json.loads(out)["files"][0]["problems"]) == 45
