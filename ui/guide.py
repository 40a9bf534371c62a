"""Help → Guide: the short user guide in the app's language, in a window of its own."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from planner.words.guide import guide_text
from planner.words.i18n import _


class GuideWindow(QDialog):
    """A window beside the planner (not modal), so the guide stays open while working."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Guide to LLM Cost Planner"))
        self.text = QTextBrowser()
        self.text.setObjectName("guide")
        self.text.setOpenExternalLinks(False)
        self.text.setMarkdown(guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 48, self.fontMetrics().lineSpacing() * 36)


def show_guide(parent: QWidget) -> GuideWindow:
    """Open the guide, or bring the one already open to the front."""
    existing = parent.findChild(GuideWindow)
    guide = existing if isinstance(existing, GuideWindow) else GuideWindow(parent)
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide
