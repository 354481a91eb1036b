"""Opening a folder in the system's file manager and a page in the web browser, from the game window.

A folder opens with os.startfile on Windows, `open` on macOS and `xdg-open` elsewhere; a page with Python's
webbrowser module. Each returns "" when it went, else a short reason the window can show (never a traceback):
a machine without a desktop (a classroom server, a test) has no file manager to start.
No pygame here, so the screens that call these can be tested with them replaced.
"""

from __future__ import annotations

import os
import subprocess
import sys
import webbrowser
from pathlib import Path

WAIT = 3.0  # seconds to wait for the opener's answer: `xdg-open` and `open` return once the program is started


def _command(path: Path) -> list[str]:
    return ["open", str(path)] if sys.platform == "darwin" else ["xdg-open", str(path)]


def open_folder(path: str | os.PathLike) -> str:
    """Show `path` (a folder) in the file manager; "" when it opened, else why not."""
    folder = Path(path)
    if not folder.is_dir():
        return "missing"
    try:
        if sys.platform == "win32":
            os.startfile(folder)  # type: ignore[attr-defined]  # Windows only
            return ""
        done = subprocess.run(
            _command(folder),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=WAIT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return ""  # still starting the file manager: it is on its way
    except FileNotFoundError:
        return "no_opener"  # no `xdg-open` (or `open`) on this machine
    except OSError as exc:
        return exc.strerror or "failed"
    return "" if done.returncode == 0 else "failed"


def open_page(path: str | os.PathLike) -> str:
    """Open a local HTML page in the web browser; "" when a browser took it, else why not."""
    page = Path(path)
    if not page.is_file():
        return "missing"
    try:
        return "" if webbrowser.open(page.resolve().as_uri()) else "no_browser"
    except webbrowser.Error:
        return "no_browser"
    except OSError as exc:
        return exc.strerror or "failed"
