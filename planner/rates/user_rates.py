"""Rate-table values a user changed for every plan, kept as JSON outside the bundled files.

The file holds the same shape as a plan's ``rate_overrides``:
``{table: {row key: {field: value}}}``. The bundled tables are never written.
"""

from __future__ import annotations

import contextlib
import copy
import glob
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from planner.model.jsonfile import JsonFileError, parse_json
from planner.model.safe_write import write_atomically
from planner.rates import RateBook, RateOverrides, RateTableError, with_overrides

LABEL = "your rate changes"
Scalar = float | int | str | bool


class UserRatesError(ValueError):
    """The user's rate file cannot be used; the message names the file and what is wrong."""


@dataclass(frozen=True)
class UserRates:
    """The user's rate changes as read from their file.

    Attributes:
        overrides: every change that applies to the rate tables in use.
        problems: one line per change (or whole file) that could not be used, naming the
            file and the table, row and field; empty when everything was read.
        kept_aside: where a copy of the file was kept because something in it could not be
            used (``rate_overrides.json.bad-20261203-101500``); None when nothing was wrong
            or the copy could not be made (then ``problems`` says so).
    """

    overrides: RateOverrides
    problems: list[str] = field(default_factory=list)
    kept_aside: Path | None = None


def read_user_rates(path: Path, rates: RateBook) -> UserRates:
    """Read the user's changes, keeping every one that can be used.

    A damaged file never loses what can be read: a wrongly shaped or invalid entry is left
    out on its own and named in ``problems``; a file that is not JSON at all gives no
    changes. Either way the file is copied aside before anything can write over it.
    """
    data, problems = _read_data(path)
    salvaged: RateOverrides = {}
    if not problems:
        salvaged, problems = _salvage(data, str(path))
    kept, dropped = usable_overrides(rates, salvaged, str(path))
    problems += dropped
    if not problems:
        return UserRates(kept)
    try:
        aside = keep_aside(path)
    except OSError as error:
        problems.append(f"{path}: no copy could be kept ({error.strerror or error})")
        aside = None
    return UserRates(kept, problems, aside)


def load_user_overrides(path: Path) -> RateOverrides:
    """The overrides stored in ``path``, all or nothing; an absent file means none.

    Raises:
        UserRatesError: naming the file and the first entry that cannot be used.
    """
    data, problems = _read_data(path)
    if problems:
        raise UserRatesError(problems[0])
    overrides, problems = _salvage(data, str(path))
    if problems:
        raise UserRatesError(problems[0])
    return overrides


def _read_data(path: Path) -> tuple[Any, list[str]]:
    """The file's JSON and no problem, or why there is none (an absent file is no problem)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, []
    except OSError as error:
        return None, [f"{path}: cannot be read ({error.strerror or error})"]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [f"{path}: not UTF-8 text; none of your rate changes could be read"]
    if not text.strip():
        return None, [f"{path}: empty; none of your rate changes could be read"]
    try:
        return parse_json(text, str(path)), []
    except JsonFileError as error:
        return None, [str(error)]


def _salvage(data: Any, label: str) -> tuple[RateOverrides, list[str]]:
    """The well-shaped entries of ``data``, and one problem per entry that is not."""
    if not isinstance(data, dict):
        return {}, [f"{label}: expected an object of tables, not {_kind(data)}"]
    kept: RateOverrides = {}
    problems: list[str] = []
    for table, rows in data.items():
        if not isinstance(rows, dict):
            problems.append(f"{label}: {table}: expected an object of rows, not {_kind(rows)}")
            continue
        for key, fields in rows.items():
            if not isinstance(fields, dict):
                problems.append(f"{label}: {table}.{key}: expected an object of fields")
                continue
            for name, value in fields.items():
                if isinstance(value, Scalar):
                    kept.setdefault(table, {}).setdefault(key, {})[name] = value
                else:
                    problems.append(
                        f"{label}: {table}.{key}.{name}: expected a number, text or "
                        f"true/false, not {_kind(value)}"
                    )
    return kept, problems


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def keep_aside(path: Path, now: datetime | None = None) -> Path | None:
    """Copy ``path`` to ``<name>.bad-<YYYYMMDD-HHMMSS>`` beside it; returns the copy.

    An earlier copy with the same content is reused, so a damaged file that is opened
    again and again is kept once. Returns None when there is no file to keep.

    Raises:
        OSError: the copy could not be written.
    """
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        return None
    for earlier in sorted(path.parent.glob(f"{glob.escape(path.name)}.bad-*")):
        with contextlib.suppress(OSError):
            if earlier.read_bytes() == content:
                return earlier
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.bad-{stamp}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = path.with_name(f"{path.name}.bad-{stamp}-{counter}")
    write_atomically(aside, content)
    return aside


def save_user_overrides(path: Path, overrides: RateOverrides) -> None:
    """Write the overrides atomically, creating the folder when needed.

    A file there that cannot be read as rate changes is copied aside first, so that
    saving never destroys something the user may still want.

    Raises:
        OSError: the file (or the copy of a damaged one) could not be written; nothing
            was replaced.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    data, problems = _read_data(path)
    if problems or _salvage(data, str(path))[1]:
        keep_aside(path)  # raises OSError, and nothing is written, if it cannot be kept
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


def usable_overrides(
    rates: RateBook, overrides: RateOverrides, label: str = LABEL
) -> tuple[RateOverrides, list[str]]:
    """The overrides that still apply to ``rates``, and a message for each one dropped
    (a row removed by an update of the bundled tables, a value no longer valid); messages
    begin with ``label``."""
    kept: RateOverrides = {}
    problems: list[str] = []
    for table, rows in overrides.items():
        for key, fields in rows.items():
            for name, value in fields.items():
                trial = set_override(kept, table, key, name, value)
                try:
                    with_overrides(rates, trial, label)
                except RateTableError as error:
                    problems.append(str(error))
                    continue
                kept = trial
    return kept, problems
