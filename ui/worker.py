"""Slow work off the GUI thread, with the outcome delivered back on the GUI thread.

In the manner of Anki's ``CollectionOp``: the work is a plain function that touches no
widget; ``on_success`` receives its value and ``on_failure`` its exception, both called on
the GUI thread by a relay object that lives there.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from planner.words.i18n import _

T = TypeVar("T")

_pending: set[Relay[Any]] = set()


def _report_unhandled(error: BaseException) -> None:
    """Failures nobody asked to handle are shown, never dropped (as Anki's CollectionOp)."""
    from ui import dialogs

    parent = QApplication.activeWindow()
    dialogs.show_error(
        parent,
        _("Something went wrong"),
        _("The planner could not finish a calculation."),
        f"{type(error).__name__}: {error}",
    )


class Relay(QObject, Generic[T]):
    """Lives on the GUI thread; the worker's signals reach it through the event loop."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_success: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure or _report_unhandled
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, value: T) -> None:
        _pending.discard(self)
        self._on_success(value)

    @Slot(object)
    def _deliver_failure(self, error: BaseException) -> None:
        _pending.discard(self)
        self._on_failure(error)


class _Task(QRunnable, Generic[T]):
    def __init__(self, work: Callable[[], T], relay: Relay[T]) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            value = self._work()
        except BaseException as error:
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(value)


def run_in_background(
    work: Callable[[], T],
    on_success: Callable[[T], None],
    on_failure: Callable[[BaseException], None] | None = None,
) -> None:
    """Run ``work`` on the thread pool; call back on the GUI thread when it ends.

    Without ``on_failure`` a failure is shown to the user in an error dialog.
    """
    relay: Relay[T] = Relay(on_success, on_failure)
    _pending.add(relay)
    QThreadPool.globalInstance().start(_Task(work, relay))


def busy() -> bool:
    """Whether any background work has not yet reported back."""
    return bool(_pending)


class GuiThreadCollector(QObject):
    """Python's cyclic garbage collector runs in whichever thread happens to allocate; if it
    frees a Qt object while a worker thread is running, the app crashes. Automatic collection
    is therefore switched off and done here, on the GUI thread, once a second (as Anki does).
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._threshold = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(1000)

    def check(self) -> None:
        """Collect the generations that have passed their thresholds."""
        counts = gc.get_count()
        for generation in range(3):
            if counts[generation] <= self._threshold[generation]:
                break
            gc.collect(generation)
