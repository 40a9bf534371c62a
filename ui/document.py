"""The plan being edited: its file, whether it has unsaved changes, and validated edits.

The plan model (pydantic) is imported when the plan is first needed, just after the window
is shown, so that start-up does not wait for it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from planner.words.i18n import _, language

if TYPE_CHECKING:
    from planner.model.plan import Plan


def new_plan() -> Plan:
    """An empty plan in the user's language, country and currency (Polish: Poland, złoty)."""
    from planner.model.places import local_plan

    return local_plan(_("Untitled plan"), language())


class PlanDocument(QObject):
    """Holds the plan; every edit is validated by the plan's own model before it is kept."""

    changed = Signal()  # the plan's content changed
    state_changed = Signal()  # file name or unsaved-changes flag changed

    def __init__(self) -> None:
        super().__init__()
        self._plan: Plan | None = None
        self._path: Path | None = None
        self._dirty = False

    @property
    def plan(self) -> Plan:
        if self._plan is None:
            self._plan = new_plan()
        return self._plan

    @property
    def loaded(self) -> bool:
        """Whether the plan exists yet (it is made on first use)."""
        return self._plan is not None

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def dirty(self) -> bool:
        return self._dirty

    def display_name(self) -> str:
        if self._path:
            return self._path.name
        return self._plan.name if self._plan is not None else _("Untitled plan")

    def replace(self, plan: Plan, path: Path | None = None, *, dirty: bool = False) -> None:
        """A different plan: new, opened, recovered or from a template."""
        self._plan = plan
        self._path = path
        self._dirty = dirty
        self.changed.emit()
        self.state_changed.emit()

    def update(self, plan: Plan) -> None:
        """An edit by the user."""
        if plan == self._plan:
            return
        self._plan = plan
        self.changed.emit()
        self._set_dirty(True)

    def set_value(self, dotted_path: str, value: Any) -> str:
        """Set one field (``workload.requests_per_day``); returns "" or what is wrong."""
        from planner.model.figures import set_at_path

        return self.update_from_data(set_at_path(self.plan.model_dump(), dotted_path, value))

    def update_from_data(self, data: dict[str, Any]) -> str:
        """Validate plan data and keep it; returns "" or what is wrong."""
        from pydantic import ValidationError

        from planner.model.plan import Plan
        from planner.model.planfile import describe_validation_error

        try:
            plan = Plan.model_validate(data)
        except ValidationError as error:
            return describe_validation_error(error)
        self.update(plan)
        return ""

    def load(self, path: Path, check: Callable[[Plan], None] | None = None) -> None:
        """Open a plan file; raises ``PlanError`` (naming the file), or what ``check`` raises
        for a plan that cannot be used, and keeps the current plan."""
        from planner.model.planfile import load_plan

        plan = load_plan(path)
        if check is not None:
            check(plan)
        self.replace(plan, path)

    def save(self, path: Path) -> None:
        """Write the plan atomically; raises ``OSError`` and stays unsaved when it fails."""
        from planner.model.planfile import save_plan

        save_plan(self.plan, path)
        self._path = path
        self._dirty = False
        self.state_changed.emit()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.state_changed.emit()
