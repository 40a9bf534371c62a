"""File → Export: an Excel workbook or a PDF report, written off the GUI thread.

The export libraries (openpyxl, reportlab) are imported only here, when exporting.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMainWindow

from planner.model.actuals_summary import PlanActuals
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
    document = getattr(window, "document", None)
    plan_file = document.path if document is not None else None  # its ledger sits beside it
    estimator.when_analysed(
        lambda p, result, curve: _write(window, p, result, curve, rates, path, kind, plan_file)
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
    plan_file: Path | None = None,
) -> None:
    from planner.export import files  # openpyxl and reportlab load on the first export

    def work() -> tuple[Path, str]:
        actuals, note = _ledger_month(plan_file, plan, result, rates)
        targets = {"xlsx": path if kind == "xlsx" else None, "pdf": path if kind == "pdf" else None}
        files.export_files(plan, result, rates, curve=curve, actuals=actuals, **targets)
        return path, note

    def done(outcome: tuple[Path, str]) -> None:
        written, note = outcome
        text = _("Exported to {path}").format(path=written)
        window.statusBar().showMessage(f"{text} {note}".strip(), 10_000)

    def failed(error: BaseException) -> None:
        expected = (OSError, files.ExportError)
        text = str(error) if isinstance(error, expected) else f"{type(error).__name__}: {error}"
        dialogs.show_error(window, _("Export failed"), _("The file could not be written."), text)

    run_in_background(work, done, failed)


def _ledger_month(
    plan_file: Path | None, plan: Plan, result: EstimateResult, rates: RateBook
) -> tuple[PlanActuals | None, str]:
    """The month of the ledger beside the plan file for the export, and a note when the
    ledger cannot be read (the export goes on without it). Called on the worker thread:
    a SQLite connection belongs to the thread that opens it."""
    from planner.actuals.export_view import plan_actuals_beside
    from planner.actuals.store import LedgerError

    try:
        return plan_actuals_beside(plan_file, plan, result, rates), ""
    except LedgerError:
        return None, _("The plan's ledger could not be read, so actual spending is left out.")


def _file_stem(plan: Plan) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in plan.name).strip()
    return cleaned[:80] or "plan"
