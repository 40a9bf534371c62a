"""The generic format's columns, and column maps that put other names onto them.

A column map (``--map MAP.json``, or a preset) is ``{"columns": {field: spec}}`` plus
optional ``"constants": {field: value}`` and ``"only": {path: value}`` (rows whose value
differs are left out). A spec is a column name or a dotted path into JSON (a key that
itself holds dots, such as ``gen_ai.usage.input_tokens``, is found whole); a list of specs
(counts are summed, text takes the first present); or ``{"path": p, "tag": "feature"}``,
which reads ``feature:x`` out of a list of tags or ``{"feature": "x"}`` out of an object.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

COUNT_FIELDS = (
    "input_tokens",
    "output_tokens",
    "cached_input_tokens",
    "cache_write_tokens",
    "requests",
)
TEXT_FIELDS = (
    "timestamp",
    "provider",
    "model",
    "project",
    "feature",
    "user",
    "api_key",
    "request_id",
    "service_tier",
    "cost",
    "currency",
)
FIELDS = (*TEXT_FIELDS[:3], *COUNT_FIELDS, *TEXT_FIELDS[3:])
REQUIRED = ("timestamp", "model", "input_tokens", "output_tokens")


class MapError(ValueError):
    """A column map that cannot be used; the message names the map and the entry."""


@dataclass(frozen=True)
class ColumnMap:
    """Where each generic field comes from in a source file."""

    columns: Mapping[str, Any]
    constants: Mapping[str, Any] = field(default_factory=dict)
    only: Mapping[str, Any] = field(default_factory=dict)
    name: str = "map"

    def is_simple(self) -> bool:
        """Every field is one plain column: the fast CSV reader can be used."""
        return all(isinstance(spec, str) for spec in self.columns.values()) and not (
            self.constants or self.only
        )

    def column(self, name: str) -> str:
        spec = self.columns.get(name, name)
        return spec if isinstance(spec, str) else name


IDENTITY = ColumnMap(columns={name: name for name in FIELDS}, name="generic")


def column_map(data: Any, name: str) -> ColumnMap:
    """Validate a map read from JSON; unknown fields and bad specs are named."""
    if not isinstance(data, dict) or not isinstance(data.get("columns", {}), dict):
        raise MapError(f'{name}: expected an object with "columns": {{field: column}}')
    columns = {**{n: n for n in FIELDS}, **data.get("columns", {})}
    for key in (*columns, *data.get("constants", {})):
        if key not in FIELDS:
            raise MapError(f"{name}: unknown field {key!r}; known: {', '.join(FIELDS)}")
    for key, spec in columns.items():
        _check_spec(name, key, spec)
    return ColumnMap(columns, data.get("constants", {}), data.get("only", {}), name)


def _check_spec(name: str, key: str, spec: Any) -> None:
    if isinstance(spec, str):
        return
    if isinstance(spec, list) and spec and all(isinstance(s, str | dict) for s in spec):
        for part in spec:
            _check_spec(name, key, part)
        return
    if isinstance(spec, dict) and isinstance(spec.get("path"), str):
        return
    raise MapError(f'{name}: field {key!r}: expected a column name, a list, or {{"path": …}}')


def load_column_map(path: Path) -> ColumnMap:
    """Read ``--map MAP.json``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise MapError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MapError(f"{path}: not a JSON column map ({error})") from None
    return column_map(data, str(path))


def lookup(record: Any, path: str) -> Any:
    """The value at a dotted ``path``; JSON held in a text field is opened on the way."""
    if isinstance(record, str) and record[:1] in "{[":
        try:
            record = json.loads(record)
        except json.JSONDecodeError:
            return None
    if not isinstance(record, dict):
        return None
    if path in record:
        return record[path]
    start = path.find(".")
    while start != -1:
        if path[:start] in record:
            return lookup(record[path[:start]], path[start + 1 :])
        start = path.find(".", start + 1)
    return None


def tagged(value: Any, tag: str) -> Any:
    """``x`` from ``["tag:x", …]`` or from ``{"tag": "x"}`` (also as JSON text)."""
    if isinstance(value, str) and value[:1] in "{[":
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return None
    if isinstance(value, dict):
        return value.get(tag)
    if isinstance(value, list):
        prefix = f"{tag}:"
        for item in value:
            if isinstance(item, str) and item.startswith(prefix):
                return item[len(prefix) :]
    return None
