"""Reading plan files: whatever a file holds, ``load_plan`` returns a plan or raises one
``PlanError`` line naming the file and the field (issue 8, items 5 and 7) — which is what
File → Open shows in its dialog."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from planner.model.jsonfile import MAX_DEPTH, JsonFileError, parse_json
from planner.model.plan import Plan
from planner.model.planfile import PlanError, apply_settings, load_plan, parse_plan


def plan_file(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "plan.llmplan"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


FILES = {
    "deep list": ("[" * 100_000 + "]" * 100_000, "line 1, column 201: nested more than 200"),
    "deep object": ('{"a":' * 100_000 + "{}" + "}" * 100_000, "nested more than 200"),
    "deep in a field": (
        '{"workload": {"breakdown": ' + "[" * 3_000 + "]" * 3_000 + "}}",
        "nested more than 200",
    ),
    "huge integer": (
        '{"workload": {"input_tokens": ' + "9" * 5_000 + "}}",
        "workload.input_tokens: Input should be a finite number (got a number far too large)",
    ),
    "huge negative integer": ('{"horizon_months": -' + "9" * 5_000 + "}", "horizon_months"),
    "huge integer in overrides": (
        '{"rate_overrides": {"gpus": {"l4": {"purchase_usd": ' + "9" * 5_000 + "}}}}",
        "rate_overrides.gpus.l4.purchase_usd",
    ),
    "not UTF-8": (b'{"name": "Caf\xe9"}', "not UTF-8 text, line 1"),
    "lone surrogate": ('{"notes": "ok", "company": "\\ud83d"}', "company: text with a broken"),
    "surrogate key": ('{"rate_overrides": {"\\udc00": {}}}', "rate_overrides.\\udc00"),
    "year 9999": ('{"start_date": "9999-06-01"}', "start_date: a budget of 36 months"),
    "year 9999 short": ('{"start_date": "9999-12-01", "horizon_months": 2}', "start_date"),
    "no business hours": (
        '{"workload": {"business_hours_per_day": 5e-324}}',
        "workload.business_hours_per_day: Input should be greater than or equal to 0.25",
    ),
    "ten minutes a day": ('{"workload": {"business_hours_per_day": 0.16}}', "0.25"),
}


@pytest.mark.parametrize("case", list(FILES))
def test_a_file_that_escaped_before_is_refused_in_one_line_naming_file_and_field(
    case: str, tmp_path: Path
) -> None:
    content, expected = FILES[case]
    path = plan_file(tmp_path, content)
    with pytest.raises(PlanError) as refused:
        load_plan(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: ") and expected in message, message
    assert "\n" not in message and len(message) < 400


def test_the_start_date_is_checked_against_the_horizon_it_comes_with() -> None:
    with pytest.raises(ValueError, match="start_date"):
        Plan(start_date=date(9999, 1, 1), horizon_months=13)
    at_the_limits = [
        {"start_date": "9999-01-01", "horizon_months": 12},  # the last month a date holds
        {"start_date": "9990-01-01", "horizon_months": 120},
        {"workload": {"business_hours_per_day": 0.25}},  # a quarter of an hour: the least
        {"workload": {"input_tokens": 2_000_000, "output_tokens": 200_000}},
    ]
    for data in at_the_limits:
        assert isinstance(parse_plan(json.dumps(data)), Plan), data


def test_a_template_file_with_a_deep_plan_is_refused_naming_it(tmp_path: Path) -> None:
    template = {"id": "x", "title": "X", "description": "", "plan": {"workload": {}}}
    text = json.dumps(template).replace(
        '{"workload": {}}', '{"workload": ' + "[" * 500 + "]" * 500 + "}"
    )
    with pytest.raises(PlanError, match="nested more than"):
        load_plan(plan_file(tmp_path, text))


def test_a_file_far_larger_than_any_plan_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.llmplan"
    with path.open("wb") as stream:
        stream.truncate(17 * 1024 * 1024)  # sparse: takes no room on disk
    with pytest.raises(PlanError, match="too large to be a plan file"):
        load_plan(path)


def test_a_set_value_with_a_huge_integer_is_refused_naming_the_field(tmp_path: Path) -> None:
    data = apply_settings({}, ["workload.input_tokens=" + "9" * 5_000])
    with pytest.raises(PlanError, match=r"workload\.input_tokens"):
        parse_plan(json.dumps(data, allow_nan=True))


def test_json_just_within_the_depth_limit_is_read() -> None:
    assert parse_json("[" * MAX_DEPTH + "]" * MAX_DEPTH, "x") == _nested(MAX_DEPTH)
    with pytest.raises(JsonFileError, match=r"^x: not valid JSON \(line 1, column 201"):
        parse_json("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "x")


def test_brackets_inside_text_do_not_count_as_nesting() -> None:
    text = json.dumps({"notes": "[" * 10_000 + '\\"{' * 300, "a": [[[]]]})
    assert parse_json(text, "x")["notes"].startswith("[[[")
    with pytest.raises(JsonFileError, match="nested"):  # but brackets outside text do
        parse_json(text.replace("[[[]]]", "[" * 300 + "]" * 300), "x")


def _nested(depth: int) -> object:
    value: object = []
    for _ in range(depth - 1):
        value = [value]
    return value
