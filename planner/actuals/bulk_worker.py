"""Reading a big generic CSV in a second process while this one writes the ledger.

Checking and placing a million rows and writing them into SQLite take about as long as
each other, and one Python process can only do one at a time. So a file of more than
``WORKER_BYTES`` is read by ``BulkReader`` in a worker process started for it ("spawn": a
fresh interpreter, safe beside Qt's threads), which streams its blocks back through a pipe;
this process writes each block as the next is read. Only this process touches the ledger:
the worker numbers new price slots after the ledger's last one, and they are written with
the block that first uses them, so the ids are the ones ``register_slot`` would have given.

The worker is only a way of reading: a frozen app (which cannot start one without
``multiprocessing.freeze_support``), a one-core machine or a failure to start it reads the
file here instead, to the same facts.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Iterator, Mapping
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from planner.actuals.bulk import BulkReader, BulkSums, FactBlock
from planner.actuals.pricing import Pricer, Slot
from planner.actuals.records import ImportRefused
from planner.actuals.sources import Source

WORKER_BYTES = 16 * 1024 * 1024  # smaller files are read before a worker would have started


class SlotNumbers:
    """Price slot ids given out in the worker, continuing the ledger's own."""

    def __init__(self, known: Mapping[str, int]) -> None:
        self._ids = dict(known)
        self._next = max(self._ids.values(), default=0) + 1
        self._new: list[tuple[int, Slot]] = []

    def register(self, slot: Slot) -> int:
        """The slot's id: the ledger's, or the next free one (as ``INSERT`` would give)."""
        found = self._ids.get(slot.signature)
        if found is None:
            found = self._ids[slot.signature] = self._next
            self._next += 1
            self._new.append((found, slot))
        return found

    def take_new(self) -> list[tuple[int, Slot]]:
        """Slots numbered since the last call, for the ledger to add."""
        new, self._new = self._new, []
        return new


def reader_for(
    source: Source, layout: Mapping[str, int], pricer: Pricer, slot_ids: Mapping[str, int]
) -> BulkReader | WorkerReader:
    """A worker for a big file where one can be started, else a reader in this process."""
    if source.path.stat().st_size >= WORKER_BYTES and _can_start_worker():
        return WorkerReader(source, layout, pricer, slot_ids)
    return BulkReader(source, layout, pricer)


def _can_start_worker() -> bool:
    if getattr(sys, "frozen", False) or multiprocessing.current_process().daemon:
        return False
    return (
        len(os.sched_getaffinity(0)) > 1
        if hasattr(os, "sched_getaffinity")
        else ((os.cpu_count() or 1) > 1)
    )


class _NeverStarted(Exception):
    """The worker ended before it sent anything (it could not start its interpreter)."""


class WorkerReader:
    """``BulkReader``'s blocks and sums, read in a worker process."""

    def __init__(
        self,
        source: Source,
        layout: Mapping[str, int],
        pricer: Pricer,
        slot_ids: Mapping[str, int],
    ) -> None:
        self.source = source
        self._layout = dict(layout)
        self._pricer = pricer  # for reading here after all, if no worker starts
        self._slot_ids = dict(slot_ids)
        self._sums: BulkSums | None = None
        self._here: BulkReader | None = None

    def blocks(self) -> Iterator[FactBlock]:
        """The worker's blocks, as they come; the source learns its rows and problems."""
        context = multiprocessing.get_context("spawn")
        receive, send = context.Pipe(duplex=False)
        arguments = (send, str(self.source.path), self.source.label, self._layout, self._slot_ids)
        process = context.Process(target=_work, args=arguments, daemon=True)
        try:
            process.start()
        except OSError:
            receive.close()
            yield from self._read_here()
            return
        send.close()
        try:
            yield from self._receive(receive)
        except _NeverStarted:  # it died before its first block: nothing of it was written
            yield from self._read_here()
        finally:
            receive.close()
            process.join(timeout=2)
            if process.is_alive():
                process.kill()
                process.join()

    def _read_here(self) -> Iterator[FactBlock]:
        self._here = BulkReader(self.source, self._layout, self._pricer)
        yield from self._here.blocks()

    def _receive(self, receive: Connection) -> Iterator[FactBlock]:
        started = False
        while True:
            try:
                kind, payload = receive.recv()
            except EOFError:
                if not started:
                    raise _NeverStarted from None
                raise RuntimeError("the import worker stopped without a word") from None
            started = True
            if kind == "block":
                self.source.rows_read = payload.rows_read
                self.source.problems.extend(payload.problems)
                yield payload
            elif kind == "sums":
                self._sums = payload
                return
            elif kind == "refused":
                raise ImportRefused(*payload)
            else:
                raise RuntimeError(f"the import worker failed:\n{payload}")

    def sums(self) -> BulkSums:
        """The file's daily sums and unpriced models, once every block is taken."""
        if self._here is not None:
            return self._here.sums()
        if self._sums is None:
            raise RuntimeError("the worker's blocks were not all taken")
        return self._sums


def _work(
    send: Connection, path: str, label: str, layout: dict[str, int], slot_ids: dict[str, int]
) -> None:
    """The worker: read the file, send each block, then the sums (or why it stopped)."""
    numbers = SlotNumbers(slot_ids)
    reader = BulkReader(Source(Path(path), label), layout, Pricer(numbers.register))
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
