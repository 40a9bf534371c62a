"""A word-wrapped label that keeps room for all its lines.

A layout short of height squeezes a wrapped ``QLabel`` down to one line (its minimum size
does not depend on its width), so a long sentence, or a translation longer than the
English, loses its last lines. ``WholeLabel`` asks for the height its text needs at the
width it has, so the page scrolls or the chart beside it gives way instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget


class WholeLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()

    def _fit(self) -> None:
        needed = self.heightForWidth(self.width()) if self.text() else 0
        if needed >= 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)
