"""Between games the window gives freed memory back (game/ui/memory.py): back at the title it collects and trims
the allocator's heap, and only there (a trim on every screen change would cost frames for nothing)."""

from __future__ import annotations

import sys

from game.ui import memory
from tests.ui.harness import Driver


def test_the_title_releases_memory_and_other_screens_do_not(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(memory, "release", lambda: calls.append(1))
    drv = Driver(tmp_path, start_title=False)
    drv.app.replace("title")
    assert calls == [1]
    drv.app.replace("setup")
    assert calls == [1]


def test_release_trims_glibcs_heap_where_there_is_one():
    memory.release()  # never raises, wherever it runs
    if sys.platform.startswith("linux"):
        assert memory._MALLOC_TRIM is not None or "musl" in (memory.ctypes.util.find_library("c") or "")
