"""Every modal question the app asks, in one place (tests replace these functions)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtWidgets import QAbstractButton, QFileDialog, QMessageBox, QWidget

from planner.words.i18n import _

UnsavedChoice = Literal["save", "discard", "cancel"]


def plan_filter() -> str:
    from planner.model.planfile import SUFFIX

    return _("Plans ({patterns})").format(patterns=f"*{SUFFIX} *.json") + ";;" + _("All files (*)")


def ask_unsaved(parent: QWidget | None, name: str) -> UnsavedChoice:
    """Save, discard or keep editing a plan with changes that are not saved."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Unsaved changes"))
    box.setText(_("Save the changes to “{name}”?").format(name=name))
    box.setInformativeText(_("If you don't save, your changes will be lost."))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setInformativeText(details)
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def ask_recover(
    parent: QWidget | None, name: str, saved_at: str, file_saved_at: str | None = None
) -> bool:
    """Offer the plan an earlier session was editing when it stopped unexpectedly; True to
    recover it. ``file_saved_at`` is given when the plan's file was saved after that copy."""
    box, recover = recovery_box(parent, name, saved_at, file_saved_at)
    box.exec()
    return box.clickedButton() is recover


def recovery_box(
    parent: QWidget | None, name: str, saved_at: str, file_saved_at: str | None = None
) -> tuple[QMessageBox, QAbstractButton]:
    """The recovery question and its "recover" button; the default is the newer version."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_("Recover unsaved plan"))
    box.setText(
        _("The planner closed unexpectedly while “{name}” had unsaved changes.").format(name=name)
    )
    if file_saved_at is None:
        box.setInformativeText(_("Recover the plan as it was at {time}?").format(time=saved_at))
        recover = box.addButton(_("Recover"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(recover)
        return box, recover
    box.setInformativeText(
        _(
            "The file was saved at {file_time}, after the unsaved copy was kept at {time}: "
            "the saved file is newer. Saving the older copy would replace it."
        ).format(file_time=file_saved_at, time=saved_at)
    )
    saved = box.addButton(_("Open the saved file"), QMessageBox.ButtonRole.AcceptRole)
    recover = box.addButton(_("Recover the older copy"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(saved)
    box.setEscapeButton(saved)
    return box, recover


def ask_open_path(parent: QWidget | None, title: str, folder: Path, filters: str) -> Path | None:
    name, _selected = QFileDialog.getOpenFileName(parent, title, str(folder), filters)
    return Path(name) if name else None


def ask_save_path(parent: QWidget | None, title: str, suggested: Path, filters: str) -> Path | None:
    name, _selected = QFileDialog.getSaveFileName(parent, title, str(suggested), filters)
    return Path(name) if name else None
