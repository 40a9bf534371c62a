"""Writing a portfolio's files: every file is made in memory first, then each is written.

So a plan or a figure that cannot be exported stops the export before anything reaches
the disk, and each file is written through ``planner.model.safe_write``: the target is the
complete new file or is left as it was.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

from planner.export.files import ExportError
from planner.export.files import check_target as check_file_target
from planner.model.safe_write import write_atomically
from planner.scenarios.portfolio import PricedPortfolio
from planner.words.i18n import _


def export_portfolio(
    priced: PricedPortfolio,
    *,
    xlsx: Path | None = None,
    pdf: Path | None = None,
    csv: Path | None = None,
) -> list[Path]:
    """Write the workbook, the PDF and the anonymised CSV that are asked for.

    Returns:
        The files written, in the order given.

    Raises:
        ExportError: a target cannot be written (nothing is written when a target is
            wrong before any file is made).
    """
    makers: list[tuple[Path, Callable[[PricedPortfolio], bytes]]] = []
    if xlsx is not None:
        makers.append((Path(xlsx), workbook_bytes))
    if pdf is not None:
        makers.append((Path(pdf), pdf_bytes))
    if csv is not None:
        from planner.export.portfolio.benchmark import benchmark_csv

        makers.append((Path(csv), benchmark_csv))
    for target, _maker in makers:
        check_target(target)
    contents = [(target, maker(priced)) for target, maker in makers]
    for target, data in contents:
        _write(target, data)
    return [target for target, _data in contents]


def workbook_bytes(priced: PricedPortfolio) -> bytes:
    """The portfolio workbook as the bytes of an .xlsx file."""
    from planner.export.portfolio.workbook import build_portfolio_workbook

    stream = io.BytesIO()
    build_portfolio_workbook(priced).save(stream)
    return stream.getvalue()


def pdf_bytes(priced: PricedPortfolio) -> bytes:
    """The portfolio PDF as bytes."""
    from planner.export.portfolio.pdf import write_portfolio_pdf

    stream = io.BytesIO()
    write_portfolio_pdf(priced, stream)
    return stream.getvalue()


def check_target(target: Path) -> None:
    """Refuse, before anything is made, a target that cannot be a file to write: as every
    export does, and a folder one may not write in (a workshop checks before it saves)."""
    check_file_target(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not os.access(folder, os.W_OK):
        raise ExportError(
            _("Cannot write in {folder}: the folder is read-only or you lack permission.").format(
                folder=folder
            )
        )


def _write(target: Path, data: bytes) -> None:
    try:
        write_atomically(target, data)
    except OSError as error:
        raise ExportError(
            _("Could not write {target}: {reason}").format(
                target=target, reason=error.strerror or error
            )
        ) from error
