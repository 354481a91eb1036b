"""Give memory back to the system between games.

A game's model, its debrief comparison and its screens allocate and free hundreds of megabytes. Python frees them,
but glibc's allocator keeps freed pages in its heap for reuse, so the process's resident size stayed near its
peak (about 280 MB back at the title after a game, 200 MB of it no longer in use). Back at the title the window
collects cycles and asks glibc to return its free pages (`malloc_trim`). Elsewhere (macOS, Windows, musl) it
only collects: their allocators return memory on their own terms.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from collections.abc import Callable


def _trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim  # glibc only; musl has none (AttributeError)
    except (OSError, AttributeError):
        return None


_MALLOC_TRIM = _trim()


def release() -> None:
    """Collect unreachable objects, then return the allocator's free pages to the system where it can."""
    gc.collect()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)
