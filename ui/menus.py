"""The menu bar: File, View, Tools and Help, with the standard shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from planner.words.i18n import _, language

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ACTUALS = 7  # ui.main_window.ACTUALS: the Actual spend page (menus is imported by it)

LANGUAGE_NAMES = {"en": "English", "pl": "Polski", "uk": "Українська"}


Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


def _action(
    menu: QMenu, text: str, slot: Callable[[], object], shortcut: Shortcut = None
) -> QAction:
    action = QAction(text, menu)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    files = window.files
    file_menu = bar.addMenu(_("&File"))
    _action(file_menu, _("&New plan"), files.new, QKeySequence.StandardKey.New)
    _action(file_menu, _("&Open…"), files.open, QKeySequence.StandardKey.Open)
    window.recent_menu = file_menu.addMenu(_("Open &recent"))
    _action(file_menu, _("Open &workshop…"), partial(_open_workshop, window), "Ctrl+Shift+O")
    file_menu.addSeparator()
    _action(file_menu, _("&Save"), files.save, QKeySequence.StandardKey.Save)
    _action(file_menu, _("Save &as…"), files.save_as, "Ctrl+Shift+S")
    file_menu.addSeparator()
    export = file_menu.addMenu(_("&Export"))
    _action(export, _("Excel workbook…"), lambda: window.export("xlsx"))
    _action(export, _("PDF report…"), lambda: window.export("pdf"))
    file_menu.addSeparator()
    _action(file_menu, _("&Quit"), window.close, "Ctrl+Q")

    view = bar.addMenu(_("&View"))
    larger = _action(view, _("&Larger text (for projectors)"), window.toggle_larger_text, "Ctrl+=")
    larger.setCheckable(True)
    larger.setChecked(window.settings.larger_text())
    window.larger_text_action = larger
    language_menu = view.addMenu(_("&Language"))
    group = QActionGroup(language_menu)
    current = (
        language()
    )  # what the app runs in (saved, --lang or the system's), not only what was saved
    for code, name in LANGUAGE_NAMES.items():
        action = _action(language_menu, name, partial(window.choose_language, code))
        action.setCheckable(True)
        action.setChecked(code == current)
        group.addAction(action)

    _action(view, _("&Actual spend"), lambda: window.go_to(ACTUALS), "Ctrl+Shift+A")

    tools = bar.addMenu(_("&Tools"))
    _action(tools, _("&Rates and prices…"), window.open_rates_editor, "Ctrl+R")
    _action(tools, _("Provider &keys…"), partial(_open_keys_dialog, window))

    help_menu = bar.addMenu(_("&Help"))
    _action(
        help_menu, _("&Guide"), partial(_open_guide, window), QKeySequence.StandardKey.HelpContents
    )
    help_menu.addSeparator()
    _action(help_menu, _("&About LLM Cost Planner"), window.show_about)
    fill_recent(window)


def _open_workshop(window: MainWindow) -> None:
    from ui.workshop import open_workshop  # the workshop window loads when it is opened

    open_workshop(window)


def _open_guide(window: MainWindow) -> None:
    from ui.guide import show_guide

    show_guide(window)


def _open_keys_dialog(window: MainWindow) -> None:
    from ui.keys_dialog import open_keys_dialog  # keyring and httpx load when it is opened

    open_keys_dialog(window)


def fill_recent(window: MainWindow) -> None:
    menu = window.recent_menu
    menu.clear()
    recent = window.settings.recent_files()
    for index, path in enumerate(recent, 1):
        label = f"&{index} {path.name}" if index < 10 else path.name
        action = _action(menu, label, partial(window.files.open_path, Path(path)))
        action.setToolTip(str(path))
        action.setStatusTip(str(path))
    if not recent:
        empty = menu.addAction(_("No plans opened yet"))
        empty.setEnabled(False)
