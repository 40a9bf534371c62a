"""Workshop mode: several companies' plans side by side, priced with one rate snapshot.

File → Open workshop… opens a ``.llmworkshop`` file, or several plan files at once, in
the workshop window (one per main window). The window and the engine load when it is
first opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.main_window import MainWindow
    from ui.workshop.window import WorkshopWindow


def workshop_window(main: MainWindow, *, create: bool = True) -> WorkshopWindow | None:
    """The main window's workshop window, made on first use (or None with ``create`` off)."""
    from ui.workshop.window import WorkshopWindow

    found = main.findChild(WorkshopWindow)
    if found is None and create:
        found = WorkshopWindow(main)  # kept, hidden and empty, when it is closed
    return found


def open_workshop(main: MainWindow, paths: list[Path] | None = None) -> WorkshopWindow | None:
    """Ask for a workshop file or several plans (unless ``paths`` are given) and show them."""
    from planner.words.i18n import _
    from ui.workshop.file_dialogs import ask_workshop_paths

    if paths is None:
        paths = ask_workshop_paths(
            main, _("Open a workshop or several plans"), main.settings.last_folder()
        )
    if not paths:
        return None
    window = workshop_window(main)
    assert window is not None
    window.open_paths(paths)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def may_close_workshops(main: MainWindow) -> bool:
    """Whether the app may quit: the workshop is saved, or the user chose so."""
    window = workshop_window(main, create=False)
    return window is None or window.close()  # asks about unsaved changes once
