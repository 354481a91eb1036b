"""Where the game finds what it ships (content, levels, fonts) and where it keeps the player's things: settings,
saves, the autosave, decision logs, screenshots, the crash marker and report.

What it ships sits beside the `game` package, in the same place in all three ways the game runs:
- the source tree: the repository's content/, levels/ and assets/ beside game/;
- an installed wheel: the wheel puts them beside game/ in site-packages (pyproject.toml, force-include);
- the PyInstaller bundle: tools/bundle.py puts them in the bundle's folder of data (`sys._MEIPASS`).
game/content/files.py (REPO_ROOT) computes the same folder; tests/test_paths.py checks they agree.

The player's things: PLAZA_HOME puts everything under one folder (tests and classroom machines use it); otherwise
the usual per-user folders of the operating system (platformdirs). Nothing is created until something is written.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP = "plaza"
_PACKAGE = Path(__file__).resolve().parent  # game/


def frozen() -> bool:
    """True inside the PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def resource_root() -> Path:
    """The folder that holds content/, levels/ and assets/: the bundle's data folder, else the folder of `game/`."""
    if frozen():
        return Path(getattr(sys, "_MEIPASS"))  # noqa: B009 (not in typeshed's sys)
    return _PACKAGE.parent


def content_dir() -> Path:
    return resource_root() / "content"


def levels_dir() -> Path:
    return resource_root() / "levels"


def fonts_dir() -> Path:
    return resource_root() / "assets" / "fonts"


def home() -> Path | None:
    value = os.environ.get("PLAZA_HOME")
    return Path(os.path.expanduser(value)) if value else None


def config_dir() -> Path:
    base = home()
    return (base / "config") if base else Path(platformdirs.user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    base = home()
    return (base / "data") if base else Path(platformdirs.user_data_dir(APP, appauthor=False))


def settings_file() -> Path:
    return config_dir() / "settings.json"


def saves_dir() -> Path:
    return data_dir() / "saves"


def autosave_file() -> Path:
    return saves_dir() / "autosave.json"


def logs_dir() -> Path:
    return data_dir() / "logs"


def running_marker() -> Path:
    """There while the game runs: one left behind says the last run did not end cleanly (crash recovery)."""
    return data_dir() / "running"


def crash_report_file() -> Path:
    return data_dir() / "crash.txt"


def cache_dir() -> Path:
    return data_dir() / "cache"


def screenshots_dir() -> Path:
    return Path(os.environ.get("PLAZA_SCREENSHOTS") or data_dir() / "screenshots")
