"""The window gives freed memory back (game/ui/memory.py): a screen's widgets and their pictures go when the screen
goes, and back at the title it collects everything and trims the allocator's heap, and only there (a trim on every
screen change would cost frames for nothing)."""

from __future__ import annotations

import ast
import gc
import sys
import weakref

from pygame_gui.core import UIAppearanceTheme

from game.ui import memory
from tests.ui.harness import Driver, city_screen


def test_the_title_releases_memory_and_other_screens_do_not(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(memory, "release", lambda: calls.append(1))
    drv = Driver(tmp_path, start_title=False)
    drv.app.replace("title")
    assert calls == []  # not while the screen left may still be held (by the button that left it) ...
    drv.frames(1)
    assert calls == [1]  # ... but at the title's first frame
    drv.app.replace("setup")
    drv.frames(2)
    assert calls == [1]


def test_the_screen_left_by_a_button_is_freed_before_the_next_frame_draws(tmp_path):
    drv = city_screen(tmp_path)
    city = drv.app.top
    scene = weakref.ref(city)
    gc.disable()  # only the screen change may collect it, not a collection that happens to run meanwhile
    try:
        (lambda s: s.app.replace("setup"))(city)  # as a button's callback: it holds the screen while leaving it
        del city
        assert scene() is not None  # in cycles with its widgets, left for a full collection ...
        drv.frames(1)
    finally:
        gc.enable()
    assert scene() is None  # ... but collected at the next frame


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


def test_the_widget_theme_remembers_theming_ids_under_short_keys(tmp_path):
    drv = city_screen(tmp_path)
    theme = drv.app.ui.get_theme()
    assert theme.combined_ids and not theme.unique_theming_ids  # pygame_gui's own keys run to 0.8 MB each
    assert max(len(key) for key in theme.combined_ids) < 2000
    library = UIAppearanceTheme(drv.app.ui.resource_loader, "en")
    for key, ids in theme.combined_ids.items():  # the same ids as the library gives
        assert library.build_all_combined_ids(*ast.literal_eval(key)) == ids
