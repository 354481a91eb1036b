"""Where the game keeps the player's things: settings, saves, the autosave, decision logs, screenshots, the crash
marker and report.

PLAZA_HOME puts everything under one folder (tests and classroom machines use it); otherwise the usual
per-user folders of the operating system (platformdirs). Nothing is created until something is written.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "plaza"


def home() -> Path | None:
    value = os.environ.get("PLAZA_HOME")
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    return (home() / "config") if home() else Path(platformdirs.user_config_dir(APP, appauthor=False))


def data_dir() -> Path:
    return (home() / "data") if home() else Path(platformdirs.user_data_dir(APP, appauthor=False))


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
