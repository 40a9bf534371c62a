"""Writing exports: clear messages for bad targets, and never a half-written file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planner.engine.estimate import estimate
from planner.export.files import ExportError, export_files
from planner.model.templates import template
from planner.rates import load_rates

RATES = load_rates()
PLAN = template("customer_email").plan
RESULT = estimate(PLAN, RATES, analysis=False)

needs_non_root = pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_files(PLAN, RESULT, RATES, xlsx=tmp_path / "nowhere" / "budget.xlsx")


def test_a_folder_as_target_is_refused(tmp_path: Path) -> None:
    (tmp_path / "budget.xlsx").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_files(PLAN, RESULT, RATES, xlsx=tmp_path / "budget.xlsx")


def test_a_name_over_255_bytes_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    name = "ż" * 150 + ".xlsx"  # 300 bytes in UTF-8
    with pytest.raises(ExportError, match="too long"):
        export_files(PLAN, RESULT, RATES, xlsx=tmp_path / name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "name", ["budżet 2026 (wersja #2) & co.xlsx", "бюджет—🚀.xlsx", "a" * 200 + ".xlsx"]
)
def test_odd_but_valid_names_work(tmp_path: Path, name: str) -> None:
    export_files(PLAN, RESULT, RATES, xlsx=tmp_path / name)
    assert (tmp_path / name).read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "budget.xlsx"
    target.write_bytes(b"the previous budget")

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", broken)
    with pytest.raises(ExportError, match="disk is full"):
        export_files(PLAN, RESULT, RATES, xlsx=target)
    assert target.read_bytes() == b"the previous budget"
    assert [p.name for p in tmp_path.iterdir()] == ["budget.xlsx"]


@needs_non_root
def test_a_read_only_folder_is_explained(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="read-only"):
            export_files(PLAN, RESULT, RATES, xlsx=folder / "budget.xlsx")
    finally:
        folder.chmod(0o700)


def test_a_target_that_cannot_be_replaced_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a file held open by another program looks like on Windows: the rename fails."""
    target = tmp_path / "budget.xlsx"
    target.write_bytes(b"open elsewhere")

    def refuse(source: str, destination: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("planner.export.files.os.replace", refuse)
    with pytest.raises(ExportError) as error:
        export_files(PLAN, RESULT, RATES, xlsx=target)
    assert "budget.xlsx" in str(error.value) or "read-only" in str(error.value)
    assert target.read_bytes() == b"open elsewhere"
    assert [p.name for p in tmp_path.iterdir()] == ["budget.xlsx"]


def test_the_command_line_exports_both_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from planner.cli.main import run

    root = Path(__file__).parents[3]
    status = run(
        [
            "estimate",
            str(root / "templates/customer_email.json"),
            "--xlsx",
            str(tmp_path / "b.xlsx"),
        ]
    )
    assert status == 0
    assert (tmp_path / "b.xlsx").stat().st_size > 5000


def test_the_command_line_reports_a_bad_target_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from planner.cli.main import run

    root = Path(__file__).parents[3]
    status = run(
        [
            "estimate",
            str(root / "templates/customer_email.json"),
            "--xlsx",
            "/no/such/folder/b.xlsx",
        ]
    )
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and "does not exist" in err


def test_a_folder_that_refuses_new_files_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-only case as root sees it (root may write anywhere, so it is simulated)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("planner.export.files.tempfile.mkstemp", refuse)
    with pytest.raises(ExportError, match="read-only"):
        export_files(PLAN, RESULT, RATES, xlsx=tmp_path / "budget.xlsx")
    assert list(tmp_path.iterdir()) == []
