"""The one place that knows where the bundled rate tables live and how to read them."""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from planner.rates.integrity import IntegrityError, check_book, check_unique, which_row
from planner.rates.schema import (
    ApiModel,
    Assumption,
    CurrencyRate,
    ElectricityPrice,
    Gpu,
    GpuCloudPrice,
    LanguageFactor,
    LocalMachine,
    Measurement,
    OpenModel,
    StaffRate,
    Subscription,
)

Row = TypeVar("Row", bound=BaseModel)
RowT = TypeVar("RowT")

TABLE_SCHEMAS: dict[str, type[BaseModel]] = {
    "api_models": ApiModel,
    "open_models": OpenModel,
    "gpus": Gpu,
    "gpu_cloud_prices": GpuCloudPrice,
    "local_machines": LocalMachine,
    "electricity": ElectricityPrice,
    "currencies": CurrencyRate,
    "staff_rates": StaffRate,
    "languages": LanguageFactor,
    "assumptions": Assumption,
    "calibration": Assumption,
    "measurements": Measurement,
    "subscriptions": Subscription,
}


class RateTableError(ValueError):
    """A rate table that cannot be used; the message names the file, row and field."""


@dataclass(frozen=True)
class RateBook:
    """Every bundled table, validated, with lookups by id."""

    api_models: tuple[ApiModel, ...]
    open_models: tuple[OpenModel, ...]
    gpus: tuple[Gpu, ...]
    gpu_cloud_prices: tuple[GpuCloudPrice, ...]
    local_machines: tuple[LocalMachine, ...]
    electricity: tuple[ElectricityPrice, ...]
    currencies: tuple[CurrencyRate, ...]
    staff_rates: tuple[StaffRate, ...]
    languages: tuple[LanguageFactor, ...]
    assumptions: tuple[Assumption, ...]
    calibration: tuple[Assumption, ...]
    measurements: tuple[Measurement, ...]
    subscriptions: tuple[Subscription, ...]
    origin: dict[str, str] = field(default_factory=dict, compare=False)

    def table(self, name: str) -> tuple[BaseModel, ...]:
        """Rows of the table called ``name`` (a key of ``TABLE_SCHEMAS``)."""
        rows: tuple[BaseModel, ...] = getattr(self, name)
        return rows

    def assumption(self, key: str) -> float:
        """The value of an assumption or calibration factor by id."""
        return self.assumption_row(key).value

    def assumption_row(self, key: str) -> Assumption:
        try:
            return self._assumptions_by_id[key]
        except KeyError:
            raise KeyError(
                f"no assumption called {key!r} in assumptions.toml or calibration.toml"
            ) from None

    @cached_property
    def _assumptions_by_id(self) -> dict[str, Assumption]:
        return {row.id: row for row in (*self.assumptions, *self.calibration)}

    def open_model(self, model_id: str) -> OpenModel:
        return _by_id(self.open_models, model_id, "open model")

    def gpu(self, gpu_id: str) -> Gpu:
        return _by_id(self.gpus, gpu_id, "GPU")

    def local_machine(self, machine_id: str) -> LocalMachine:
        return _by_id(self.local_machines, machine_id, "local machine")

    def api_model(self, model_id: str) -> ApiModel:
        return _by_id(self.api_models, model_id, "API model")

    def subscription(self, subscription_id: str) -> Subscription:
        return _by_id(self.subscriptions, subscription_id, "seat subscription")

    def currency(self, code: str) -> CurrencyRate:
        for row in self.currencies:
            if row.code == code:
                return row
        known = ", ".join(sorted(r.code for r in self.currencies))
        raise KeyError(f"unknown currency {code!r}; known: {known}")


RateOverrides = dict[str, dict[str, dict[str, Any]]]
"""``{table: {row key: {field: value}}}``; a row key is its ``id``, or for tables without
ids the row's ``code``/``country``/``gpu`` values joined by ``/`` (see ``row_key``)."""


KEY_FIELDS = ("country", "role", "gpu", "provider", "region")


def row_key(row: BaseModel) -> str:
    """How overrides and the rates editor name a row."""
    return "/".join(str(getattr(row, name)) for name in key_fields(row))


def key_fields(row: BaseModel) -> tuple[str, ...]:
    """The fields that name ``row``: its ``id`` or ``code``, else its country, role, GPU..."""
    for attribute in ("id", "code"):
        if getattr(row, attribute, None) is not None:
            return (attribute,)
    return tuple(name for name in KEY_FIELDS if hasattr(row, name))


def with_overrides(rates: RateBook, overrides: RateOverrides, label: str = "overrides") -> RateBook:
    """A copy of ``rates`` with some fields of some rows changed; each changed row is validated
    again, then the tables together (no repeated row, no reference to a missing one), and an
    error names the table, the row and the field."""
    if not overrides:
        return rates
    tables: dict[str, tuple[BaseModel, ...]] = {}
    for table, changes in overrides.items():
        if table not in TABLE_SCHEMAS:
            raise RateTableError(f"{label}: unknown table {table!r}")
        if not isinstance(changes, dict):
            raise RateTableError(f"{label}: {table}: expected an object of rows")
        tables[table] = _changed_rows(rates.table(table), changes, f"{label}: {table}")
    changed = replace(rates, **tables)  # type: ignore[arg-type]
    labels = {**file_labels(rates), **{table: f"{label}: {table}" for table in tables}}
    _check_together(changed, labels)
    return changed


def _changed_rows(
    rows: tuple[BaseModel, ...], changes: dict[str, Any], label: str
) -> tuple[BaseModel, ...]:
    result = list(rows)
    keys = [row_key(row) for row in rows]
    for key, fields in changes.items():
        if key not in keys:
            raise RateTableError(f"{label} has no row {key!r}")
        index = keys.index(key)
        if not isinstance(fields, dict):
            where = which_row(index + 1, result[index], key)
            raise RateTableError(f"{label}, {where}: expected an object of fields")
        _refuse_renaming(result[index], fields, index + 1, label)
        merged = {**result[index].model_dump(), **fields}
        result[index] = _validate_row(type(result[index]), merged, index + 1, label)
    return tuple(result)


def _refuse_renaming(row: BaseModel, fields: dict[str, Any], index: int, label: str) -> None:
    """A change may not give a row another name: what named it would then name nothing, or
    two rows at once."""
    for name in key_fields(row):
        if name in fields and fields[name] != getattr(row, name):
            raise RateTableError(
                f"{label}, {which_row(index, row, row_key(row))}, field {name!r}: "
                f"a change cannot rename a row (to {fields[name]!r})"
            )


def file_labels(rates: RateBook) -> dict[str, str]:
    """How messages name each table's file: ``gpus.toml`` when bundled, else its path."""
    return {
        name: rates.origin.get(name, f"{name}.toml").removesuffix(" (bundled)")
        for name in TABLE_SCHEMAS
    }


def _check_together(rates: RateBook, labels: dict[str, str]) -> None:
    try:
        check_book(rates, labels, row_key)
    except IntegrityError as error:
        raise RateTableError(str(error)) from error


def _by_id(rows: tuple[RowT, ...], key: str, what: str) -> RowT:
    for row in rows:
        if getattr(row, "id", None) == key:
            return row
    known = ", ".join(sorted(str(getattr(r, "id", "")) for r in rows))
    raise KeyError(f"unknown {what} {key!r}; known: {known}")


def _bundled_text(name: str) -> str:
    return resources.files("planner.data").joinpath(f"{name}.toml").read_text(encoding="utf-8")


def parse_table(name: str, text: str, file_label: str) -> tuple[BaseModel, ...]:
    """Parse and validate one table; errors name the file, the row and the field."""
    schema = TABLE_SCHEMAS[name]
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise RateTableError(f"{file_label}: not valid TOML: {error}") from error
    except RecursionError as error:
        raise RateTableError(f"{file_label}: not valid TOML: nested too deeply") from error
    except ValueError as error:  # an integer longer than Python converts
        raise RateTableError(f"{file_label}: not valid TOML: {_long_number(text)}") from error
    rows = document.get("rows")
    if not isinstance(rows, list) or not rows:
        raise RateTableError(f"{file_label}: expected a non-empty list of [[rows]]")
    parsed = tuple(
        _validate_row(schema, row, index, file_label) for index, row in enumerate(rows, 1)
    )
    try:
        check_unique(parsed, file_label, row_key)
    except IntegrityError as error:
        raise RateTableError(str(error)) from error
    return parsed


def _long_number(text: str) -> str:
    longest = max(sys.get_int_max_str_digits(), 1)
    found = re.search(r"\d{" + str(longest) + ",}", text)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    return "a number with too many digits" + (f" (line {line})" if line else "")


def _validate_row(schema: type[Row], row: Any, index: int, file_label: str) -> Row:
    try:
        return schema.model_validate(row)
    except ValidationError as error:
        first = error.errors()[0]
        field_name = ".".join(str(part) for part in first["loc"]) or "(row)"
        message = first["msg"].removeprefix("Value error, ")
        raise RateTableError(
            f"{file_label}, {_which_raw_row(index, row)}, field {field_name!r}: {message}"
        ) from error


def _which_raw_row(index: int, row: Any) -> str:
    """``row 3 (id 'l4')`` or ``row 2 ('USD')`` for a row not yet validated."""
    if not isinstance(row, dict):
        return f"row {index}"
    if isinstance(row.get("id"), str):
        return f"row {index} (id {row['id']!r})"
    names = ("code",) if isinstance(row.get("code"), str) else KEY_FIELDS
    parts = [str(row[name]) for name in names if isinstance(row.get(name), str)]
    return f"row {index} ({'/'.join(parts)!r})" if parts else f"row {index}"


def read_table_file(path: Path) -> str:
    """The text of a rate file; a file that cannot be read or is not UTF-8 is named."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise RateTableError(f"{path}: cannot be read ({error.strerror or error})") from error
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise RateTableError(f"{path}: not UTF-8 text (line {line})") from error


def load_rates(override_dir: Path | None = None) -> RateBook:
    """Load every table; a file of the same name in ``override_dir`` replaces the bundled one.

    The tables are checked one by one and then together (see ``planner.rates.integrity``).
    """
    if override_dir is None:
        return _load_bundled()
    if not override_dir.is_dir():
        raise RateTableError(f"{override_dir}: no such folder of rate tables")
    tables: dict[str, tuple[BaseModel, ...]] = {}
    origin: dict[str, str] = {}
    for name in TABLE_SCHEMAS:
        path = override_dir / f"{name}.toml"
        if path.is_file():
            tables[name] = parse_table(name, read_table_file(path), str(path))
            origin[name] = str(path)
        else:
            tables[name] = _load_bundled().table(name)
            origin[name] = f"{name}.toml (bundled)"
    book = RateBook(**tables, origin=origin)  # type: ignore[arg-type]
    _check_together(book, file_labels(book))
    return book


@cache
def _load_bundled() -> RateBook:
    tables = {
        name: parse_table(name, _bundled_text(name), f"{name}.toml") for name in TABLE_SCHEMAS
    }
    origin = {name: f"{name}.toml (bundled)" for name in TABLE_SCHEMAS}
    book = RateBook(**tables, origin=origin)  # type: ignore[arg-type]
    _check_together(book, file_labels(book))
    return book
