"""Replacing a file safely: links followed, permissions kept, umask honoured, nothing left
behind on failure, leftovers of killed saves cleaned up, and never a half-written file."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import pytest

from planner.model.safe_write import (
    STALE_AFTER_S,
    TEMP_SUFFIX,
    is_temporary_name,
    produce_atomically,
    remove_stale_temporaries,
    write_atomically,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX links, modes and signals")
ROOT = Path(__file__).parents[3]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask() -> Iterator[None]:
    """Tests set their own umask; the process's is restored afterwards."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@posix_only
def test_saving_through_a_link_updates_the_file_it_points_to(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "plan.llmplan").write_bytes(b"old")
    mine = tmp_path / "mine"
    mine.mkdir()
    link = mine / "plan.llmplan"
    link.symlink_to(Path("..") / "shared" / "plan.llmplan")  # relative, as people make them

    written = write_atomically(link, b"new")

    assert link.is_symlink(), "the link is still a link"
    assert (shared / "plan.llmplan").read_bytes() == b"new"
    assert written == (shared / "plan.llmplan").resolve()
    assert sorted(p.name for p in mine.iterdir()) == ["plan.llmplan"]
    assert sorted(p.name for p in shared.iterdir()) == ["plan.llmplan"]


@posix_only
def test_a_link_to_a_file_not_yet_there_creates_that_file(tmp_path: Path) -> None:
    link = tmp_path / "budget.xlsx"
    link.symlink_to(tmp_path / "real.xlsx")
    write_atomically(link, b"first")
    assert link.is_symlink() and (tmp_path / "real.xlsx").read_bytes() == b"first"


@posix_only
@pytest.mark.parametrize("kept", [0o640, 0o604, 0o444, 0o755])
def test_an_existing_file_keeps_its_permissions(tmp_path: Path, kept: int) -> None:
    target = tmp_path / "plan.llmplan"
    target.write_bytes(b"old")
    target.chmod(kept)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert mode(target) == kept


@posix_only
@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_what_the_umask_gives(
    tmp_path: Path, umask: None, mask: int, expected: int
) -> None:
    os.umask(mask)
    target = tmp_path / "report.pdf"
    write_atomically(target, b"%PDF")
    assert mode(target) == expected


def test_the_temporary_file_is_flushed_to_disk_before_it_replaces_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(handle: int) -> None:
        events.append("fsync")
        real_fsync(handle)

    def replace(source: str | Path, destination: str | Path) -> None:
        events.append(f"replace {Path(source).name}")
        real_replace(source, destination)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomically(tmp_path / "plan.llmplan", b"new")
    assert events[0] == "fsync" and events[1].startswith("replace .plan.llmplan.")


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, failure: BaseException
) -> None:
    target = tmp_path / "plan.llmplan"
    target.write_bytes(b"the old plan")

    def half_then_fail(stream: BinaryIO) -> None:
        stream.write(b"the new pl")
        raise failure

    with pytest.raises(type(failure)):
        produce_atomically(target, half_then_fail)
    assert target.read_bytes() == b"the old plan"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.llmplan"]


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.llmplan"
    target.write_bytes(b"the old plan")

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"the old plan"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.llmplan"]


def test_a_folder_in_the_way_is_an_error_and_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "plan.llmplan").mkdir()
    with pytest.raises(OSError):
        write_atomically(tmp_path / "plan.llmplan", b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.llmplan"]


def aged(path: Path, seconds: float) -> Path:
    path.write_bytes(b"a plan someone was saving")
    moment = time.time() - seconds
    os.utime(path, (moment, moment))
    return path


def test_temporaries_left_by_killed_saves_are_removed_at_the_next_save(tmp_path: Path) -> None:
    hour = STALE_AFTER_S
    stale = [
        aged(tmp_path / f".plan.llmplan.0123456789abcdef{TEMP_SUFFIX}", hour + 60),
        aged(tmp_path / ".export-k3j_x9a2.tmp", 2 * hour),  # left by earlier versions
        aged(tmp_path / ".export-k3j_x9a2.props", 2 * hour),
        aged(tmp_path / ".budget.llmplan.ab_cd12z.tmp", 2 * hour),
        aged(tmp_path / ".3f2a.json.abcdefgh.tmp", 2 * hour),
    ]
    kept = [
        aged(tmp_path / f".other.llmplan.fedcba9876543210{TEMP_SUFFIX}", 60),  # a save running now
        aged(tmp_path / ".notes.tmp", 2 * hour),  # not ours
        aged(tmp_path / "draft.llmplan.abcdefgh.tmp", 2 * hour),  # not hidden: not ours
        aged(tmp_path / "plan.planner-tmp", 2 * hour),
    ]
    write_atomically(tmp_path / "plan.llmplan", b"saved")
    assert not [path.name for path in stale if path.exists()]
    assert all(path.exists() for path in kept)
    assert (tmp_path / "plan.llmplan").read_bytes() == b"saved"


@posix_only
def test_a_link_named_like_a_temporary_is_not_followed_or_removed(tmp_path: Path) -> None:
    precious = aged(tmp_path / "precious.llmplan", 2 * STALE_AFTER_S)
    link = tmp_path / f".x.llmplan.0123456789abcdef{TEMP_SUFFIX}"
    link.symlink_to(precious)
    os.utime(link, (0, 0), follow_symlinks=False)
    assert remove_stale_temporaries(tmp_path, older_than_s=0) == 0
    assert link.is_symlink() and precious.exists()


def test_temporary_names_are_recognised() -> None:
    assert is_temporary_name(f".plan.llmplan.0123456789abcdef{TEMP_SUFFIX}")
    assert not is_temporary_name("plan.llmplan")


WRITER = """
import sys
from pathlib import Path
from planner.model.safe_write import write_atomically

target = Path(sys.argv[1])
versions = [bytes([65 + n]) * 300_000 for n in range(3)]
print("ready", flush=True)
n = 0
while True:
    write_atomically(target, versions[n % 3])
    n += 1
"""


@posix_only
def test_a_save_killed_at_any_moment_leaves_the_old_or_the_new_file_whole(
    tmp_path: Path,
) -> None:
    """The probe of the issue, short enough for CI: 20 kills (SIGKILL) at random moments."""
    target = tmp_path / "plan.llmplan"
    versions = {bytes([65 + n]) * 300_000 for n in range(3)}
    target.write_bytes(next(iter(versions)))
    rng = random.Random(8)
    for _kill in range(20):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.05))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        assert target.read_bytes() in versions, "the target is never half-written"
    leftovers = [p for p in tmp_path.iterdir() if p != target]
    assert all(is_temporary_name(p.name) for p in leftovers)
    remove_stale_temporaries(tmp_path, older_than_s=0)
    assert [p.name for p in tmp_path.iterdir()] == ["plan.llmplan"]


def test_writing_to_a_device_writes_through_it_and_keeps_the_device() -> None:
    # `--pdf /dev/null` once replaced the system's /dev/null with a regular file.
    null = Path(os.devnull)
    before = os.stat(null)
    write_atomically(null, b"thrown away")
    after = os.stat(null)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_a_folder_is_not_replaced_by_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    with pytest.raises(IsADirectoryError):
        write_atomically(folder, b"{}")
    assert folder.is_dir()
