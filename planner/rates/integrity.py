"""What no single row can check: rows that repeat, and rows that name rows of other tables.

Run over the whole rate book once it is loaded (bundled, from ``--rates-dir``, or with
overrides on top), so that a GPU price for a GPU no table describes, a staff rate in a
currency with no exchange rate, or a second row for the same GPU is refused naming the
file, the row and the field, instead of failing later in an estimate that names nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, get_args

from pydantic import BaseModel

from planner.rates.limits import ASSUMPTION_RANGES, CALIBRATION_IDS
from planner.rates.schema import StaffRate

if TYPE_CHECKING:
    from planner.rates.loader import RateBook

KeyOf = Callable[[BaseModel], str]
# The currencies the engine converts through: API and hardware prices are in US dollars,
# and every rate is per euro.
NEEDED_CURRENCIES = ("EUR", "USD")
FALLBACK_STAFF_COUNTRIES = ("EU", "US")


class IntegrityError(ValueError):
    """A rate book whose tables do not fit together; the message names file, row and field."""


@dataclass(frozen=True)
class Reference:
    """``table.field`` must hold a key of one of ``targets``."""

    table: str
    field: str
    targets: tuple[str, ...]
    what: str


REFERENCES = (
    Reference("gpu_cloud_prices", "gpu", ("gpus",), "GPU"),
    Reference("measurements", "model", ("open_models",), "open model"),
    Reference("measurements", "hardware", ("gpus", "local_machines"), "GPU or local machine"),
    Reference("staff_rates", "currency", ("currencies",), "currency"),
    Reference("electricity", "currency", ("currencies",), "currency"),
    Reference("subscriptions", "currency", ("currencies",), "currency"),
)


def check_book(book: RateBook, labels: dict[str, str], key_of: KeyOf) -> None:
    """Raise ``IntegrityError`` for the first repeated row, dangling reference, missing
    currency the engine converts through (EUR, USD), role without a fallback rate (EU or
    US), or assumption the engine needs that no row holds.

    Args:
        book: every table, each row already valid on its own.
        labels: how to name each table's file in a message (``gpus.toml``, a path).
        key_of: how a row is named (its id, code, or key fields joined by ``/``).
    """
    for table in labels:
        check_unique(book.table(table), labels[table], key_of)
    _check_currencies(book, labels["currencies"])
    for reference in REFERENCES:
        _check_reference(book, reference, labels, key_of)
    _check_staff_fallbacks(book, labels["staff_rates"])
    _check_assumptions(book, labels)


def which_row(index: int, row: BaseModel, key: str) -> str:
    """``row 3 (id 'l4')``, or ``row 5 ('PL/ml_engineer')`` for a row without an id."""
    return f"row {index} (id {key!r})" if hasattr(row, "id") else f"row {index} ({key!r})"


def _where(label: str, index: int, row: BaseModel, key: str, field: str) -> str:
    return f"{label}, {which_row(index, row, key)}, field {field!r}"


def check_unique(rows: Iterable[BaseModel], label: str, key_of: KeyOf) -> None:
    """Raise ``IntegrityError`` at the first row named like an earlier one."""
    first: dict[str, int] = {}
    for index, row in enumerate(rows, 1):
        key = key_of(row)
        if key in first:
            field = next((name for name in ("id", "code") if hasattr(row, name)), None)
            if field:
                where = f"{label}, row {index}, field {field!r}: duplicate {field} {key!r}"
            else:
                where = f"{label}, row {index}: a second row for {key!r}"
            raise IntegrityError(f"{where} (also row {first[key]})")
        first[key] = index


def _check_reference(
    book: RateBook, reference: Reference, labels: dict[str, str], key_of: KeyOf
) -> None:
    known = {key_of(row) for target in reference.targets for row in book.table(target)}
    for index, row in enumerate(book.table(reference.table), 1):
        value = getattr(row, reference.field)
        if value not in known:
            files = " or ".join(labels[target] for target in reference.targets)
            raise IntegrityError(
                f"{_where(labels[reference.table], index, row, key_of(row), reference.field)}: "
                f"no {reference.what} {value!r} in {files}"
            )


def _check_currencies(book: RateBook, label: str) -> None:
    rates = {row.code: row.per_eur for row in book.currencies}
    for code in NEEDED_CURRENCIES:
        if code not in rates:
            raise IntegrityError(f"{label}: no row for {code}, which every budget converts through")
    if rates["EUR"] != 1:
        index, row = next((i, r) for i, r in enumerate(book.currencies, 1) if r.code == "EUR")
        raise IntegrityError(
            f"{_where(label, index, row, 'EUR', 'per_eur')}: one euro buys one euro, "
            f"not {rates['EUR']:g}"
        )


def _check_staff_fallbacks(book: RateBook, label: str) -> None:
    """Every role needs a rate where a country has none of its own (EU, else US)."""
    roles = get_args(StaffRate.model_fields["role"].annotation)
    covered = {row.role for row in book.staff_rates if row.country in FALLBACK_STAFF_COUNTRIES}
    for role in roles:
        if role not in covered:
            raise IntegrityError(
                f"{label}: no row for role {role!r} in EU or US, the rate used for "
                "countries without their own"
            )


def _check_assumptions(book: RateBook, labels: dict[str, str]) -> None:
    seen: dict[str, str] = {}
    for table, rows in (("assumptions", book.assumptions), ("calibration", book.calibration)):
        for index, row in enumerate(rows, 1):
            row_id = row.id
            if row_id in seen and seen[row_id] != table:
                raise IntegrityError(
                    f"{_where(labels[table], index, row, row_id, 'id')}: "
                    f"also a row of {labels[seen[row_id]]}"
                )
            seen[row_id] = table
    for needed in ASSUMPTION_RANGES:
        if needed not in seen:
            table = "calibration" if needed in CALIBRATION_IDS else "assumptions"
            raise IntegrityError(f"{labels[table]}: no row {needed!r}, which the engine needs")
