"""The workshop's exports: the portfolio workbook, PDF or anonymised CSV, off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planner.words.i18n import _
from ui import dialogs
from ui.worker import run_in_background

if TYPE_CHECKING:
    from ui.workshop.window import WorkshopWindow

SUFFIXES = {"xlsx": ".xlsx", "pdf": ".pdf", "csv": ".csv"}


def _filters(kind: str) -> str:
    return {
        "xlsx": _("Excel workbooks (*.xlsx)"),
        "pdf": _("PDF documents (*.pdf)"),
        "csv": _("CSV files (*.csv)"),
    }[kind]


def export_portfolio_file(window: WorkshopWindow, kind: str) -> None:
    """Ask where, then write the file from the results on screen; report the outcome."""
    session = window.session
    if not session.columns:
        dialogs.show_error(window, _("Export"), _("Add the companies' plans first."))
        return
    priced = session.priced()
    if priced is None:
        reason = (
            _("Some companies are still being priced; try again in a moment.")
            if session.busy()
            else _(
                "Some plans cannot be read; remove or mend them first, so that nothing is left out."
            )
        )
        dialogs.show_error(window, _("Export"), reason)
        return
    path = _ask_target(window, kind)
    if path is None:
        return
    from planner.export.files import ExportError
    from planner.export.portfolio.files import export_portfolio

    window.statusBar().showMessage(_("Exporting…"))

    def work() -> Path:
        export_portfolio(priced, **{kind: path})
        return path

    def done(written: Path) -> None:
        window.statusBar().showMessage(_("Exported to {path}").format(path=written), 10_000)

    def failed(error: BaseException) -> None:
        expected = (OSError, ExportError)
        text = str(error) if isinstance(error, expected) else f"{type(error).__name__}: {error}"
        window.statusBar().clearMessage()
        dialogs.show_error(window, _("Export failed"), _("The file could not be written."), text)

    run_in_background(work, done, failed)


def _ask_target(window: WorkshopWindow, kind: str) -> Path | None:
    session = window.session
    folder = session.path.parent if session.path else window.main.settings.last_folder()
    stem = session.path.stem if session.path else "workshop"
    suffix = SUFFIXES[kind]
    path = dialogs.ask_save_path(window, _("Export"), folder / f"{stem}{suffix}", _filters(kind))
    if path is not None and path.suffix.lower() != suffix:
        path = path.with_suffix(suffix)
    return path
