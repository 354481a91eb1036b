"""Player settings, remembered between runs in a small JSON file.

A missing file gives the defaults. A damaged file, or one with a bad value, never stops the game: the bad part
falls back to its default, the game says so, and a damaged file is kept beside the new one (`.damaged`) so
nothing the player had is lost. A problem is typed (`SettingsProblem`): the screens say it in the player's language
(the strings `settings.problem_<kind>`) and name the file, never the folders it lives in.

There is no sound setting: Plaza makes no sound, so the Sound switch is gone (a `sound` key in an older file is
ignored), and the game never starts the audio system.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

LANGUAGES = ("en", "es")
PALETTES = ("standard", "colourblind")
TEXT_SCALES = (100, 125, 150, 175, 200)


def fitting_scale(window: tuple[int, int]) -> int:
    """The largest text scale whose layouts fit a window this size: 150% at 1280×720, 200% at 1920×1080, and in
    proportion between (never under 100%)."""
    room = min(window[0] / 1280, window[1] / 720) * 150
    return max([TEXT_SCALES[0]] + [s for s in TEXT_SCALES if s <= room + 1e-9])


@dataclass(frozen=True)
class SettingsProblem:
    kind: str  # "unreadable", "damaged", "bad_values" or "unsaved": the string `settings.problem_<kind>` says it
    file: str  # the file's name
    detail: str = ""  # the fields ignored, or the system's reason

    def __str__(self) -> str:  # English, for tests and logs
        return f"{self.file}: {self.kind.replace('_', ' ')} {self.detail}".strip()


MIN_WINDOW = (1024, 600)  # below this the game asks for a larger window instead of drawing a broken layout


@dataclass
class Settings:
    language: str = "en"
    fullscreen: bool = False
    window: tuple[int, int] = (1280, 720)
    text_scale: int = 100
    palette: str = "standard"
    content_note_seen: bool = False

    def to_dict(self) -> dict:
        data = asdict(self)
        data["window"] = list(self.window)
        return data


def _valid(name: str, value) -> bool:
    if name == "language":
        return value in LANGUAGES
    if name == "palette":
        return value in PALETTES
    if name == "text_scale":
        return isinstance(value, int) and not isinstance(value, bool) and value in TEXT_SCALES
    if name == "window":
        return (
            isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) and 200 <= v <= 10000 for v in value)
        )
    return isinstance(value, bool)


def load_settings(path: Path) -> tuple[Settings, SettingsProblem | None]:
    """The settings in `path`, and what the player should be told when something in it could not be used."""
    settings = Settings()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return settings, None
    except OSError as exc:
        return settings, SettingsProblem("unreadable", path.name, str(exc.strerror or exc))
    try:
        data = json.loads(raw.decode("utf-8")) if len(raw) < 100_000 else None
    except (UnicodeDecodeError, ValueError):
        data = None
    if not isinstance(data, dict):
        _keep_damaged(path, raw)
        return settings, SettingsProblem("damaged", path.name, f"{path.name}.damaged")
    bad = []
    for f in fields(Settings):
        if f.name not in data:
            continue
        value = data[f.name]
        if _valid(f.name, value):
            setattr(settings, f.name, tuple(value) if f.name == "window" else value)
        else:
            bad.append(f.name)
    return settings, SettingsProblem("bad_values", path.name, ", ".join(bad)) if bad else None


def save_settings(settings: Settings, path: Path) -> SettingsProblem | None:
    """Write the settings atomically; what went wrong, if it was impossible."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(settings.to_dict(), out, indent=2)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        return SettingsProblem("unsaved", path.name, str(exc.strerror or exc))
    return None


def _keep_damaged(path: Path, raw: bytes) -> None:
    with contextlib.suppress(OSError):
        path.with_name(path.name + ".damaged").write_bytes(raw)
