"""Writing a bulk import's facts, as part of ``SqliteLedger`` (which opens the file).

A bulk reader (``planner.actuals.bulk``) numbers each distinct set of dimensions; the sets
go to a temporary table and each fact names its set, so SQLite copies the dimensions in
rather than Python binding ten more values a row. Ninety facts go in one statement:
binding and stepping a statement per fact cost more than the writing itself. A block of
facts is first inserted plainly inside a savepoint, so a million new requests never pay for
the upsert. Any clash (a fact the ledger holds already, or a repeated request) rolls the
block back and writes it again with the upsert every import uses, its added and updated
facts counted over the block's time range.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from planner.actuals.fields import decimal_text
from planner.actuals.migrations import FACT_COLUMNS, FACT_KEY
from planner.actuals.pricing import Slot
from planner.actuals.records import USAGE_COUNTS

REQUEST_FACT = (
    "bucket_start", "ref", "requests", "input_tokens", "cache_read_tokens",
    "cache_write_tokens", "output_tokens", "reported_cost",
)  # fmt: skip
"""A bulk fact: these values, then the number of its dimensions, its slot and its band."""
REQUEST_DIMS = (
    "provider", "model", "project", "feature", "user_ref", "api_key", "service_tier",
    "reported_currency",
)  # fmt: skip
FACT_WIDTH = len(REQUEST_FACT) + 3
ROWS_A_STATEMENT = 90  # 990 values: within the 999 of the oldest SQLite builds
_ZERO = {"bucket_end": "''", "is_batch": "0", "context_window": "''"}


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


def _bulk_value(name: str) -> str:
    if name in REQUEST_FACT:
        return f"v.column{REQUEST_FACT.index(name) + 1}"
    if name in REQUEST_DIMS:
        return f"d.{name}"
    if name in ("slot_id", "band"):
        return f"v.column{len(REQUEST_FACT) + 2 + (name == 'band')}"
    return _ZERO.get(name, "0")  # the counts a generic row never has, and the batch below


def _bulk_insert(batch_id: int, rows: int) -> str:
    """Insert ``rows`` facts in one statement (binding and stepping once per fact is what
    costs most); ``CROSS JOIN`` keeps the file's order."""
    values = ", ".join(
        str(batch_id) if name == "batch_id" else _bulk_value(name) for name in FACT_COLUMNS
    )
    one = f"({', '.join('?' * FACT_WIDTH)})"
    return (
        f"INSERT INTO usage_fact ({', '.join(FACT_COLUMNS)}) SELECT {values} "
        f"FROM (VALUES {', '.join([one] * rows)}) AS v CROSS JOIN temp.request_dims AS d "
        f"WHERE d.id = v.column{len(REQUEST_FACT) + 1}"
    )


class RequestFacts:
    """Bulk facts; mixed into the ledger class, which owns ``_db``."""

    _db: sqlite3.Connection

    def start_request_dims(self) -> None:
        """An empty table of dimension sets for one file's bulk facts."""
        columns = ", ".join(f"{name} NOT NULL" for name in REQUEST_DIMS)
        self._db.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS request_dims (id INTEGER PRIMARY KEY, {columns})"
        )
        self._db.execute("DELETE FROM temp.request_dims")

    def add_request_dims(self, rows: Sequence[tuple[Any, ...]]) -> None:
        """New sets: ``(number, *REQUEST_DIMS)``."""
        marks = ", ".join("?" * (len(REQUEST_DIMS) + 1))
        self._db.executemany(f"INSERT INTO temp.request_dims VALUES ({marks})", rows)

    def slot_ids(self) -> dict[str, int]:
        """Every price slot's id by signature, for a reader that numbers new ones itself."""
        return dict(self._db.execute("SELECT signature, id FROM price_slot"))

    def add_slots(self, slots: Sequence[tuple[int, Slot]]) -> None:
        """Slots numbered elsewhere (the next ids, as ``register_slot`` would give them)."""
        self._db.executemany(
            "INSERT INTO price_slot (id, signature, provider, model_id, context, sample_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(i, s.signature, s.provider, s.model_id, s.context, s.sample_at) for i, s in slots],
        )

    def write_request_facts(self, facts: Sequence[Any], batch_id: int) -> tuple[int, int]:
        """A block of bulk facts (``FACT_WIDTH`` values each, one after another); how many
        were added and how many replaced older ones."""
        if not facts:
            return 0, 0
        self._db.execute("SAVEPOINT request_facts")
        try:
            found = self._insert(facts, batch_id, ""), 0
        except sqlite3.IntegrityError:
            self._db.execute("ROLLBACK TO request_facts")
            found = self._upsert(facts, batch_id)
        self._db.execute("RELEASE request_facts")
        return found

    def _insert(self, facts: Sequence[Any], batch_id: int, conflict: str) -> int:
        step = ROWS_A_STATEMENT * FACT_WIDTH
        whole = len(facts) - len(facts) % step
        query = _bulk_insert(batch_id, ROWS_A_STATEMENT) + conflict
        changed = sum(
            self._db.execute(query, facts[start : start + step]).rowcount
            for start in range(0, whole, step)
        )
        if whole < len(facts):
            rest = _bulk_insert(batch_id, (len(facts) - whole) // FACT_WIDTH) + conflict
            changed += self._db.execute(rest, facts[whole:]).rowcount
        if changed != len(facts) // FACT_WIDTH:  # a fact naming no known set would vanish
            raise RuntimeError(f"{changed} of {len(facts) // FACT_WIDTH} bulk facts written")
        return changed

    def _upsert(self, facts: Sequence[Any], batch_id: int) -> tuple[int, int]:
        starts = facts[::FACT_WIDTH]
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
