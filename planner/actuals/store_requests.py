"""Writing usage facts, as part of ``SqliteLedger`` (which opens the file).

A fact names its set of dimensions by id (``dimension``, schema version 3); the ids of the
sets met are kept, so a set is looked up once. A bulk reader (``planner.actuals.bulk``)
hands its facts over column by column, a column whose every value is one value as that
value once: the values bound per fact cost more than SQLite's own writing, so a few
hundred facts go in one statement and a constant is bound once for all of them. A block of facts is first inserted plainly inside a
savepoint, so a million new requests never pay for the upsert. Any clash (a fact the ledger
holds already, or a repeated request) rolls the block back and writes it again with the
upsert every import uses, its added and updated facts counted over the block's time range.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from typing import Any

from planner.actuals.fields import decimal_text
from planner.actuals.migrations import DIMENSIONS, FACT_COLUMNS, FACT_KEY
from planner.actuals.records import USAGE_COUNTS, UsageRow

REQUEST_FACT = (
    "bucket_start", "ref", "requests", "input_tokens", "cache_read_tokens",
    "cache_write_tokens", "output_tokens", "reported_cost", "reported_currency",
    "dimension_id", "slot_id", "band",
)  # fmt: skip
"""The columns of a bulk fact (its dimensions numbered by the reader); the others are empty."""
_IDS_KEPT = 100_000  # dimension ids remembered (users may be many)
_MOST_VALUES = 4_000  # bound in one statement (SQLite's limit may be lower: it is asked)
_ROW_DIMENSIONS = itemgetter(
    *(UsageRow._fields.index("user" if name == "user_ref" else name) for name in DIMENSIONS)
)
_ROW_KEY = itemgetter(*(UsageRow._fields.index(n) for n in ("ref", "context_window", "bucket_end")))
_ROW_COUNTS = UsageRow._fields.index("requests")
assert FACT_COLUMNS[:5] == ("bucket_start", "dimension_id", "ref", "context_window", "bucket_end")
assert (*UsageRow._fields[_ROW_COUNTS:], "batch_id", "slot_id", "band") == FACT_COLUMNS[5:]
_EMPTY = {"bucket_end": "''", "context_window": "''"}
_FIND_DIMENSION = "SELECT id FROM dimension WHERE " + " AND ".join(f"{d} = ?" for d in DIMENSIONS)
_ADD_DIMENSION = (
    f"INSERT INTO dimension ({', '.join(DIMENSIONS)}) VALUES ({', '.join('?' * len(DIMENSIONS))})"
)


@dataclass
class FactColumns:
    """Bulk facts, column by column: ``count`` facts, each column (by ``REQUEST_FACT``
    name) either ``varying`` (a value a fact) or the ``same`` for every fact."""

    count: int = 0
    varying: dict[str, list[Any]] = field(default_factory=dict)
    same: dict[str, Any] = field(default_factory=dict)


def dec_add(left: str, right: str) -> str:
    """Exact sum of two decimal strings ("" when both are empty), for SQL."""
    if not left or not right:
        return left or right
    return decimal_text(Decimal(left) + Decimal(right))


def _merge(name: str) -> str:
    same = "usage_fact.batch_id = excluded.batch_id"
    if name in USAGE_COUNTS:
        return f"{name} = CASE WHEN {same} THEN usage_fact.{name} + excluded.{name} ELSE excluded.{name} END"
    if name == "reported_cost":
        return f"{name} = CASE WHEN {same} THEN dec_add(usage_fact.{name}, excluded.{name}) ELSE excluded.{name} END"
    return f"{name} = excluded.{name}"


UPSERT = f" ON CONFLICT ({', '.join(FACT_KEY)}) DO UPDATE SET " + ", ".join(
    _merge(c) for c in FACT_COLUMNS if c not in FACT_KEY
)
"""How a fact meets one the ledger holds: a later import replaces it, the same one adds."""
_INSERT_ROW = (
    f"INSERT INTO usage_fact ({', '.join(FACT_COLUMNS)}) VALUES ({', '.join('?' * len(FACT_COLUMNS))})"
    + UPSERT
)


def _bulk_insert(varying: Sequence[str], same: Sequence[str], rows: int) -> str:
    """Insert ``rows`` facts in one statement: the ``same`` values bound once, first (in
    ``FACT_COLUMNS`` order), then each fact's ``varying`` values (``WHERE true`` lets an
    upsert follow the ``SELECT``)."""
    values = []
    for name in FACT_COLUMNS:
        if name in varying:
            values.append(f"column{varying.index(name) + 1}")
        else:
            values.append("?" if name in same else _EMPTY.get(name, "0"))
    one = f"({', '.join('?' * len(varying))})"
    return (
        f"INSERT INTO usage_fact ({', '.join(FACT_COLUMNS)}) SELECT {', '.join(values)} "
        f"FROM (VALUES {', '.join([one] * rows)}) WHERE true"
    )


def _interleaved(columns: Sequence[list[Any]], count: int) -> list[Any]:
    """The values fact after fact: what one statement binds."""
    width = len(columns)
    flat: list[Any] = [None] * (count * width)
    for offset, column in enumerate(columns):
        flat[offset::width] = column
    return flat


class RequestFacts:
    """Usage facts; mixed into the ledger class, which owns ``_db``."""

    _db: sqlite3.Connection

    def __init__(self) -> None:
        self._dimension_ids: dict[tuple[Any, ...], int] = {}
        self._queries: dict[tuple[Any, ...], str] = {}

    def dimension_id(self, values: tuple[Any, ...]) -> int:
        """The id of a set of ``DIMENSIONS`` values, added when the ledger has none."""
        found = self._dimension_ids.get(values)
        if found is None:
            if len(self._dimension_ids) >= _IDS_KEPT:
                self._dimension_ids.clear()
            row = self._db.execute(_FIND_DIMENSION, values).fetchone()
            found = row[0] if row else self._db.execute(_ADD_DIMENSION, values).lastrowid
            assert found is not None
            self._dimension_ids[values] = found
        return found

    def forget_dimensions(self) -> None:
        """Forget the ids met (a rolled-back transaction took its new sets with it)."""
        self._dimension_ids.clear()

    def write_row_facts(self, rows: Iterable[Sequence[Any]]) -> None:
        """Facts as ``UsageRow`` values followed by batch, slot and band."""
        self._db.executemany(
            _INSERT_ROW,
            [
                (r[0], self.dimension_id(_ROW_DIMENSIONS(r)), *_ROW_KEY(r), *r[_ROW_COUNTS:])
                for r in rows
            ],
        )

    def write_request_facts(self, facts: FactColumns, batch_id: int) -> tuple[int, int]:
        """A block of bulk facts; how many were added and how many replaced older ones."""
        if not facts.count:
            return 0, 0
        self._db.execute("SAVEPOINT request_facts")
        try:
            found = self._insert(facts, batch_id, ""), 0
        except sqlite3.IntegrityError:
            self._db.execute("ROLLBACK TO request_facts")
            found = self._upsert(facts, batch_id)
        self._db.execute("RELEASE request_facts")
        return found

    def _insert(self, facts: FactColumns, batch_id: int, conflict: str) -> int:
        varying, same = tuple(facts.varying), (*facts.same, "batch_id")
        constants = {**facts.same, "batch_id": batch_id}
        bound = [constants[name] for name in FACT_COLUMNS if name in constants]
        width = len(varying)
        each = max(1, (self._most_values() - len(bound)) // width)
        flat = _interleaved(list(facts.varying.values()), facts.count)
        written = 0
        for start in range(0, facts.count, each):
            rows = min(each, facts.count - start)
            query = self._query(varying, same, rows, conflict)
            values = bound + flat[start * width : (start + rows) * width]
            written += self._db.execute(query, values).rowcount
        return written

    def _query(self, varying: tuple[str, ...], same: tuple[str, ...], rows: int, end: str) -> str:
        key = (varying, same, rows, end)
        query = self._queries.get(key)
        if query is None:
            query = self._queries[key] = _bulk_insert(varying, same, rows) + end
        return query

    def _most_values(self) -> int:
        limit = self._db.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        return min(limit, _MOST_VALUES)

    def _upsert(self, facts: FactColumns, batch_id: int) -> tuple[int, int]:
        starts = facts.varying["bucket_start"]
        count = (
            "SELECT COUNT(*), COALESCE(SUM(batch_id = ?), 0) FROM usage_fact"
            " WHERE bucket_start BETWEEN ? AND ?"
        )
        span = (batch_id, min(starts), max(starts))
        facts_before, ours_before = self._db.execute(count, span).fetchone()
        self._insert(facts, batch_id, UPSERT)
        facts_after, ours_after = self._db.execute(count, span).fetchone()
        added = facts_after - facts_before
        return added, ours_after - ours_before - added
