"""The ledger's budget and alert tables, as part of ``SqliteLedger`` (which opens the file).

Amounts are stored as decimal strings and read back as ``Decimal``. An alert is written with
``INSERT OR IGNORE`` against its ``UNIQUE`` key, so each fires once per period and level
however often the rules run.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from planner.actuals.fields import decimal_text
from planner.actuals.guard_records import Alert, Budget, PlanSnapshot
from planner.actuals.records import USAGE_COUNTS

_BUDGET_COLUMNS = (
    "scope, period, amount, currency, warn_pct, critical_pct, source, snapshot, set_at"
)
_HOUR_IN_DAYS = 1 / 24 + 1e-9  # julianday differences are floats
_HOUR_DIMENSIONS = ("provider", "model", "project", "feature", "api_key")
_ALERT_COLUMNS = (
    "rule, scope, measure, period, level, day, value, threshold, currency, cause, details, fired_at"
)


class GuardTables:
    """Budgets and alerts; mixed into the ledger class, which owns ``_db``."""

    _db: sqlite3.Connection

    def save_budget(self, budget: Budget) -> None:
        """Add a budget, or replace the one of the same scope and period."""
        snapshot = budget.snapshot.to_json() if budget.snapshot else ""
        self._db.execute(
            f"INSERT OR REPLACE INTO budget ({_BUDGET_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (budget.scope, budget.period, decimal_text(budget.amount), budget.currency,
             decimal_text(budget.warn_pct), decimal_text(budget.critical_pct), budget.source,
             snapshot, budget.set_at),
        )  # fmt: skip

    def remove_budget(self, scope: str, period: str) -> bool:
        """Remove a budget; whether there was one."""
        cursor = self._db.execute(
            "DELETE FROM budget WHERE scope = ? AND period = ?", (scope, period)
        )
        return cursor.rowcount > 0

    def budgets(self) -> list[Budget]:
        """Every budget, the total first, then by scope and period."""
        rows = self._db.execute(
            f"SELECT {_BUDGET_COLUMNS} FROM budget ORDER BY scope != 'total', scope, period"
        )
        return [_budget(row) for row in rows]

    def record_alerts(self, alerts: Iterable[Alert]) -> list[Alert]:
        """Store alerts that have not fired before; returns those, marked new."""
        fired = []
        for alert in alerts:
            cursor = self._db.execute(
                f"INSERT OR IGNORE INTO alert ({_ALERT_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (alert.rule, alert.scope, alert.measure, alert.period, alert.level, alert.day,
                 decimal_text(alert.value), decimal_text(alert.threshold), alert.currency,
                 alert.cause, json.dumps(alert.details, sort_keys=True), alert.fired_at),
            )  # fmt: skip
            if cursor.rowcount:
                fired.append(alert)
        return fired

    def alerts(self, since: str = "") -> list[Alert]:
        """Stored alerts whose day is ``since`` (YYYY-MM-DD) or later, newest first."""
        rows = self._db.execute(
            f"SELECT {_ALERT_COLUMNS} FROM alert WHERE day >= ? ORDER BY day DESC, id DESC",
            (since,),
        )
        return [_alert(row) for row in rows]

    def hourly_usage(
        self, first_day: str, last_day: str, dimensions: tuple[str, ...] = ()
    ) -> list[tuple[Any, ...]]:
        """Usage of buckets no longer than an hour, summed by hour, price slot and band and
        the ``dimensions`` asked for: ``(hour, slot_id, band, *dimensions, *counts)``, the
        counts in ``USAGE_COUNTS`` order. Daily buckets cannot tell hours apart, so they are
        left out."""
        for name in dimensions:
            if name not in _HOUR_DIMENSIONS:
                raise ValueError(f"not a dimension of usage: {name!r}")
        # Summed by set of dimensions first (a number), and then by the dimensions asked for.
        by_set = ", dimension_id" if dimensions else ""
        sums = ", ".join(f"SUM({name}) AS {name}" for name in USAGE_COUNTS)
        query = (
            f"SELECT substr(bucket_start, 1, 13) AS hour, slot_id, band{by_set}, {sums} "
            "FROM usage_fact WHERE bucket_start >= ? AND bucket_start < ? "
            "AND (bucket_end = '' OR julianday(bucket_end) - julianday(bucket_start) <= ?) "
            f"GROUP BY hour, slot_id, band{by_set}"
        )
        if dimensions:
            keys = ", ".join(("h.hour", "h.slot_id", "h.band", *(f"d.{d}" for d in dimensions)))
            totals = ", ".join(f"SUM(h.{name})" for name in USAGE_COUNTS)
            query = (
                f"SELECT {keys}, {totals} FROM ({query}) AS h JOIN dimension AS d "
                f"ON d.id = h.dimension_id GROUP BY {keys}"
            )
        end = (date.fromisoformat(last_day) + timedelta(days=1)).isoformat()
        parameters = (first_day, end, _HOUR_IN_DAYS)
        return self._db.execute(query, parameters).fetchall()

    def last_import_at(self) -> str | None:
        """When the latest import was made (ISO 8601, UTC), or None before the first."""
        row = self._db.execute("SELECT MAX(imported_at) FROM import_batch").fetchone()
        found: str | None = row[0]
        return found


def _budget(row: tuple[str, ...]) -> Budget:
    scope, period, amount, currency, warn, critical, source, snapshot, set_at = row
    return Budget(
        scope, period, Decimal(amount), currency, Decimal(warn), Decimal(critical),  # type: ignore[arg-type]
        source, PlanSnapshot.from_json(snapshot) if snapshot else None, set_at,  # type: ignore[arg-type]
    )  # fmt: skip


def _alert(row: tuple[str, ...]) -> Alert:
    rule, scope, measure, period, level, day, value, threshold, currency, cause = row[:10]
    return Alert(
        rule, level, scope, period, day, Decimal(value), Decimal(threshold),  # type: ignore[arg-type]
        currency, measure, cause, json.loads(row[10]), row[11],
    )  # fmt: skip
