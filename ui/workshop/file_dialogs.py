"""The workshop's file questions (tests replace these functions)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from planner.words.i18n import _


def workshop_filter() -> str:
    from planner.model.planfile import SUFFIX as PLAN
    from planner.model.portfolio import SUFFIX as WORKSHOP

    both = _("Workshops and plans ({patterns})").format(patterns=f"*{WORKSHOP} *{PLAN} *.json")
    only = _("Workshops ({patterns})").format(patterns=f"*{WORKSHOP}")
    return ";;".join((both, only, _("All files (*)")))


def ask_workshop_paths(parent: QWidget | None, title: str, folder: Path) -> list[Path]:
    """A workshop file, or several plan files at once; empty when cancelled."""
    names, _selected = QFileDialog.getOpenFileNames(parent, title, str(folder), workshop_filter())
    return [Path(name) for name in names]


def ask_save_workshop(parent: QWidget | None, suggested: Path) -> Path | None:
    from planner.model.portfolio import SUFFIX

    filters = _("Workshops ({patterns})").format(patterns=f"*{SUFFIX}")
    name, _selected = QFileDialog.getSaveFileName(
        parent, _("Save the workshop as"), str(suggested), filters
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(SUFFIX)
