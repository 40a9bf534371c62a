"""Writing exports: clear messages for bad targets, and never a half-written file."""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterator
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

    monkeypatch.setattr("planner.model.safe_write._create_temporary", refuse)
    with pytest.raises(ExportError, match="read-only"):
        export_files(PLAN, RESULT, RATES, xlsx=tmp_path / "budget.xlsx")
    assert list(tmp_path.iterdir()) == []


posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX links and modes")


@pytest.fixture
def shared_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@posix_only
def test_exports_honour_the_umask_and_keep_an_existing_files_mode(
    tmp_path: Path, shared_umask: None
) -> None:
    """The issue: new PDFs were private (0600) whatever the umask; a re-export reset 0640."""
    export_files(PLAN, RESULT, RATES, pdf=tmp_path / "new.pdf")
    assert stat.S_IMODE((tmp_path / "new.pdf").stat().st_mode) == 0o644
    existing = tmp_path / "budget.xlsx"
    existing.write_bytes(b"last month's budget")
    existing.chmod(0o640)
    export_files(PLAN, RESULT, RATES, xlsx=existing)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640


@posix_only
def test_an_export_through_a_link_updates_the_linked_file(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    real = tmp_path / "shared" / "budget.xlsx"
    real.write_bytes(b"old")
    link = tmp_path / "budget.xlsx"
    link.symlink_to(real)
    export_files(PLAN, RESULT, RATES, xlsx=link)
    assert link.is_symlink() and real.read_bytes()[:2] == b"PK"


def test_adding_the_company_leaves_no_second_file_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The company was added by rewriting the workbook into a second hidden file, which a
    failure (or a kill) left behind."""
    plan = PLAN.model_copy(update={"company": "Kowalski i Synowie"})
    real_writestr = zipfile.ZipFile.writestr

    def full_disk_at_the_company(archive: zipfile.ZipFile, item: object, data: object) -> None:
        if isinstance(data, bytes) and b"<Company>" in data:
            raise OSError(28, "No space left on device")
        real_writestr(archive, item, data)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full_disk_at_the_company)
    with pytest.raises(ExportError, match="disk is full"):
        export_files(plan, RESULT, RATES, xlsx=tmp_path / "budget.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_the_company_is_in_the_workbooks_properties(tmp_path: Path) -> None:
    plan = PLAN.model_copy(update={"company": "Kowalski & Synowie"})
    export_files(plan, RESULT, RATES, xlsx=tmp_path / "budget.xlsx")
    with zipfile.ZipFile(tmp_path / "budget.xlsx") as workbook:
        assert b"<Company>Kowalski &amp; Synowie</Company>" in workbook.read("docProps/app.xml")
