"""Reading a big generic CSV in two processes while this one writes the ledger.

Checking and placing a million rows takes longer than writing them into SQLite, and one
Python process can only do one at a time. So a file of more than ``WORKER_BYTES`` is read
by ``BulkReader`` in a worker process started for it ("spawn": a fresh interpreter, safe
beside Qt's threads), which streams its blocks back through a pipe; this process writes
each block as it comes and, in the gaps, reads the first ``HEAD_SHARE`` of the file
itself (when every line of it is one row, the worker can start at a line of its own).

Only this process touches the ledger: the worker numbers its sets of dimensions and price
slots from 1, and they get the ledger's ids here, as each block comes. Blocks of the two
stretches are written in the order they are read, so sets and slots may get their ids in
another order than row by row: the same facts, daily sums and prices. The problems found
are put back in line order at the end.

The worker is only a way of reading: a one-core machine, a daemon process or a failure to
start it reads the file here instead, to the same facts. (The bundled app can start one:
``main.py`` calls ``multiprocessing.freeze_support`` first.)
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import traceback
from collections.abc import Iterator, Mapping
from multiprocessing.connection import Connection
from operator import attrgetter
from pathlib import Path
from typing import Any, Protocol

from planner.actuals.bulk import BulkReader, BulkSums, FactBlock
from planner.actuals.bulk_lines import WHOLE, Stretch, plain_start
from planner.actuals.migrations import DAILY_KEY
from planner.actuals.pricing import UNPRICED, Pricer, Slot
from planner.actuals.records import ImportRefused
from planner.actuals.sources import Source
from planner.actuals.store_requests import FactColumns

WORKER_BYTES = 16 * 1024 * 1024  # smaller files are read before a worker would have started
HEAD_SHARE = 0.22  # of a file read here: about what leaves both processes equally busy
_SLOT = DAILY_KEY.index("slot_id")


class Ledger(Protocol):
    """What reading needs of the ledger: the ids of sets of dimensions and of slots."""

    def dimension_id(self, values: tuple[Any, ...]) -> int: ...
    def register_slot(self, slot: Slot) -> int: ...


class SlotNumbers:
    """Price slot numbers given out in the worker, from 1 (0 is ``UNPRICED``)."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._new: list[tuple[int, Slot]] = []

    def register(self, slot: Slot) -> int:
        """The slot's number (the same for the same prices)."""
        found = self._ids.get(slot.signature)
        if found is None:
            found = self._ids[slot.signature] = len(self._ids) + 1
            self._new.append((found, slot))
        return found

    def take_new(self) -> list[tuple[int, Slot]]:
        """Slots numbered since the last call, for the ledger to learn."""
        new, self._new = self._new, []
        return new


def reader_for(
    source: Source, layout: Mapping[str, int], pricer: Pricer, ledger: Ledger
) -> BulkReader | WorkerReader:
    """A worker for a big file where one can be started, else a reader in this process."""
    if source.path.stat().st_size >= WORKER_BYTES and _can_start_worker():
        return WorkerReader(source, layout, pricer, ledger)
    return BulkReader(source, layout, pricer, dimension_id=ledger.dimension_id)


def _can_start_worker() -> bool:
    if multiprocessing.current_process().daemon:
        return False  # a daemon process may not start children
    return (
        len(os.sched_getaffinity(0)) > 1
        if hasattr(os, "sched_getaffinity")
        else ((os.cpu_count() or 1) > 1)
    )


class WorkerReader:
    """``BulkReader``'s blocks and sums, read partly here and partly in a worker process."""

    def __init__(
        self, source: Source, layout: Mapping[str, int], pricer: Pricer, ledger: Ledger
    ) -> None:
        self.source = source
        self._layout = dict(layout)
        self._pricer = pricer
        self._ledger = ledger
        self._here: list[BulkReader] = []  # the stretches read in this process
        self._worker_sums: BulkSums | None = None
        self._dims: dict[int, int] = {}  # the worker's set numbers → ledger ids
        self._slots: dict[int, int] = {UNPRICED: UNPRICED}  # and its slot numbers
        self._read = {"head": _Part(), "tail": _Part()}
        self._start = 0.0  # the share of the file before the tail
        self._finished = False

    def blocks(self) -> Iterator[FactBlock]:
        """Every block of both stretches, as they come; the source learns its rows and
        problems."""
        start, lines = plain_start(self.source.path, HEAD_SHARE)
        self._start = start / max(self.source.path.stat().st_size, 1)
        head = self._reader(Stretch(0, start)).blocks() if start else iter(())
        tail = Stretch(start, None, lines) if start else WHOLE
        context = multiprocessing.get_context("spawn")
        receive, send = context.Pipe(duplex=False)
        arguments = (send, str(self.source.path), self.source.label, self._layout, tail)
        process = context.Process(target=_work, args=arguments, daemon=True)
        try:
            process.start()
        except OSError:
            receive.close()
            yield from self._read_here(head, tail)
        else:
            send.close()
            try:
                yield from self._gather(receive, head, tail)
            finally:
                receive.close()
                process.join(timeout=2)
                if process.is_alive():
                    process.kill()
                    process.join()
        self.source.problems.sort(key=attrgetter("line"))
        self._finished = True

    def _reader(self, stretch: Stretch) -> BulkReader:
        part = Source(self.source.path, self.source.label)
        reader = BulkReader(part, self._layout, self._pricer, stretch=stretch,
                            dimension_id=self._ledger.dimension_id)  # fmt: skip
        self._here.append(reader)
        return reader

    def _read_here(self, head: Iterator[FactBlock], tail: Stretch) -> Iterator[FactBlock]:
        """What is left of the head, then the worker's stretch, read in this process."""
        for block in head:
            yield self._merged(block, "head")
        for block in self._reader(tail).blocks():
            yield self._merged(block, "tail")

    def _gather(
        self, receive: Connection, head: Iterator[FactBlock], tail: Stretch
    ) -> Iterator[FactBlock]:
        """The worker's blocks as soon as they come (so it never waits), the head's in
        between."""
        reading_head, started = True, False
        while True:
            if reading_head and not receive.poll():
                block = next(head, None)
                reading_head = block is not None
                if block is not None:
                    yield self._merged(block, "head")
                continue
            try:
                kind, payload = receive.recv()
            except EOFError:
                if started:
                    raise RuntimeError("the import worker stopped without a word") from None
                yield from self._read_here(head, tail)  # it never started: all is read here
                return
            started = True
            if kind == "block":
                yield self._merged(self._own(payload), "tail")
            elif kind == "sums":
                self._worker_sums = payload
                yield from (self._merged(block, "head") for block in head)
                return
            elif kind == "refused":
                raise ImportRefused(*payload)
            else:
                raise RuntimeError(f"the import worker failed:\n{payload}")

    def _merged(self, block: FactBlock, stretch: str) -> FactBlock:
        """The block's rows and problems added to the file's, and its share of the file
        made the share of both stretches read."""
        read = self._read[stretch]
        self.source.rows_read += block.rows_read - read.rows_read
        self.source.problems.extend(block.problems)
        read.rows_read = block.rows_read
        read.share = min(block.share, self._start) if stretch == "head" else block.share
        block.share = self._read["head"].share + max(self._read["tail"].share - self._start, 0)
        return block

    def _own(self, block: FactBlock) -> FactBlock:
        """A worker's block with the ledger's ids for its sets and slots."""
        for number, *values in block.dims:
            self._dims[number] = self._ledger.dimension_id(tuple(values))
        for number, slot in block.slots:
            self._slots[number] = self._ledger.register_slot(slot)
        facts = _renumbered(block.facts, "dimension_id", self._dims)
        block.facts = _renumbered(facts, "slot_id", self._slots)
        if block.forget_below:
            self._dims = {n: i for n, i in self._dims.items() if n >= block.forget_below}
        return block

    def sums(self) -> BulkSums:
        """The file's daily sums and unpriced models, once every block is taken."""
        if not self._finished:
            raise RuntimeError("the blocks of the file were not all taken")
        found = [reader.sums() for reader in self._here]
        if self._worker_sums is not None:
            slots = self._slots
            daily = {
                (*key[:_SLOT], slots[key[_SLOT]], *key[_SLOT + 1 :]): counts
                for key, counts in self._worker_sums.daily.items()
            }
            found.append(BulkSums(daily, self._worker_sums.unpriced))
        return _added(found)


class _Part:
    """How far the reading of one stretch has got."""

    def __init__(self) -> None:
        self.rows_read = 0
        self.share = 0.0


def _renumbered(facts: FactColumns, name: str, ids: dict[int, int]) -> FactColumns:
    if name in facts.same:
        facts.same[name] = ids[facts.same[name]]
    else:
        facts.varying[name] = list(map(ids.__getitem__, facts.varying[name]))
    return facts


def _added(parts: list[BulkSums]) -> BulkSums:
    daily: dict[tuple[Any, ...], list[int]] = {}
    for part in parts:
        for key, counts in part.daily.items():
            known = daily.get(key)
            daily[key] = (
                counts if known is None else [a + b for a, b in zip(known, counts, strict=True)]
            )
    return BulkSums(daily, frozenset().union(*(part.unpriced for part in parts)))


def _work(
    send: Connection, path: str, label: str, layout: dict[str, int], stretch: Stretch
) -> None:
    """The worker: read its stretch, send each block, then the sums (or why it stopped)."""
    # Reading makes millions of short-lived lists and tuples and no reference cycles: the
    # cycle collector would only walk them (a tenth of the reading time) for nothing.
    gc.disable()
    numbers = SlotNumbers()
    reader = BulkReader(Source(Path(path), label), layout, Pricer(numbers.register),
                        stretch=stretch)  # fmt: skip
    message: tuple[str, Any]
    try:
        for block in reader.blocks():
            block.slots = numbers.take_new()
            send.send(("block", block))
        message = ("sums", reader.sums())
    except ImportRefused as refused:
        message = ("refused", (refused.file, refused.code, refused.detail))
    except (BrokenPipeError, ConnectionResetError):
        return  # the importer stopped listening: cancelled, or gone
    except BaseException:
        message = ("failed", traceback.format_exc())
    try:
        send.send(message)
    except (BrokenPipeError, ConnectionResetError):
        pass
    finally:
        send.close()
