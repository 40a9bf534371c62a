"""The hub's record of one company's service: its type, what it is worth, a free note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from planner.words.i18n import _
from ui.fields import NumberField

if TYPE_CHECKING:
    from planner.model.portfolio import PortfolioEntry


class ServiceRecordDialog(QDialog):
    """Edits a copy of ``entry``; ``entry()`` gives the result once accepted."""

    def __init__(
        self, company: str, entry: PortfolioEntry, currency: str, parent: QWidget | None
    ) -> None:
        from planner.export.portfolio.words import service_type_name
        from planner.model.portfolio import SERVICE_TYPES

        super().__init__(parent)
        self._entry = entry
        self.setWindowTitle(_("Service record: {company}").format(company=company))
        self.service_type = QComboBox()
        for code in SERVICE_TYPES:
            self.service_type.addItem(service_type_name(code), code)
        self.service_type.setCurrentIndex(SERVICE_TYPES.index(entry.service_type))
        self.value = NumberField(minimum=0, maximum=1e9, decimals=2, unit=currency)
        if entry.service_value is not None:
            self.value.setValue(entry.service_value)
        self.note = QPlainTextEdit(entry.note)
        self.note.setPlaceholderText(
            _("For example the T0 digital maturity result, or what was agreed.")
        )
        form = QFormLayout()
        form.addRow(_("Service type"), self.service_type)
        form.addRow(_("Value of the service"), self.value)
        form.addRow(_("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel(_("Printed on the company's “AI cost assessment” page of the PDF."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def entry(self) -> PortfolioEntry:
        """The record as edited; an empty value means none was given."""
        value = self.value.value() if self.value.edit.text().strip() else None
        return self._entry.model_copy(
            update={
                "service_type": self.service_type.currentData(),
                "service_value": value,
                "note": self.note.toPlainText()[:5000],
            }
        )
