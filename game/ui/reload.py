"""F5's content check, off the window's thread (issue 13: a large, broken content folder froze the window).

`load_content` keeps no global state: each call builds its own ContentSet and checker, and the only cache shared
between calls (game.content.templates.parse) is an lru_cache, safe across threads. So the check runs in a worker
thread beside the loop (`start`, on F5); the App shows "checking content…" meanwhile, and calls `finish` on its own
thread once `done` is set: only then is the content swapped in.
"""

from __future__ import annotations

import contextlib
import threading

import pygame

from game.content.diagnostics import SourceLines, format_text
from game.content.loader import LoadResult, load_content

RELOADED = pygame.event.custom_type()  # posted when a check is done: it wakes a loop waiting for input


class ContentCheck(threading.Thread):
    """One load and check of `paths` (None: the shipped content), with its diagnostics formatted for the panel."""

    def __init__(self, paths: list[str] | None, lang: str = "en"):
        super().__init__(name="plaza-content-check", daemon=True)
        self.paths = paths
        self.lang = lang
        self.result: LoadResult | None = None
        self.shown: list[str] = []  # the diagnostics as the panel lists them, when there are errors
        self.failure: BaseException | None = None  # a bug in the checker, re-raised on the window's thread
        self.done = threading.Event()

    def run(self) -> None:
        try:
            self.result = load_content(self.paths)
            if self.result.errors:
                self.shown = formatted(self.result.diagnostics, self.lang)
        except BaseException as exc:
            self.failure = exc
        finally:
            self.done.set()
            with contextlib.suppress(pygame.error):  # the window may have closed meanwhile
                pygame.event.post(pygame.event.Event(RELOADED))


def formatted(diagnostics, lang: str = "en") -> list[str]:
    """Diagnostics as `plaza validate --lang` prints them: place, code, message, the source line and the hint, in
    the player's language."""
    sources = SourceLines()
    return [format_text(d, sources, lang) for d in diagnostics]


def start(app) -> None:
    """F5: load and check the content again in a worker thread, so the window keeps answering. Another F5 while a
    check is under way is ignored."""
    if app.reloading is None:
        app.reloading = ContentCheck(app.content.source_paths or None, app.settings.language)
        app.reloading.start()
        app.dirty = True


def finish(app) -> None:
    """The worker's check is done: keep the old content if the new one has errors, and show them."""
    check, app.reloading = app.reloading, None
    app.dirty = True
    if check is None:
        return
    if check.failure is not None:
        raise check.failure  # a bug in the checker: the loop's crash report, as when F5 ran on the window's thread
    result = check.result
    if result.errors:
        app.open("diagnostics", check.shown)
        return
    app.content = result.content
    app.rebuild()
    app.say(app.texts("notice.reloaded", files=len(result.content.source_paths)))
