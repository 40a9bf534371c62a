"""The ledger's schema, one script per version; ``PRAGMA user_version`` says which ran.

A script is never changed once released: a new version appends a script.
"""

from __future__ import annotations

from planner.actuals.records import USAGE_COUNTS

V1_FACT_KEY = (
    "bucket_start", "provider", "model", "project", "feature", "user_ref", "api_key",
    "service_tier", "is_batch", "ref", "context_window", "bucket_end",
)  # fmt: skip
"""Versions 1 and 2 kept every dimension in every fact (their scripts are kept as released)."""
V1_FACT_COLUMNS = (
    "bucket_start", "bucket_end", "provider", "model", "project", "feature", "user_ref",
    "api_key", "service_tier", "is_batch", "ref", "context_window", *USAGE_COUNTS,
    "reported_cost", "reported_currency", "batch_id", "slot_id", "band",
)  # fmt: skip
DIMENSIONS = (
    "provider", "model", "project", "feature", "user_ref", "api_key", "service_tier", "is_batch",
)  # fmt: skip
"""A usage fact's dimensions, kept once a distinct set in the ``dimension`` table."""
FACT_KEY = ("bucket_start", "dimension_id", "ref", "context_window", "bucket_end")
"""What makes a usage fact the same one again: the ``V1_FACT_KEY``, its dimensions by id."""
FACT_COLUMNS = (
    *FACT_KEY, *USAGE_COUNTS, "reported_cost", "reported_currency", "batch_id", "slot_id", "band",
)  # fmt: skip
DAILY_KEY = (
    "day", "provider", "model", "project", "feature", "api_key", "service_tier", "is_batch",
    "slot_id", "band",
)  # fmt: skip
COST_KEY = (
    "day", "provider", "kind", "line_item", "currency", "project", "api_key", "model", "token_type",
)  # fmt: skip
COST_COLUMNS = (
    "day", "provider", "kind", "line_item", "amount", "currency", "project", "api_key",
    "model", "token_type", "billed_amount", "list_amount", "batch_id",
)  # fmt: skip

_TEXT_KEYS = {"bucket_start", "bucket_end", "provider", "model", "project", "feature",
              "user_ref", "api_key", "service_tier", "ref", "context_window", "day",
              "kind", "line_item", "currency", "token_type"}  # fmt: skip


def _column(name: str) -> str:
    kind = (
        "TEXT" if name in _TEXT_KEYS or name.endswith(("cost", "currency", "amount")) else "INTEGER"
    )
    return f"{name} {kind} NOT NULL"


def _counts() -> str:
    return ", ".join(f"{name} INTEGER NOT NULL DEFAULT 0" for name in USAGE_COUNTS)


def _replaced_trigger(day_key: str) -> str:
    """A fact replaced by a later import takes its old counts out of its day's sums;
    ``day_key`` finds its daily sum."""
    minus = ", ".join(f"{n} = {n} - OLD.{n}" for n in USAGE_COUNTS)
    return (
        "CREATE TRIGGER usage_fact_replaced AFTER UPDATE ON usage_fact "
        f"WHEN OLD.batch_id != NEW.batch_id BEGIN UPDATE usage_daily SET {minus}, dirty = 1 "
        f"WHERE {day_key}; END;"
    )


def _v1_day_key() -> str:
    return " AND ".join(
        "day = substr(OLD.bucket_start, 1, 10)" if key == "day" else f"{key} = OLD.{key}"
        for key in DAILY_KEY
    )


def _day_key() -> str:
    """The daily sum of a fact whose dimensions are a ``dimension`` row: each one looked up
    (a constant for the trigger, so the daily sum's primary key finds the row)."""
    return " AND ".join(
        "day = substr(OLD.bucket_start, 1, 10)"
        if key == "day"
        else f"{key} = OLD.{key}"
        if key in ("slot_id", "band")
        else f"{key} = (SELECT {key} FROM dimension WHERE id = OLD.dimension_id)"
        for key in DAILY_KEY
    )


def _version_1() -> str:
    facts = ", ".join(_column(c) for c in V1_FACT_COLUMNS)
    costs = ", ".join(_column(c) for c in COST_COLUMNS)
    daily_keys = ", ".join(_column(c) for c in DAILY_KEY)
    return f"""
CREATE TABLE import_batch (
  id INTEGER PRIMARY KEY, format TEXT NOT NULL, file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL, imported_at TEXT NOT NULL, prices_snapshot TEXT NOT NULL,
  rows_read INTEGER NOT NULL DEFAULT 0, added INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0);
CREATE TABLE price_slot (
  id INTEGER PRIMARY KEY, signature TEXT NOT NULL UNIQUE, provider TEXT NOT NULL,
  model_id TEXT NOT NULL, context TEXT NOT NULL, sample_at TEXT NOT NULL);
CREATE TABLE usage_fact ({facts}, PRIMARY KEY ({", ".join(V1_FACT_KEY)})) WITHOUT ROWID;
CREATE TABLE usage_daily ({daily_keys}, {_counts()}, priced TEXT,
  dirty INTEGER NOT NULL DEFAULT 1, PRIMARY KEY ({", ".join(DAILY_KEY)})) WITHOUT ROWID;
CREATE INDEX usage_daily_dirty ON usage_daily (dirty) WHERE dirty = 1;
CREATE TABLE cost_fact ({costs}, PRIMARY KEY ({", ".join(COST_KEY)})) WITHOUT ROWID;
CREATE TABLE label (source TEXT NOT NULL, raw TEXT NOT NULL, project TEXT NOT NULL,
  feature TEXT NOT NULL, PRIMARY KEY (source, raw)) WITHOUT ROWID;
{_replaced_trigger(_v1_day_key())}
"""


_VERSION_2 = """
CREATE TABLE budget (
  id INTEGER PRIMARY KEY, scope TEXT NOT NULL, period TEXT NOT NULL,
  amount TEXT NOT NULL, currency TEXT NOT NULL,
  warn_pct TEXT NOT NULL, critical_pct TEXT NOT NULL,
  source TEXT NOT NULL, snapshot TEXT NOT NULL DEFAULT '', set_at TEXT NOT NULL,
  UNIQUE (scope, period));
CREATE TABLE alert (
  id INTEGER PRIMARY KEY, rule TEXT NOT NULL, scope TEXT NOT NULL, measure TEXT NOT NULL,
  period TEXT NOT NULL, level TEXT NOT NULL, day TEXT NOT NULL,
  value TEXT NOT NULL, threshold TEXT NOT NULL, currency TEXT NOT NULL,
  cause TEXT NOT NULL, details TEXT NOT NULL, fired_at TEXT NOT NULL,
  UNIQUE (rule, scope, measure, period, level));
CREATE INDEX alert_day ON alert (day);
"""
"""Budgets (one per scope and period; a plan's is a frozen snapshot) and fired alerts (the
``UNIQUE`` key makes each fire once per period and level)."""


def _version_3() -> str:
    """Each distinct set of dimensions once, in ``dimension``; a fact names its set. A fact
    of version 2 repeated seven texts (and wrote them into its primary key): a million
    facts took twice the room and most of an import's writing time."""
    dimensions = ", ".join(_column(c) for c in DIMENSIONS)
    facts = ", ".join(_column(c) for c in FACT_COLUMNS)
    names = ", ".join(DIMENSIONS)
    same = " AND ".join(f"d.{c} = f.{c}" for c in DIMENSIONS)
    copied = ", ".join("d.id" if c == "dimension_id" else f"f.{c}" for c in FACT_COLUMNS)
    return f"""
CREATE TABLE dimension (id INTEGER PRIMARY KEY, {dimensions}, UNIQUE ({names}));
INSERT INTO dimension ({names}) SELECT DISTINCT {names} FROM usage_fact ORDER BY {names};
CREATE TABLE usage_fact_3 ({facts}, PRIMARY KEY ({", ".join(FACT_KEY)})) WITHOUT ROWID;
INSERT INTO usage_fact_3 ({", ".join(FACT_COLUMNS)})
  SELECT {copied} FROM usage_fact AS f JOIN dimension AS d ON {same};
DROP TABLE usage_fact;
ALTER TABLE usage_fact_3 RENAME TO usage_fact;
{_replaced_trigger(_day_key())}
"""


MIGRATIONS: tuple[str, ...] = (_version_1(), _VERSION_2, _version_3())
"""``MIGRATIONS[n]`` takes a ledger from version ``n`` to ``n + 1``."""
