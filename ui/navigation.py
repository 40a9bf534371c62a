"""The step list on the left and the Back/Next bar with the progress indicator."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QWidget,
)

from planner.words.i18n import _
from ui.theme import set_role


def step_names() -> list[str]:
    return [
        _("What AI should do"),
        _("How much"),
        _("How sensitive"),
        _("Who runs IT"),
        _("How good"),
        _("When and how fast"),
        _("Results"),
    ]


class StepList(QListWidget):
    """Every step by name; the current one highlighted, visited ones ticked; click to jump."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("steps")
        self.setAccessibleName(_("Steps"))
        names = step_names()
        for index, name in enumerate(names):
            label = name if index == len(names) - 1 else f"{index + 1}. {name}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, label)
            self.addItem(item)
        self.setWordWrap(True)
        self.fit_width()
        self.visited: set[int] = {0}

    def fit_width(self) -> None:
        """Wide enough for the longest step with its tick in the current font, so larger text
        never cuts a name short ("4. Kto zajmuje się I…")."""
        labels = [str(self.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.count())]
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(f"✓ {label}") for label in labels), default=0)
        self.setFixedWidth(widest + 2 * metrics.horizontalAdvance("M") + 24)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit_width()

    def showEvent(self, event: QShowEvent) -> None:
        self.fit_width()  # steps added after construction (Actual spend) count too
        super().showEvent(event)

    def mark(self, current: int) -> None:
        self.visited.add(current)
        for index in range(self.count()):
            item = self.item(index)
            label = item.data(Qt.ItemDataRole.UserRole)
            done = index in self.visited and index != current and index < self.count() - 1
            item.setText(("✓ " if done else "") + label)
        self.blockSignals(True)
        self.setCurrentRow(current)
        self.blockSignals(False)


class StepBar(QWidget):
    """Back, Next and where you are: "Step 2 of 6" with a progress bar."""

    back = Signal()
    next = Signal()

    def __init__(self, questions: int) -> None:
        super().__init__()
        self.questions = questions
        self.where = QLabel()
        set_role(self.where, "muted")
        self.progress = QProgressBar()
        self.progress.setRange(0, questions)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.setAccessibleName(_("Progress"))
        self.back_button = QPushButton(_("Back"))
        self.back_button.setObjectName("back")
        self.next_button = QPushButton(_("Next"))
        self.next_button.setObjectName("next")
        self.next_button.setDefault(True)
        self.back_button.setShortcut(Qt.Modifier.ALT | Qt.Key.Key_Left)
        self.next_button.setShortcut(Qt.Modifier.ALT | Qt.Key.Key_Right)
        self.back_button.setToolTip(_("Previous question (Alt+Left)"))
        self.next_button.setToolTip(_("Next question (Alt+Right)"))
        layout = QHBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.progress, 1)
        layout.addSpacing(16)
        layout.addWidget(self.back_button)
        layout.addWidget(self.next_button)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)

    def show_step(self, index: int) -> None:
        on_results = index >= self.questions
        if on_results:
            self.where.setText(_("Your results"))
        else:
            self.where.setText(
                _("Question {number} of {total}").format(number=index + 1, total=self.questions)
            )
        self.progress.setValue(min(index + 1, self.questions))
        self.back_button.setEnabled(index > 0)
        self.next_button.setVisible(not on_results)
        last = index == self.questions - 1
        self.next_button.setText(_("See the results") if last else _("Next"))
