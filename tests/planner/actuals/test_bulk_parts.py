"""The pieces of the bulk reader: column tests, stretches of a file, blocks, a worker's ids.

The column tests must let through exactly the values the row-at-a-time tests let through
(``_ROW_TESTS``, the tests the bulk reader made of each row before it read by column), for
columns made of any mix of ordinary and odd values.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.actuals import bulk_columns as check
from planner.actuals.bulk import FactBlock, _Facts
from planner.actuals.bulk_lines import Stretch, data_runs, plain_start
from planner.actuals.bulk_worker import WorkerReader
from planner.actuals.pricing import Pricer, Slot
from planner.actuals.sources import Source
from planner.actuals.store_requests import REQUEST_FACT, FactColumns

COUNTS = ["0", "1", "12", "", " 7", "7 ", "1_000", "-3", "2.0", "lots", "٣", "+4", "007"]
STAMPS = ["2026-03-02T09:15:01Z", "2026-03-02T09:15:01.123Z", "2026-03-02T09:15:01.123456Z",
          "2026-03-02 09:15:01Z", "2026-03-02T09:15:01", "2026-03-02T09:15:01+01:00",
          "2026-02-30T00:00:00Z", "20260302T091501Z", "", "yesterday", "2026-03-02TT9:15:01Z",
          " 2026-03-02T09:15:01Z"]  # fmt: skip
COSTS = ["", "0.00021", "1", "1.", ".5", ".", "..", "1.2.3", "-0.25", " 0.5", "1e-3", "١.٥",
         "0,5", "12"]  # fmt: skip


def _is_count(text: str) -> bool:
    try:
        int(text or "0")
    except ValueError:
        return False
    return True


def _is_stamp(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return text[-1] == "Z" and text[10:11] == "T"


def _is_money(text: str) -> bool:
    return not text or (text.replace(".", "", 1).isdigit() and text.isascii())


def _bad(test: Any, texts: list[str]) -> set[int]:
    return {i for i, text in enumerate(texts) if not test(text)}


@given(st.lists(st.sampled_from(COUNTS), max_size=30))
def test_whole_numbers_pass_what_int_reads(texts: list[str]) -> None:
    bad: set[int] = set()
    values = check.whole_numbers(texts, 1, bad)
    assert bad == _bad(_is_count, texts)
    assert [v for i, v in enumerate(values) if i not in bad] == [
        int(t) if t else 1 for t in texts if _is_count(t)
    ]


@given(st.lists(st.sampled_from(STAMPS), max_size=30))
def test_timestamps_pass_what_the_careful_reader_keeps_unchanged(texts: list[str]) -> None:
    bad: set[int] = set()
    check.timestamps(texts, bad)
    assert bad == _bad(_is_stamp, texts)


@given(st.lists(st.sampled_from(COSTS), max_size=30))
def test_money_passes_what_reads_as_written(texts: list[str]) -> None:
    bad: set[int] = set()
    check.money_as_written(texts, bad)
    assert bad == _bad(_is_money, texts)


@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9), st.integers(0, 9)), max_size=30))
def test_cache_reads_and_writes_within_the_input(rows: list[tuple[int, int, int]]) -> None:
    bad: set[int] = set()
    tokens_in, cached, written = ([r[i] for r in rows] for i in range(3))
    check.cached_within_input(tokens_in, cached, written, bad)
    assert bad == {i for i, (t, c, w) in enumerate(rows) if c + w > t}


@pytest.mark.parametrize(
    ("stamps", "day"),
    [
        (["2026-03-02T09:15:01Z", "2026-03-02T23:59:59.5Z"], "2026-03-02"),
        (["2026-03-02T09:15:01Z", "2026-03-03T00:00:00Z"], None),
        (["2026-03-02T09:15:01Z", "x\n2026-03-02"], None),  # a line break fools no count
        ([], None),
    ],
)
def test_one_day_is_found_only_when_every_row_has_it(stamps: list[str], day: str | None) -> None:
    assert check.one_day(stamps) == day


def test_segments_are_the_stretches_between_bad_rows() -> None:
    assert check.segments({2, 3, 7}, 9) == [(0, 2), (3, 3), (4, 7), (8, 9)]
    assert check.segments(set(), 4) == [(0, 4)]


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rows.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


def _rows(source: Source, stretch: Stretch) -> list[tuple[int, list[str]]]:
    with source.text("", stretch.start, stretch.end) as stream:
        return [
            (line, row)
            for rows, lines, blank in data_runs(stream, stretch.after_line)
            for line, row in zip(lines, rows, strict=True)
            if row != blank
        ]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("piece", [3, 7, 1 << 20])
def test_two_stretches_read_the_rows_of_the_whole_file(
    tmp_path: Path, newline: str, piece: int
) -> None:
    lines = ["\ufeffa,b", *(f"{i},é{i}" for i in range(40)), "", "x,y"]
    path = _csv(tmp_path, newline.join(lines) + newline)
    start, before = plain_start(path, 0.5, piece)
    assert 0 < start < path.stat().st_size
    source = Source(path, "rows.csv")
    head, tail = Stretch(0, start), Stretch(start, None, before)
    assert _rows(source, head) + _rows(source, tail) == _rows(source, Stretch())


@pytest.mark.parametrize(
    "text",
    ['a,b\n1,"2"\n3,4\n', "a,b\n1,2\r3,4\n", "a,b\n1,\x002\n3,4\n", "a,b\n"],
    ids=["quote", "lone-cr", "nul", "header-only"],
)
def test_no_second_reader_starts_where_a_row_may_span_lines(tmp_path: Path, text: str) -> None:
    assert plain_start(_csv(tmp_path, text * 3 if text != "a,b\n" else text), 0.9) == (0, 0)


def test_a_block_holds_a_column_of_one_value_once() -> None:
    facts = _Facts()
    facts.extend(["2026-03-02T09:15:01Z", "2026-03-02T09:15:01Z"], ["", ""], [1, 1], [5, 6],
                 [0, 0], [0, 0], [1, 2], ["0.1", ""], ["USD", ""], [3, 3], [1, 1], [0, 0])  # fmt: skip
    taken = facts.take()
    assert taken.count == 2
    assert set(taken.varying) == {"bucket_start", "input_tokens", "output_tokens",
                                  "reported_cost", "reported_currency"}  # fmt: skip
    assert taken.same == {"ref": "", "requests": 1, "cache_read_tokens": 0,
                          "cache_write_tokens": 0, "dimension_id": 3, "slot_id": 1, "band": 0}  # fmt: skip
    assert len(facts) == 0 and set(taken.varying) | set(taken.same) == set(REQUEST_FACT)


class _Ledger:
    def __init__(self) -> None:
        self.sets: dict[tuple[Any, ...], int] = {}
        self.slots: dict[str, int] = {}

    def dimension_id(self, values: tuple[Any, ...]) -> int:
        return self.sets.setdefault(values, 100 + len(self.sets))

    def register_slot(self, slot: Slot) -> int:
        return self.slots.setdefault(slot.signature, 50 + len(self.slots))


def _block(numbers: list[int], slot_ids: list[int], **fields: Any) -> FactBlock:
    facts = FactColumns(len(numbers), {"dimension_id": numbers, "slot_id": slot_ids})
    return FactBlock(facts, **{"dims": [], **fields})


def test_a_workers_numbers_become_the_ledgers_ids(tmp_path: Path) -> None:
    ledger = _Ledger()
    reader = WorkerReader(
        Source(tmp_path / "x.csv", "x.csv"), {}, Pricer(ledger.register_slot), ledger
    )
    slot = Slot("openai", "gpt-4o-mini", "{}", "2026-03-02T00:00:00Z", "sig")
    first = reader._own(_block([1, 2, 1], [1, 0, 1], dims=[(1, "a"), (2, "b")], slots=[(1, slot)]))
    assert (first.facts.varying["dimension_id"], first.facts.varying["slot_id"]) == (
        [100, 101, 100],
        [50, 0, 50],
    )
    # Sets 1 and 2 forgotten in the worker: its number 3 is set "a" again, the same id.
    second = reader._own(_block([3, 3], [1, 1], dims=[(3, "a")], forget_below=3))
    assert second.facts.varying["dimension_id"] == [100, 100]
    assert reader._dims == {3: 100}
    with pytest.raises(KeyError):
        reader._own(_block([1], [1]))


def test_the_bytes_of_a_stretch_are_all_a_reader_sees(tmp_path: Path) -> None:
    path = _csv(tmp_path, "h\n" + "".join(f"{i}\n" for i in range(10)))
    with Source(path, "x").text("", 2, 6) as stream:
        assert stream.read() == "0\n1\n"
    with Source(path, "x").text("", 6) as stream:
        assert io.StringIO(stream.read()).readline() == "2\n"
