"""File → Export: an Excel workbook or a PDF report, written off the GUI thread.

The export libraries (openpyxl, reportlab) are imported only here, when exporting.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMainWindow

from planner.model.plan import Plan
from planner.model.result import EstimateResult
from planner.rates import RateBook
from planner.scenarios.volume_curve import CurvePoint
from planner.words.i18n import _
from ui import dialogs
from ui.results.estimator import Estimator
from ui.worker import run_in_background

SUFFIXES = {"xlsx": ".xlsx", "pdf": ".pdf"}


def _filters(kind: str) -> str:
    if kind == "xlsx":
        return _("Excel workbooks (*.xlsx)")
    return _("PDF documents (*.pdf)")


def export_plan(
    window: QMainWindow, estimator: Estimator, plan: Plan, rates: RateBook, kind: str
) -> None:
    """Ask where, then write the file in the background from the result on screen (the
    estimator's, waiting for its analysis if it is still running); report the outcome."""
    path = _ask_target(window, plan, kind)
    if path is None:
        return
    if estimator.plan != plan and estimator.recompute(plan) is None:
        dialogs.show_error(
            window, _("Export"), _("The plan cannot be costed yet, so there is nothing to export.")
        )
        return
    window.statusBar().showMessage(_("Exporting…"))
    estimator.when_analysed(
        lambda p, result, curve: _write(window, p, result, curve, rates, path, kind)
    )


def _ask_target(window: QMainWindow, plan: Plan, kind: str) -> Path | None:
    suffix = SUFFIXES[kind]
    settings = getattr(window, "settings", None)
    folder = settings.last_folder() if settings is not None else Path.home()
    path = dialogs.ask_save_path(
        window, _("Export"), folder / (_file_stem(plan) + suffix), _filters(kind)
    )
    if path is not None and path.suffix.lower() != suffix:
        path = path.with_suffix(suffix)
    return path


def _write(
    window: QMainWindow,
    plan: Plan,
    result: EstimateResult,
    curve: list[CurvePoint],
    rates: RateBook,
    path: Path,
    kind: str,
) -> None:
    from planner.export import files  # openpyxl and reportlab load on the first export

    def work() -> Path:
        targets = {"xlsx": path if kind == "xlsx" else None, "pdf": path if kind == "pdf" else None}
        files.export_files(plan, result, rates, curve=curve, **targets)
        return path

    def done(written: Path) -> None:
        window.statusBar().showMessage(_("Exported to {path}").format(path=written), 10_000)

    def failed(error: BaseException) -> None:
        expected = (OSError, files.ExportError)
        text = str(error) if isinstance(error, expected) else f"{type(error).__name__}: {error}"
        dialogs.show_error(window, _("Export failed"), _("The file could not be written."), text)

    run_in_background(work, done, failed)


def _file_stem(plan: Plan) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in plan.name).strip()
    return cleaned[:80] or "plan"
