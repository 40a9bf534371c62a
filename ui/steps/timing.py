"""Step 6: when and how fast; where the business is and which currency to count in."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout

from planner.model.plan import Plan, Workload
from planner.words.i18n import _
from ui.document import PlanDocument
from ui.fields import Choice, ChoiceGroup, NumberField
from ui.rates_service import RatesService
from ui.steps.base import Step, compact_form
from ui.steps.place import OTHER_COUNTRY, PlaceFields

__all__ = ["OTHER_COUNTRY", "TimingStep"]


class TimingStep(Step):
    def __init__(self, document: PlanDocument, rates: RatesService) -> None:
        super().__init__(
            document,
            _("When and how fast?"),
            _(
                "Working hours and waiting times decide how much machine is needed; "
                "the country sets electricity and staff prices."
            ),
        )
        self.rates = rates
        row = QHBoxLayout()
        row.addWidget(self._availability_box(), 1)
        row.addWidget(self._speed_box(), 1)
        self.body_layout.addLayout(row)
        self.body_layout.addWidget(self._place_box())
        self.body_layout.addStretch(1)
        self.guard_fields()
        self.refresh()

    def _availability_box(self) -> QGroupBox:
        box = QGroupBox(_("When is it used?"))
        form = compact_form(box)
        self.availability = ChoiceGroup(
            [
                Choice(
                    "business_hours",
                    _("During business hours"),
                    _("Requests come in while the office is open."),
                ),
                Choice(
                    "always_on",
                    _("Around the clock"),
                    _("Customers can write or call at any time, weekends included."),
                ),
            ],
            "business_hours",
            _("We will assume business hours."),
        )
        self.hours = NumberField.for_field(
            Workload, "business_hours_per_day", decimals=1, unit=_("hours a day"), example=8
        )
        self.hours.setToolTip(
            _("How many hours a day requests arrive. Busy hours need more capacity.")
        )
        self.switch_off = QCheckBox(_("Rented servers may be stopped outside these hours"))
        self.switch_off.setToolTip(
            _(
                "Cheaper: a rented server is then paid only for the busy hours. But the cloud "
                "may have no free server when it is started again, and each start takes "
                "minutes before the first answer. Without this, rented servers are paid for "
                "every hour of the month."
            )
        )
        form.addRow(self.availability)
        form.addRow(_("Open for"), self.hours)
        form.addRow(self.switch_off)
        self.switch_off.toggled.connect(lambda on: self._set("levers.switch_off_outside_hours", on))
        self.availability.chosen.connect(lambda v: self._set("needs.availability", v))
        self.hours.valueEdited.connect(lambda v: self._set("workload.business_hours_per_day", v))
        return box

    def _speed_box(self) -> QGroupBox:
        box = QGroupBox(_("How fast must answers come?"))
        form = compact_form(box)
        self.latency = ChoiceGroup(
            [
                Choice(
                    "interactive",
                    _("While the customer waits"),
                    _("A chat, a call or a form: the answer must start within seconds."),
                ),
                Choice(
                    "batch",
                    _("Overnight is fine"),
                    _(
                        "Sorting the day's e-mails or documents; results by the next morning. Often half price."
                    ),
                ),
            ],
            "interactive",
            _("We will assume answers while the customer waits."),
        )
        form.addRow(self.latency)
        self.latency.chosen.connect(lambda v: self._set("needs.latency", v))
        return box

    def _place_box(self) -> QGroupBox:
        box = QGroupBox(_("Where, and for how long"))
        form = compact_form(box)
        self.place = PlaceFields(self.document, self.rates)
        self.country, self.currency = self.place.country, self.place.currency
        self.horizon = NumberField.for_field(Plan, "horizon_months", unit=_("months"), example=36)
        self.horizon.setToolTip(
            _(
                "How far ahead to count. Buying hardware pays off only over a longer period; 36 months is usual."
            )
        )
        self.growth = NumberField.for_field(
            Workload, "growth_pct_per_month", decimals=1, unit=_("% a month"), example=0
        )
        self.growth.setToolTip(
            _("How much more work each month than the month before. Zero if it stays the same.")
        )
        form.addRow(_("Country"), self.country)
        form.addRow(_("Currency"), self.currency)
        form.addRow(_("Plan for"), self.horizon)
        form.addRow(_("Growth"), self.growth)
        self.horizon.valueEdited.connect(lambda v: self._set("horizon_months", int(v)))
        self.growth.valueEdited.connect(lambda v: self._set("workload.growth_pct_per_month", v))
        return box

    def refresh(self) -> None:
        plan = self.document.plan
        self.place.refresh()
        self.availability.select(plan.needs.availability)
        self.latency.select(plan.needs.latency)
        self.hours.setValue(plan.workload.business_hours_per_day)
        self.hours.setEnabled(plan.needs.availability == "business_hours")
        self.switch_off.blockSignals(True)
        self.switch_off.setChecked(plan.levers.switch_off_outside_hours)
        self.switch_off.blockSignals(False)
        self.switch_off.setEnabled(plan.needs.availability == "business_hours")
        self.horizon.setValue(plan.horizon_months)
        self.growth.setValue(plan.workload.growth_pct_per_month)

    def _set(self, path: str, value: object) -> None:
        self.report(self.document.set_value(path, value))
