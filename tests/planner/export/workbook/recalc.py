"""Recalculating a saved workbook: LibreOffice headless where installed, else `formulas`.

``RECALC_WITH=formulas`` forces the `formulas` package (what a machine without LibreOffice
uses).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import openpyxl

Cell = tuple[str, str]  # sheet, coordinate


def set_named_value(path: Path, name: str, value: float) -> None:
    """Change the input cell a workbook-level name points to, and save."""
    workbook = openpyxl.load_workbook(path)
    sheet, coordinate = next(iter(workbook.defined_names[name].destinations))
    workbook[sheet][coordinate.replace("$", "")].value = value
    workbook.save(path)


def recalculator() -> str:
    """Which program recalculates: ``libreoffice`` or ``formulas``."""
    if shutil.which("soffice") and os.environ.get("RECALC_WITH") != "formulas":
        return "libreoffice"
    return "formulas"


def named_values(path: Path, prefixes: tuple[str, ...]) -> dict[str, float]:
    """Every name starting with one of ``prefixes``, with its recalculated value."""
    values = recalculated_names([path], prefixes)[path]
    return {name: float(value) for name, value in values.items()}  # type: ignore[arg-type]


def recalculated_names(
    paths: Sequence[Path], prefixes: tuple[str, ...]
) -> dict[Path, dict[str, object]]:
    """For each workbook, every name starting with one of ``prefixes`` and the value its cell
    recalculates to (a number, or an error such as ``#VALUE!`` as it comes back).

    Workbooks are recalculated together, by one LibreOffice run where installed; their file
    names must differ.
    """
    assert len({p.name for p in paths}) == len(paths), "file names must differ"
    wanted = {path: _named_cells(path, prefixes) for path in paths}
    if recalculator() == "libreoffice":
        return _with_libreoffice(wanted)
    if len(wanted) == 1:
        return {path: _with_formulas(path, cells) for path, cells in wanted.items()}
    # `formulas` takes seconds a workbook: one process per core. Spawned, not forked, as the
    # test process may hold Qt's threads.
    workers = min(len(wanted), os.cpu_count() or 1)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {path: pool.submit(_with_formulas, path, cells) for path, cells in wanted.items()}
        return {path: future.result() for path, future in futures.items()}


def _named_cells(path: Path, prefixes: tuple[str, ...]) -> dict[str, Cell]:
    workbook = openpyxl.load_workbook(path)
    found = {}
    for name, defined in workbook.defined_names.items():
        if name.startswith(prefixes):
            sheet, coordinate = next(iter(defined.destinations))
            found[name] = (sheet, coordinate.replace("$", ""))
    return found


def _with_libreoffice(wanted: dict[Path, dict[str, Cell]]) -> dict[Path, dict[str, object]]:
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder) / "profile"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "xlsx",
                "--outdir",
                folder,
                *(str(path) for path in wanted),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        values: dict[Path, dict[str, object]] = {}
        for path, cells in wanted.items():
            recalculated = openpyxl.load_workbook(Path(folder) / path.name, data_only=True)
            values[path] = {
                name: recalculated[sheet][coordinate].value
                for name, (sheet, coordinate) in cells.items()
            }
        return values


def _with_formulas(path: Path, cells: dict[str, Cell]) -> dict[str, object]:
    import formulas

    with tempfile.TemporaryDirectory() as folder:
        slim = Path(folder) / path.name
        _slim_copy(path, slim)
        solution = formulas.ExcelModel().loads(str(slim)).finish().calculate()
    values: dict[str, object] = {}
    for name, (sheet, coordinate) in cells.items():
        value = solution[f"'[{path.name}]{sheet.upper()}'!{coordinate}"].value[0][0]
        values[name] = value if isinstance(value, str) else _number_or_error(value)
    return values


def _slim_copy(path: Path, target: Path) -> None:
    """Only what the names' values rest on, for `formulas`, whose load time grows with
    every cell: the sheets some name points into, without their text (no formula reads it)."""
    workbook = openpyxl.load_workbook(path)
    named = {sheet for dn in workbook.defined_names.values() for sheet, _ in dn.destinations}
    for sheet in [ws for ws in workbook.worksheets if ws.title not in named]:
        workbook.remove(sheet)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "s":
                    cell.value = None
    workbook.save(target)


def _number_or_error(value: object) -> object:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)  # formulas' XlError, e.g. #VALUE!


def recalculated_workbook(path: Path, folder: Path) -> openpyxl.Workbook:
    """The whole workbook as LibreOffice recalculates it (values, not formulas)."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(folder / "out"),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return openpyxl.load_workbook(folder / "out" / path.name, data_only=True)
