"""Where the business is and which currency to count in: two lists shown on the first
question (so a Polish owner sees złoty from the start) and again on the last."""

from __future__ import annotations

from babel import Locale
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox

from planner.words.formats import locale_for
from planner.words.i18n import _
from ui.document import PlanDocument
from ui.rates_service import RatesService

OTHER_COUNTRY = "EU"


class PlaceFields(QObject):
    """The country and currency lists of one page, kept in step with the plan."""

    def __init__(self, document: PlanDocument, rates: RatesService) -> None:
        super().__init__()
        self.document = document
        self.rates = rates
        self.country = QComboBox()
        self.country.setToolTip(
            _(
                "Sets electricity prices and hourly rates for IT staff, and the currency "
                "unless you choose another."
            )
        )
        self.currency = QComboBox()
        self.currency.setToolTip(
            _(
                "All amounts are shown in this currency, converted at the European Central "
                "Bank's reference rate."
            )
        )
        self.country.activated.connect(lambda _i: self._choose_country())
        self.currency.activated.connect(lambda _i: self._choose_currency())

    def fill(self) -> None:
        if self.country.count():
            return
        locale = Locale.parse(locale_for())
        book = self.rates.book()
        countries = {row.country for row in book.electricity} | {
            row.country for row in book.staff_rates
        }
        codes = sorted(countries - {OTHER_COUNTRY})
        for code in sorted(codes, key=lambda c: locale.territories.get(c, c)):
            self.country.addItem(locale.territories.get(code, code), code)
        self.country.addItem(_("Another EU country (EU average)"), OTHER_COUNTRY)
        for row in book.currencies:
            name = locale.currencies.get(row.code, row.code)
            self.currency.addItem(f"{name} ({row.code})", row.code)

    def refresh(self) -> None:
        plan = self.document.plan
        self.fill()
        self.country.setCurrentIndex(max(0, self.country.findData(plan.country)))
        self.currency.setCurrentIndex(max(0, self.currency.findData(plan.currency)))

    def _choose_country(self) -> None:
        from planner.model.places import with_country  # the plan model loads after the window

        code = self.country.currentData()
        if code and code != self.document.plan.country:
            self.document.update(with_country(self.document.plan, str(code)))

    def _choose_currency(self) -> None:
        code = self.currency.currentData()
        if code and code != self.document.plan.currency:
            self.document.set_value("currency", str(code))
