"""The window gives freed memory back (game/ui/memory.py): a screen's widgets and their pictures go when the screen
goes, and back at the title it collects everything and trims the allocator's heap, and only there (a trim on every
screen change would cost frames for nothing)."""

from __future__ import annotations

import gc
import sys
import weakref

from game.ui import memory
from tests.ui.harness import Driver, city_screen


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


def test_a_screen_left_frees_its_widgets_at_once(tmp_path):
    drv = city_screen(tmp_path)
    widgets = [weakref.ref(element) for element in drv.app.top.elements]
    assert widgets
    gc.disable()  # only the screen change may collect them, not a collection that happens to run meanwhile
    try:
        drv.app.open("history")
        drv.frames(1)
    finally:
        gc.enable()
    assert [widget() for widget in widgets if widget() is not None] == []


def test_big_blocks_are_kept_apart_where_glibc_allows():
    memory.big_blocks_apart()  # never raises, wherever it runs
    if memory._MALLOC_TRIM is not None:  # glibc: mallopt is there too
        assert memory._MALLOPT is not None
