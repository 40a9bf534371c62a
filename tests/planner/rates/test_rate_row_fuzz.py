"""Fuzzed rows in ``--rates-dir`` tables (issue 8, items 6 and 9): whatever a row holds,
``estimate --json`` prints JSON any reader accepts and exits 0, or prints one line naming
the file and exits 2 — never NaN, never a ZeroDivisionError, never "internal error"."""

from __future__ import annotations

import json
import tempfile
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.cli.main import run
from planner.rates.loader import TABLE_SCHEMAS

ROOT = Path(__file__).parents[3]
DATA = ROOT / "planner" / "data"
TEMPLATE = ROOT / "templates" / "customer_email.json"
TABLES = {name: tomllib.loads((DATA / f"{name}.toml").read_text("utf-8")) for name in TABLE_SCHEMAS}

toml_values = st.one_of(
    st.sampled_from(
        [0, -1, 1, 5e-324, 1e-300, 1e308, float("inf"), float("nan"), 10**30, "", "t4", "USD"]
    ),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.dates(date(1, 1, 1), date(9999, 12, 31)),
    st.text(max_size=10),
    st.lists(st.integers(), max_size=3),
)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value).replace("+", "")  # 1e+308 -> 1e308; inf and nan are TOML words
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return json.dumps(value)  # a basic string: JSON's escapes are TOML's


def toml_table(rows: list[dict[str, Any]]) -> str:
    blocks = []
    for row in rows:
        lines = [f"{key} = {toml_value(value)}" for key, value in row.items()]
        blocks.append("[[rows]]\n" + "\n".join(lines) + "\n")
    return "\n".join(blocks)


Mutation = tuple[str, int, str, str, Any]  # table, row index, change, field, value


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    """One row changed: a field set to anything, removed, the row copied, or renamed."""
    name = draw(st.sampled_from(sorted(TABLES)))
    rows = TABLES[name]["rows"]
    index = draw(st.integers(0, len(rows) - 1))
    field = draw(st.sampled_from(sorted(rows[index])))
    change = draw(st.sampled_from(["set", "set", "set", "remove", "copy", "rename"]))
    return name, index, change, field, draw(toml_values) if change == "set" else None


def mutated(mutation: Mutation) -> str:
    name, index, change, field, value = mutation
    rows = [dict(row) for row in TABLES[name]["rows"]]
    if change == "set":
        rows[index][field] = value
    elif change == "remove":
        del rows[index][field]
    elif change == "copy":
        rows.append(dict(rows[index]))
    else:  # renamed onto the next row's name
        other = rows[(index + 1) % len(rows)]
        for key in ("id", "code", "country", "gpu"):
            if key in rows[index] and key in other:
                rows[index][key] = other[key]
                break
    return toml_table(rows)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(mutation=mutations())
def test_any_rate_row_gives_a_budget_or_one_line_naming_the_file(
    mutation: Mutation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # one folder per example
    path = folder / f"{mutation[0]}.toml"
    path.write_text(mutated(mutation), encoding="utf-8")
    status = run(["--rates-dir", str(folder), "estimate", str(TEMPLATE), "--json"])
    out, err = capsys.readouterr()
    if status == 0:
        json.loads(out)  # no bare NaN or Infinity
        return
    assert status == 2 and err.count("\n") == 1, err
    assert "internal error" not in err and str(path) in err, err


def test_the_fuzzers_tables_load_and_a_copied_cloud_price_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fuzzer's TOML reads back as the bundled tables (so its changes are what fails)."""
    for name, document in TABLES.items():
        (tmp_path / f"{name}.toml").write_text(toml_table(document["rows"]), encoding="utf-8")
    assert run(["--rates-dir", str(tmp_path), "rates", "--json"]) == 0
    copied = mutated(("gpu_cloud_prices", 0, "copy", "gpu", None))
    (tmp_path / "gpu_cloud_prices.toml").write_text(copied, encoding="utf-8")
    capsys.readouterr()
    assert run(["--rates-dir", str(tmp_path), "rates"]) == 2
    assert "a second row for" in capsys.readouterr().err
