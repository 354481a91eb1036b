"""Where the game finds what it ships (content, levels, fonts) and where it keeps the player's things: settings,
saves, the autosave, decision logs, screenshots, the crash marker and report.

What it ships is found by game/resources.py (the source tree, an installed wheel's game/_data/, or the PyInstaller
bundle); game/content/files.py (REPO_ROOT) asks the same function.

The player's things: PLAZA_HOME puts everything under one folder (tests and classroom machines use it); otherwise
the usual per-user folders of the operating system (platformdirs). Nothing is created until something is written.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from game import user_cache
from game.resources import frozen as frozen
from game.resources import resource_root as resource_root

APP = "plaza"


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
    return user_cache.cache_dir()


def screenshots_dir() -> Path:
    return Path(os.environ.get("PLAZA_SCREENSHOTS") or data_dir() / "screenshots")
