"""On the "How much?" step: who does the work, and how many people would use an assistant.

Staff drafting replies themselves can use a per-seat subscription (ChatGPT Business,
Microsoft 365 Copilot…); a system answering on its own cannot. Both questions take "I don't
know": the first then assumes people do the work (so subscriptions are compared too), the
second counts people from the volume.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from planner.model.plan import MAX_SEATS
from planner.words.formats import number
from planner.words.i18n import _, ngettext
from ui.document import PlanDocument
from ui.fields import Choice, ChoiceGroup, NumberField
from ui.rates_service import RatesService
from ui.theme import set_role

ASSUMED_MODE = "assisted"


class WhoDoesTheWork(QGroupBox):
    """The plan's ``workload.mode`` and ``workload.seats`` in plain words."""

    def __init__(self, document: PlanDocument, rates: RatesService) -> None:
        super().__init__(_("Who does the work"))
        self.setObjectName("who-does-the-work")
        self.document = document
        self.rates = rates
        self.mode = ChoiceGroup(
            [
                Choice(
                    "assisted",
                    _("Our people, with an AI assistant"),
                    _(
                        "Staff use it themselves, e.g. to draft replies they check and send. "
                        "A per-seat subscription such as ChatGPT Business or Microsoft 365 "
                        "Copilot is compared too."
                    ),
                ),
                Choice(
                    "automated",
                    _("A system, on its own"),
                    _(
                        "It answers without anyone in between, e.g. a support agent around the "
                        "clock or documents processed overnight."
                    ),
                ),
            ],
            ASSUMED_MODE,
            _(
                "We will assume your people use it themselves, so per-seat assistants are compared too."
            ),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.mode)
        layout.addWidget(self._seats_row())
        self.mode.chosen.connect(self._on_mode)

    def _seats_row(self) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.seats = NumberField(1, MAX_SEATS, unit=_("people"), example=12)
        self.seats.setAccessibleName(_("People who would use it"))
        self.seats.setToolTip(
            _("How many people would have an assistant of their own: each is a paid seat.")
        )
        self.unknown_seats = QCheckBox(_("I don't know"))
        self.seats_note = QLabel()
        set_role(self.seats_note, "muted")
        line.addWidget(QLabel(_("People who would use it")))
        line.addWidget(self.seats)
        line.addWidget(self.unknown_seats)
        line.addWidget(self.seats_note, 1)
        self.seats.valueEdited.connect(self._on_seats)
        self.unknown_seats.toggled.connect(self._on_unknown_seats)
        return row

    def refresh(self) -> None:
        work = self.document.plan.workload
        self.mode.select(work.mode)
        self.unknown_seats.blockSignals(True)
        self.unknown_seats.setChecked(work.seats is None)
        self.unknown_seats.blockSignals(False)
        if work.seats is not None:
            self.seats.setValue(work.seats)
        elif not self.seats.edit.hasFocus():
            self.seats.edit.clear()  # no figure of the user's: typing one sets it
        per_person = self.rates.book().assumption("assisted_requests_per_person_day")
        counted = ngettext(
            "We will count one person for every {count} request a day.",
            "We will count one person for every {count} requests a day.",
            round(per_person),
        ).format(count=number(per_person))
        self.unknown_seats.setToolTip(counted)
        if work.mode == "automated":
            self.seats_note.setText(_("Only for an assistant your staff use themselves."))
        else:
            self.seats_note.setText(counted if work.seats is None else "")

    def _report(self, problem: str) -> None:
        if problem:
            self.window().statusBar().showMessage(problem, 8000)  # type: ignore[attr-defined]

    def _on_mode(self, mode: str) -> None:
        self._report(self.document.set_value("workload.mode", mode))
        self.refresh()

    def _on_seats(self, seats: float) -> None:
        self._report(self.document.set_value("workload.seats", int(seats)))

    def _on_unknown_seats(self, unknown: bool) -> None:
        seats = None if unknown else int(self.seats.value() or 1)
        self._report(self.document.set_value("workload.seats", seats))
        self.refresh()
