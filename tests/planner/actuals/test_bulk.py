"""The bulk reader of plain generic CSVs gives the ledger exactly what the careful reader gives.

Every test imports the same file twice, once through ``planner.actuals.bulk`` and once
row by row through ``generic.usage_row`` (the importer told to read no format in bulk),
and compares every table of the two ledgers, the reports and the problems.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from planner.actuals import bulk_sets, bulk_worker, importer
from planner.actuals.bulk_lines import data_runs, plain_start
from planner.actuals.migrations import DAILY_KEY, DIMENSIONS, FACT_COLUMNS
from planner.actuals.store import SqliteLedger, open_ledger

HEADER = (
    "timestamp,provider,model,input_tokens,output_tokens,cached_input_tokens,"
    "cache_write_tokens,requests,project,feature,user,request_id,service_tier,api_key,"
    "cost,currency,notes"
)
# Each row exercises a quirk; the comment says which reader takes it and why.
QUIRKS = [
    "2026-03-02T09:15:01Z,openai,gpt-4o-mini,1000,100,0,0,1,support,replies,anna,r1,,k1,0.000210,USD,x",  # quick; money kept as written
    "2026-03-02T09:15:01Z,openai,gpt-4o-mini,1000,100,0,0,1,support,replies,anna,r1,,k1,0.0001,USD,",  # the same request again: summed
    "2026-03-02T09:16:00+01:00,openai,gpt-4o-mini,2000,200,1000,,2,support,replies,anna,,,,,,",  # careful: an offset
    "2026-03-02T09:17:00Z,openai,gpt-4o-mini,2000.0,200,0,0,1,support,replies,bob,,,,,,",  # careful: a float count
    "2026-03-02T10:00:00Z,openai,gpt-4o-mini,lots,100,0,0,1,support,replies,anna,,,,,,",  # skipped: not a number
    "2026-03-03T08:00:00Z,anthropic,claude-sonnet-4-20250514,3200,500,200,1500,1,sales,drafts,bob,,,,0.02,USD,",  # cache writes
    "2026-03-03T09:00:00Z,mistral,unknown-model-xyz,100,10,0,0,1,sales,drafts,bob,,,,0.001,EUR,",  # unpriced
    "2026-03-03T00:00:00Z,google,gemini-2.5-pro,1500000,10000,0,0,10,research,long,,,,,,,",  # bucket: each request < 200k
    "2026-03-03T01:00:00Z,google,gemini-2.5-pro,250000,1000,0,0,1,research,long,,,,,,,",  # above the tier
    "2026-03-03T02:00:00Z,google,gemini-2.5-pro,0,0,0,0,0,research,long,,,,,,,",  # no requests: band 0, adds nothing
    "",  # a blank line
    "2026-03-04T08:00:00Z,openai,gpt-4o-mini,1,1",  # skipped: too few fields
    "2026-03-04T08:01:00Z, OpenAI ,gpt-4o-mini,300,30,0,0,1, support , replies ,anna, r2 ,,,,,",  # spaces
    "2026-03-04T08:02:00Z,,gpt-4o-mini,300,30,0,0,,support,replies,anna,,,,,,",  # provider from the model
    "2026-03-04T08:03:00Z,openai,gpt-4o-mini,300,-5,0,0,1,support,replies,anna,,,,,,",  # skipped: negative
    "2026-03-04T08:04:00Z,openai,gpt-4o-mini,300,30,400,0,1,support,replies,anna,,,,,,",  # skipped: cached > input
    "2026-03-04T08:05:00Z,openai,gpt-4o-mini,300,30,0,0,1,support,replies,anna,,,,,EUR,",  # currency without a cost
    "2026-03-04T08:06:00Z,openai,gpt-4o-mini,300,30,0,0,1,support,replies,anna,,,, 0.5,usd,",  # careful: a spaced cost
    "2026-03-04T08:07:00Z,openai,gpt-4o-mini,300,30,0,0,1,support,replies,anna,,,,1e-3,USD,",  # careful: an exponent
    "2026-03-04T08:08:00Z,openai,gpt-4o-mini,300,30,0,0,1,support,replies,anna,,,,-0.25,USD,",  # careful: negative money
    "2026-03-04T10:00:00,openai,gpt-4o-mini,300,30,0,0,1,support,replies,anna,,,,,,",  # careful: no zone
    "yesterday,openai,gpt-4o-mini,300,30,0,0,1,support,replies,anna,,,,,,",  # skipped: bad timestamp
    "1772445600,openai,gpt-4o-mini,300,30,0,0,1,support,replies,anna,,,,,,",  # careful: Unix time
    "2026-03-04T08:09:00Z,openai, ,300,30,0,0,1,support,replies,anna,,,,,,",  # skipped: no model
    "2026-03-04T08:10:00Z,openai,gpt-4o-mini,300,30,0,0,1,support,replies,anna,,batch,,,,",  # batch prices
    "2026-03-04T08:11:00Z,openai,gpt-4o-mini,300,30,0,0,1,support,replies,anna,,flex,,,,",  # a service tier
    "2026-03-04T02:00:00Z,deepseek,deepseek-chat,5000,500,1000,0,1,support,replies,anna,,,,,,",  # off-peak hour
    "2026-03-04T12:00:00Z,deepseek,deepseek-chat,5000,500,1000,0,1,support,replies,anna,,,,,,",  # peak hour
    "2026-03-05T08:00:00.123456Z,azure.ai.openai,gpt-4o,900,90,0,0,3,sales,,,,,,,,",  # an alias, µs
    "2026-03-05T09:00:00Z,google,gemini-2.5-pro,200000,10,0,0,1,research,long,,,,,,,",  # at the tier: below
    "2026-03-05T10:00:00Z,google,gemini-2.5-pro,500,0,0,0,0,research,idle,,,,,,,",  # tokens, no requests
    "2026-03-05T11:00:00Z,openai,gpt-4o-mini,300,30,200,200,1,support,replies,anna,,,,,,",  # skipped: writes
]


def _write(path: Path, rows: list[str], newline: str = "\n", final: bool = True) -> Path:
    path.write_text(newline.join([HEADER, *rows]) + (newline if final else ""), encoding="utf-8")
    return path


def _contents(store: SqliteLedger) -> dict[str, Any]:
    """Every table, with what may differ between two imports of one file made even:
    import times, and a money amount kept as written (``0.000210``) against its shortest
    form (``0.00021``)."""
    tables = store.contents()
    cost = FACT_COLUMNS.index("reported_cost")
    tables["usage_fact"] = sorted(
        (*r[:cost], Decimal(r[cost]) if r[cost] else "", *r[cost + 1 :])
        for r in tables["usage_fact"]
    )
    tables["import_batch"] = [r[:4] + r[6:] for r in tables["import_batch"]]
    return tables


def resolved(store: SqliteLedger) -> dict[str, Any]:
    """``_contents`` with sets of dimensions and price slots named by what they hold rather
    than by id (a worker's blocks may be written before the ones read here, giving ids in
    another order), and without the moment a slot's prices were sampled at."""
    tables = _contents(store)
    sets = {row[0]: row[1:] for row in tables.pop("dimension")}
    slots = {row[0]: row[1] for row in tables.pop("price_slot")}
    slots[0] = "unpriced"
    fact_set, fact_slot = FACT_COLUMNS.index("dimension_id"), FACT_COLUMNS.index("slot_id")
    tables["usage_fact"] = sorted(
        tuple(sets[v] if i == fact_set else slots[v] if i == fact_slot else v
              for i, v in enumerate(row))
        for row in tables["usage_fact"]
    )  # fmt: skip
    daily_slot = DAILY_KEY.index("slot_id")
    tables["usage_daily"] = sorted(
        tuple(slots[v] if i == daily_slot else v for i, v in enumerate(row))
        for row in tables["usage_daily"]
    )
    tables["slots"] = sorted(slots.values())
    return tables


def _import_both(
    tmp_path: Path, files: list[list[Path]], monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, Any], dict[str, Any], list[Any], list[Any]]:
    """Import the runs of ``files`` into two ledgers, in bulk and row by row."""
    found = []
    for formats in (importer.BULK_FORMATS, frozenset()):
        monkeypatch.setattr(importer, "BULK_FORMATS", formats)
        store = open_ledger(tmp_path / f"{len(found)}.llmledger")
        reports = [importer.import_files(store, paths) for paths in files]
        found.append((_contents(store), reports))
        store.close()
    (bulk_tables, bulk_reports), (careful_tables, careful_reports) = found
    return bulk_tables, careful_tables, bulk_reports, careful_reports


def _same(bulk_reports: list[Any], careful_reports: list[Any]) -> None:
    for ours, theirs in zip(bulk_reports, careful_reports, strict=True):
        assert ours == theirs


def test_every_quirk_reads_as_the_careful_reader_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "quirks.csv", QUIRKS)
    ours, theirs, our_reports, their_reports = _import_both(tmp_path, [[path]], monkeypatch)
    assert ours == theirs
    _same(our_reports, their_reports)
    [[report]] = our_reports
    assert report.unpriced_models == ("mistral/unknown-model-xyz",)
    assert [(p.line, p.field, p.code) for p in report.problems] == [
        (6, "input_tokens", "not_a_number"),
        (13, "(row)", "wrong_field_count"),
        (16, "output_tokens", "negative"),
        (17, "cached_input_tokens", "more_than_input"),
        (23, "timestamp", "bad_timestamp"),
        (25, "model", "missing"),
        (33, "cache_write_tokens", "more_than_input"),
    ]
    assert (report.rows_read, report.added, report.skipped) == (31, 23, 7)
    gemini = {
        d[0] for d in ours["dimension"] if d[1 + DIMENSIONS.index("model")] == "gemini-2.5-pro"
    }
    bands = {
        r[FACT_COLUMNS.index("band")]
        for r in ours["usage_fact"]
        if r[FACT_COLUMNS.index("dimension_id")] in gemini
    }
    assert bands == {0, 1}


@pytest.mark.parametrize(
    ("newline", "final", "quoted"),
    [("\r\n", True, False), ("\n", False, False), ("\n", True, True), ("\r", True, False)],
    ids=["crlf", "no-final-newline", "quoted-fields", "old-mac"],
)
def test_line_endings_and_quotes_read_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, newline: str, final: bool, quoted: bool
) -> None:
    rows = list(QUIRKS)
    if quoted:  # a quote, then a line break inside a field: csv.reader from there on
        rows[7] = rows[7].replace("research", '"research, EU"')
        rows[12] = rows[12].replace(" replies ", '"two\nlines"')
    path = _write(tmp_path / "endings.csv", rows, newline, final)
    ours, theirs, our_reports, their_reports = _import_both(tmp_path, [[path]], monkeypatch)
    assert ours == theirs
    _same(our_reports, their_reports)


def _requests(count: int, start: int = 0, tokens: int = 100) -> list[str]:
    models = ("openai,gpt-4o-mini", "anthropic,claude-haiku-4-5-20251001", "google,gemini-2.5-pro")
    return [
        f"2026-03-{1 + i // 2000:02d}T{i // 60 % 24:02d}:{i % 60:02d}:00.{i % 1000:03d}Z,"
        f"{models[i % 3]},{tokens + i % 7},{10 + i % 5},{i % 3},0,1,p{i % 4},f{i % 6},u{i % 9},"
        f",,,0.00{i % 97 + 1},USD,"
        for i in range(start, start + count)
    ]


def test_overlapping_reimport_updates_as_the_careful_reader_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blocks of plain inserts, a block that meets facts of an earlier import, and one that
    meets itself; added and updated counted alike."""
    first = _write(tmp_path / "first.csv", _requests(6_000))
    again = _write(tmp_path / "again.csv", _requests(5_000, start=4_000, tokens=300) + QUIRKS[:2])
    ours, theirs, our_reports, their_reports = _import_both(
        tmp_path, [[first], [again, first]], monkeypatch
    )
    assert ours == theirs
    _same(our_reports, their_reports)
    assert [(r.added, r.updated) for run in our_reports for r in run] == [
        (6_000, 0),
        (3_001, 2_000),
        (0, 6_000),
    ]


@pytest.mark.parametrize("head_share", [0.0, 0.3, 0.9])
def test_a_worker_process_reads_to_the_same_ledger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, head_share: float
) -> None:
    """The worker reads the file after the first ``head_share`` of it, read here."""
    monkeypatch.setattr(bulk_worker, "HEAD_SHARE", head_share)
    path = _write(tmp_path / "big.csv", _requests(5_000) + QUIRKS)
    assert bool(plain_start(path, head_share)[0]) == (head_share > 0)
    found = []
    for threshold in (0, 10**12):
        monkeypatch.setattr(bulk_worker, "WORKER_BYTES", threshold)
        store = open_ledger(tmp_path / f"{threshold}.llmledger")
        store_reports = importer.import_files(store, [path])
        found.append((resolved(store), store_reports))
        store.close()
    assert found[0] == found[1]


def test_a_file_refused_in_the_worker_is_refused_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_worker, "WORKER_BYTES", 0)
    path = _write(
        tmp_path / "cut.csv", [*_requests(50), '2026-03-09T00:00:00Z,openai,"gpt'], final=False
    )
    store = open_ledger(tmp_path / "cut.llmledger")
    before = store.contents()
    with pytest.raises(importer.ImportRefused) as refused:
        importer.import_files(store, [path])
    assert refused.value.code == "truncated"
    assert store.contents() == before
    store.close()


def test_many_distinct_users_are_forgotten_without_changing_the_facts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_sets, "_SETS_KEPT", 7)  # far fewer than the sets of the file
    path = _write(tmp_path / "users.csv", _requests(3_000) + QUIRKS)
    ours, theirs, our_reports, their_reports = _import_both(tmp_path, [[path]], monkeypatch)
    assert ours == theirs
    _same(our_reports, their_reports)


def _csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    for row in reader:
        if row:
            yield reader.line_num, row


@pytest.mark.parametrize(
    "text",
    [
        "h1,h2\na,b\n\nc,d\n",
        "h1,h2\r\na,b\r\n\r\nc,d",
        "h1,h2\na,b\r\nc,d\re,f\n",
        'h1,h2\na,b\n"c\nd",e\n"f",g\n',
        '"h\n1",h2\na,b\nc,"d\r\n"\n',
        "h1,h2\n" + "a,b\n" * 40_000 + 'x,"y\nz"\n' + "c,d\n" * 10,
    ],
    ids=["blank", "crlf", "mixed", "quoted", "quoted-header", "long-then-quoted"],
)
def test_data_runs_give_csv_readers_rows_and_line_numbers(text: str) -> None:
    runs = data_runs(io.StringIO(text, newline=""))
    found = [
        (line, row)
        for rows, lines, blank in runs
        for line, row in zip(lines, rows, strict=True)
        if row != blank
    ]
    assert found == list(_csv_rows(text))


def test_a_cancelled_import_stops_its_worker_and_keeps_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    monkeypatch.setattr(bulk_worker, "WORKER_BYTES", 0)
    path = _write(tmp_path / "big.csv", _requests(9_000))
    store = open_ledger(tmp_path / "cancelled.llmledger")
    before = store.contents()

    def cancel(progress: importer.Progress) -> None:
        if progress.share_of_file > 0.2:
            raise importer.ImportCancelled

    with pytest.raises(importer.ImportCancelled):
        importer.import_files(store, [path], progress=cancel)
    assert store.contents() == before
    assert multiprocessing.active_children() == []
    store.close()


def _dies_at_once(send: Any, *_arguments: Any) -> None:
    """A worker that ends before its first block, as one whose interpreter cannot start."""
    send.close()


def test_a_worker_that_never_starts_leaves_the_reading_to_the_importer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "quirks.csv", _requests(3_000) + QUIRKS)
    found = []
    for threshold, work in ((0, _dies_at_once), (10**12, bulk_worker._work)):
        monkeypatch.setattr(bulk_worker, "WORKER_BYTES", threshold)
        monkeypatch.setattr(bulk_worker, "_work", work)
        store = open_ledger(tmp_path / f"{threshold}.llmledger")
        found.append((importer.import_files(store, [path]), resolved(store)))
        store.close()
    assert found[0] == found[1]
