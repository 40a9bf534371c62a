"""Writing exports to disk safely, through ``planner.model.safe_write``.

A read-only or missing folder, an odd or over-long name, or a file held open by another
program gives an ExportError that says what is wrong; the target is either the complete new
file or left as it was, never half-written.
"""

from __future__ import annotations

import errno
import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from planner.model.actuals_summary import PlanActuals
from planner.model.plan import Plan
from planner.model.result import EstimateResult
from planner.model.safe_write import produce_atomically
from planner.rates import RateBook
from planner.scenarios.volume_curve import CurvePoint
from planner.words.i18n import _

MAX_NAME_BYTES = 255


class ExportError(OSError):
    """An export that could not be written; the message is meant for the user."""


def export_files(
    plan: Plan,
    result: EstimateResult,
    rates: RateBook,
    *,
    xlsx: Path | None = None,
    pdf: Path | None = None,
    curve: list[CurvePoint] | None = None,
    actuals: PlanActuals | None = None,
) -> None:
    """Write the workbook and/or the PDF report for a costed plan.

    ``result`` (and ``curve``, the cost against volume, if the caller has it) are used as
    they are: an export never estimates the plan again. ``actuals``, the month of the
    plan's ledger when it has one (``planner.actuals.export_view``), adds the workbook's
    Actuals, Variance and Alerts sheets and the PDF's "Plan and actual" section.
    """
    if xlsx is not None:
        write_workbook(plan, result, rates, Path(xlsx), actuals)
    if pdf is not None:
        write_pdf(plan, result, rates, Path(pdf), curve, actuals)


def write_workbook(
    plan: Plan,
    result: EstimateResult,
    rates: RateBook,
    target: Path,
    actuals: PlanActuals | None = None,
) -> None:
    from planner.export.workbook.writer import build_workbook, document_company

    workbook = build_workbook(plan, result, rates, actuals)

    def produce(stream: BinaryIO) -> None:
        # Built in memory so that the company is added without a second file on disk.
        built = io.BytesIO()
        workbook.save(built)
        stream.write(_with_company(built.getvalue(), document_company(plan)))

    _write(target, produce)


def write_pdf(
    plan: Plan,
    result: EstimateResult,
    rates: RateBook,
    target: Path,
    curve: list[CurvePoint] | None = None,
    actuals: PlanActuals | None = None,
) -> None:
    from planner.export.report.document import write_report

    _write(
        target,
        lambda stream: write_report(plan, result, rates, stream, curve=curve, actuals=actuals),
    )


def check_target(target: Path) -> None:
    """Refuse, before anything is made, a target that cannot be a file to write."""
    folder = target.parent if str(target.parent) else Path(".")
    if not target.name:
        raise ExportError(_("No file name was given."))
    if len(target.name.encode("utf-8")) > MAX_NAME_BYTES:
        raise ExportError(
            _("The file name is too long ({count} bytes; at most {limit}).").format(
                count=len(target.name.encode("utf-8")), limit=MAX_NAME_BYTES
            )
        )
    if not folder.exists():
        raise ExportError(_("The folder {folder} does not exist.").format(folder=folder))
    if not folder.is_dir():
        raise ExportError(_("{folder} is not a folder.").format(folder=folder))
    if target.is_dir():
        raise ExportError(_("{target} is a folder, not a file.").format(target=target))


def _write(target: Path, produce: Callable[[BinaryIO], None]) -> None:
    check_target(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        produce_atomically(target, produce)
    except OSError as error:
        raise ExportError(_explain(error, folder, target)) from error


def _explain(error: OSError, folder: Path, target: Path) -> str:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if target.exists() and not os.access(target, os.W_OK):
            return _(
                "{target} cannot be replaced: it is read-only or open in another program."
            ).format(target=target)
        return _(
            "Cannot write in {folder}: the folder is read-only or you lack permission."
        ).format(folder=folder)
    if error.errno == errno.ENOSPC:
        return _("The disk is full; nothing was written.")
    if error.errno == errno.ENAMETOOLONG:
        return _("The file name is too long.")
    if error.errno == errno.EBUSY:
        return _("{target} is in use by another program.").format(target=target)
    return _("Could not write {target}: {reason}").format(
        target=target, reason=error.strerror or error
    )


def _with_company(workbook: bytes, company: str) -> bytes:
    """The workbook with the company in its document properties (docProps/app.xml), which
    openpyxl does not expose."""
    if not company:
        return workbook
    rewritten = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook)) as source,
        zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/app.xml":
                text = data.decode("utf-8")
                company_xml = f"<Company>{escape(company[:250])}</Company>"
                text = text.replace("</Properties>", company_xml + "</Properties>")
                data = text.encode("utf-8")
            target.writestr(item, data)
    return rewritten.getvalue()
