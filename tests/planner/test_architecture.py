"""The dependency direction: planner is pure Python and never imports Qt or the ui package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PLANNER = Path(__file__).parents[2] / "planner"
FORBIDDEN = ("PySide6", "ui", "shiboken6")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize(
    "path", sorted(PLANNER.rglob("*.py")), ids=lambda p: str(p.relative_to(PLANNER))
)
def test_planner_modules_import_no_qt_and_no_ui(path: Path) -> None:
    for name in imported_modules(path):
        assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"
