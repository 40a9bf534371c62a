"""The one place that knows where the bundled rate tables live and how to read them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

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

    def currency(self, code: str) -> CurrencyRate:
        for row in self.currencies:
            if row.code == code:
                return row
        known = ", ".join(sorted(r.code for r in self.currencies))
        raise KeyError(f"unknown currency {code!r}; known: {known}")


RateOverrides = dict[str, dict[str, dict[str, Any]]]
"""``{table: {row key: {field: value}}}``; a row key is its ``id``, or for tables without
ids the row's ``code``/``country``/``gpu`` values joined by ``/`` (see ``row_key``)."""


def row_key(row: BaseModel) -> str:
    """How overrides and the rates editor name a row."""
    for attribute in ("id", "code"):
        value = getattr(row, attribute, None)
        if value is not None:
            return str(value)
    parts = [
        getattr(row, a) for a in ("country", "role", "gpu", "provider", "region") if hasattr(row, a)
    ]
    return "/".join(str(p) for p in parts)


def with_overrides(rates: RateBook, overrides: RateOverrides, label: str = "overrides") -> RateBook:
    """A copy of ``rates`` with some fields of some rows changed; each changed row is validated
    again, and an error names the table, the row and the field."""
    if not overrides:
        return rates
    tables: dict[str, tuple[BaseModel, ...]] = {}
    for table, changes in overrides.items():
        if table not in TABLE_SCHEMAS:
            raise RateTableError(f"{label}: unknown table {table!r}")
        rows = list(rates.table(table))
        keys = [row_key(row) for row in rows]
        for key, fields in changes.items():
            if key not in keys:
                raise RateTableError(f"{label}: {table} has no row {key!r}")
            index = keys.index(key)
            merged = {**rows[index].model_dump(), **fields}
            rows[index] = _validate_row(
                TABLE_SCHEMAS[table], merged, index + 1, f"{label}: {table}"
            )
        tables[table] = tuple(rows)
    return replace(rates, **tables)  # type: ignore[arg-type]


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
    rows = document.get("rows")
    if not isinstance(rows, list) or not rows:
        raise RateTableError(f"{file_label}: expected a non-empty list of [[rows]]")
    parsed = tuple(
        _validate_row(schema, row, index, file_label) for index, row in enumerate(rows, 1)
    )
    _check_unique_ids(parsed, file_label)
    return parsed


def _validate_row(schema: type[Row], row: Any, index: int, file_label: str) -> Row:
    try:
        return schema.model_validate(row)
    except ValidationError as error:
        first = error.errors()[0]
        field_name = ".".join(str(part) for part in first["loc"]) or "(row)"
        row_id = row.get("id") if isinstance(row, dict) else None
        which = f"row {index}" + (f" (id {row_id!r})" if row_id else "")
        raise RateTableError(
            f"{file_label}, {which}, field {field_name!r}: {first['msg']}"
        ) from error


def _check_unique_ids(rows: tuple[BaseModel, ...], file_label: str) -> None:
    seen: set[str] = set()
    for index, row in enumerate(rows, 1):
        row_id = getattr(row, "id", None)
        if row_id is None:
            continue
        if row_id in seen:
            raise RateTableError(f"{file_label}, row {index}, field 'id': duplicate id {row_id!r}")
        seen.add(row_id)


def load_rates(override_dir: Path | None = None) -> RateBook:
    """Load every table; a file of the same name in ``override_dir`` replaces the bundled one."""
    if override_dir is None:
        return _load_bundled()
    tables: dict[str, tuple[BaseModel, ...]] = {}
    origin: dict[str, str] = {}
    for name in TABLE_SCHEMAS:
        path = override_dir / f"{name}.toml"
        if path.is_file():
            tables[name] = parse_table(name, path.read_text(encoding="utf-8"), str(path))
            origin[name] = str(path)
        else:
            tables[name] = _load_bundled().table(name)
            origin[name] = f"{name}.toml (bundled)"
    return RateBook(**tables, origin=origin)  # type: ignore[arg-type]


@cache
def _load_bundled() -> RateBook:
    tables = {
        name: parse_table(name, _bundled_text(name), f"{name}.toml") for name in TABLE_SCHEMAS
    }
    origin = {name: f"{name}.toml (bundled)" for name in TABLE_SCHEMAS}
    return RateBook(**tables, origin=origin)  # type: ignore[arg-type]
