"""Recalculating a saved workbook: LibreOffice headless where installed, else `formulas`."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl


def set_named_value(path: Path, name: str, value: float) -> None:
    """Change the input cell a workbook-level name points to, and save."""
    workbook = openpyxl.load_workbook(path)
    sheet, coordinate = next(iter(workbook.defined_names[name].destinations))
    workbook[sheet][coordinate.replace("$", "")].value = value
    workbook.save(path)


def named_values(path: Path, prefixes: tuple[str, ...]) -> dict[str, float]:
    """Every name starting with one of ``prefixes``, with its recalculated value."""
    workbook = openpyxl.load_workbook(path)
    wanted = {
        name: next(iter(dn.destinations))
        for name, dn in workbook.defined_names.items()
        if name.startswith(prefixes)
    }
    if shutil.which("soffice") and os.environ.get("RECALC_WITH") != "formulas":
        return _with_libreoffice(path, wanted)
    return _with_formulas(path, wanted)


def _with_libreoffice(path: Path, wanted: dict[str, tuple[str, str]]) -> dict[str, float]:
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
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        recalculated = openpyxl.load_workbook(Path(folder) / path.name, data_only=True)
        return {
            name: float(recalculated[sheet][coord.replace("$", "")].value)
            for name, (sheet, coord) in wanted.items()
        }


def _with_formulas(path: Path, wanted: dict[str, tuple[str, str]]) -> dict[str, float]:
    import formulas

    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    values = {}
    for name, (sheet, coord) in wanted.items():
        key = f"'[{path.name}]{sheet.upper()}'!{coord.replace('$', '')}"
        values[name] = float(solution[key].value[0][0])
    return values
