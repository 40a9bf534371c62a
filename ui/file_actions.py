"""New, Open, Save, Save As, recent files, the unsaved-changes prompt, autosave and recovery."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from planner.words.formats import day
from planner.words.i18n import _
from ui import dialogs
from ui.autosave import AutosaveSession, Recovery
from ui.document import PlanDocument
from ui.rates_service import RatesService
from ui.settings import AppSettings

if TYPE_CHECKING:
    from planner.model.plan import Plan

AUTOSAVE_MS = 10_000


class FileActions(QObject):
    """What the File menu does; every failure is reported and the current plan is kept."""

    recent_changed = Signal()
    opened = Signal()  # a plan was opened or recovered: its results are shown
    created = Signal()  # a new, empty plan: the questions start again

    def __init__(
        self,
        parent: QWidget,
        document: PlanDocument,
        settings: AppSettings,
        rates: RatesService | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self.document = document
        self.settings = settings
        self.rates = rates
        self._rate_problems_told = 0
        if rates is not None:
            # Queued: the notice never opens inside whatever first needed the rates.
            rates.problems_found.connect(
                self._tell_rate_problems, Qt.ConnectionType.QueuedConnection
            )
        self.autosave = AutosaveSession(settings.autosave_dir)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.write_autosave)
        document.changed.connect(self._schedule_autosave)
        document.state_changed.connect(self._on_state)

    # --- the unsaved-changes prompt -------------------------------------------------------
    def may_discard(self) -> bool:
        """True when the current plan may be replaced: saved, or the user chose so."""
        if not self.document.dirty:
            return True
        choice = dialogs.ask_unsaved(self.window, self.document.display_name())
        if choice == "save":
            return self.save()
        return choice == "discard"

    # --- commands ---------------------------------------------------------------------------
    def new(self) -> bool:
        if not self.may_discard():
            return False
        from ui.document import new_plan

        self.document.replace(new_plan())
        self.created.emit()
        return True

    def open(self) -> bool:
        if not self.may_discard():
            return False
        path = dialogs.ask_open_path(
            self.window, _("Open a plan"), self.settings.last_folder(), dialogs.plan_filter()
        )
        return self.open_path(path, ask=False) if path else False

    def open_path(self, path: Path, *, ask: bool = True) -> bool:
        """Open ``path``; a file that cannot be read leaves the current plan as it was."""
        if ask and not self.may_discard():
            return False
        try:
            self.document.load(path, self._check_rate_overrides)
        except Exception as error:  # any file may break a reader: say so, keep the plan
            dialogs.show_error(
                self.window,
                _("Cannot open the plan"),
                _("This file could not be opened as a plan. Your current plan is unchanged.")
                + plain_reason(error),
                open_problem(path, error),
            )
            if not path.exists():
                self.settings.remove_recent_file(path.resolve())
                self.recent_changed.emit()
            return False
        self._remember(path)
        self.opened.emit()
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        from planner.model.planfile import SUFFIX

        folder = self.document.path.parent if self.document.path else self.settings.last_folder()
        suggested = folder / (_safe_name(self.document.plan.name) + SUFFIX)
        path = dialogs.ask_save_path(
            self.window, _("Save the plan as"), suggested, dialogs.plan_filter()
        )
        if path is None:
            return False
        if not path.suffix:
            path = path.with_suffix(SUFFIX)
        return self._write(path)

    def _check_rate_overrides(self, plan: Plan) -> None:
        """Refuse a plan whose own rate changes cannot apply, as ``estimate`` would."""
        if self.rates is not None and plan.rate_overrides:
            from planner.rates import with_overrides

            with_overrides(self.rates.book(), plan.rate_overrides, "plan rate_overrides")

    def _write(self, path: Path) -> bool:
        try:
            self.document.save(path)
        except OSError as error:
            dialogs.show_error(
                self.window,
                _("Cannot save the plan"),
                _(
                    "The plan could not be saved to {path}. Nothing was lost: it is still open, "
                    "and a copy is kept for recovery."
                ).format(path=path),
                error.strerror or str(error),
            )
            self.write_autosave()
            return False
        self._remember(path)
        return True

    def _remember(self, path: Path) -> None:
        self.settings.add_recent_file(path)
        self.settings.set_last_folder(path.resolve().parent)
        self.recent_changed.emit()

    # --- autosave and recovery -------------------------------------------------------------
    def _schedule_autosave(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def write_autosave(self) -> None:
        if not self.document.dirty:
            return
        try:
            self.autosave.write(self.document.plan, self.document.path)
        except OSError as error:
            self.window.statusBar().showMessage(  # type: ignore[attr-defined]
                _("Autosave failed: {problem}").format(problem=error.strerror or error), 8000
            )

    def _on_state(self) -> None:
        if not self.document.dirty:
            self.autosave.clear()

    def offer_recovery(self) -> bool:
        """At start-up: offer each plan left by a session that stopped; True if one was taken
        (or, when the plan's file is newer than the copy, that file was opened)."""
        for recovery in self.autosave.orphans():
            if recovery.already_saved():
                recovery.discard()
                continue
            if self._offer(recovery):
                return True
        return False

    def _offer(self, recovery: Recovery) -> bool:
        name = recovery.original_path.name if recovery.original_path else recovery.plan.name
        newer = recovery.file_saved_after()
        file_time = _when(newer) if newer is not None else None
        if dialogs.ask_recover(self.window, name, _when(recovery.saved_at), file_time):
            self.document.replace(recovery.plan, recovery.original_path, dirty=True)
            recovery.discard()
            self.write_autosave()
            self.opened.emit()
            return True
        recovery.discard()
        if newer is not None and recovery.original_path is not None:
            return self.open_path(recovery.original_path, ask=False)
        return False

    def _tell_rate_problems(self) -> None:
        assert self.rates is not None
        problems = self.rates.problems[self._rate_problems_told :]
        self._rate_problems_told = len(self.rates.problems)
        if not problems:
            return
        text = _(
            "The planner uses its bundled figures where your changes in {path} could not be used."
        ).format(path=self.rates.overrides_path)
        if self.rates.kept_aside is not None:
            text += " " + _("A copy of the file as it was is kept as {copy}.").format(
                copy=self.rates.kept_aside
            )
        dialogs.show_error(
            self.window, _("Some of your own rates are not used"), text, "\n".join(problems)
        )

    def close(self) -> None:
        """A clean end of the session."""
        self._timer.stop()
        self.autosave.close()


def plain_reason(error: Exception) -> str:
    """What is wrong with a field of the file, in plain words, as a paragraph (or "")."""
    from planner.words.problems import plain_problem, validation_error_in

    invalid = validation_error_in(error)
    return "\n\n" + plain_problem(invalid) if invalid is not None else ""


def open_problem(path: Path, error: Exception) -> str:
    """The one line that says why ``path`` did not open, naming the file (and the field)."""
    from planner.model.planfile import PlanError
    from planner.rates import RateTableError

    if isinstance(error, PlanError):
        text = str(error)
    elif isinstance(error, RateTableError):
        text = f"{path}: {error}"  # as the command line says it, with the file
    elif isinstance(error, RecursionError):
        text = f"{path}: nested too deeply to be a plan"
    else:
        text = f"{path}: cannot be read as a plan ({type(error).__name__}: {error})"
    if not text.startswith(str(path)):
        text = f"{path}: {text}"
    return " ".join(text.splitlines())


def _when(moment: datetime) -> str:
    return f"{moment:%H:%M}, {day(moment.date())}"


def _safe_name(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in " -_." else "_" for ch in name).strip(" .")
    return cleaned[:80] or _("plan")
