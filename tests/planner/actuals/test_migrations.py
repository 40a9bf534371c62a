"""Ledgers of older schemas open, migrate in one transaction, and report what they did.

``fixtures/ledger_v2.sql`` is a ledger of schema version 2 written by the app before
version 3 (every dimension in every fact), dumped as SQL: the test fixtures imported and a
budget set. Migrated, it must report the same figures as a new ledger the same files are
imported into, and re-importing them must update its facts, not add them again.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from planner.actuals import importer, migrations
from planner.actuals import store as store_module
from planner.actuals.budgets import manual_budget
from planner.actuals.guard import evaluate, forecast_report
from planner.actuals.jsonout import status_json
from planner.actuals.report import status_report
from planner.actuals.store import SqliteLedger, open_ledger
from planner.rates import load_rates
from tests.planner.actuals.conftest import FIXTURES

RATES = load_rates()
V2_FILES = ("openai_usage.csv", "openai_costs_10.csv", "anthropic_usage.csv",
            "anthropic_cost.csv", "generic.csv", "litellm.jsonl", "focus.csv", "invoices.csv",
            "labels.json")  # fmt: skip
"""What ``ledger_v2.sql`` holds, in the order it was imported."""
MONTHS = ("2025-08", "2025-10", "2026-03")


def _version_2(path: Path) -> Path:
    connection = sqlite3.connect(path, isolation_level=None)
    connection.executescript((FIXTURES / "ledger_v2.sql").read_text(encoding="utf-8"))
    connection.close()
    return path


def _fresh(path: Path) -> SqliteLedger:
    store = open_ledger(path)
    importer.import_files(store, [FIXTURES / name for name in V2_FILES])
    with store.transaction():
        store.save_budget(manual_budget(RATES, amount="100", currency="USD"))
    return store


def _figures(store: SqliteLedger) -> dict[str, Any]:
    """What the reports show: each month's status in two currencies, the hours of every
    hourly scope, the budgets and the forecast."""
    found: dict[str, Any] = {
        f"{month} {currency}": status_json(status_report(store, RATES, month, currency))
        for month in MONTHS
        for currency in ("USD", "PLN")
    }
    for dimensions in (
        (),
        ("provider",),
        ("project", "api_key"),
        ("feature", "project", "api_key"),
    ):
        found[f"hours {dimensions}"] = sorted(
            store.hourly_usage("2026-03-01", "2026-03-31", dimensions)
        )
    found["budgets"] = [(b.scope, b.period, b.amount, b.currency) for b in store.budgets()]
    forecast = forecast_report(store, RATES, "2026-03", "USD")
    found["forecast"] = repr(forecast)
    return found


def test_the_fixture_is_a_ledger_of_schema_2(tmp_path: Path) -> None:
    connection = sqlite3.connect(_version_2(tmp_path / "old.llmledger"))
    columns = [row[1] for row in connection.execute("PRAGMA table_info(usage_fact)")]
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 2
    assert {"provider", "model", "project", "user_ref"} <= set(columns)
    assert connection.execute("SELECT COUNT(*) FROM usage_fact").fetchone()[0] > 10
    connection.close()


def test_a_ledger_of_schema_2_reports_what_a_new_one_does(tmp_path: Path) -> None:
    migrated = open_ledger(_version_2(tmp_path / "old.llmledger"))
    fresh = _fresh(tmp_path / "new.llmledger")
    assert migrated.schema_version() == fresh.schema_version() == len(migrations.MIGRATIONS) == 3
    assert migrated.usage_count() == fresh.usage_count()
    assert _figures(migrated) == _figures(fresh)
    assert sorted(migrated.labels()) == sorted(fresh.labels())
    migrated.close()
    fresh.close()


def test_each_set_of_dimensions_is_kept_once(tmp_path: Path) -> None:
    migrated = open_ledger(_version_2(tmp_path / "old.llmledger"))
    tables = migrated.contents()
    sets = [row[1:] for row in tables["dimension"]]
    assert len(sets) == len(set(sets))
    used = {row[migrations.FACT_COLUMNS.index("dimension_id")] for row in tables["usage_fact"]}
    assert used == {row[0] for row in tables["dimension"]}
    migrated.close()


def test_reimporting_into_a_migrated_ledger_updates_its_facts(tmp_path: Path) -> None:
    """The stable key of a fact survives the migration: the same rows are the same facts."""
    migrated = open_ledger(_version_2(tmp_path / "old.llmledger"))
    before = _figures(migrated)
    facts = migrated.usage_count()
    reports = importer.import_files(
        migrated, [FIXTURES / name for name in ("openai_usage.csv", "generic.csv", "litellm.jsonl")]
    )
    assert [(r.added, r.updated) for r in reports] == [(0, 4), (0, 4), (0, 1)]
    assert migrated.usage_count() == facts
    assert _figures(migrated) == before
    migrated.close()


def test_a_revised_day_replaces_the_migrated_one(tmp_path: Path) -> None:
    """A later import of a fact takes the migrated fact's counts out of its day's sums."""
    migrated = open_ledger(_version_2(tmp_path / "old.llmledger"))
    lines = (FIXTURES / "openai_usage.csv").read_text(encoding="utf-8").splitlines()
    revised = tmp_path / "revised.csv"
    revised.write_text(
        "\n".join([lines[0], lines[1].replace(",21.0,", ",30.0,")]) + "\n", encoding="utf-8"
    )
    [report] = importer.import_files(migrated, [revised])
    assert (report.added, report.updated) == (0, 1)
    [day] = migrated.daily_rows("2025-10-07", "2025-10-07")
    assert day.counts["requests"] == 30
    migrated.close()


def test_alerts_fire_on_a_migrated_ledger_as_on_a_new_one(tmp_path: Path) -> None:
    from datetime import date

    found = []
    for store in (open_ledger(_version_2(tmp_path / "old.llmledger")), _fresh(tmp_path / "new")):
        with store.transaction():  # an hourly budget: hours re-priced from the facts
            store.save_budget(manual_budget(RATES, amount="0.01", currency="USD", period="hour"))
        guard = evaluate(store, RATES, today=date(2026, 3, 3))
        found.append(
            (
                [(a.rule, a.scope, a.period, a.level, a.value) for a in guard.alerts],
                [
                    (b.budget.scope, b.budget.period, b.spent, repr(b.forecast), b.shares)
                    for b in guard.budgets
                ],
                repr(guard.forecast),
            )
        )
        store.close()
    assert found[0] == found[1]
    hours = [period for rule, _, period, *_ in found[0][0] if rule == "budget" and "T" in period]
    assert hours  # an hour over its budget: priced from the migrated facts


def test_a_failed_migration_leaves_the_ledger_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every pending script runs in one transaction: a ledger of schema 1 whose third
    script fails keeps schema 1 (and not the budget tables of schema 2)."""
    path = tmp_path / "old.llmledger"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.executescript(f"BEGIN; {migrations.MIGRATIONS[0]} PRAGMA user_version = 1; COMMIT;")
    connection.close()
    broken = (*migrations.MIGRATIONS[:2], "CREATE TABLE dimension (x); SELECT no_such_function();")
    monkeypatch.setattr(store_module, "MIGRATIONS", broken)
    with pytest.raises(store_module.LedgerError):
        open_ledger(path)
    connection = sqlite3.connect(path)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "budget" not in tables and "dimension" not in tables
    connection.close()
