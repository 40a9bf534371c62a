"""``portfolio``: several plans priced on one snapshot; its JSON, its files, its refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from planner.cli.main import run
from planner.model.portfolio import load_portfolio

ROOT = Path(__file__).parents[3]


def cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    status = run([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def plan_file(folder: Path, template: str, **changes: Any) -> Path:
    data = json.loads((ROOT / "templates" / f"{template}.json").read_text(encoding="utf-8"))
    plan = data["plan"]
    for key, value in changes.items():
        section, _, name = key.partition("__")
        if name:
            plan[section][name] = value
        else:
            plan[key] = value
    path = folder / f"{template}.llmplan"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def three(tmp_path: Path) -> list[Path]:
    return [
        plan_file(tmp_path, "customer_email", company="Piekarnia Żółw Sp. z o.o."),
        plan_file(tmp_path, "support_agent", company="Acme Support", workload__language="en"),
        plan_file(
            tmp_path,
            "document_analysis",
            company="Kancelaria Łęcka",
            workload__requests_per_day=4000,
            needs__data_sensitivity="on_premises_only",
            needs__it_capacity="ml_team",
        ),
    ]


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_the_portfolio_json_matches_each_plans_own_estimate(
    capsys: pytest.CaptureFixture[str], three: list[Path], lang: str
) -> None:
    status, out, err = cli(capsys, "portfolio", *three, "--json", "--lang", lang)
    assert status == 0, err
    data = json.loads(out)
    assert set(data) == {"currency", "rates_snapshot", "plans"}
    assert data["rates_snapshot"]["taken"] and data["rates_snapshot"]["genai_prices"]
    assert [row["file"] for row in data["plans"]] == [str(p) for p in three]
    kinds = set()
    for row, path in zip(data["plans"], three, strict=True):
        _, own, _ = cli(capsys, "estimate", path, "--json", "--lang", lang)
        alone = json.loads(own)
        best = next(o for o in alone["options"] if o["id"] == alone["recommendation"]["option_id"])
        assert row["recommended"] == {
            key: best[key if key != "option_id" else "id"]
            for key in (
                "option_id",
                "kind",
                "label",
                "monthly_cost",
                "one_off_cost",
                "horizon_cost",
            )
        }
        assert row["break_even"] == alone["break_even"]
        staff = next(line["monthly"] for line in best["breakdown"] if line["category"] == "staff")
        assert row["people_time_share"] == pytest.approx(staff / best["monthly_cost"], abs=1e-3)
        kinds.add(row["recommended"]["kind"])
    assert kinds != {"api"}, "the premise: not every company is recommended an API"
    assert data["plans"][0]["company"] == "Piekarnia Żółw Sp. z o.o."
    assert data["plans"][2]["data_sensitivity"] == "on_premises_only"


def test_a_bad_plan_among_good_ones_exits_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], three: list[Path], tmp_path: Path
) -> None:
    bad = tmp_path / "broken.llmplan"
    bad.write_text('{"workload": {"requests_per_day": -3}}', encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    targets = {
        "--xlsx": out_dir / "day.xlsx",
        "--pdf": out_dir / "day.pdf",
        "--csv": out_dir / "day.csv",
        "--save": out_dir / "day.llmworkshop",
    }
    options = [str(item) for pair in targets.items() for item in pair]
    status, out, err = cli(capsys, "portfolio", three[0], bad, three[1], *options)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert str(bad) in err and "workload.requests_per_day" in err
    assert list(out_dir.iterdir()) == []


def test_several_bad_plans_are_counted_in_the_one_line(
    capsys: pytest.CaptureFixture[str], three: list[Path], tmp_path: Path
) -> None:
    status, _, err = cli(
        capsys, "portfolio", three[0], tmp_path / "a.llmplan", tmp_path / "b.llmplan"
    )
    assert status == 2
    assert err.count("\n") == 1
    assert "a.llmplan: no such file" in err and "(and 1 more plan with problems)" in err


def test_every_plan_is_compared_in_the_currency_asked_for(
    capsys: pytest.CaptureFixture[str], three: list[Path]
) -> None:
    status, out, _ = cli(capsys, "portfolio", *three, "--json", "--currency", "pln")
    assert status == 0
    data = json.loads(out)
    assert data["currency"] == "PLN"
    _, own, _ = cli(capsys, "estimate", three[1], "--json", "--currency", "PLN")
    alone = json.loads(own)
    assert data["plans"][1]["recommended"]["option_id"] == alone["recommendation"]["option_id"]
    best = next(o for o in alone["options"] if o["id"] == alone["recommendation"]["option_id"])
    assert data["plans"][1]["recommended"]["horizon_cost"] == best["horizon_cost"]
    status, _, err = cli(capsys, "portfolio", *three, "--currency", "XYZ")
    assert status == 2 and "unknown currency 'XYZ'" in err


def test_a_saved_workshop_prices_the_same_plans_again(
    capsys: pytest.CaptureFixture[str], three: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "day.llmworkshop"
    status, first, _ = cli(capsys, "portfolio", *three, "--json", "--save", target)
    assert status == 0
    assert [e.plan for e in load_portfolio(target).plans] == [p.name for p in three]
    moved = shutil.copytree(tmp_path, tmp_path.parent / "moved")  # relative paths travel
    status, again, err = cli(capsys, "portfolio", Path(moved) / "day.llmworkshop", "--json")
    assert status == 0, err
    before, after = json.loads(first), json.loads(again)
    assert [r["recommended"] for r in after["plans"]] == [r["recommended"] for r in before["plans"]]
    assert after["rates_snapshot"] == before["rates_snapshot"]
    assert [Path(r["file"]).parent for r in after["plans"]] == [Path(moved)] * 3


def test_a_workshop_priced_on_other_tables_says_so(
    capsys: pytest.CaptureFixture[str], three: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "day.llmworkshop"
    cli(capsys, "portfolio", *three, "--save", target)
    tables = tmp_path / "tables"
    tables.mkdir()
    text = (ROOT / "planner" / "data" / "staff_rates.toml").read_text(encoding="utf-8")
    (tables / "staff_rates.toml").write_text(
        text.replace("hourly_rate = 180", "hourly_rate = 181"), encoding="utf-8"
    )
    assert "hourly_rate = 181" in (tables / "staff_rates.toml").read_text(encoding="utf-8")
    status, _, err = cli(capsys, "portfolio", target, "--rates-dir", tables)
    assert status == 0
    assert err.startswith(f"warning: {target}: priced with today's rate tables")
    status, _, err = cli(capsys, "portfolio", target)
    assert status == 0 and err == ""


def test_refusals_are_one_line(
    capsys: pytest.CaptureFixture[str], three: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "day.llmworkshop"
    cli(capsys, "portfolio", *three, "--save", target)
    cases = [
        (["portfolio", three[0], three[0]], "given twice"),
        (["portfolio", target, three[0]], "a workshop file is given alone"),
        (["portfolio", three[0], "--lang", "de"], "unknown language 'de'"),
        (["portfolio", three[0], "--pdf", tmp_path / "nowhere" / "x.pdf"], "does not exist"),
    ]
    for args, expected in cases:
        status, out, err = cli(capsys, *args)
        assert status == 2, args
        assert expected in err and err.count("\n") == 1 and out == ""


def test_the_table_names_each_company_and_the_rates(
    capsys: pytest.CaptureFixture[str], three: list[Path]
) -> None:
    status, out, _ = cli(capsys, "portfolio", *three, "--lang", "pl")
    assert status == 0
    assert "Piekarnia Żółw" in out and "Kancelaria Łęcka" in out and "genai-prices" in out
