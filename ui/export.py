"""File → Export: an Excel workbook or a PDF report, written off the GUI thread.

The export libraries (openpyxl, reportlab) are imported only here, when exporting.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from PySide6.QtWidgets import QMainWindow

from planner.engine.estimate import estimate
from planner.model.plan import Plan
from planner.rates import RateBook
from planner.words.i18n import _
from ui import dialogs
from ui.worker import run_in_background

SUFFIXES = {"xlsx": ".xlsx", "pdf": ".pdf"}


def _filters(kind: str) -> str:
    if kind == "xlsx":
        return _("Excel workbooks (*.xlsx)")
    return _("PDF documents (*.pdf)")


def export_plan(window: QMainWindow, plan: Plan, rates: RateBook, kind: str) -> None:
    """Ask where, then write the file in the background; report the outcome."""
    suffix = SUFFIXES[kind]
    settings = getattr(window, "settings", None)
    folder = settings.last_folder() if settings is not None else Path.home()
    path = dialogs.ask_save_path(
        window, _("Export"), folder / (_file_stem(plan) + suffix), _filters(kind)
    )
    if path is None:
        return
    if path.suffix.lower() != suffix:
        path = path.with_suffix(suffix)
    try:
        files = importlib.import_module("planner.export.files")
    except ModuleNotFoundError:
        dialogs.show_error(window, _("Export"), _("Exports are not available in this version."))
        return

    def work() -> Path:
        result = estimate(plan, rates)
        targets = {"xlsx": path if kind == "xlsx" else None, "pdf": path if kind == "pdf" else None}
        files.export_files(plan, result, rates, **targets)
        return path

    def done(written: Path) -> None:
        window.statusBar().showMessage(_("Exported to {path}").format(path=written), 10_000)

    def failed(error: BaseException) -> None:
        expected = (OSError, getattr(files, "ExportError", OSError))
        text = str(error) if isinstance(error, expected) else f"{type(error).__name__}: {error}"
        dialogs.show_error(window, _("Export failed"), _("The file could not be written."), text)

    window.statusBar().showMessage(_("Exporting…"))
    run_in_background(work, done, failed)


def _file_stem(plan: Plan) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in plan.name).strip()
    return cleaned[:80] or "plan"
