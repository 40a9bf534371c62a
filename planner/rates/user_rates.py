"""Rate-table values a user changed for every plan, kept as JSON outside the bundled files.

The file holds the same shape as a plan's ``rate_overrides``:
``{table: {row key: {field: value}}}``. The bundled tables are never written.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from planner.model.planfile import json_error, write_atomically
from planner.rates import RateBook, RateOverrides, RateTableError, with_overrides

LABEL = "your rate changes"
Scalar = float | int | str | bool


class UserRatesError(ValueError):
    """The user's rate file cannot be used; the message names the file and what is wrong."""


def load_user_overrides(path: Path) -> RateOverrides:
    """The overrides stored in ``path``; an absent file means none."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise UserRatesError(f"{path}: cannot be read ({error})") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UserRatesError(json_error(str(path), error)) from error
    problem = _shape_problem(data)
    if problem:
        raise UserRatesError(f"{path}: {problem}")
    overrides: RateOverrides = data
    return overrides


def _shape_problem(data: Any) -> str | None:
    if not isinstance(data, dict):
        return "expected an object of tables"
    for table, rows in data.items():
        if not isinstance(rows, dict):
            return f"{table}: expected an object of rows"
        for key, fields in rows.items():
            if not isinstance(fields, dict):
                return f"{table}.{key}: expected an object of fields"
            for name, value in fields.items():
                if not isinstance(value, Scalar):
                    return f"{table}.{key}.{name}: expected a number, text or true/false"
    return None


def save_user_overrides(path: Path, overrides: RateOverrides) -> None:
    """Write the overrides atomically, creating the folder when needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(overrides, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomically(path, text.encode("utf-8"))


def set_override(
    overrides: RateOverrides, table: str, key: str, field: str, value: Scalar
) -> RateOverrides:
    """A copy of ``overrides`` with one field of one row set."""
    changed = copy.deepcopy(overrides)
    changed.setdefault(table, {}).setdefault(key, {})[field] = value
    return changed


def merge_overrides(overrides: RateOverrides, more: RateOverrides) -> RateOverrides:
    """A copy of ``overrides`` with every value of ``more`` set on top."""
    changed = copy.deepcopy(overrides)
    for table, rows in more.items():
        for key, fields in rows.items():
            changed.setdefault(table, {}).setdefault(key, {}).update(fields)
    return changed


def clear_override(
    overrides: RateOverrides,
    table: str | None = None,
    key: str | None = None,
    field: str | None = None,
) -> RateOverrides:
    """A copy without the named field, row, table, or (with no names) without anything."""
    if table is None:
        return {}
    changed = copy.deepcopy(overrides)
    rows = changed.get(table, {})
    if key is None:
        rows.clear()
    elif field is None:
        rows.pop(key, None)
    else:
        rows.get(key, {}).pop(field, None)
        if key in rows and not rows[key]:
            del rows[key]
    if not rows:
        changed.pop(table, None)
    return changed


def overridden_value(overrides: RateOverrides, table: str, key: str, field: str) -> Scalar | None:
    value: Scalar | None = overrides.get(table, {}).get(key, {}).get(field)
    return value


def apply_user_overrides(rates: RateBook, overrides: RateOverrides) -> RateBook:
    """The rate book with the user's values; raises ``RateTableError`` naming a bad value."""
    return with_overrides(rates, overrides, LABEL)


def usable_overrides(rates: RateBook, overrides: RateOverrides) -> tuple[RateOverrides, list[str]]:
    """The overrides that still apply to ``rates``, and a message for each one dropped
    (a row removed by an update of the bundled tables, a value no longer valid)."""
    kept: RateOverrides = {}
    problems: list[str] = []
    for table, rows in overrides.items():
        for key, fields in rows.items():
            for field, value in fields.items():
                trial = set_override(kept, table, key, field, value)
                try:
                    with_overrides(rates, trial, LABEL)
                except RateTableError as error:
                    problems.append(str(error))
                    continue
                kept = trial
    return kept, problems
