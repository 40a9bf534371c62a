"""Autosave and recovery after a crash.

Each running app writes unsaved changes to its own file in the autosave folder and holds a
lock file beside it. At start-up, an autosave whose lock is free belongs to a session that
ended without cleaning up (a crash, a power cut): its plan is offered back.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile

if TYPE_CHECKING:
    from planner.model.plan import Plan


@dataclass
class Recovery:
    """A plan left behind by a session that stopped unexpectedly."""

    plan: Plan
    original_path: Path | None
    saved_at: datetime
    file: Path
    lock: QLockFile

    def discard(self) -> None:
        self.file.unlink(missing_ok=True)
        self.lock.unlock()
        Path(self.lock.fileName()).unlink(missing_ok=True)

    def already_saved(self) -> bool:
        """Whether the plan's own file holds exactly this plan: the session stopped after
        saving it but before removing this copy, so there is nothing to recover."""
        from planner.model.planfile import load_plan

        if self.original_path is None:
            return False
        try:
            return load_plan(self.original_path) == self.plan
        except Exception:  # a file that cannot be read is no proof that this copy is saved
            return False

    def file_saved_after(self) -> datetime | None:
        """When the plan's own file was last written, if that was after this copy."""
        if self.original_path is None:
            return None
        try:
            written = datetime.fromtimestamp(self.original_path.stat().st_mtime)
            return written if written > self.saved_at else None
        except (OSError, ValueError, OverflowError, TypeError):  # TypeError: a time zone
            return None


class AutosaveSession:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        name = uuid.uuid4().hex
        self.file = folder / f"{name}.json"
        self._lock = QLockFile(str(folder / f"{name}.lock"))
        self._lock.setStaleLockTime(0)
        self._lock.tryLock(0)

    def write(self, plan: Plan, original_path: Path | None) -> None:
        from planner.model.safe_write import write_atomically

        record = {
            # To the microsecond: recovery compares it with the saved file's time.
            "saved_at": datetime.now().isoformat(),
            "path": str(original_path) if original_path else None,
            "plan": json.loads(plan.model_dump_json()),
        }
        write_atomically(self.file, json.dumps(record, indent=1).encode("utf-8"))

    def clear(self) -> None:
        self.file.unlink(missing_ok=True)

    def close(self) -> None:
        """A clean end: nothing to recover."""
        self.clear()
        self._lock.unlock()

    def orphans(self) -> list[Recovery]:
        """Plans left by sessions that are no longer running, newest first."""
        found = []
        for file in self.folder.glob("*.json"):
            if file == self.file:
                continue
            lock = QLockFile(str(file.with_suffix(".lock")))
            lock.setStaleLockTime(0)
            if not lock.tryLock(0):
                continue  # another running session
            recovery = _read(file, lock)
            if recovery is None:
                lock.unlock()
                continue
            found.append(recovery)
        return sorted(found, key=lambda r: r.saved_at, reverse=True)


def _read(file: Path, lock: QLockFile) -> Recovery | None:
    from planner.model.planfile import PlanError, plan_from_data

    try:
        record = json.loads(file.read_text(encoding="utf-8"))
        plan = plan_from_data(record["plan"])
        saved_at = datetime.fromisoformat(record["saved_at"])
        path = Path(record["path"]) if record.get("path") else None
    except (OSError, ValueError, KeyError, TypeError, RecursionError, PlanError):
        return None  # a damaged autosave is left where it is, for a person to look at
    return Recovery(plan, path, saved_at, file, lock)
