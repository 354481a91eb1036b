"""Player settings, remembered between runs in a small JSON file.

A missing file gives the defaults. A damaged file, or one with a bad value, never stops the game: the bad part
falls back to its default, the game says so, and a damaged file is kept beside the new one (`.damaged`) so
nothing the player had is lost.
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


MIN_WINDOW = (1024, 600)  # below this the game asks for a larger window instead of drawing a broken layout


@dataclass
class Settings:
    language: str = "en"
    fullscreen: bool = False
    window: tuple[int, int] = (1280, 720)
    text_scale: int = 100
    palette: str = "standard"
    sound: bool = False
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


def load_settings(path: Path) -> tuple[Settings, str]:
    """The settings in `path`, and a message for the player when something in it could not be used ("" if all
    was well)."""
    settings = Settings()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return settings, ""
    except OSError as exc:
        return settings, f"{path}: cannot read the settings ({exc.strerror or exc}); using the defaults"
    try:
        data = json.loads(raw.decode("utf-8")) if len(raw) < 100_000 else None
    except (UnicodeDecodeError, ValueError):
        data = None
    if not isinstance(data, dict):
        _keep_damaged(path, raw)
        return (
            settings,
            f"{path}: the settings file is damaged; using the defaults (the old file is kept as {path.name}.damaged)",
        )
    bad = []
    for f in fields(Settings):
        if f.name not in data:
            continue
        value = data[f.name]
        if _valid(f.name, value):
            setattr(settings, f.name, tuple(value) if f.name == "window" else value)
        else:
            bad.append(f.name)
    message = f"{path}: ignored bad values for {', '.join(bad)}; using the defaults for those" if bad else ""
    return settings, message


def save_settings(settings: Settings, path: Path) -> str:
    """Write the settings atomically; returns a message if that was impossible ("" on success)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(settings.to_dict(), out, indent=2)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        return f"{path}: cannot save the settings ({exc.strerror or exc})"
    return ""


def _keep_damaged(path: Path, raw: bytes) -> None:
    with contextlib.suppress(OSError):
        path.with_name(path.name + ".damaged").write_bytes(raw)
