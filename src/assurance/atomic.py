"""Writing files whole or not at all: the one atomic writer of the engine.

Everything is written under a temporary name beside its destination and renamed into
place only once all of it is written, so a failure (a full disk, no permission, an
error while rendering) leaves what was there before untouched. Files and folders get
the modes the user's umask gives, as any other program's would.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path


def umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_files(folder: Path, contents: Mapping[str, str | bytes]) -> None:
    """Write each file of ``contents`` (name → text or bytes) into ``folder``; the
    files are renamed into place only when every one of them is written.

    Raises ``OSError`` when they cannot be written; none has then been replaced.
    """
    folder = Path(folder)
    staged: list[tuple[str, Path]] = []
    try:
        for name, content in contents.items():
            handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            staged.append((name, Path(temporary)))
            with os.fdopen(handle, "wb") as stream:
                stream.write(content.encode("utf-8") if isinstance(content, str) else content)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, _mode_for(folder / name))  # mkstemp makes it private
        for name, temporary in staged:
            os.replace(temporary, folder / name)
    finally:
        for _, temporary in staged:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()


def _mode_for(path: Path) -> int:
    """The mode an ordinary write gives: a rewritten file keeps its own, a new file
    gets 0o666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~umask()


def replace_folder(folder: Path, fill: Callable[[Path], None]) -> None:
    """Make ``folder`` anew: ``fill`` writes into a fresh staging folder beside it,
    which then takes the place of the old one in two renames.

    Whatever ``fill`` raises is raised again, with the staging folder removed and the
    old folder untouched.
    """
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        staging.chmod(0o777 & ~umask())  # mkdtemp makes it private; a run folder is not
        fill(staging)
        _swap_in(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap_in(staging: Path, folder: Path) -> None:
    if not folder.exists():
        os.replace(staging, folder)
        return
    retired = folder.with_name(f".{folder.name}.previous")
    shutil.rmtree(retired, ignore_errors=True)
    os.replace(folder, retired)
    os.replace(staging, folder)
    shutil.rmtree(retired, ignore_errors=True)
