"""The ledger: idempotent re-imports, one transaction per import, bad files refused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.actuals import importer
from planner.actuals.migrations import MIGRATIONS
from planner.actuals.records import ImportRefused
from planner.actuals.store import LedgerError, SqliteLedger, open_ledger
from tests.planner.actuals.conftest import FIXTURES, load

ROOT = Path(__file__).parents[3]


def test_new_ledger_is_at_the_latest_schema_in_wal_mode(ledger: SqliteLedger) -> None:
    assert ledger.schema_version() == len(MIGRATIONS)
    assert Path(str(ledger.path) + "-wal").exists()


def test_reimporting_the_same_file_updates_instead_of_adding(ledger: SqliteLedger) -> None:
    load(ledger, "openai_usage.csv", "openai_costs_10.csv")
    days, bills, facts = (
        ledger.daily_rows("2025-01-01", "2025-12-31"),
        ledger.cost_rows("2025-01-01", "2025-12-31"),
        ledger.usage_count(),
    )
    again = load(ledger, "openai_usage.csv", "openai_costs_10.csv")
    assert [(r.added, r.updated) for r in again] == [(0, 4), (0, 4)]
    assert ledger.daily_rows("2025-01-01", "2025-12-31") == days
    assert sorted(ledger.cost_rows("2025-01-01", "2025-12-31")) == sorted(bills)
    assert ledger.usage_count() == facts == 4


def test_overlapping_export_replaces_a_revised_day(ledger: SqliteLedger, tmp_path: Path) -> None:
    load(ledger, "openai_usage.csv")
    revised = tmp_path / "revised.csv"
    lines = (FIXTURES / "openai_usage.csv").read_text(encoding="utf-8").splitlines()
    revised.write_text(
        "\n".join([lines[0], lines[1].replace(",21.0,", ",30.0,")]) + "\n", encoding="utf-8"
    )
    [report] = importer.import_files(ledger, [revised])
    assert (report.added, report.updated) == (0, 1)
    [day] = ledger.daily_rows("2025-10-07", "2025-10-07")
    assert day.counts["requests"] == 30  # replaced, not 21 + 30


def test_duplicate_requests_within_one_file_are_summed(
    ledger: SqliteLedger, tmp_path: Path
) -> None:
    twice = tmp_path / "twice.csv"
    row = "2026-03-02T09:15:01Z,openai,gpt-4o-mini,1000,100\n"
    twice.write_text(
        "timestamp,provider,model,input_tokens,output_tokens\n" + row + row, encoding="utf-8"
    )
    [report] = importer.import_files(ledger, [twice])
    assert (report.rows_read, report.added) == (2, 1)
    [day] = ledger.daily_rows("2026-03-02", "2026-03-02")
    assert (day.counts["requests"], day.counts["input_tokens"]) == (2, 2000)


def test_exception_mid_import_leaves_the_ledger_unchanged(
    ledger: SqliteLedger, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(ledger, "openai_costs_10.csv")
    before = ledger.contents()
    calls = {"n": 0}
    original = importer._Writer.take

    def failing(self: importer._Writer, chunk: list[object]) -> None:
        calls["n"] += 1
        original(self, chunk)  # type: ignore[arg-type]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(importer._Writer, "take", failing)
    with pytest.raises(RuntimeError):
        load(ledger, "openai_usage.csv")
    assert calls["n"] == 1
    assert ledger.contents() == before


@pytest.mark.parametrize("worker_bytes", [0, 10**12], ids=["worker-process", "in-process"])
def test_killed_import_leaves_the_ledger_unchanged(tmp_path: Path, worker_bytes: int) -> None:
    path = tmp_path / "killed.llmledger"
    store = open_ledger(path)
    load(store, "openai_costs_10.csv")
    before = store.contents()
    store.close()
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8") as out:
        out.write("timestamp,provider,model,input_tokens,output_tokens\n")
        for i in range(100_000):
            out.write(
                f"2026-03-02T09:{i // 60 % 60:02d}:{i % 60:02d}.{i:06d}Z,openai,gpt-4o-mini,{i},10\n"
            )
    inside = tmp_path / "inside"
    # The import stops (for good) once some blocks are written, and says so: then it is killed.
    script = (
        "import sys, time; from pathlib import Path; from planner.actuals.store import open_ledger\n"
        "from planner.actuals import bulk_worker; from planner.actuals.importer import import_files\n"
        "bulk_worker.WORKER_BYTES = int(sys.argv[4])\n"
        "def told(progress):\n"
        "    if progress.share_of_file > 0.3: Path(sys.argv[3]).touch(); time.sleep(600)\n"
        "import_files(open_ledger(Path(sys.argv[1])), [Path(sys.argv[2])], progress=told)"
    )
    arguments = [str(path), str(big), str(inside), str(worker_bytes)]
    child = subprocess.Popen([sys.executable, "-c", script, *arguments], cwd=ROOT)
    deadline = time.monotonic() + 120
    while not inside.exists() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert inside.exists(), "the import never got inside the file"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    again = open_ledger(path)
    assert again.contents() == before
    again.close()


@pytest.mark.parametrize(
    ("name", "code"),
    [("truncated.csv", "truncated"), ("unknown.csv", "unknown_format"), ("labels.json", None)],
)
def test_bad_files_are_refused_and_nothing_of_the_import_is_kept(
    ledger: SqliteLedger, name: str, code: str | None, tmp_path: Path
) -> None:
    load(ledger, "openai_costs_10.csv")
    before = ledger.contents()
    if code is None:  # a labels file whose every entry is bad
        bad = tmp_path / "bad_labels.json"
        bad.write_text(
            '{"labels": [{"source": "planet", "raw": "x", "project": "p"}]}', encoding="utf-8"
        )
        paths, code = [FIXTURES / "openai_usage.csv", bad], "no_usable_rows"
    else:
        paths = [FIXTURES / "openai_usage.csv", FIXTURES / name]
    with pytest.raises(ImportRefused) as refused:
        importer.import_files(ledger, paths)
    assert refused.value.code == code
    assert ledger.contents() == before  # the good file before it was rolled back too


def test_one_bad_row_is_skipped_and_named(ledger: SqliteLedger) -> None:
    [report] = load(ledger, "generic.csv")
    [problem] = report.problems
    assert (problem.line, problem.field, problem.code, problem.value) == (
        4,
        "input_tokens",
        "not_a_number",
        "lots",
    )
    assert problem.file.endswith("generic.csv")


def test_dry_run_reports_but_writes_nothing(ledger: SqliteLedger) -> None:
    before = ledger.contents()
    [report] = load(ledger, "openai_usage.csv", dry_run=True)
    assert report.added == 4
    assert ledger.contents() == before


def test_relabelling_changes_history_without_reimporting(ledger: SqliteLedger) -> None:
    from planner.actuals.money import Converter
    from planner.actuals.status import build_status
    from planner.rates import load_rates

    load(ledger, "openai_usage.csv")
    convert = Converter(load_rates(), "USD")
    before = build_status(ledger, "2025-10", convert).groups["project"]
    assert set(before) == {"proj_T1", "proj_T2"}
    load(ledger, "labels.json")
    after = build_status(ledger, "2025-10", convert)
    assert set(after.groups["project"]) == {"Customer support", "Sales"}
    assert set(after.groups["feature"]) == {"Email replies", "(none)"}


def test_a_file_that_is_not_a_ledger_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.llmledger"
    junk.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(LedgerError):
        open_ledger(junk)


def test_each_import_records_the_file_it_came_from(ledger: SqliteLedger) -> None:
    import hashlib

    load(ledger, "generic.csv", "openai_usage.csv")
    found = [(b["file_name"], b["format"], b["file_sha256"]) for b in ledger.batches()]
    assert found == [
        (name, fmt, hashlib.sha256((FIXTURES / name).read_bytes()).hexdigest())
        for name, fmt in (("generic.csv", "generic-csv"), ("openai_usage.csv", "openai-usage-csv"))
    ]
