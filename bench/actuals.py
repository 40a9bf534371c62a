"""Actual-spend timings: importing a 1M-row generic CSV, and status on a 1M-row ledger.

Targets (issue 13): the import within 4x the time the ``csv`` module takes just to read
the same file, with peak memory under 300 MB (streaming; the import and the worker process
that reads a big file for it, together); ``actuals status`` under 300 ms. The import is
timed twice, each in a fresh process, the better time against the best read. The machine
is shared, so the processor time of the import (its own and its reading worker's) is
shown beside it against the read's, with the load average: a steadier measure. Issue 14:
every alert rule and the month-end forecast on the same ledger, with a monthly, a daily, a
provider and an hourly budget, under 300 ms. The file is made once per run in a temporary
folder (about 115 MB).
"""

from __future__ import annotations

import csv
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import Measured, median_time

ROWS = 1_000_000
MODELS = (
    ("openai", "gpt-4o-mini"),
    ("openai", "gpt-4o"),
    ("anthropic", "claude-sonnet-4-20250514"),
    ("anthropic", "claude-haiku-4-5-20251001"),
    ("google", "gemini-2.5-flash"),
)
_IMPORT = (
    "import resource, sys, time; from pathlib import Path;"
    "from planner.actuals.store import open_ledger; from planner.actuals.importer import import_files;"
    "t, c = time.perf_counter(), time.process_time();"
    "import_files(open_ledger(Path(sys.argv[1])), [Path(sys.argv[2])]);"
    "w = resource.getrusage(resource.RUSAGE_CHILDREN);"
    "print(time.perf_counter() - t, time.process_time() - c + w.ru_utime + w.ru_stime,"
    " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, w.ru_maxrss)"
)  # the import's time, processor time (with its reading worker's), and the peak memory of
# it and its worker (0 when it read the file itself)
IMPORT_TARGET = 4.0  # times what csv.reader takes to read the file
MEMORY_TARGET_MB = 300


def write_requests(path: Path, rows: int = ROWS) -> None:
    """A month of per-request rows over five models, eight projects, twelve features."""
    pick = random.Random(13)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("timestamp,provider,model,input_tokens,output_tokens,cached_input_tokens,"
                  "cache_write_tokens,requests,project,feature,user,cost,currency\n")  # fmt: skip
        for i in range(rows):
            provider, model = MODELS[i % len(MODELS)]
            day, second = 1 + i * 30 // rows, i % 86_400
            stamp = f"2026-03-{day:02d}T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.{i % 1000:03d}Z"
            tokens = pick.randint(100, 20_000)
            out.write(f"{stamp},{provider},{model},{tokens},{pick.randint(10, 2000)},"
                      f"{pick.randint(0, 50) * 10},0,1,proj-{i % 8},feat-{i % 12},user{i % 40},"
                      f"0.00{pick.randint(1000, 99999)},USD\n")  # fmt: skip


def csv_read_seconds(path: Path, dictionaries: bool) -> float:
    return _csv_read(path, dictionaries)[0]


def _csv_read(path: Path, dictionaries: bool = False) -> tuple[float, float]:
    """Wall and processor seconds of reading the file with the ``csv`` module."""
    started, processor = time.perf_counter(), time.process_time()
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream) if dictionaries else csv.reader(stream)
        for _ in reader:
            pass
    return time.perf_counter() - started, time.process_time() - processor


def run() -> list[Measured]:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "requests.csv"
        write_requests(source)
        reads = [_csv_read(source) for _ in range(3)]
        read_dicts = min(csv_read_seconds(source, True) for _ in range(2))
        load = _load()
        runs = [_import(Path(folder) / f"{n}.llmledger", source) for n in range(2)]
        seconds, processor, peak_mb, worker_mb = min(runs)
        ledger = Path(folder) / "1.llmledger"
        reads.append(_csv_read(source))  # the yardstick, after the imports too
        read, read_processor = min(r[0] for r in reads), min(r[1] for r in reads)
        status = _status_seconds(ledger)
        guard, hourly = _guard_seconds(ledger)
    return [
        Measured("csv.reader reads the 1M-row file (yardstick)", read, None),
        Measured("csv.DictReader reads the same file", read_dicts, None),
        Measured(
            "actuals import, 1M-row generic CSV",
            seconds,
            IMPORT_TARGET * read,
            f"{seconds / read:.1f}x csv.reader (target <= {IMPORT_TARGET:.0f}x), "
            f"{seconds / read_dicts:.1f}x DictReader; {_memory(peak_mb, worker_mb)}; "
            f"processor {processor:.2f} s, {processor / read_processor:.1f}x the read's; "
            f"load {load} before, {_load()} after",
        ),
        Measured("actuals status on the 1M-row ledger", status, 0.300),
        Measured(
            "alerts and forecast on the 1M-row ledger",
            guard,
            0.300,
            "month, day and provider budgets",
        ),
        Measured(
            "  … with an hourly budget too", hourly, 0.300, "hours re-priced from the usage facts"
        ),
    ]


def _import(ledger: Path, source: Path) -> tuple[float, float, float, float]:
    """One import in a fresh process: seconds, processor seconds, and the peak memory of
    it and its worker (MB)."""
    done = subprocess.run([sys.executable, "-c", _IMPORT, str(ledger), str(source)],
                          capture_output=True, text=True, check=True)  # fmt: skip
    seconds, processor, peak_kib, worker_kib = (float(x) for x in done.stdout.split())
    return seconds, processor, peak_kib / 1024, worker_kib / 1024


def _load() -> str:
    """The one-minute load average (other work on a shared machine slows the import)."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def _memory(peak_mb: float, worker_mb: float) -> str:
    total = peak_mb + worker_mb
    verdict = "ok" if total < MEMORY_TARGET_MB else "OVER"
    where = (
        f"{peak_mb:.0f} MB + reading worker {worker_mb:.0f} MB"
        if worker_mb
        else f"{peak_mb:.0f} MB, read in-process"
    )
    return f"peak {where} (target < {MEMORY_TARGET_MB} MB: {verdict})"


def _status_seconds(ledger: Path) -> float:
    from planner.actuals.report import status_report
    from planner.actuals.store import open_ledger
    from planner.rates import load_rates

    rates = load_rates()
    store = open_ledger(ledger, create=False)
    try:
        return median_time(lambda: status_report(store, rates, "2026-03", "PLN"), repeats=7)
    finally:
        store.close()


def _guard_seconds(ledger: Path) -> tuple[float, float]:
    from datetime import date

    from planner.actuals.budgets import manual_budget
    from planner.actuals.guard import evaluate, forecast_report
    from planner.actuals.store import open_ledger
    from planner.rates import load_rates

    rates = load_rates()
    today = date(2026, 3, 20)  # mid-month: every rule has recent days to look at
    store = open_ledger(ledger, create=False)

    def run_all() -> None:
        evaluate(store, rates, today=today)
        forecast_report(store, rates, None, "PLN", today=today)

    try:
        with store.transaction():
            for options in ({"amount": "20000", "currency": "PLN"},
                            {"amount": "800", "currency": "EUR", "period": "day"},
                            {"amount": "3000", "currency": "USD", "scope": "provider:openai"}):  # fmt: skip
                store.save_budget(manual_budget(rates, **options))
        without_hours = median_time(run_all, repeats=7)
        with store.transaction():
            store.save_budget(manual_budget(rates, amount="40", currency="USD", period="hour"))
        return without_hours, median_time(run_all, repeats=5)
    finally:
        store.close()


if __name__ == "__main__":
    for measured in run():
        print(measured.line())
    print(
        f"(max RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)"
    )
