"""The Actual spend entry in the step list, after Results (light: no charts imported)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from planner.words.i18n import _


def add_step(steps: QListWidget) -> None:
    """Add "Actual spend" as the last entry, widening the list if its name needs it."""
    label = _("Actual spend")
    item = QListWidgetItem(label)
    item.setData(Qt.ItemDataRole.UserRole, label)
    item.setToolTip(_("What you really spend, from your providers' exports, against the plan"))
    steps.addItem(item)
    needed = steps.fontMetrics().horizontalAdvance(f"✓ {label}   ") + 48
    if needed > steps.width():
        steps.setFixedWidth(needed)
