"""What if: another volume or request size, tried without changing the plan, and what
each saving lever would save."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSlider,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.model.figures import with_figures
from planner.model.plan import Plan, Workload
from planner.words.formats import number
from planner.words.i18n import _
from ui.fields import NumberField
from ui.results.levers_model import LeversModel
from ui.theme import set_role
from ui.wrapping import WholeLabel

STEPS_PER_DECADE = 100
LOWEST_FACTOR_LOG = -1  # 0.1×
HIGHEST_FACTOR_LOG = 2  # 100×
MAX_REQUESTS = 10_000_000


@dataclass(frozen=True)
class WhatIf:
    """A trial change on top of the plan; nothing here is saved unless the user keeps it."""

    volume_factor: float = 1.0
    input_tokens: int | None = None
    output_tokens: int | None = None

    @property
    def active(self) -> bool:
        return (
            self.volume_factor != 1.0
            or self.input_tokens is not None
            or self.output_tokens is not None
        )

    def apply(self, plan: Plan) -> Plan:
        if not self.active:
            return plan
        work = plan.workload
        changes: dict[str, object] = {
            "workload.requests_per_day": trial_volume(work.requests_per_day, self.volume_factor)
        }
        if self.input_tokens is not None or self.output_tokens is not None:
            changes |= {
                "workload.breakdown": None,
                "workload.calls_per_request": 1,
                "workload.input_tokens": self.input_tokens or work.input_tokens,
                "workload.output_tokens": self.output_tokens or work.output_tokens,
            }
        return with_figures(plan, changes)


def trial_volume(requests_per_day: float, factor: float) -> float:
    """The plan's volume times ``factor``, rounded to two significant figures (a slider
    position is not a precise number, and 790 reads better than 790.57)."""
    if factor == 1.0:
        return requests_per_day
    value = min(MAX_REQUESTS, requests_per_day * factor)
    if value < 10:
        return max(0.1, round(value, 1))
    digits = 2 - len(str(int(value)))
    return float(round(value, digits))


def factor_from_slider(position: int) -> float:
    return float(10 ** (position / STEPS_PER_DECADE))


def slider_from_factor(factor: float) -> int:
    return round(math.log10(factor) * STEPS_PER_DECADE)


class WhatIfPanel(QWidget):
    changed = Signal(object)  # WhatIf
    keep = Signal()  # make the trial figures the plan's own

    def __init__(self) -> None:
        super().__init__()
        self.what_if = WhatIf()
        self.base = Plan()
        layout = QVBoxLayout(self)
        layout.addWidget(self._volume_box())
        layout.addWidget(self._levers_box(), 1)

    def _volume_box(self) -> QGroupBox:
        box = QGroupBox(_("Try other figures"))
        form = QFormLayout(box)
        self.volume_text = WholeLabel()
        set_role(self.volume_text, "big")
        form.addRow(_("Volume"), self._volume_slider())
        form.addRow("", self.volume_text)
        form.addRow(_("Per request"), self._size_fields())
        buttons = QHBoxLayout()
        self.reset_button = QPushButton(_("Back to my figures"))
        self.keep_button = QPushButton(_("Keep these figures in the plan"))
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.keep_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        self.slider.valueChanged.connect(self._on_slider)
        for field in (self.input_tokens, self.output_tokens):
            field.valueEdited.connect(self._on_tokens)
            field.editReverted.connect(self._on_tokens)
        self.reset_button.clicked.connect(self.reset)
        self.keep_button.clicked.connect(self.keep)
        return box

    def _volume_slider(self) -> QVBoxLayout:
        """A tenth to a hundred times the volume, on a logarithmic scale marked below."""
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("volume")
        self.slider.setRange(
            LOWEST_FACTOR_LOG * STEPS_PER_DECADE, HIGHEST_FACTOR_LOG * STEPS_PER_DECADE
        )
        self.slider.setPageStep(STEPS_PER_DECADE // 4)
        self.slider.setSingleStep(STEPS_PER_DECADE // 20)
        self.slider.setTickInterval(STEPS_PER_DECADE)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setToolTip(
            _("Drag to try from a tenth of your volume up to a hundred times as much.")
        )
        self.slider.setAccessibleName(_("Volume"))
        scale = QHBoxLayout()
        factors = (0.1, 1, 10, 100)
        for factor in factors:
            label = QLabel(number(factor, 1 if factor < 1 else 0) + "×")  # "0,1×" in Polish
            set_role(label, "muted")
            scale.addWidget(label)
            if factor != factors[-1]:
                scale.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(self.slider)
        column.addLayout(scale)
        return column

    def _size_fields(self) -> QHBoxLayout:
        self.input_tokens = NumberField.for_field(
            Workload, "input_tokens", unit=_("tokens in"), example=1000
        )
        self.input_tokens.setToolTip(
            _("Try a longer or shorter request: tokens the AI reads each time.")
        )
        self.output_tokens = NumberField.for_field(
            Workload, "output_tokens", unit=_("tokens out"), example=500
        )
        self.output_tokens.setToolTip(
            _("Try a longer or shorter answer: tokens the AI writes each time.")
        )
        sizes = QHBoxLayout()
        sizes.addWidget(self.input_tokens)
        sizes.addSpacing(16)
        sizes.addWidget(self.output_tokens)
        sizes.addStretch(1)
        return sizes

    def _levers_box(self) -> QGroupBox:
        box = QGroupBox(_("Ways to save"))
        layout = QVBoxLayout(box)
        self.levers_caption = WholeLabel()
        self.levers_caption.setWordWrap(True)
        layout.addWidget(self.levers_caption)
        self.levers = LeversModel()
        self.levers_view = QTableView()
        self.levers_view.setModel(self.levers)
        self.levers_view.setObjectName("levers")
        self.levers_view.verticalHeader().hide()
        self.levers_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.levers_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.levers_view.setAlternatingRowColors(True)
        self.levers_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.levers_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        layout.addWidget(self.levers_view)
        return box

    def show_plan(self, plan: Plan) -> None:
        """The plan's own figures, with the trial change on top."""
        self.base = plan
        self.slider.blockSignals(True)
        self.slider.setValue(slider_from_factor(self.what_if.volume_factor))
        self.slider.blockSignals(False)
        work = plan.workload
        self.input_tokens.setValue(self.what_if.input_tokens or work.input_tokens)
        self.output_tokens.setValue(self.what_if.output_tokens or work.output_tokens)
        self._describe()

    def _describe(self) -> None:
        requests = trial_volume(self.base.workload.requests_per_day, self.what_if.volume_factor)
        self.volume_text.setText(
            _("{factor}× your volume: {requests} requests a day").format(
                factor=number(
                    self.what_if.volume_factor, 2 if self.what_if.volume_factor < 1 else 1
                ),
                requests=number(requests),
            )
        )
        self.reset_button.setEnabled(self.what_if.active)
        self.keep_button.setEnabled(self.what_if.active)

    def set_factor(self, factor: float) -> None:
        """Try ``factor`` times the plan's volume (what the slider does, exactly)."""
        self.slider.blockSignals(True)
        self.slider.setValue(slider_from_factor(factor))
        self.slider.blockSignals(False)
        self._update(WhatIf(factor, self.what_if.input_tokens, self.what_if.output_tokens))

    def _on_slider(self, position: int) -> None:
        factor = factor_from_slider(position)
        if abs(factor - 1) < 0.012:
            factor = 1.0  # snap to the plan's own volume
        self._update(WhatIf(factor, self.what_if.input_tokens, self.what_if.output_tokens))

    def _on_tokens(self) -> None:
        work = self.base.workload
        tokens_in = self.input_tokens.value()
        tokens_out = self.output_tokens.value()
        self._update(
            WhatIf(
                self.what_if.volume_factor,
                int(tokens_in) if tokens_in and int(tokens_in) != work.input_tokens else None,
                int(tokens_out) if tokens_out and int(tokens_out) != work.output_tokens else None,
            )
        )

    def _update(self, what_if: WhatIf) -> None:
        if what_if == self.what_if:
            return
        self.what_if = what_if
        self._describe()
        self.changed.emit(what_if)

    def reset(self) -> None:
        self.what_if = WhatIf()
        self.show_plan(self.base)
        self.changed.emit(self.what_if)
