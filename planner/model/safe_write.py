"""Replacing a file safely: plans, autosaves, the user's rate changes and exports.

The new content goes to a temporary file beside the target, is flushed to disk, and is then
renamed over the target, so whoever reads the target sees either the complete old file or
the complete new one, whatever happens in between (a crash, a kill, a full disk).

The file behaves as people expect of a saved document: saving through a symbolic link
updates the file it points to; an existing file keeps its permissions (and group, where the
system allows); a new file gets the permissions the user's umask gives. Temporary files are
removed on any failure, and those left by a process killed mid-write (which nothing can
remove at the time) are removed by the next save in that folder once they are old enough
that no running save can still own them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

TEMP_SUFFIX = ".planner-tmp"
STALE_AFTER_S = 3600.0
_NAME_CHARS = 40  # of the target's name kept in the temporary name: a hint for a person
_ATTEMPTS = 20

# Our own temporary names, and those that earlier versions of the app left behind
# (tempfile.mkstemp's eight characters); nothing else in the folder is ever touched.
_OUR_TEMPORARIES = re.compile(
    rf"\..*\.[0-9a-f]{{16}}{re.escape(TEMP_SUFFIX)}"
    r"|\.export-[a-z0-9_]{8}\.(?:tmp|props)"
    r"|\..*\.(?:llmplan|json)\.[a-z0-9_]{8}\.tmp",
    re.DOTALL,
)


def write_atomically(path: Path, data: bytes) -> Path:
    """Replace the file at ``path`` with ``data``, never leaving it half-written.

    Args:
        path: The file to write; a symbolic link is followed to the file it points to.
        data: The complete new content.

    Returns:
        The file actually written (``path`` itself unless it is a link).

    Raises:
        OSError: The file could not be written; it is left as it was.
    """
    return produce_atomically(path, lambda stream: stream.write(data))


def produce_atomically(path: Path, produce: Callable[[BinaryIO], object]) -> Path:
    """Replace the file at ``path`` with what ``produce`` writes to the stream it is given.

    Args:
        path: The file to write; a symbolic link is followed to the file it points to.
        produce: Writes the complete new content to a binary stream; whatever it raises
            leaves the file as it was and is raised again.

    Returns:
        The file actually written (``path`` itself unless it is a link).

    Raises:
        OSError: The file could not be written; it is left as it was.
    """
    target = Path(os.path.realpath(path))
    if _is_special(target):
        # A device or pipe (``/dev/null``, a FIFO) is written to as it is: replacing it
        # would put a regular file where the system's device was.
        with open(target, "wb") as stream:
            produce(stream)
        return target
    existing = _existing_status(target)
    handle, temporary = _create_temporary(target.parent, target.name)
    try:
        with os.fdopen(handle, "wb") as stream:
            if existing is not None:
                _copy_permissions(stream.fileno(), existing)
            produce(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        # Also on KeyboardInterrupt: a temporary file may hold a person's plan.
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_folder(target.parent)
    remove_stale_temporaries(target.parent)
    return target


def remove_stale_temporaries(folder: Path, *, older_than_s: float = STALE_AFTER_S) -> int:
    """Remove temporary files of ours that a killed save left in ``folder``.

    Args:
        folder: Where to look (not below it).
        older_than_s: Only files last changed longer ago than this are removed, so that a
            save running in another window or process keeps its temporary file.

    Returns:
        How many files were removed; a file that cannot be removed is left quietly.
    """
    cutoff = time.time() - older_than_s
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not _OUR_TEMPORARIES.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
                removed += 1
    return removed


def is_temporary_name(name: str) -> bool:
    """Whether ``name`` is one of the temporary files written (or once written) here."""
    return _OUR_TEMPORARIES.fullmatch(name) is not None


def _is_special(target: Path) -> bool:
    """Whether ``target`` exists and is neither a regular file nor a folder."""
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(target))
    return not stat.S_ISREG(mode)


def _existing_status(target: Path) -> os.stat_result | None:
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return None
    return status if stat.S_ISREG(status.st_mode) else None


def _create_temporary(folder: Path, name: str) -> tuple[int, Path]:
    """A new, empty temporary file in ``folder``, opened for writing.

    Mode 0o666 lets the umask decide, as for any file the user creates (``mkstemp`` would
    make every new plan and export private to the owner whatever the umask says).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _attempt in range(_ATTEMPTS):
        temporary = folder / f".{name[:_NAME_CHARS]}.{secrets.token_hex(8)}{TEMP_SUFFIX}"
        try:
            return os.open(temporary, flags, 0o666), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"{folder}: no free name for a temporary file")


def _copy_permissions(handle: int, existing: os.stat_result) -> None:
    if not hasattr(os, "fchmod"):
        return  # Windows: a file's permissions are not bits to copy
    if hasattr(os, "fchown"):
        # Keeps a shared file's group; the system refuses what the user may not do.
        with contextlib.suppress(OSError):
            os.fchown(handle, existing.st_uid, existing.st_gid)
    os.fchmod(handle, stat.S_IMODE(existing.st_mode))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); some file systems cannot, which is fine."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
