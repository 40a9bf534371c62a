"""People's time behind the recommendation, in plain sight and editable where it is shown.

For many small plans most of a month is not the AI but someone's hours: an outside IT
company's, an administrator's. This strip says how many hours, at whose rate, what they cost
and what share of the month they are, and takes a better figure (a supplier's quote) as
this plan's own value of the assumption behind them.

The sentence stands beside the field when it fits there on one line, and under it otherwise:
squeezed beside the field in a narrow window (1024×700 with Larger text) it became a column
of five short lines.
"""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel

from planner.engine.costing import upkeep_hours_key
from planner.model.plan import Plan
from planner.model.result import EstimateResult, Option
from planner.rates import RateTableError, with_overrides
from planner.scenarios.basis import check_overrides, with_value
from planner.words.i18n import _
from planner.words.names import it_name
from ui.document import PlanDocument
from ui.fields import NumberField
from ui.rates_service import RatesService
from ui.text import rounded_money, share
from ui.theme import set_role

MAX_HOURS = 744  # every hour of the longest month (assumptions' own bound)
OUTSIDE_COMPANY = ("none", "external_provider")


class PeopleTime(QFrame):
    """Hours a month of people's time for the recommended option, and what they cost."""

    def __init__(self, document: PlanDocument, rates: RatesService) -> None:
        super().__init__()
        set_role(self, "card")
        self.setObjectName("people-time")
        self.document = document
        self.rates = rates
        self.key: str | None = None
        self.caption = QLabel(_("People's time in this:"))
        set_role(self.caption, "subtitle")
        self.hours = NumberField(0, MAX_HOURS, decimals=1, unit=_("hours a month"), example=11.5)
        self.hours.setAccessibleName(_("Hours of people's time a month"))
        self.hours.setToolTip(
            _(
                "How many hours a month someone spends keeping this running. Type the figure "
                "your IT supplier quotes; it is kept with this plan."
            )
        )
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(12, 6, 12, 6)
        self.grid.addWidget(self.caption, 0, 0)
        self.grid.addWidget(self.hours, 0, 1)
        self.grid.setColumnStretch(2, 1)
        self.beside = False
        self._place_text(beside=True)
        self.hours.valueEdited.connect(self._on_hours)

    def text_fits_beside(self) -> bool:
        """Whether the sentence fits on one line to the right of the field."""
        spacing = max(0, self.grid.horizontalSpacing())
        margins = self.grid.contentsMargins()
        used = self.caption.sizeHint().width() + self.hours.sizeHint().width() + 2 * spacing
        room = self.width() - margins.left() - margins.right() - used
        return self.text.fontMetrics().horizontalAdvance(self.text.text()) + 4 <= room

    def _place_text(self, *, beside: bool) -> None:
        """The sentence to the right of the field, or on a line of its own under it."""
        if beside == self.beside:
            return
        self.beside = beside
        self.grid.removeWidget(self.text)
        if beside:
            self.grid.addWidget(self.text, 0, 2)
        else:
            self.grid.addWidget(self.text, 1, 0, 1, 3)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_text(beside=self.text_fits_beside())

    def show_result(self, plan: Plan, result: EstimateResult) -> None:
        best = result.recommended
        self.setVisible(best is not None)
        if best is None:
            return
        self.key = upkeep_hours_key(best)
        book = with_overrides(self.rates.book(), plan.rate_overrides, _("this plan's changes"))
        if self.key is not None:
            self.hours.setValue(book.assumption(self.key))
        else:  # a hybrid: two parts, each with its own hours (on the Assumptions tab)
            self.hours.setValue(round(best.people_hours_per_month, 1))
        self.hours.setEnabled(self.key is not None)
        self.text.setText(self.describe(plan, best, result.currency, book.assumption))
        self._place_text(beside=self.text_fits_beside())

    def describe(self, plan: Plan, best: Option, currency: str, value: object) -> str:
        """What the hours cost, whose they are, and what the outside company's minimum does."""
        hours = best.people_hours_per_month
        hourly = best.people_monthly / hours if hours else 0.0
        text = _("× {rate} an hour ({who}) = {cost} a month, {part} of the monthly cost.").format(
            rate=rounded_money(hourly, currency),
            who=it_name(plan.needs.it_capacity),
            cost=rounded_money(best.people_monthly, currency),
            part=share(best.people_time_share),
        )
        minimum = float(value("external_it_min_hours_month"))  # type: ignore[operator]
        typed = self.hours.value() or 0.0
        if (
            self.key not in (None, "maintenance_hours_subscription")
            and plan.needs.it_capacity in OUTSIDE_COMPANY
            and typed < minimum
        ):
            text += " " + _("An outside IT company bills at least {hours} hours a month.").format(
                hours=f"{minimum:g}"
            )
        if self.key is None:
            text += " " + _("Change each part's hours on the Assumptions tab.")
        return text

    def _on_hours(self, hours: float) -> None:
        if self.key is None:
            return
        plan = self.document.plan
        target = ("rate", "assumptions", self.key, "value")
        data = with_value(plan, self.rates.book(), target, hours)
        try:
            check_overrides(self.rates.book(), data)
        except RateTableError as error:
            self.hours.show_problem(str(error))
            return
        problem = self.document.update_from_data(data)
        if problem:
            self.hours.show_problem(problem)
