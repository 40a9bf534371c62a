"""``estimate`` for issue 10: seat subscriptions and people's time in the JSON, device counts
in the table, hardware in the one-off, and totals set with ``--set`` that win over a
per-part breakdown (or a refusal naming both)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from planner.cli.main import run
from planner.engine.estimate import estimate
from planner.model.templates import template
from planner.rates import load_rates

ROOT = Path(__file__).parents[3]
EMAILS = ROOT / "templates" / "customer_email.json"
SUPPORT = ROOT / "templates" / "support_agent.json"  # its request size is a breakdown
RATES = load_rates()


def cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    status = run([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def estimate_json(capsys: pytest.CaptureFixture[str], *args: object) -> dict[str, Any]:
    status, out, err = cli(capsys, "estimate", *args, "--json")
    assert status == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def test_a_subscription_in_the_json_names_its_plan_and_seats(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = estimate_json(capsys, EMAILS, "--set", "workload.seats=12")
    seats = [o for o in data["options"] if o["kind"] == "subscription"]
    assert {o["id"] for o in seats} == {f"sub:{row.id}" for row in RATES.subscriptions}
    copilot = next(o for o in seats if o["id"] == "sub:m365-copilot-business")
    assert (copilot["provider"], copilot["plan"], copilot["seats"]) == (
        "Microsoft",
        "Microsoft 365 Copilot Business",
        12,
    )
    assert copilot["feasible"] is True
    lines = {line["category"]: line for line in copilot["breakdown"]}
    # Each line and the total are rounded to cents on their own: half a cent a line apart.
    cents = 0.005 * len(lines)
    assert copilot["monthly_cost"] == pytest.approx(
        sum(line["monthly"] for line in lines.values()), abs=cents
    )
    assert lines["subscription_seats"]["monthly"] > 0
    for other in data["options"]:
        if other["kind"] != "subscription":
            assert "plan" not in other and "seats" not in other


def test_every_option_carries_its_share_and_hours_of_peoples_time(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = estimate_json(capsys, EMAILS)
    for option in data["options"]:
        staff = next(line["monthly"] for line in option["breakdown"] if line["category"] == "staff")
        share = staff / option["monthly_cost"]
        # The share is exact; staff and total are rounded to cents (half a cent each).
        tolerance = max(1e-4, 0.005 * (1 + share) / option["monthly_cost"])
        assert option["people_time_share"] == pytest.approx(share, abs=tolerance), option["id"]
        assert option["people_hours_per_month"] > 0


def test_an_owned_option_counts_the_purchase_in_its_one_off(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = estimate_json(capsys, EMAILS)
    owned = [o for o in data["options"] if o["ownership"] == "owned"]
    assert owned
    for option in owned:
        lines = {line["category"]: line for line in option["breakdown"]}
        assert lines["hardware_purchase"]["one_off"] > 0, option["id"]
        assert option["one_off_cost"] == pytest.approx(
            sum(line["one_off"] for line in lines.values()), abs=0.02
        )
        assert "hardware_amortisation" not in lines  # the accounting view is not cash


def test_the_table_says_how_many_devices_and_what_the_month_pays_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = cli(capsys, "estimate", SUPPORT, "--lang", "en")
    assert status == 0
    rows = [line for line in out.splitlines() if " on your own " in line or " rented " in line]
    assert rows and all(" × " in row for row in rows)
    assert "people's time (" in out


def test_a_total_set_on_a_plan_with_a_breakdown_wins_and_the_json_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = estimate_json(capsys, SUPPORT, "--set", "workload.input_tokens=1500")
    assert data["breakdown_dropped_by"] == ["workload.input_tokens"]
    # The same as the plan with no breakdown and the user's total.
    plan = template("support_agent").plan
    work = plan.workload.model_copy(update={"breakdown": None, "input_tokens": 1500})
    expected = estimate(plan.model_copy(update={"workload": work}), RATES, analysis=False)
    api = next(o for o in data["options"] if o["id"] == "api:mistral-large-4")
    assert api["monthly_cost"] == pytest.approx(
        expected.option("api:mistral-large-4").monthly_cost, abs=0.01
    )
    untouched = estimate_json(capsys, SUPPORT)
    assert untouched["breakdown_dropped_by"] == []
    assert (
        next(o for o in untouched["options"] if o["id"] == api["id"])["monthly_cost"]
        != (api["monthly_cost"])
    )


def test_the_table_notes_a_dropped_breakdown_on_standard_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, _out, err = cli(capsys, "estimate", SUPPORT, "--set", "workload.output_tokens=100")
    assert status == 0
    assert "workload.output_tokens" in err and "breakdown" in err


def test_a_total_and_a_part_of_the_breakdown_together_are_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = cli(
        capsys,
        "estimate",
        SUPPORT,
        "--set",
        "workload.input_tokens=1500",
        "--set",
        "workload.breakdown.turns=2",
    )
    assert status == 2 and out == ""
    assert err.count("\n") == 1
    assert "workload.input_tokens" in err and "workload.breakdown.turns" in err
    assert str(SUPPORT) in err


def test_a_total_on_a_plan_without_a_breakdown_is_just_set(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = estimate_json(capsys, EMAILS, "--set", "workload.input_tokens=1500")
    assert data["breakdown_dropped_by"] == []
