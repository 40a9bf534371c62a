"""The ledger file: the only code that opens it.

A ledger is one SQLite file per company or plan (``*.llmledger``), in WAL mode, its schema
versioned by ``PRAGMA user_version``. Everything an import writes happens inside one
``transaction()``: a crash or a kill before it commits leaves the file as it was.
``LedgerStore`` is the interface the rest of ``planner.actuals`` uses, so a shared server
database can stand in for the file later.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from planner.actuals.fields import decimal_text
from planner.actuals.guard_records import Alert, Budget
from planner.actuals.guard_tables import GuardTables
from planner.actuals.migrations import COST_COLUMNS, DAILY_KEY, MIGRATIONS
from planner.actuals.pricing import Slot
from planner.actuals.records import USAGE_COUNTS, CostRow, LabelRow
from planner.actuals.store_requests import FactColumns, RequestFacts, dec_add

SUFFIX = ".llmledger"
DailyKey = tuple[Any, ...]  # the values of migrations.DAILY_KEY


class LedgerError(Exception):
    """A ledger that cannot be opened or used; the message names the file."""


@dataclass(frozen=True)
class BatchInfo:
    """Where an import came from."""

    format: str
    file_name: str
    file_sha256: str
    imported_at: str
    prices_snapshot: str


@dataclass(frozen=True)
class DailyRow:
    """Usage summed by UTC day, dimensions, price slot and tier band."""

    key: DailyKey
    counts: dict[str, int]
    priced: Decimal | None  # USD; None while unpriced

    def dimension(self, name: str) -> Any:
        return self.key[DAILY_KEY.index(name)]


class LedgerStore(Protocol):
    """What the importers and reports need from a ledger."""

    def transaction(self) -> Any: ...
    def start_batch(self, info: BatchInfo) -> int: ...
    def finish_batch(
        self, batch_id: int, counts: Mapping[str, int], file_sha256: str | None = None
    ) -> None: ...
    def register_slot(self, slot: Slot) -> int: ...
    def slot(self, slot_id: int) -> Slot: ...
    def write_usage(self, rows: Iterable[Sequence[Any]]) -> None: ...
    def dimension_id(self, values: tuple[Any, ...]) -> int: ...
    def write_request_facts(self, facts: FactColumns, batch_id: int) -> tuple[int, int]: ...
    def add_daily(self, sums: Mapping[DailyKey, list[int]]) -> None: ...
    def dirty_daily(self) -> list[DailyRow]: ...
    def set_daily_prices(self, prices: Iterable[tuple[DailyKey, Decimal | None]]) -> None: ...
    def write_costs(self, rows: Iterable[CostRow], batch_id: int) -> tuple[int, int]: ...
    def write_labels(self, rows: Iterable[LabelRow]) -> tuple[int, int]: ...
    def usage_count(self, batch_id: int | None = None) -> int: ...
    def daily_rows(self, first_day: str, last_day: str) -> list[DailyRow]: ...
    def cost_rows(self, first_day: str, last_day: str) -> list[CostRow]: ...
    def labels(self) -> list[LabelRow]: ...
    def last_day(self) -> str | None: ...
    def save_budget(self, budget: Budget) -> None: ...
    def remove_budget(self, scope: str, period: str) -> bool: ...
    def budgets(self) -> list[Budget]: ...
    def record_alerts(self, alerts: Iterable[Alert]) -> list[Alert]: ...
    def alerts(self, since: str = "") -> list[Alert]: ...
    def last_import_at(self) -> str | None: ...
    def hourly_usage(
        self, first_day: str, last_day: str, dimensions: tuple[str, ...] = ()
    ) -> list[tuple[Any, ...]]: ...
    def close(self) -> None: ...


_ADD_DAILY = (
    f"INSERT INTO usage_daily ({', '.join((*DAILY_KEY, *USAGE_COUNTS))}, dirty) "
    f"VALUES ({', '.join('?' * (len(DAILY_KEY) + len(USAGE_COUNTS)))}, 1) "
    f"ON CONFLICT ({', '.join(DAILY_KEY)}) DO UPDATE SET "
    + ", ".join(f"{n} = {n} + excluded.{n}" for n in USAGE_COUNTS)
    + ", dirty = 1"
)
_DAILY_WHERE = " AND ".join(f"{k} = ?" for k in DAILY_KEY)
_DAILY_SELECT = f"SELECT {', '.join((*DAILY_KEY, *USAGE_COUNTS))}, priced FROM usage_daily"
_COST_KEY_WHERE = " AND ".join(
    f"{k} = ?"
    for k in (
        "day",
        "provider",
        "kind",
        "line_item",
        "currency",
        "project",
        "api_key",
        "model",
        "token_type",
    )
)


class SqliteLedger(GuardTables, RequestFacts):
    """A ledger in one SQLite file (the embedded default ``LedgerStore``)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        RequestFacts.__init__(self)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One all-or-nothing unit of work."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            self.forget_dimensions()  # the sets it added are gone again
            raise
        self._db.execute("COMMIT")

    def start_batch(self, info: BatchInfo) -> int:
        cursor = self._db.execute(
            "INSERT INTO import_batch (format, file_name, file_sha256, imported_at, prices_snapshot)"
            " VALUES (?, ?, ?, ?, ?)",
            (info.format, info.file_name, info.file_sha256, info.imported_at, info.prices_snapshot),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_batch(
        self, batch_id: int, counts: Mapping[str, int], file_sha256: str | None = None
    ) -> None:
        """What an import did, and the file's digest when it was not known at the start."""
        self._db.execute(
            "UPDATE import_batch SET rows_read = ?, added = ?, updated = ?, skipped = ?,"
            " file_sha256 = COALESCE(?, file_sha256) WHERE id = ?",
            (counts["rows_read"], counts["added"], counts["updated"], counts["skipped"],
             file_sha256, batch_id),
        )  # fmt: skip

    def register_slot(self, slot: Slot) -> int:
        self._db.execute(
            "INSERT OR IGNORE INTO price_slot (signature, provider, model_id, context, sample_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (slot.signature, slot.provider, slot.model_id, slot.context, slot.sample_at),
        )
        row = self._db.execute("SELECT id FROM price_slot WHERE signature = ?", (slot.signature,))
        found: int = row.fetchone()[0]
        return found

    def slot(self, slot_id: int) -> Slot:
        row = self._db.execute(
            "SELECT provider, model_id, context, sample_at, signature FROM price_slot WHERE id = ?",
            (slot_id,),
        ).fetchone()
        if row is None:
            raise LedgerError(f"{self.path}: no price slot {slot_id}")
        return Slot(*row)

    def write_usage(self, rows: Iterable[Sequence[Any]]) -> None:
        """Facts of one import: a ``UsageRow``'s values, then its batch, slot and band."""
        self.write_row_facts(rows)

    def add_daily(self, sums: Mapping[DailyKey, list[int]]) -> None:
        self._db.executemany(_ADD_DAILY, ((*key, *counts) for key, counts in sums.items()))

    def dirty_daily(self) -> list[DailyRow]:
        return self._daily(f"{_DAILY_SELECT} WHERE dirty = 1", ())

    def set_daily_prices(self, prices: Iterable[tuple[DailyKey, Decimal | None]]) -> None:
        self._db.executemany(
            f"UPDATE usage_daily SET priced = ?, dirty = 0 WHERE {_DAILY_WHERE}",
            ((None if p is None else decimal_text(p), *key) for key, p in prices),
        )
        empty = " AND ".join(f"{n} = 0" for n in USAGE_COUNTS)
        self._db.execute(f"DELETE FROM usage_daily WHERE {empty}")

    def daily_rows(self, first_day: str, last_day: str) -> list[DailyRow]:
        return self._daily(f"{_DAILY_SELECT} WHERE day BETWEEN ? AND ?", (first_day, last_day))

    def _daily(self, query: str, parameters: tuple[Any, ...]) -> list[DailyRow]:
        width = len(DAILY_KEY)
        found = []
        for row in self._db.execute(query, parameters):
            counts = dict(zip(USAGE_COUNTS, row[width:-1], strict=True))
            priced = None if row[-1] is None else Decimal(row[-1])
            found.append(DailyRow(tuple(row[:width]), counts, priced))
        return found

    def write_costs(self, rows: Iterable[CostRow], batch_id: int) -> tuple[int, int]:
        """Cost rows (already summed per key) replace what the ledger had for their key."""
        added = updated = 0
        columns = ", ".join(COST_COLUMNS)
        for row in rows:
            key = (row.day, row.provider, row.kind, row.line_item, row.currency, row.project,
                   row.api_key, row.model, row.token_type)  # fmt: skip
            exists = self._db.execute(f"SELECT 1 FROM cost_fact WHERE {_COST_KEY_WHERE}", key)
            if exists.fetchone():
                updated += 1
            else:
                added += 1
            self._db.execute(
                f"INSERT OR REPLACE INTO cost_fact ({columns}) VALUES ({', '.join('?' * len(COST_COLUMNS))})",
                (*row, batch_id),
            )
        return added, updated

    def write_labels(self, rows: Iterable[LabelRow]) -> tuple[int, int]:
        added = updated = 0
        for row in rows:
            exists = self._db.execute(
                "SELECT 1 FROM label WHERE source = ? AND raw = ?", (row.source, row.raw)
            ).fetchone()
            updated, added = (updated + 1, added) if exists else (updated, added + 1)
            self._db.execute("INSERT OR REPLACE INTO label VALUES (?, ?, ?, ?)", tuple(row))
        return added, updated

    def usage_count(self, batch_id: int | None = None) -> int:
        """Usage facts in the ledger, or those last written by one import."""
        if batch_id is None:
            row = self._db.execute("SELECT COUNT(*) FROM usage_fact").fetchone()
        else:
            row = self._db.execute(
                "SELECT COUNT(*) FROM usage_fact WHERE batch_id = ?", (batch_id,)
            ).fetchone()
        found: int = row[0]
        return found

    def cost_rows(self, first_day: str, last_day: str) -> list[CostRow]:
        columns = ", ".join(COST_COLUMNS[:-1])
        query = f"SELECT {columns} FROM cost_fact WHERE day BETWEEN ? AND ?"
        return [CostRow(*row) for row in self._db.execute(query, (first_day, last_day))]

    def labels(self) -> list[LabelRow]:
        return [LabelRow(*row) for row in self._db.execute("SELECT * FROM label")]

    def last_day(self) -> str | None:
        """The latest UTC day the ledger holds usage or cost for."""
        row = self._db.execute(
            "SELECT MAX(d) FROM (SELECT MAX(day) AS d FROM usage_daily"
            " UNION ALL SELECT MAX(day) FROM cost_fact)"
        ).fetchone()
        found: str | None = row[0]
        return found

    def batches(self) -> list[dict[str, Any]]:
        """Every import, oldest first."""
        cursor = self._db.execute("SELECT * FROM import_batch ORDER BY id")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def contents(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, sorted: to check that a refused import changed nothing."""
        tables = [
            r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {
            t: sorted(self._db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables
        }

    def schema_version(self) -> int:
        version: int = self._db.execute("PRAGMA user_version").fetchone()[0]
        return version

    def close(self) -> None:
        self._db.close()


def open_ledger(path: Path, *, create: bool = True) -> SqliteLedger:
    """Open (or create) a ledger file and bring its schema up to date."""
    if not create and not path.is_file():
        raise LedgerError(f"{path}: no such ledger")
    try:
        connection = sqlite3.connect(str(path), isolation_level=None, timeout=10)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA cache_size = -65536")
        connection.create_function("dec_add", 2, dec_add, deterministic=True)
        _migrate(connection, path)
    except sqlite3.DatabaseError as error:
        raise LedgerError(f"{path}: not a ledger ({error})") from error
    return SqliteLedger(connection, path)


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    """Every script the ledger has not run, in one transaction: a ledger is at its old
    version or the newest, never between."""
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise LedgerError(f"{path}: made by a newer version of the app (schema {version})")
    if version == len(MIGRATIONS):
        return
    steps = " ".join(
        f"{MIGRATIONS[number]} PRAGMA user_version = {number + 1};"
        for number in range(version, len(MIGRATIONS))
    )
    try:
        connection.executescript(f"BEGIN IMMEDIATE; {steps} COMMIT;")
    except sqlite3.Error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
