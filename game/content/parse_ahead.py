"""Parse ahead: while `plaza validate` imports the checker (pydantic and the content models, the first fifth of a
second of a run), a second process parses the content files into the parse cache, so that the loader reads most
of them back instead of parsing them itself. On a machine with two cores or more, a run with no cache left (the
first, or after the cache was deleted) ends about a tenth of a second sooner.

Nothing is decided in the helper: it only writes parse cache entries (game/content/parse_cache.py), each whole or
not at all, for texts it read the way the loader reads them (regular files only, links only inside their root), so
what `plaza validate` prints is the same with it, without it, or if it fails. It parses the files the cache does
not hold yet, last first (the loader starts with the first), and stops between two files once the loader is done.

It needs `os.fork` (not on Windows), a second core that is free (the load average leaves one idle: on a busy
machine the two processes would only take turns and the run would end later), and no other thread running;
`PLAZA_PARSE_AHEAD=0` turns it off, `PLAZA_PARSE_AHEAD=1` starts it even on a busy machine. This module imports
no pydantic: the helper starts before the checker is imported.
"""

from __future__ import annotations

import os
import select
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

from game.content.files import label_of
from game.content.parse_cache import ParseCache
from game.content.yaml_text import YamlProblems, read_text

ENV = "PLAZA_PARSE_AHEAD"
_GRACE = 0.2  # seconds the loader waits for the helper to finish its file before stopping it


def start(files: list[tuple[Path, Path]], cache: ParseCache) -> Callable[[], None] | None:
    """Start the helper on `files` (each with its root, as files._discover gives them); returns the function that
    stops it and waits for it, or None when it does not run here."""
    wanted = os.environ.get(ENV, "")  # "0": never; "1": whenever it can, however busy the machine (tests, benches)
    if wanted == "0" or not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    if wanted != "1" and not _spare_core():
        return None
    here = Path.cwd().resolve() if files else None
    todo = [(path, root, label_of(path, here)) for path, root in files]
    try:
        done_r, done_w = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the helper: never returns, never prints, never runs the parent's exit handlers
        status = 0
        try:
            os.close(done_w)
            _parse_all(todo, cache, done_r)
        except BaseException:  # an interrupt or any problem: the loader parses what is missing
            status = 1
        finally:
            os._exit(status)
    os.close(done_r)
    return lambda: _stop(pid, done_w, cache.folder)


def _parse_all(todo: list[tuple[Path, Path, str]], cache: ParseCache, done: int) -> None:
    for path, root, label in reversed(todo):
        if select.select([done], [], [], 0)[0]:  # the loader closed its end: it has finished
            return
        try:
            text, _ = read_text(path, label, root)
            if not (cache.folder / f"{cache.key(text, label)}.json").exists():
                cache.parse(text, label)
        except (YamlProblems, OSError):
            continue  # a file the loader will refuse, or a text it will report on, with the same words


def _stop(pid: int, done: int, folder: Path) -> None:
    os.close(done)
    try:
        deadline = time.monotonic() + _GRACE
        while time.monotonic() < deadline:
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return
            time.sleep(0.002)
        os.kill(pid, signal.SIGKILL)  # still on one large file: the loader has read it already
        os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):  # already reaped (SIGCHLD ignored) or gone
        return
    for part in folder.glob(f".*.{pid}.part"):  # an entry it was writing when stopped (user_cache.write_whole)
        part.unlink(missing_ok=True)


def _spare_core() -> bool:
    """Is a core idle enough for the helper? On a busy machine it would only take turns with the loader and
    slow the run down."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):
        busy = 0.0
    return cores >= 2 and busy <= cores - 1
