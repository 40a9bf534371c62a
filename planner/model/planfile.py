"""Reading and writing plan files (``.llmplan``, the plan's JSON) safely."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.model.plan import Plan

SUFFIX = ".llmplan"


class PlanError(ValueError):
    """A plan that cannot be used; the message names the file or field that is wrong."""


def describe_validation_error(error: ValidationError) -> str:
    """The first problem as ``field.path: message`` (input shown when short)."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "plan"
    message = first["msg"]
    value = first.get("input")
    if (
        isinstance(value, (int, float, str))
        and len(repr(value)) <= 40
        and first["type"] != "missing"
    ):
        message += f" (got {value!r})"
    return f"{where}: {message}"


def json_error(label: str, error: json.JSONDecodeError) -> str:
    """Where a file stops being JSON, in one line that names the file."""
    return f"{label}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"


def plan_from_data(data: Any) -> Plan:
    try:
        return Plan.model_validate(data)
    except ValidationError as error:
        raise PlanError(describe_validation_error(error)) from error


def parse_plan(text: str, label: str = "plan") -> Plan:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise PlanError(json_error(label, error)) from error
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
    try:
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise PlanError(f"{path}: no such file") from error
    except IsADirectoryError as error:
        raise PlanError(f"{path}: is a folder, not a plan file") from error
    except OSError as error:
        raise PlanError(f"{path}: cannot be read ({error.strerror})") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PlanError(f"{path}: not a plan file (not UTF-8 text)") from error
    try:
        return parse_plan(text, str(path))
    except PlanError as error:
        message = str(error)
        if not message.startswith(str(path)):
            message = f"{path}: {message}"
        raise PlanError(message) from error


def plan_json(plan: Plan) -> str:
    return plan.model_dump_json(indent=2, exclude_none=False) + "\n"


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and move it into place, so a crash or a
    full disk never leaves a half-written file under the target name."""
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:50]}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_plan(plan: Plan, path: Path) -> None:
    write_atomically(path, plan_json(plan).encode("utf-8"))


def apply_settings(data: dict[str, Any], settings: list[str]) -> dict[str, Any]:
    """Apply ``dotted.path=value`` overrides to plan data (values parsed as JSON when they
    can be, else taken as text)."""
    for setting in settings:
        path, sep, raw = setting.partition("=")
        if not sep or not path.strip():
            raise PlanError(f"--set {setting!r}: expected dotted.path=value")
        keys = path.strip().split(".")
        target: Any = data
        for key in keys[:-1]:
            if not isinstance(target, dict):
                raise PlanError(f"--set {path}: {key!r} is not a group of settings")
            target = target.setdefault(key, {})
            if target is None:
                raise PlanError(f"--set {path}: {key!r} is empty")
        if not isinstance(target, dict):
            raise PlanError(f"--set {path}: cannot set inside a value")
        target[keys[-1]] = _parse_value(raw)
    return data


def _parse_value(raw: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw
