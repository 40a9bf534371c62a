"""A damaged rate_overrides.json loses nothing (issue 8, item 2): each bad entry is left
out alone and named, the good ones are kept, and the file is copied aside before anything
can write over it."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from planner.rates import load_rates
from planner.rates.user_rates import (
    keep_aside,
    read_user_rates,
    save_user_overrides,
)

RATES = load_rates()
GOOD = {
    "electricity": {"PL": {"price_per_kwh": 0.3}, "DE": {"price_per_kwh": 0.25}},
    "gpus": {"l4": {"purchase_usd": 2500}, "t4": {"purchase_usd": 900}},
    "assumptions": {"pue": {"value": 1.4}},
}  # five good changes


def stored(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "rate_overrides.json"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.bad-*"))


@pytest.mark.parametrize(
    ("bad_entry", "named"),
    [
        ({"gpus": {"h100-sxm": {"purchase_usd": [1]}}}, "gpus.h100-sxm.purchase_usd"),
        ({"gpus": {"h100-sxm": {"purchase_usd": None}}}, "gpus.h100-sxm.purchase_usd"),
        ({"gpus": {"h100-sxm": 5}}, "gpus.h100-sxm"),
        ({"languages": "broken"}, "languages"),
        ({"gpus": {"h100-sxm": {"purchase_usd": -5}}}, "'purchase_usd'"),
        ({"gpus": {"h100-sxm": {"purchase_usd": 1e308}}}, "'purchase_usd'"),
        ({"assumptions": {"amortisation_months": {"value": 0}}}, "amortisation_months"),
        ({"gpus": {"no-such-gpu": {"purchase_usd": 1}}}, "no-such-gpu"),
        ({"gpus": {"h100-sxm": {"id": "l4"}}}, "cannot rename"),
    ],
)
def test_one_bad_entry_is_rejected_alone_and_named(
    tmp_path: Path, bad_entry: dict[str, object], named: str
) -> None:
    data = json.loads(json.dumps(GOOD))
    for table, rows in bad_entry.items():
        if isinstance(rows, dict) and isinstance(data.get(table), dict):
            data[table].update(rows)
        else:
            data[table] = rows
    path = stored(tmp_path, json.dumps(data))
    read = read_user_rates(path, RATES)
    assert read.overrides == GOOD  # all five good changes survive
    assert len(read.problems) == 1
    assert str(path) in read.problems[0] and named in read.problems[0]
    assert read.kept_aside is not None and read.kept_aside.read_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ('{"gpus": {"l4": {"purchase_usd": 2500}', "not valid JSON"),  # truncated
        (b'{"gpus": {"l4": {"label": "\xe9"}}}', "not UTF-8"),
        ("", "empty"),
        ("null", "not null"),
        ("[1, 2]", "not a list"),
        ("[" * 50_000 + "]" * 50_000, "nested"),
        ('{"gpus": {"l4": {"purchase_usd": ' + "9" * 5_000 + "}}}", "'purchase_usd'"),
    ],
)
def test_a_damaged_file_is_reported_and_kept_aside_before_it_is_written(
    tmp_path: Path, content: str | bytes, named: str
) -> None:
    path = stored(tmp_path, content)
    before = path.read_bytes()
    read = read_user_rates(path, RATES)
    assert read.problems and named in read.problems[0] and str(path) in read.problems[0]
    assert read.kept_aside is not None and read.kept_aside.read_bytes() == before
    assert read.kept_aside.name.startswith("rate_overrides.json.bad-")
    save_user_overrides(path, {"gpus": {"l4": {"purchase_usd": 2600}}})  # the first edit
    assert [p.read_bytes() for p in copies(path)] == [before]  # still there, once


def test_saving_over_a_damaged_file_keeps_it_aside_even_unread(tmp_path: Path) -> None:
    path = stored(tmp_path, '{"gpus": {"l4": {"purchase_usd": 2500}')
    save_user_overrides(path, {})
    assert [p.read_bytes() for p in copies(path)] == [b'{"gpus": {"l4": {"purchase_usd": 2500}']
    assert json.loads(path.read_text(encoding="utf-8")) == {}


def test_a_good_or_absent_file_is_read_whole_and_not_copied(tmp_path: Path) -> None:
    absent = read_user_rates(tmp_path / "rate_overrides.json", RATES)
    assert (absent.overrides, absent.problems, absent.kept_aside) == ({}, [], None)
    path = stored(tmp_path, json.dumps(GOOD))
    read = read_user_rates(path, RATES)
    save_user_overrides(path, read.overrides)
    assert read.overrides == GOOD and read.problems == [] and read.kept_aside is None
    assert copies(path) == []


def test_the_copy_is_named_by_the_time_and_made_once_per_content(tmp_path: Path) -> None:
    path = stored(tmp_path, "{ broken")
    when = datetime(2026, 12, 3, 10, 15, 0)
    first = keep_aside(path, when)
    assert first == tmp_path / "rate_overrides.json.bad-20261203-101500"
    assert keep_aside(path, when) == first  # the same damage is not copied again
    path.write_text("{ broken differently")
    second = keep_aside(path, when)
    assert second is not None and second != first and second.read_text() == "{ broken differently"
