"""Collecting a class's logs from another folder (a USB stick the groups copied their logs onto) into the session's
folder on the teacher's computer, so the export and the class report see them.

`collect_logs(source, session_id, dest)` looks through `source` (and its folders, a few levels down) for decision
logs (`*.jsonl`) whose header names this session, and copies each one not already there. Nothing is overwritten
or deleted: a name already taken becomes `name-2.jsonl`, and a file with the same bytes as one already in the
session's folder is not copied again, so collecting twice from the same stick copies nothing the second time.
Logs of other sessions and files that are not logs are counted and left where they are.

Pure Python, no pygame.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

MAX_DEPTH = 4  # a stick's folder, a session folder under classroom/, and a little more
MAX_FILES = 5000  # a whole disk given by mistake is looked through only this far
MAX_HEADER = 64 * 1024  # a log's first line (its header) is short; a longer one is not a log


class CollectError(ValueError):
    """The folder cannot be used: `kind` is missing, not_folder, same_folder or unreadable."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


@dataclass
class Collected:
    copied: list[str] = field(default_factory=list)  # the names the copies got in the session's folder
    already: int = 0  # logs of this session already there (the same bytes)
    other_sessions: int = 0  # logs of another class session, left where they are
    not_logs: int = 0  # *.jsonl files whose first line is not a log's header
    failed: list[str] = field(default_factory=list)  # files that could not be read or copied (names only)
    cut_short: bool = False  # more than MAX_FILES files: the rest was not looked at


def find_jsonl(source: Path) -> tuple[list[Path], bool]:
    """The `*.jsonl` files under `source`, at most MAX_DEPTH folders down, in a stable order; and whether the search
    stopped at MAX_FILES. Hidden folders (.Trash, .Spotlight…) are skipped, links to folders are not followed."""
    found: list[Path] = []
    base_depth = len(source.parts)
    for root, dirs, files in os.walk(source):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if len(here.parts) - base_depth < MAX_DEPTH else []
        for name in sorted(files):
            if name.endswith(".jsonl") and not name.startswith("."):
                found.append(here / name)
                if len(found) >= MAX_FILES:
                    return found, True
    return found, False


def header_session(path: Path) -> str | None:
    """The session id in a log's header line; None when the file is not a class log. OSError when unreadable."""
    with open(path, "rb") as f:
        line = f.readline(MAX_HEADER)
    try:
        header = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(header, dict) or not isinstance(header.get("session"), str):
        return None
    return header["session"]


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def _free_name(dest: Path, name: str) -> Path:
    stem, suffix = name[: -len(".jsonl")], ".jsonl"
    n = 1
    while True:
        candidate = dest / (name if n == 1 else f"{stem}-{n}{suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def collect_logs(source: str | os.PathLike, session_id: str, dest: str | os.PathLike) -> Collected:
    """Copy the logs of session `session_id` found under `source` into `dest` (see the module's docstring)."""
    source, dest = Path(source).expanduser(), Path(dest)
    if not source.exists():
        raise CollectError("missing", source.name or str(source))
    if not source.is_dir():
        raise CollectError("not_folder", source.name)
    try:
        if dest.exists() and source.resolve() == dest.resolve():
            raise CollectError("same_folder", source.name)
        files, cut_short = find_jsonl(source)
    except OSError as exc:
        raise CollectError("unreadable", exc.strerror or str(exc)) from exc
    dest.mkdir(parents=True, exist_ok=True)
    have = {_digest(p) for p in dest.glob("*.jsonl") if p.is_file()}
    done = Collected(cut_short=cut_short)
    for path in files:
        try:
            if dest.resolve() in path.resolve().parents:
                continue  # the session's own folder inside the one given: nothing to copy from there
            session = header_session(path)
            if session is None:
                done.not_logs += 1
                continue
            if session != session_id:
                done.other_sessions += 1
                continue
            digest = _digest(path)
            if digest in have:
                done.already += 1
                continue
            target = _free_name(dest, path.name)
            shutil.copyfile(path, target)
            have.add(digest)
            done.copied.append(target.name)
        except OSError:
            done.failed.append(path.name)
    return done
