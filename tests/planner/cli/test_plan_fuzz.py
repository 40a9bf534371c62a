"""Fuzzed plan files through the command line (issue 8, item 5): whatever the file holds,
``estimate`` prints JSON and exits 0, or prints one line naming the file and exits 2 —
never a traceback, never "internal error", never Python's own wording naming nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.cli.main import run
from planner.rates import load_rates, row_key
from planner.rates.loader import TABLE_SCHEMAS

ROOT = Path(__file__).parents[3]
TEMPLATE = json.loads((ROOT / "templates" / "customer_email.json").read_text(encoding="utf-8"))
PLAN: dict[str, Any] = TEMPLATE["plan"]
RATES = load_rates()

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from([0, -1, 1e308, -1e308, 5e-324, 10**400, "NaN", "", "\ud800"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
PATHS = [
    ("workload", "requests_per_day"),
    ("workload", "input_tokens"),
    ("workload", "output_tokens"),
    ("workload", "business_hours_per_day"),
    ("workload", "days_per_month"),
    ("workload", "growth_pct_per_month"),
    ("workload", "breakdown"),
    ("levers", "prompt_cache_share"),
    ("horizon_months",),
    ("start_date",),
    ("currency",),
    ("country",),
    ("name",),
    ("rate_overrides",),
    ("workload",),
    ("needs",),
]


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=True, allow_nan=True)


@st.composite
def mutated_plans(draw: st.DrawFn) -> bytes:
    """The template's plan with one value replaced by anything JSON can hold."""
    data = json.loads(json.dumps(PLAN))
    *parents, last = draw(st.sampled_from(PATHS))
    target = data
    for key in parents:
        target = target.setdefault(key, {})
    target[last] = draw(values)
    return _dumps(data).encode("utf-8")


def _numeric_fields() -> list[tuple[str, str, str]]:
    """(table, row, field) for every number of the first two rows of every rate table."""
    found = []
    for table in TABLE_SCHEMAS:
        for row in RATES.table(table)[:2]:
            for field, value in row.model_dump().items():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    found.append((table, row_key(row), field))
    return found


RATE_FIELDS = [*_numeric_fields(), ("gpus", "l4", "id"), ("currencies", "USD", "code")]
EXTREMES = [0, -1, 1e-300, 5e-324, 1e308, 10**400, float("nan"), float("inf"), "t4", True]


@st.composite
def rate_override_plans(draw: st.DrawFn) -> bytes:
    """A plan that changes one or two rates to anything a number can be."""
    overrides: dict[str, Any] = {}
    for table, row, field in draw(st.lists(st.sampled_from(RATE_FIELDS), min_size=1, max_size=2)):
        value = draw(
            st.one_of(
                st.sampled_from(EXTREMES),
                st.floats(allow_nan=True, allow_infinity=True),
                st.integers(-10, 10**6),
            )
        )
        overrides.setdefault(table, {}).setdefault(row, {})[field] = value
    return _dumps({**PLAN, "rate_overrides": overrides}).encode("utf-8")


@st.composite
def nested(draw: st.DrawFn) -> bytes:
    depth = draw(st.sampled_from([150, 1_000, 5_000, 100_000]))
    opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
    inner = "1" if opener == "[" else "{}"
    where = draw(st.sampled_from(["top", "workload", "rate_overrides"]))
    deep = opener * depth + inner + closer * depth
    if where == "top":
        return deep.encode("ascii")
    return _dumps({**PLAN, where: "DEEP"}).replace('"DEEP"', deep).encode("ascii")


@st.composite
def huge_numbers(draw: st.DrawFn) -> bytes:
    """An integer longer than Python converts (4,300 digits) where a number belongs."""
    digits = draw(st.sampled_from(["", "-"])) + "9" * draw(st.integers(4_000, 6_000))
    dotted = ".".join(draw(st.sampled_from([*PATHS[:6], ("horizon_months",)])))
    return _dumps(_set(PLAN, dotted, "HUGE")).replace('"HUGE"', digits).encode("ascii")


def _set(data: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    copied = json.loads(json.dumps(data))
    *parents, last = dotted.split(".")
    target = copied
    for key in parents:
        target = target.setdefault(key, {})
    target[last] = value
    return copied


@st.composite
def damaged_bytes(draw: st.DrawFn) -> bytes:
    """The plan truncated, in another encoding, or with random bytes spliced in."""
    text = json.dumps({**PLAN, "name": "Zażółć gęślą jaźń", "notes": "Ünïcode ✓"})
    kind = draw(st.sampled_from(["truncated", "latin-1", "utf-16", "spliced", "empty"]))
    if kind == "truncated":
        return text.encode("utf-8")[: draw(st.integers(0, len(text) - 1))]
    if kind == "latin-1":
        return (
            text.replace("✓", "v").replace("ż", "z").replace("ó", "o").encode("latin-1", "replace")
        )
    if kind == "utf-16":
        return text.encode("utf-16")
    if kind == "empty":
        return b""
    raw = text.encode("utf-8")
    at = draw(st.integers(0, len(raw)))
    return raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]


plan_files = st.one_of(
    values.map(lambda v: _dumps(v).encode("utf-8")),
    mutated_plans(),
    rate_override_plans(),
    nested(),
    huge_numbers(),
    damaged_bytes(),
)


def estimate_file(tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fuzzed.llmplan"
    path.write_bytes(content)
    status = run(["estimate", str(path), "--json"])
    out, err = capsys.readouterr()
    if status == 0:
        json.loads(out)  # JSON any reader accepts: no bare NaN or Infinity
        return
    assert status == 2, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "internal error" not in err and "Traceback" not in err, err
    assert str(path) in err, err


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(content=plan_files)
def test_any_plan_file_is_estimated_or_refused_in_one_line_naming_it(
    content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    estimate_file(tmp_path, content, capsys)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested more than"),
        (b'{"workload": {"input_tokens": ' + b"9" * 5_000 + b"}}", "workload.input_tokens"),
        (b'{"horizon_months": -' + b"9" * 5_000 + b"}", "horizon_months"),
        (b'{"start_date": "9999-06-01"}', "start_date"),
        (b'{"workload": {"business_hours_per_day": 5e-324}}', "business_hours_per_day"),
        (b'{"currency": "XYZ"}', "currency"),
        (
            b'{"rate_overrides": {"assumptions": {"amortisation_months": {"value": 0}}}}',
            "amortisation_months",
        ),
        (b'{"rate_overrides": {"gpus": {"l4": {"purchase_usd": 1e308}}}}', "purchase_usd"),
        (b'{"rate_overrides": {"gpus": {"l4": {"id": "t4"}}}}', "rename"),
    ],
)
def test_what_escaped_before_is_refused_naming_file_and_field(
    content: bytes, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.llmplan"
    path.write_bytes(content)
    status = run(["estimate", str(path), "--json"])
    _, err = capsys.readouterr()
    assert status == 2, err
    assert err.count("\n") == 1 and str(path) in err and expected in err, err
