"""A Polish owner gets złoty and a Polish plan name, and sees the currency on the first
question (issue 12)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from planner.words.i18n import set_language
from tests.ui.conftest import Dialogs
from ui.main_window import MainWindow
from ui.settings import AppSettings


def test_in_polish_the_plan_is_named_and_priced_in_poland(
    qtbot: Any, tmp_path: Path, answers: Dialogs
) -> None:
    set_language("pl")
    try:
        window = MainWindow(AppSettings(tmp_path / "config", tmp_path / "data"))
        qtbot.addWidget(window)
        window.show()
        window.open_at_start(None)
        plan = window.document.plan
        assert (plan.country, plan.currency) == ("PL", "PLN")
        task = window.page(0)
        assert task.place.currency.currentData() == "PLN"  # type: ignore[attr-defined]
        assert task.place.currency.isVisibleTo(task)  # type: ignore[attr-defined]
        choices = task.choices  # type: ignore[attr-defined]
        row = next(
            r
            for r in range(choices.count())
            if choices.item(r).data(Qt.ItemDataRole.UserRole) == "customer_email"
        )
        choices.setCurrentRow(row)
        choices.itemActivated.emit(choices.item(row))
        assert window.document.plan.name == "Odpowiadanie na e-maile klientów"
        assert window.document.plan.currency == "PLN"
        window.document.replace(window.document.plan)
        window.close()
    finally:
        set_language("en")


def test_changing_the_country_carries_the_currency_along(qtbot: Any, window: MainWindow) -> None:
    window.open_at_start(None)
    task = window.page(0)
    place = task.place  # type: ignore[attr-defined]
    place.country.setCurrentIndex(place.country.findData("NO"))
    place.country.activated.emit(place.country.currentIndex())
    assert (window.document.plan.country, window.document.plan.currency) == ("NO", "NOK")
    timing = window.page(5)
    assert timing.currency.currentData() == "NOK"  # type: ignore[attr-defined]
