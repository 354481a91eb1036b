"""Where a teacher's USB stick (or another folder of logs) may be: the removable drives this computer shows, and the
folders logs were last collected from (kept in the class folder, five at most). No pygame here.

Windows: the drive letters other than the system's; macOS: /Volumes/* but the start-up disk; Linux: /media/<user>/*,
/run/media/<user>/* and /mnt/*. What cannot be listed is left out without a word: these are only suggestions, and a
folder can always be typed.
"""

from __future__ import annotations

import getpass
import json
import os
import string
import sys
from pathlib import Path

RECENT_FILE = "recent-folders.json"
KEEP = 5


def _children(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []


def removable_places() -> list[Path]:
    """The removable drives (or mounted disks) this computer shows now, in a stable order."""
    if sys.platform == "win32":
        system = os.environ.get("SYSTEMDRIVE", "C:").upper()
        drives = [Path(f"{letter}:\\") for letter in string.ascii_uppercase if f"{letter}:" != system]
        found = []
        for drive in drives:
            try:
                if drive.exists():
                    found.append(drive)
            except OSError:
                continue
        return found
    if sys.platform == "darwin":
        volumes = Path("/Volumes")
        return [p for p in _children(volumes) if not (p.is_symlink() and p.resolve() == Path("/"))]
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    roots = [Path("/media") / user, Path("/run/media") / user] if user else []
    return [p for root in [*roots, Path("/mnt")] for p in _children(root)]


def recent_places(classes: Path) -> list[Path]:
    """The folders logs were last collected from, newest first (the ones still there)."""
    try:
        data = json.loads((classes / RECENT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    return [Path(p) for p in data if isinstance(p, str) and p and Path(p).is_dir()][:KEEP]


def remember_place(classes: Path, folder: Path) -> None:
    """Put `folder` first among the recent ones (a failure to write is no reason to stop a class)."""
    kept = [str(folder)] + [str(p) for p in recent_places(classes) if p != folder]
    try:
        classes.mkdir(parents=True, exist_ok=True)
        (classes / RECENT_FILE).write_text(json.dumps(kept[:KEEP], ensure_ascii=False), encoding="utf-8")
    except OSError:
        pass


def suggested_places(classes: Path) -> list[Path]:
    """Recent folders first, then removable drives, each once."""
    out: list[Path] = []
    for p in [*recent_places(classes), *removable_places()]:
        if p not in out:
            out.append(p)
    return out
