"""The one folder for caches (checked content, parsed files, event counts, debrief comparisons): safe to delete.

`PLAZA_CACHE_DIR` when set; else `cache/` under `PLAZA_HOME` (tests and classroom machines keep everything in one
folder); else the operating system's per-user cache folder (platformdirs). In the lowest layer, beside
game.resources, so the content checker and the session layer share it.
"""

from __future__ import annotations

import os
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
