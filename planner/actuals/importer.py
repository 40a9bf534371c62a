"""Importing files into the ledger: detect, read, place in price slots, write, price the days.

All the files of one import are one transaction: if any file is refused, or anything
fails, the ledger is left exactly as it was. Re-importing an overlapping export updates
the facts it shares with the ledger (a stable key per bucket and dimensions) instead of
adding them again.

A plain generic CSV, the one format that comes in millions of rows, is read in bulk
(``planner.actuals.bulk``; mostly in a worker process when the file is big) to the same
facts the row-by-row readers give; every other format goes row by row through ``_Writer``.
Daily sums are priced once each import is read (``Pricer.price``: by arithmetic, exactly).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence, Set
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from itertools import islice
from pathlib import Path

from planner.actuals.bulk_worker import reader_for
from planner.actuals.fields import decimal_text
from planner.actuals.formats import Format, detect, format_by_id
from planner.actuals.formats.columns import IDENTITY, ColumnMap
from planner.actuals.formats.generic import csv_layout
from planner.actuals.pricing import UNPRICED, Pricer, Slot, prices_snapshot
from planner.actuals.records import (
    CostRow,
    ImportRefused,
    Item,
    LabelRow,
    RowProblem,
    UsageRow,
)
from planner.actuals.sources import Source
from planner.actuals.store import BatchInfo, DailyKey, LedgerStore

CHUNK = 20_000
BULK_FORMATS = frozenset({"generic-csv"})  # read by planner.actuals.bulk, to the same facts
_COUNTS = slice(UsageRow._fields.index("requests"), UsageRow._fields.index("web_searches") + 1)


@dataclass(frozen=True)
class FileReport:
    """What importing one file did."""

    file: str
    format: str
    rows_read: int
    added: int
    updated: int
    skipped: int
    unpriced_models: tuple[str, ...]
    problems: tuple[RowProblem, ...]


@dataclass(frozen=True)
class Progress:
    """How far an import has got: whole files done, and the share of the current one read."""

    files_done: int
    files: int
    share_of_file: float

    @property
    def share(self) -> float:
        """Of the whole import (0 to 1)."""
        return min((self.files_done + self.share_of_file) / max(self.files, 1), 1.0)


class ImportCancelled(Exception):
    """Raised by a progress callback to stop an import; the ledger is left as it was."""


ProgressCallback = Callable[[Progress], None]


class _DryRun(Exception):
    def __init__(self, reports: list[FileReport]) -> None:
        super().__init__("dry run")
        self.reports = reports


def import_files(
    store: LedgerStore,
    paths: Sequence[Path],
    *,
    format_id: str | None = None,
    columns: ColumnMap | None = None,
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
) -> list[FileReport]:
    """Import every file in one transaction; ``dry_run`` reports and then rolls back.

    ``progress`` is called as each file starts and after every chunk of rows; it may raise
    ``ImportCancelled`` (or anything) to stop, and then nothing of the import is kept.
    """
    pricer = Pricer(store.register_slot)
    tell = progress or (lambda _progress: None)
    try:
        with store.transaction():
            reports = []
            for index, path in enumerate(paths):
                tell(Progress(index, len(paths), 0.0))
                on_chunk = _file_progress(tell, index, len(paths))
                reports.append(_import_file(store, pricer, path, format_id, columns, on_chunk))
            tell(Progress(len(paths), len(paths), 0.0))
            price_dirty_days(store, pricer)
            if dry_run:
                raise _DryRun(reports)
    except _DryRun as done:
        return done.reports
    return reports


def _file_progress(tell: ProgressCallback, index: int, files: int) -> Callable[[float], None]:
    return lambda share: tell(Progress(index, files, share))


def price_dirty_days(store: LedgerStore, pricer: Pricer) -> None:
    """Price again every daily sum an import changed."""
    slots: dict[int, Slot] = {}
    prices: list[tuple[DailyKey, Decimal | None]] = []
    for daily in store.dirty_daily():
        slot_id, band = daily.dimension("slot_id"), daily.dimension("band")
        if slot_id == UNPRICED:
            prices.append((daily.key, None))
            continue
        slot = slots.get(slot_id) or slots.setdefault(slot_id, store.slot(slot_id))
        prices.append((daily.key, pricer.price(slot, band, daily.counts)))
    store.set_daily_prices(prices)


def _import_file(
    store: LedgerStore,
    pricer: Pricer,
    path: Path,
    format_id: str | None,
    columns: ColumnMap | None,
    tell: Callable[[float], None],
) -> FileReport:
    source = Source(path, str(path))
    fmt = format_by_id(format_id, source.label) if format_id else detect(source, columns)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with ThreadPoolExecutor(1) as digests:  # hashing lets go of the GIL: it runs alongside
        digest = digests.submit(source.sha256)
        batch_id = store.start_batch(BatchInfo(fmt.id, path.name, "", now, prices_snapshot()))
        if fmt.id in BULK_FORMATS and (columns or IDENTITY).is_simple():
            layout = csv_layout(source, columns or IDENTITY)
            added, updated, unpriced = _write_bulk(store, pricer, source, layout, batch_id, tell)
        else:
            items = fmt.parse(source, columns)
            added, updated, unpriced = _write_items(store, pricer, source, items, batch_id, tell)
        _refuse_if_empty(source, fmt, added + updated)
        counts = {"rows_read": source.rows_read, "added": added, "updated": updated,
                  "skipped": len(source.problems)}  # fmt: skip
        store.finish_batch(batch_id, counts, digest.result())
    return FileReport(source.label, fmt.id, **counts, unpriced_models=_model_names(unpriced),
                      problems=tuple(source.problems))  # fmt: skip


def _write_items(
    store: LedgerStore,
    pricer: Pricer,
    source: Source,
    items: Iterable[Item],
    batch_id: int,
    tell: Callable[[float], None],
) -> tuple[int, int, Set[tuple[str, str]]]:
    """A format's rows, a chunk at a time."""
    before = store.usage_count()
    writer = _Writer(store, pricer, batch_id)
    for chunk in _chunks(items):
        writer.take(chunk)
        tell(source.share_read())
    added, updated = writer.finish(before)
    return added, updated, writer.unpriced


def _write_bulk(
    store: LedgerStore,
    pricer: Pricer,
    source: Source,
    layout: dict[str, int],
    batch_id: int,
    tell: Callable[[float], None],
) -> tuple[int, int, Set[tuple[str, str]]]:
    """A plain generic CSV, read in bulk (in a worker process when it is big)."""
    reader = reader_for(source, layout, pricer, store)
    added = updated = 0
    for block in reader.blocks():
        block_added, block_updated = store.write_request_facts(block.facts, batch_id)
        added, updated = added + block_added, updated + block_updated
        tell(block.share)
    sums = reader.sums()
    store.add_daily(sums.daily)
    return added, updated, sums.unpriced


def _model_names(unpriced: Set[tuple[str, str]]) -> tuple[str, ...]:
    return tuple(sorted(f"{p}/{m}" if m else f"{p}/(no model)" for p, m in unpriced))


def _refuse_if_empty(source: Source, fmt: Format, kept: int) -> None:
    if kept:
        return
    if fmt.may_be_empty and not source.problems:
        return  # an empty dashboard export, or one of days without usage
    first = source.problems[0] if source.problems else None
    detail = f"line {first.line}, field {first.field!r}: {first.code}" if first else ""
    raise ImportRefused(source.label, "no_usable_rows", detail)


def _chunks(items: Iterable[Item]) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, CHUNK)):
        yield chunk


@dataclass
class _Writer:
    """Writes one file's rows as they stream in, summing usage by day on the way."""

    store: LedgerStore
    pricer: Pricer
    batch_id: int
    daily: dict[DailyKey, list[int]] = field(default_factory=dict)
    costs: dict[tuple[str, ...], CostRow] = field(default_factory=dict)
    labels: dict[tuple[str, str], LabelRow] = field(default_factory=dict)
    unpriced: set[tuple[str, str]] = field(default_factory=set)

    def take(self, chunk: list[Item]) -> None:
        usage = [item for item in chunk if type(item) is UsageRow]
        if usage:
            self.store.write_usage(self._facts(usage))
        if len(usage) < len(chunk):
            self._take_others(chunk)

    def _facts(self, rows: list[UsageRow]) -> list[tuple[object, ...]]:
        facts: list[tuple[object, ...]] = []
        daily, place, batch_id = self.daily, self.pricer.place, self.batch_id
        for row in rows:
            provider = self.pricer.provider_of(row)
            if provider != row.provider:
                row = row._replace(provider=provider)
            slot, band = place(row)
            if slot == UNPRICED:
                self.unpriced.add((row.provider, row.model))
            facts.append((*row, batch_id, slot, band))
            key = (row.bucket_start[:10], provider, row.model, row.project, row.feature,
                   row.api_key, row.service_tier, row.is_batch, slot, band)  # fmt: skip
            counts: tuple[int, ...] = row[_COUNTS]  # type: ignore[assignment]
            total = daily.get(key)
            daily[key] = (
                list(counts)
                if total is None
                else [a + b for a, b in zip(total, counts, strict=True)]
            )
        return facts

    def _take_others(self, chunk: list[Item]) -> None:
        for item in chunk:
            if type(item) is CostRow:
                self._add_cost(item)
            elif type(item) is LabelRow:
                self.labels[(item.source, item.raw)] = item

    def _add_cost(self, row: CostRow) -> None:
        key = (row.day, row.provider, row.kind, row.line_item, row.currency, row.project,
               row.api_key, row.model, row.token_type)  # fmt: skip
        known = self.costs.get(key)
        if known is not None:
            row = row._replace(
                amount=_add(known.amount, row.amount),
                billed_amount=_add(known.billed_amount, row.billed_amount),
                list_amount=_add(known.list_amount, row.list_amount),
            )
        self.costs[key] = row

    def finish(self, usage_before: int) -> tuple[int, int]:
        """Write what was held back; the facts added and updated."""
        self.store.add_daily(self.daily)
        added, updated = self.store.write_costs(self.costs.values(), self.batch_id)
        labels_added, labels_updated = self.store.write_labels(self.labels.values())
        added += labels_added
        updated += labels_updated
        if self.daily:
            usage_added = self.store.usage_count() - usage_before
            added += usage_added
            updated += self.store.usage_count(self.batch_id) - usage_added
        return added, updated


def _add(left: str, right: str) -> str:
    if not left or not right:
        return left or right
    return decimal_text(Decimal(left) + Decimal(right))
