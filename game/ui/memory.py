"""Give memory back: the screens left behind at once, and the allocator's free pages between games.

A screen's widgets (pygame_gui elements) hold their pictures, native surfaces Python's collector does not count,
in reference cycles among the element, its shape and its text layout. Killing them leaves the cycles for the
collector, which reaches them only in a full collection: rare, since the widgets of a screen that stayed up a few
frames are old objects by then. A game's screens piled up that way (about 60 MB by the end of a game, and the peak
of a whole game with it). So each screen change collects (`tidy`). A full collection over everything the process
holds takes 60 ms; the objects that live the whole session (modules, content, fonts, the theme) are frozen out of
it (`gc.freeze`) when the window opens and again at the title, so it looks only at the game in play and the
screens: a few ms.

glibc's allocator keeps freed pages in its heap for reuse, so the process's resident size stayed near its peak
(about 280 MB back at the title after a game, 200 MB of it no longer in use). Back at the title the window
collects everything and asks glibc to return its free pages (`malloc_trim`). Elsewhere (macOS, Windows, musl) it
only collects: their allocators return memory on their own terms.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from collections.abc import Callable

from pygame_gui.elements import UITextBox

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter (malloc.h)
MMAP_THRESHOLD = 128 * 1024  # glibc's own starting value, kept


def _glibc(name: str) -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return getattr(libc, name)  # glibc only; musl has neither (AttributeError)
    except (OSError, AttributeError):
        return None


_MALLOC_TRIM = _glibc("malloc_trim")
_MALLOPT = _glibc("mallopt")


def big_blocks_apart() -> None:
    """Keep big blocks (surfaces, pixel arrays: 128 KB and more) out of the heap, in pages of their own that go back
    to the system when freed. glibc starts that way but raises the bar to the size of each big block freed (up to
    32 MB), so after the first screen a screen's temporary pictures and arrays landed in the heap, where what they
    left free stayed resident (about 10 MB of a game's peak). Fixing the threshold stops that."""
    if _MALLOPT is not None:
        _MALLOPT(M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def freeze() -> None:
    """Collect, then keep every object alive now out of later collections (they live until the next `release`)."""
    gc.collect()
    gc.freeze()


def release() -> None:
    """Collect everything (the frozen objects too), return the allocator's free pages to the system where it can,
    and freeze what is left: what lives between games."""
    gc.unfreeze()
    gc.collect()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)
    gc.freeze()


def tidy() -> None:
    """A screen was left: free its widgets and their pictures now (the objects not frozen)."""
    gc.collect()


class TextBox(UITextBox):
    """pygame_gui's text box, laying out a page too long for it once, not twice at once.

    A text longer than its box is laid out and drawn whole at the box's width, found too tall, then laid out and
    drawn again beside a scroll bar; the first page (a whole picture of it: 5.7 MB for the debrief's) waited for a
    full collection, and was still there while the second was drawn: the debrief's peak. It goes before."""

    def _build_scrollbar_for_oversized_text(self, *args, **kwargs) -> None:
        self.text_box_layout = None  # only measured: the narrower page replaces it
        tidy()
        super()._build_scrollbar_for_oversized_text(*args, **kwargs)
