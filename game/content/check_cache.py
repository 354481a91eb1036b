"""A cache of `plaza validate`'s verdicts, so checking unchanged content answers at once.

The key is a digest of everything the verdict depends on: each checked file's name and bytes, the working
folder (diagnostics name files relative to it), the command's options, the source of the checker itself
(`game/content/*.py`) and the versions of Python, pydantic and PyYAML. Change any of them and the key changes,
so a stale verdict is never shown. The cache is safe to delete, and a cache that cannot be read or written is
simply not used.

Only regular files are hashed, a symbolic link's target with the target's name (whether the link is read
depends on where it leads): a FIFO or device among the paths, or a link to one, makes the key None, and the
loader, which refuses such files with a message, runs as usual. This module imports nothing heavy (no
pydantic), so a cache hit costs little more than reading the files.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from pathlib import Path

from game.content.diagnostics import Diagnostic
from game.user_cache import cache_dir as cache_dir  # re-exported: the parse cache and tests ask for it here
from game.user_cache import write_whole

_CHECKER = Path(__file__).resolve().parent
_LIMIT = 2_000_000  # bytes per file; larger files are left to the loader (it refuses them)
FORMAT = "plaza-validate-verdict 2"  # 2: diagnostics are kept as typed messages, said in either language when shown


def key_for(files: list[Path], options: str) -> str | None:
    """The digest of what a verdict depends on, or None when a file cannot be hashed safely."""
    h = hashlib.sha256(FORMAT.encode())
    h.update(options.encode())
    h.update(libraries().encode())
    h.update(os.getcwd().encode(errors="surrogateescape"))
    for source in sorted(_CHECKER.glob("*.py")):
        if not _add(h, source, source.name):
            return None
    for path in files:
        if not _add(h, path, str(path)):
            return None
    return h.hexdigest()


def libraries() -> str:
    """Python and the libraries whose behaviour shapes a verdict (pydantic's checks, PyYAML's parser): the names
    of their installed `*.dist-info` folders, which carry the versions. (importlib.metadata says the same but
    costs 30 ms to import, a third of a cache hit.)"""
    found = [sys.version]
    wanted = ("pydantic-", "pydantic_core-", "pyyaml-")
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        found += sorted(n for n in names if n.lower().startswith(wanted) and n.endswith(".dist-info"))
    return ";".join(found)


def _add(h: hashlib._Hash, path: Path, label: str) -> bool:
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):  # the verdict depends on where the link leads (inside the root or not)
            target = os.path.realpath(path)
            label += "\0->" + target
            path = Path(target)
            info = os.lstat(target)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _LIMIT:
            return False
        data = path.read_bytes()
    except OSError:
        return False
    h.update(b"\0" + label.encode(errors="surrogateescape") + b"\0" + str(len(data)).encode() + b"\0" + data)
    return True


def load(key: str | None) -> tuple[list[Diagnostic], dict] | None:
    """The diagnostics and summary stored under `key`, or None when there is no usable entry."""
    if key is None:
        return None
    try:
        raw = json.loads((cache_dir() / "validate" / f"{key}.json").read_text(encoding="utf-8"))
        diagnostics = [Diagnostic.from_dict(d) for d in raw["diagnostics"]]
        return diagnostics, dict(raw["summary"])
    except (OSError, ValueError, KeyError, TypeError):  # missing, partial or from another version: not used
        return None


def store(key: str | None, diagnostics: list[Diagnostic], summary: dict) -> None:
    """Write an entry atomically; a cache that cannot be written is not an error."""
    if key is None:
        return
    folder = cache_dir() / "validate"
    payload = {"diagnostics": [d.to_dict() for d in diagnostics], "summary": summary}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)[:-50]:
            old.unlink(missing_ok=True)  # keep the newest entries only
        # ASCII escapes keep file names that are not UTF-8 (held as surrogates, PEP 383) through the round trip.
        write_whole(folder / f"{key}.json", json.dumps(payload, ensure_ascii=True))
    except OSError:
        pass
