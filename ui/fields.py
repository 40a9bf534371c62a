"""Input widgets that explain bad input beside the field instead of refusing it silently."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.words.formats import locale_for, number
from planner.words.i18n import _
from ui.theme import set_flag, set_role

_SPACES = (" ", "\u00a0", "\u202f", "\u2009", "'")


def parse_number(text: str) -> float | None:
    """A number typed the way people type them here: ``1 000``, ``1,000``, ``2,5`` (Polish)."""
    from babel.numbers import NumberFormatError, parse_decimal

    cleaned = text.strip()
    for space in _SPACES:
        cleaned = cleaned.replace(space, "")
    if not cleaned:
        return None
    try:
        value = float(parse_decimal(cleaned, locale=locale_for(), strict=True))
    except (NumberFormatError, ValueError):
        try:
            value = float(cleaned)
        except ValueError:
            return None
    return value if math.isfinite(value) else None


if TYPE_CHECKING:
    from pydantic import BaseModel


class NumberField(QWidget):
    """A number with a unit; a problem is shown in words under it and the value is kept."""

    valueEdited = Signal(float)
    editStarted = Signal()  # the user began typing in the field
    editReverted = Signal()  # the text became invalid after valid digits: value() is back
    problemChanged = Signal(str)  # the message beside the field ("" once it is put right)

    def __init__(
        self,
        minimum: float,
        maximum: float,
        *,
        decimals: int = 0,
        unit: str = "",
        above_zero: bool = False,
        example: float | None = None,
    ) -> None:
        super().__init__()
        self.minimum, self.maximum, self.decimals = minimum, maximum, decimals
        self.above_zero = above_zero
        self.example = example if example is not None else max(minimum, 1.0)
        self._value: float | None = None
        self._before_edit: float | None = None  # the plan's value when the user began typing
        self._editing = False
        self._changed_in_edit = False  # a valid value was signalled since the edit began
        self.edit = QLineEdit()
        self.edit.setMaxLength(24)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("0") * 12)
        self.unit = QLabel(unit)
        self.error = QLabel()  # beside the field, so rows keep their height and alignment
        set_role(self.error, "error")
        self.error.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.unit)
        row.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._on_text_edited)
        self.edit.editingFinished.connect(self._on_editing_finished)

    @classmethod
    def for_field(
        cls,
        model: type[BaseModel],
        name: str,
        *,
        decimals: int = 0,
        unit: str = "",
        example: float | None = None,
    ) -> NumberField:
        """A field whose range is the plan model's own for ``model.name``."""
        from planner.model.limits import field_limits  # pydantic is not needed at start-up

        limits = field_limits(model, name)
        return cls(
            limits.minimum,
            limits.maximum,
            decimals=decimals,
            unit=unit,
            above_zero=limits.above_zero,
            example=example,
        )

    def value(self) -> float | None:
        """The last valid value (what the plan holds)."""
        return self._value

    def setValue(self, value: float) -> None:
        """Show ``value`` without signalling an edit; text being typed, or a problem shown
        with the text that caused it, is left alone."""
        if value == self._value and (self.problem() or self.edit.hasFocus()):
            return
        self._value = value
        self.edit.setText(self._display(value))
        self.show_problem("")

    def setToolTip(self, text: str) -> None:
        super().setToolTip(text)
        self.edit.setToolTip(text)

    def setAccessibleName(self, name: str) -> None:
        self.edit.setAccessibleName(name)

    def problem(self) -> str:
        return self.error.text().removeprefix("⚠ ") if not self.error.isHidden() else ""

    def show_problem(self, message: str) -> None:
        """Show ``message`` under the field (an empty one clears it)."""
        before = self.problem()
        self.error.setText(("⚠ " + message) if message else "")
        self.error.setVisible(bool(message))
        set_flag(self.edit, "invalid", bool(message))
        if message != before:
            self.problemChanged.emit(message)

    def _display(self, value: float) -> str:
        return number(value, self.decimals if value != int(value) else 0)

    def _on_text_edited(self, text: str) -> None:
        if not self._editing:
            self._editing, self._before_edit = True, self._value
            self.editStarted.emit()
        value, message = self.check(text)
        self.show_problem(message)
        if value is not None:
            self._value = value
            self._changed_in_edit = True
            self.valueEdited.emit(value)
        elif self._changed_in_edit:
            self._changed_in_edit = False
            # Digits typed on the way to a bad number were valid for a moment; the value goes
            # back to what it was before this edit, and the message stays beside the field.
            self._value = self._before_edit
            self.editReverted.emit()

    def _on_editing_finished(self) -> None:
        if not self.problem():
            self._editing = self._changed_in_edit = False
            if self._value is not None:
                self.edit.setText(self._display(self._value))

    def check(self, text: str) -> tuple[float | None, str]:
        """The value typed, or a sentence saying what is wrong with it."""
        value = parse_number(text)
        if value is None:
            if not text.strip():
                return None, _("Please enter a number.")
            return None, _("“{text}” is not a number; type digits, e.g. {example}.").format(
                text=text.strip()[:24], example=number(self.example)
            )
        if self.decimals == 0 and value != int(value):
            return None, _("Please enter a whole number.")
        if self.above_zero and value <= 0:
            return None, _("Must be more than zero.")
        if value < self.minimum:
            return None, _("Must be at least {minimum}.").format(
                minimum=number(self.minimum, self.decimals)
            )
        if value > self.maximum:
            return None, _("Can be at most {maximum}.").format(
                maximum=number(self.maximum, self.decimals)
            )
        return (round(value, self.decimals) if self.decimals else float(int(value))), ""


@dataclass(frozen=True)
class Choice:
    value: str
    title: str
    description: str


class ChoiceGroup(QWidget):
    """Plain-language choices with examples, and an "I don't know" answer that picks a
    stated default."""

    chosen = Signal(str)

    def __init__(self, choices: list[Choice], default: str, default_note: str) -> None:
        super().__init__()
        self.default = default
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for choice in choices:
            self._add(layout, choice.value, choice.title, choice.description)
        self._add(layout, "", _("I don't know"), default_note)
        layout.addStretch(1)
        self.group.buttonToggled.connect(self._on_toggled)

    def _add(self, layout: QVBoxLayout, value: str, title: str, description: str) -> None:
        button = QRadioButton(title)
        button.setToolTip(description)
        self.group.addButton(button)
        self.buttons[value] = button
        layout.addWidget(button)
        note = QLabel(description)
        note.setWordWrap(True)
        set_role(note, "muted")
        indent = (
            button.style().pixelMetric(button.style().PixelMetric.PM_ExclusiveIndicatorWidth) + 8
        )
        note.setContentsMargins(indent, 0, 0, 8)
        note.setBuddy(button)
        layout.addWidget(note)

    def value(self) -> str:
        checked = self.group.checkedButton()
        for value, button in self.buttons.items():
            if button is checked:
                return value or self.default
        return self.default

    def unknown(self) -> bool:
        return self.buttons[""].isChecked()

    def select(self, value: str) -> None:
        """Show ``value`` as chosen, without signalling; "I don't know" stays if it matches."""
        if self.unknown() and value == self.default:
            return
        button = self.buttons.get(value)
        if button is not None:
            self.group.blockSignals(True)
            button.setChecked(True)
            self.group.blockSignals(False)

    def _on_toggled(self, button: QRadioButton, checked: bool) -> None:
        if checked:
            self.chosen.emit(self.value())
