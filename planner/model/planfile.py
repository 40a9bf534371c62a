"""Reading and writing plan files (``.llmplan``, the plan's JSON) safely."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.model.figures import FigurePathError, set_at_path
from planner.model.jsonfile import JsonFileError, parse_json, read_text_file
from planner.model.plan import Plan
from planner.model.safe_write import write_atomically

SUFFIX = ".llmplan"
MAX_PLAN_BYTES = 16 * 1024 * 1024  # thousands of times a real plan; never read into memory


_UNION_MEMBERS = {"float", "int", "str", "bool"}


class PlanError(ValueError):
    """A plan that cannot be used; the message names the file or field that is wrong."""


def describe_validation_error(error: ValidationError) -> str:
    """The first problem as ``field.path: message`` (input shown when short)."""
    first = error.errors()[0]
    loc = list(first["loc"])
    while loc and loc[-1] in _UNION_MEMBERS:  # which alternative pydantic tried: noise
        loc.pop()
    where = ".".join(str(part) for part in loc) or "plan"
    message = first["msg"].removeprefix("Value error, ")
    value = first.get("input")
    if value in (float("inf"), float("-inf")):  # also an integer too long to convert
        message += " (got a number far too large)"
    elif (
        isinstance(value, (int, float, str))
        and len(repr(value)) <= 40
        and first["type"] != "missing"
    ):
        message += f" (got {value!r})"
    return f"{where}: {message}"


def plan_from_data(data: Any) -> Plan:
    """Validate plan data; raises ``PlanError`` naming the first field that is wrong."""
    try:
        return Plan.model_validate(data)
    except ValidationError as error:
        raise PlanError(describe_validation_error(error)) from error
    except RecursionError as error:  # data built in code, nested past the stack
        raise PlanError("plan: nested too deeply to be a plan") from error


def parse_plan(text: str, label: str = "plan") -> Plan:
    """The plan (or a template's plan) in JSON ``text``; errors name ``label``."""
    try:
        data = parse_json(text, label)
    except JsonFileError as error:
        raise PlanError(str(error)) from error
    if not isinstance(data, dict):
        raise PlanError(f"{label}: a plan must be a JSON object, not {type(data).__name__}")
    if _is_template(data):
        data = data["plan"]
    return plan_from_data(data)


def _is_template(data: dict[str, Any]) -> bool:
    """A template file wraps a plan with its title and description; it can be opened too."""
    return set(data) == {"id", "title", "description", "plan"} and isinstance(data["plan"], dict)


def load_plan(path: Path) -> Plan:
    """Read a plan file; every failure becomes a PlanError naming the file."""
    text = read_text_file(path, "plan file", MAX_PLAN_BYTES, PlanError)
    try:
        return parse_plan(text, str(path))
    except PlanError as error:
        message = str(error)
        if not message.startswith(str(path)):
            message = f"{path}: {message}"
        raise PlanError(message) from error


def plan_json(plan: Plan) -> str:
    return plan.model_dump_json(indent=2, exclude_none=False) + "\n"


def save_plan(plan: Plan, path: Path) -> None:
    """Write ``plan`` to ``path`` atomically (see ``planner.model.safe_write``).

    Raises:
        OSError: The plan could not be written; the file is left as it was.
    """
    write_atomically(path, plan_json(plan).encode("utf-8"))


def apply_settings(data: dict[str, Any], settings: list[str]) -> dict[str, Any]:
    """Apply ``dotted.path=value`` overrides to plan data (values parsed as JSON when they
    can be, else taken as text)."""
    for setting in settings:
        path, sep, raw = setting.partition("=")
        if not sep or not path.strip():
            raise PlanError(f"--set {setting!r}: expected dotted.path=value")
        try:
            set_at_path(data, path.strip(), _parse_value(raw))
        except FigurePathError as error:
            raise PlanError(f"--set {error}") from error
    return data


def _parse_value(raw: str) -> Any:
    try:
        return parse_json(raw, "--set")
    except JsonFileError:
        return raw
