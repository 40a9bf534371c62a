"""What every question page shares: a heading, a short explanation, scrolling content."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.document import PlanDocument
from ui.theme import set_role


def compact_form(parent: QWidget) -> QFormLayout:
    """A form whose fields keep their natural width instead of spanning the window."""
    form = QFormLayout(parent)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setHorizontalSpacing(16)
    return form


def align_labels(*forms: QFormLayout) -> None:
    """Give the labels of several forms one width, so their fields line up."""
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            widget = item.widget() if item is not None else None
            if widget is not None:
                labels.append(widget)
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


class Step(QWidget):
    """A page of the guided questions; ``refresh`` shows the document's plan."""

    problems_changed = Signal()  # a figure on the page became wrong, or was put right

    def __init__(self, document: PlanDocument, title: str, intro: str) -> None:
        super().__init__()
        self.document = document
        self.title = title
        heading = QLabel(title)
        set_role(heading, "title")
        heading.setWordWrap(True)
        explanation = QLabel(intro)
        explanation.setWordWrap(True)
        set_role(explanation, "muted")
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 8, 12, 8)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(scroll, 1)
        document.changed.connect(self.refresh)

    def guard_fields(self) -> None:
        """A number field whose text turns bad puts the plan back as it was before the user
        began typing in it (a digit typed on the way may have been valid for a moment)."""
        from ui.fields import NumberField

        for field in self.findChildren(NumberField):
            field.editStarted.connect(self._remember_plan)
            field.editReverted.connect(self._restore_plan)
            field.problemChanged.connect(lambda _message: self.problems_changed.emit())

    def first_problem(self) -> QWidget | None:
        """The first field whose text is not a usable figure (its message beside it)."""
        from ui.fields import NumberField

        return next((f for f in self.findChildren(NumberField) if f.problem()), None)

    def _remember_plan(self) -> None:
        self._plan_before_edit = self.document.plan

    def _restore_plan(self) -> None:
        before = getattr(self, "_plan_before_edit", None)
        if before is not None:
            self.document.update(before)

    def refresh(self) -> None:
        """Show the plan's current values (without signalling edits)."""

    def report(self, problem: str) -> None:
        """A value the plan refused (should not happen: fields check their own ranges)."""
        if problem:
            self.window().statusBar().showMessage(problem, 8000)  # type: ignore[attr-defined]
