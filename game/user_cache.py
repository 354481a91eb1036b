"""The one folder for caches (checked content, parsed files, event counts, debrief comparisons, the class report's
compiled templates): safe to delete.

`PLAZA_CACHE_DIR` when set; else `cache/` under `PLAZA_HOME` (tests and classroom machines keep everything in one
folder); else the operating system's per-user cache folder (platformdirs). In the lowest layer, beside
game.resources, so the content checker and the session layer share it; with the reading and writing of entries that
run as code when read (`read_private`, `write_private`: only in a folder no one else may enter).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

CACHE_ENV = "PLAZA_CACHE_DIR"


def cache_dir() -> Path:
    given = os.environ.get(CACHE_ENV)
    if given:
        return Path(os.path.expanduser(given))
    home = os.environ.get("PLAZA_HOME")
    if home:
        return Path(os.path.expanduser(home)) / "cache"
    from platformdirs import user_cache_dir  # light, but only a cache miss on a player's machine needs it

    return Path(user_cache_dir("plaza", appauthor=False))


def write_whole(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` whole or not at all: into a temporary file beside it, then renamed over it, so a
    reader (another `plaza` running at the same time) never sees half a file. Text is written as UTF-8."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    if isinstance(data, str):
        part.write_text(data, encoding="utf-8")
    else:
        part.write_bytes(data)
    os.replace(part, path)


def private_folder(folder: Path) -> bool:
    """Is `folder` (not followed if a link) a folder of the user running Plaza that no one else may list, enter or
    write? Always False where a file's owner cannot be told (then nothing is read back from such a folder)."""
    if os.name != "posix" or not hasattr(os, "getuid"):
        return False
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def read_private(path: Path) -> bytes | None:
    """The bytes of `path` when it is a regular file of the user's in a private folder (`private_folder`), opened
    without following a link; else, or on any error, None. For cached data that is run as code when read."""
    if not private_folder(path.parent) or not hasattr(os, "O_NOFOLLOW"):
        return None
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb") as file:
            info = os.fstat(file.fileno())  # the file opened, not the name looked at before
            return file.read() if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() else None
    except OSError:
        return None


def write_private(path: Path, data: bytes) -> None:
    """Write `data` whole to `path` in a folder made for it closed to others (0700), for `read_private`; nothing
    when the folder is not private or cannot be written (a cache that cannot be kept is not an error)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if private_folder(path.parent):
            write_whole(path, data)
    except OSError:
        pass
