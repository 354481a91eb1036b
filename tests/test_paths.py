"""Where the game finds what it ships and where it keeps the player's files, on every system.

The shipped content, levels and fonts sit beside the `game` package (source tree, installed wheel, PyInstaller
bundle). The player's files are built from game/paths.py's folders with pathlib, never with "/" in strings: checked
here with Windows names (PureWindowsPath standing in for Path, a Windows PLAZA_HOME or platformdirs answer), and the
file names the game makes (saves, logs, class logs) are checked against Windows' rules.
"""

from __future__ import annotations

import sys
from pathlib import Path, PureWindowsPath
from types import SimpleNamespace

import pytest

from game import paths, user_cache
from game.content import check_cache
from game.content.files import REPO_ROOT, SHIPPED_CONTENT, SHIPPED_LEVELS
from game.content.loader import load_content
from game.session import fire_counts
from game.session.storage import Storage

WINDOWS_HOME = r"C:\Users\Ana María\Documents\Plaza Clase 3"
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{i}" for d in ("COM", "LPT") for i in range(1, 10)}


def windows_file_name_problem(name: str) -> str | None:
    """Why Windows would refuse (or misread) `name` as a file name, or None."""
    if any(ch in name for ch in '<>:"/\\|?*') or any(ord(ch) < 32 for ch in name):
        return "a character Windows does not allow"
    if name.endswith((" ", ".")):
        return "a trailing space or dot"
    if name.split(".")[0].upper() in WINDOWS_RESERVED:
        return "a reserved device name"
    if len(name) > 255:
        return "too long"
    return None


@pytest.fixture
def windows(monkeypatch):
    """game.paths builds PureWindowsPath objects, as it builds WindowsPath objects on Windows."""
    monkeypatch.setattr(paths, "Path", PureWindowsPath)
    monkeypatch.setattr(user_cache, "Path", PureWindowsPath)
    return monkeypatch


# --- what the game ships ------------------------------------------------------------------------------------------


def test_the_shipped_files_are_found_beside_the_game_package():
    root = paths.resource_root()
    assert root == REPO_ROOT  # game/content/files.py computes the same folder
    assert paths.content_dir() == SHIPPED_CONTENT and paths.levels_dir() == SHIPPED_LEVELS
    assert (paths.content_dir() / "model.yaml").is_file()
    assert (paths.levels_dir() / "first_steps.yaml").is_file()
    assert (paths.fonts_dir() / "DejaVuSans.ttf").is_file() and (paths.fonts_dir() / "DejaVuSans-Bold.ttf").is_file()


def test_the_fonts_the_ui_opens_are_the_shipped_ones():
    from game.ui.theme import BOLD, REGULAR

    assert paths.fonts_dir() / "DejaVuSans.ttf" == REGULAR
    assert paths.fonts_dir() / "DejaVuSans-Bold.ttf" == BOLD


def test_inside_the_bundle_the_shipped_files_are_in_its_data_folder(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.frozen()
    assert paths.resource_root() == tmp_path
    assert paths.content_dir() == tmp_path / "content"
    assert paths.fonts_dir() == tmp_path / "assets" / "fonts"


def test_outside_a_bundle_sys_frozen_alone_changes_nothing(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert not paths.frozen()
    assert paths.resource_root() == REPO_ROOT


def test_shipped_file_names_are_the_same_on_case_insensitive_systems():
    """Windows and macOS compare names without case: two shipped files must not differ only by case."""
    for folder in (paths.content_dir(), paths.levels_dir(), paths.resource_root() / "assets"):
        names = [p.relative_to(folder).as_posix() for p in folder.rglob("*")]
        assert len({n.casefold() for n in names}) == len(names), folder
        for name in names:
            for part in name.split("/"):
                assert windows_file_name_problem(part) is None, name


# --- the player's files with Windows names ------------------------------------------------------------------------


def test_plaza_home_with_a_windows_path(windows):
    windows.delenv("PLAZA_CACHE_DIR", raising=False)  # the test suite's own cache folder
    windows.setenv("PLAZA_HOME", WINDOWS_HOME)
    home = PureWindowsPath(WINDOWS_HOME)
    assert paths.config_dir() == home / "config"
    assert paths.settings_file() == home / "config" / "settings.json"
    assert paths.saves_dir() == home / "data" / "saves"
    assert str(paths.autosave_file()) == WINDOWS_HOME + r"\data\saves\autosave.json"
    assert str(paths.logs_dir()) == WINDOWS_HOME + r"\data\logs"
    assert paths.running_marker() == home / "data" / "running"
    assert paths.crash_report_file() == home / "data" / "crash.txt"
    assert paths.cache_dir() == home / "cache"
    assert paths.screenshots_dir() == home / "data" / "screenshots"


def test_the_usual_windows_folders_when_plaza_home_is_not_set(windows):
    windows.delenv("PLAZA_HOME", raising=False)
    windows.delenv("PLAZA_SCREENSHOTS", raising=False)
    local = r"C:\Users\José\AppData\Local\plaza"
    roaming = r"C:\Users\José\AppData\Roaming\plaza"
    windows.setattr(paths.platformdirs, "user_data_dir", lambda app, appauthor=None: local)
    windows.setattr(paths.platformdirs, "user_config_dir", lambda app, appauthor=None: roaming)
    assert str(paths.saves_dir()) == local + r"\saves"
    assert str(paths.logs_dir()) == local + r"\logs"
    assert str(paths.settings_file()) == roaming + r"\settings.json"


def test_one_cache_folder_for_every_cache(windows):
    """The checked-content cache, the parse cache, event counts and debrief comparisons share one folder; a
    teacher's PLAZA_HOME holds it too, and PLAZA_CACHE_DIR moves it alone."""
    windows.delenv("PLAZA_CACHE_DIR", raising=False)
    windows.setenv("PLAZA_HOME", WINDOWS_HOME)
    assert (
        paths.cache_dir()
        == check_cache.cache_dir()
        == fire_counts.cache_dir()
        == PureWindowsPath(WINDOWS_HOME) / "cache"
    )
    windows.setenv("PLAZA_CACHE_DIR", r"D:\cache")
    assert paths.cache_dir() == check_cache.cache_dir() == PureWindowsPath(r"D:\cache")


def test_plaza_screenshots_may_name_a_windows_folder(windows):
    windows.setenv("PLAZA_SCREENSHOTS", r"D:\Clase\capturas")
    assert paths.screenshots_dir() == PureWindowsPath(r"D:\Clase\capturas")


def test_saves_and_logs_are_named_within_windows_rules(windows):
    """Storage puts `<level>-<role>.json` in the saves folder, and an ordinary game's log is
    `<level>-<role>-<seed>.jsonl`: for every shipped level and role both are valid, distinct Windows names."""
    from game.ui import classgame

    windows.setenv("PLAZA_HOME", WINDOWS_HOME)
    content = load_content().content
    names = []
    for level_id in content.levels:
        for role in ("official", "organizer"):
            session = SimpleNamespace(level=SimpleNamespace(id=level_id), role=role, seed=12345)
            save = Storage.save_path(session)  # type: ignore[arg-type]
            assert save.parent == PureWindowsPath(WINDOWS_HOME) / "data" / "saves"
            log, _ = classgame.log_target(SimpleNamespace(session=session, classroom=None))
            assert log.parent == PureWindowsPath(WINDOWS_HOME) / "data" / "logs"
            for path in (save, log):
                assert windows_file_name_problem(path.name) is None, path.name
                names.append(path.name)
    assert len({n.casefold() for n in names}) == len(names)


@pytest.mark.parametrize("group", ['Equipo 1: "Los/Las" <b>', "Grupo A\\B", "Ñandú?*", " trailing. ", "a" * 300, "..."])
def test_class_log_names_from_what_students_type_are_valid_on_windows(group):
    from game.classfiles.logs import class_log_path

    session = SimpleNamespace(id="0a1b2c3d")
    path = class_log_path(PureWindowsPath(WINDOWS_HOME) / "data" / "classroom", session, group)
    assert isinstance(path, Path | PureWindowsPath)
    assert windows_file_name_problem(PureWindowsPath(path).name) is None


@pytest.mark.parametrize("group", ["Con", "aux", "NUL", "com1"])
def test_class_log_names_avoid_windows_device_names(group):
    from game.classfiles.logs import class_log_path

    path = class_log_path(Path("classroom"), SimpleNamespace(id="0a1b2c3d"), group)
    assert windows_file_name_problem(path.name) is None
