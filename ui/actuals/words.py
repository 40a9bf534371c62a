"""What the screen says after a job: what an import read, or why it failed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from planner.actuals.importer import FileReport, ImportCancelled
from planner.actuals.records import ImportRefused
from planner.actuals.store import LedgerError
from planner.words.i18n import _
from planner.words.ledger import describe_problem, import_summary, refused

MAX_PROBLEMS = 5  # skipped rows named on screen; the rest are counted


def import_report(reports: Sequence[FileReport]) -> str:
    """Each file: read, added, updated, skipped and unpriced; the first skipped rows named."""
    lines = []
    for report in reports:
        name = Path(report.file).name
        lines.append(f"{name}: " + import_summary(report.rows_read, report.added, report.updated,
                                                  report.skipped, len(report.unpriced_models)))  # fmt: skip
        if report.unpriced_models:
            lines.append("  " + _("Without a price (genai-prices does not know them): {models}")
                         .format(models=", ".join(report.unpriced_models)))  # fmt: skip
        for problem in report.problems[:MAX_PROBLEMS]:
            lines.append("  " + _("Skipped: {row}").format(row=describe_problem(problem)))
    return "\n".join(lines)


def failure_text(error: BaseException) -> str:
    """A failed job in one plain sentence; the ledger is unchanged whatever failed."""
    if isinstance(error, ImportCancelled):
        return _("Import cancelled. Nothing was imported; the ledger is as it was.")
    if isinstance(error, ImportRefused):
        return refused(Path(error.file).name, error.code, error.detail)
    if isinstance(error, LedgerError):
        return _("The ledger cannot be used: {problem}").format(problem=error)
    if isinstance(error, OSError):
        return _("A file could not be read or written: {problem}").format(problem=error)
    text = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
    return _("That did not work: {problem}").format(problem=text)


def month_failure_text(error: BaseException) -> str:
    """The month could not be shown, though the ledger holds what was imported."""
    return _("The figures are kept, but the month cannot be shown: {problem}").format(
        problem=f"{type(error).__name__}: {error}" if not isinstance(error, ValueError) else error
    )
