"""Work on the ledger off the GUI thread: imports (with progress and cancel), budgets,
labels, and the month's dashboard made in the same job, so the screen is ready the moment
the work ends.

Each job opens the ledger in its worker thread and closes it there (a SQLite connection
belongs to the thread that made it). A cancelled or refused import leaves the ledger as it
was; a ledger that the failed import had just created is removed again.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from planner.actuals.dashboard import Dashboard, build_dashboard
from planner.actuals.importer import FileReport, ImportCancelled, Progress, import_files
from planner.actuals.records import ImportRefused
from planner.actuals.store import SqliteLedger, open_ledger
from planner.model.plan import Plan
from planner.rates import RateBook

if TYPE_CHECKING:
    from planner.actuals.fetch.run import FetchRequest
    from planner.actuals.keys import Secret
from ui.worker import run_in_background


@dataclass(frozen=True)
class Outcome:
    """What a job did: the files an import read (if it was one) and the month to show, or
    why the month could not be made (the import or change is kept all the same)."""

    reports: tuple[FileReport, ...]
    dashboard: Dashboard | None
    problem: BaseException | None = None
    fetched: tuple[str, ...] = ()  # the providers a fetch brought usage and costs from
    failures: tuple[BaseException, ...] = ()  # the providers a fetch could not read


@dataclass(frozen=True)
class Context:
    """What every job needs, captured on the GUI thread when it starts."""

    ledger: Path
    rates: RateBook
    plan: Plan | None
    currency: str


def ledger_path(plan_file: Path) -> Path:
    """The ledger kept beside a plan file: ``acme.llmplan`` → ``acme.llmledger``."""
    from planner.actuals.store import SUFFIX

    return plan_file.with_suffix(SUFFIX)


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _outcome(
    store: SqliteLedger, context: Context, reports: tuple[FileReport, ...] = ()
) -> Outcome:
    """The month to show after the work; a failure here does not undo the work."""
    try:
        return Outcome(
            reports, build_dashboard(store, context.rates, context.plan, context.currency)
        )
    except Exception as error:  # the plan or a rate table may fail; the ledger is fine
        return Outcome(reports, None, error)


class LedgerJobs(QObject):
    """One job at a time; ``progress`` (0 to 1) while an import runs."""

    progress = Signal(float)
    _progress_from_worker = Signal(float)

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()
        self.running = False
        self._progress_from_worker.connect(self._relay_progress)

    @Slot(float)
    def _relay_progress(self, share: float) -> None:
        if self.running:
            self.progress.emit(share)

    def cancel(self) -> None:
        """Stop the import at its next chunk of rows; nothing of it is kept."""
        self._cancel.set()

    def load(self, context: Context, done: Callable[[Outcome], None],
             failed: Callable[[BaseException], None]) -> bool:  # fmt: skip
        """The month to show, from an existing ledger."""

        def work(store: SqliteLedger, _done: Callable[[], None]) -> Outcome:
            return _outcome(store, context)

        return self._run(context, work, done, failed, create=False)

    def import_files(self, context: Context, files: Sequence[Path],
                     done: Callable[[Outcome], None],
                     failed: Callable[[BaseException], None]) -> bool:  # fmt: skip
        """Import ``files`` into the ledger (made on the first import), then the month."""
        self._cancel.clear()
        emit = self._progress_from_worker.emit
        cancel = self._cancel

        def tell(progress: Progress) -> None:
            if cancel.is_set():
                raise ImportCancelled()
            emit(progress.share)

        def work(store: SqliteLedger, committed: Callable[[], None]) -> Outcome:
            reports = import_files(store, list(files), progress=tell)
            committed()
            return _outcome(store, context, tuple(reports))

        return self._run(context, work, done, failed, create=True)

    def fetch(self, context: Context, keyed: Sequence[tuple[FetchRequest, Secret]],
              done: Callable[[Outcome], None],
              failed: Callable[[BaseException], None]) -> bool:  # fmt: skip
        """Fetch each provider's period into the ledger, then the month. A provider that
        fails is told in the outcome and the others are kept; when none works, ``failed``."""

        def work(store: SqliteLedger, committed: Callable[[], None]) -> Outcome:
            from planner.actuals.fetch.errors import FetchError  # httpx: only when fetching
            from planner.actuals.fetch.run import fetch_into_ledger

            reports: list[FileReport] = []
            fetched, failures = [], []
            for request, key in keyed:
                try:
                    reports.extend(fetch_into_ledger(store, request, key).files)
                except (FetchError, ImportRefused) as error:
                    failures.append(error)
                    continue
                committed()
                fetched.append(request.provider)
            if not fetched:
                raise failures[0]
            outcome = _outcome(store, context, tuple(reports))
            return dataclasses.replace(outcome, fetched=tuple(fetched), failures=tuple(failures))

        return self._run(context, work, done, failed, create=True)

    def change(self, context: Context, action: Callable[[SqliteLedger], None],
               done: Callable[[Outcome], None],
               failed: Callable[[BaseException], None]) -> bool:  # fmt: skip
        """Change the ledger (a budget, labels) in one transaction, then the month."""

        def work(store: SqliteLedger, committed: Callable[[], None]) -> Outcome:
            with store.transaction():
                action(store)
            committed()
            return _outcome(store, context)

        return self._run(context, work, done, failed, create=True)

    def _run(self, context: Context, work: Callable[[SqliteLedger, Callable[[], None]], Outcome],
             done: Callable[[Outcome], None], failed: Callable[[BaseException], None],
             *, create: bool) -> bool:  # fmt: skip
        if self.running:
            return False
        self.running = True
        path = context.ledger

        def job() -> Outcome:
            existed = path.exists()
            store = open_ledger(path, create=create)
            kept = [existed]

            def committed() -> None:
                kept[0] = True

            try:
                return work(store, committed)
            finally:
                store.close()
                if not kept[0]:
                    _remove(path)  # made by a job that kept nothing: leave nothing behind

        def finish(outcome: Outcome) -> None:
            self.running = False
            done(outcome)

        def fail(error: BaseException) -> None:
            self.running = False
            failed(error)

        run_in_background(job, finish, fail)
        return True
