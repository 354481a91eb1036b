"""Work the game's process started in the background (the debrief's comparison), stopped when the game ends.

A process pool's pending batches keep a Python process alive at exit until every one has run: closing the window
while the debrief compared 1,000 games left the process running for ten seconds more. Whatever starts such work
registers how to stop it here; the game's window calls `stop_all` as it closes. Nothing heavy is imported, so the
window can import this at start-up for nothing.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable

_stoppers: dict[int, Callable[[], None]] = {}
_keys = itertools.count(1)  # never reused: work stopped long ago may still `forget` its key as its thread ends
_lock = threading.Lock()


def register(stop: Callable[[], None]) -> int:
    """Remember how to stop one piece of work; the key is for `forget` once it is done."""
    with _lock:
        key = next(_keys)
        _stoppers[key] = stop
        return key


def forget(key: int) -> None:
    with _lock:
        _stoppers.pop(key, None)


def stop_all() -> None:
    """Ask every piece of background work still running to stop (each returns at once; its thread ends soon)."""
    with _lock:
        stops = list(_stoppers.values())
        _stoppers.clear()
    for stop in stops:
        stop()
