"""How often each event fired in the last `plaza simulate` of a level, kept in the user's cache folder.

`plaza simulate` saves one small JSON file per level id (`<cache>/fire_counts/<level>.json`); the language
server (`plaza lsp`) reads them to show, over each event, how often it fired, and to warn about events that
never did. The cache folder is game/user_cache.py's (`$PLAZA_CACHE_DIR`, `$PLAZA_HOME/cache`, or the user's cache).

Nothing here may make a command fail: a cache that cannot be written is skipped, one that cannot be read (or
was written by something else) is ignored.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from game.user_cache import CACHE_ENV as CACHE_ENV  # re-exported: tests point the cache elsewhere by it
from game.user_cache import cache_dir

FOLDER = "fire_counts"
FORMAT = 1
_LEVEL_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")
MAX_BYTES = 1_000_000  # a counts file is a few kilobytes; anything larger is not ours


def counts_path(level_id: str) -> Path | None:
    """The file for a level, or None for a string that is not a level id (it never becomes a path)."""
    if not _LEVEL_ID.fullmatch(level_id):
        return None
    return cache_dir() / FOLDER / f"{level_id}.json"


@dataclass(frozen=True)
class FireCounts:
    """One level's last simulation: how many of `runs` games each event fired in (at least once)."""

    level: str
    runs: int
    date: str  # ISO 8601, UTC
    role: str = ""
    bot: str = ""
    turns: int = 0
    seed: int = 0
    content_hash: str = ""
    fired: dict[str, int] = field(default_factory=dict)  # event id -> games it fired in
    never_fired: tuple[str, ...] = ()  # events the level could reach that fired in no game

    def share(self, event_id: str) -> float | None:
        """The share of games the event fired in; None when the event was not part of that simulation."""
        if event_id in self.fired:
            return self.fired[event_id] / self.runs
        if event_id in self.never_fired:
            return 0.0
        return None

    @property
    def day(self) -> str:
        return self.date[:10]


def from_result(result: dict, *, content_hash: str = "", now: datetime | None = None) -> FireCounts:
    """The record of a `game.runs.simulate.simulate` result."""
    return FireCounts(
        level=result["level"],
        runs=int(result["run_count"]),
        date=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
        role=result.get("role", ""),
        bot=result.get("bot", ""),
        turns=int(result.get("turns", 0)),
        seed=int(result.get("seed", 0)),
        content_hash=content_hash,
        fired={event: int(e["fired_runs"]) for event, e in result.get("events", {}).items()},
        never_fired=tuple(result.get("never_fired", ())),
    )


def save(result: dict, *, content_hash: str = "", now: datetime | None = None) -> Path | None:
    """Write the fire counts of a simulation atomically; return the file, or None when it could not be written."""
    try:
        record = from_result(result, content_hash=content_hash, now=now)
        path = counts_path(record.level)
        if path is None:
            return None
        data = {"format": FORMAT, **_as_dict(record)}
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{record.level}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _as_dict(record: FireCounts) -> dict:
    return {
        "level": record.level,
        "runs": record.runs,
        "date": record.date,
        "role": record.role,
        "bot": record.bot,
        "turns": record.turns,
        "seed": record.seed,
        "content_hash": record.content_hash,
        "fired": record.fired,
        "never_fired": list(record.never_fired),
    }


def load(level_id: str) -> FireCounts | None:
    """The level's last fire counts, or None if there are none (or they cannot be read)."""
    path = counts_path(level_id)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return None
        return _parse(json.loads(raw.decode("utf-8")), level_id)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def load_all() -> dict[str, FireCounts]:
    """Every level's fire counts found in the cache folder."""
    try:
        names = sorted(p.stem for p in (cache_dir() / FOLDER).glob("*.json"))
    except OSError:
        return {}
    found = {}
    for name in names:
        record = load(name)
        if record is not None:
            found[name] = record
    return found


def _parse(data: object, level_id: str) -> FireCounts | None:
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("level") != level_id:
        return None
    runs = data["runs"]
    fired = data.get("fired", {})
    never = data.get("never_fired", [])
    if not isinstance(runs, int) or runs < 1 or not isinstance(fired, dict) or not isinstance(never, list):
        return None
    if not all(isinstance(k, str) and isinstance(v, int) and 0 <= v <= runs for k, v in fired.items()):
        return None
    return FireCounts(
        level=level_id,
        runs=runs,
        date=str(data.get("date", "")),
        role=str(data.get("role", "")),
        bot=str(data.get("bot", "")),
        turns=int(data.get("turns", 0)),
        seed=int(data.get("seed", 0)),
        content_hash=str(data.get("content_hash", "")),
        fired=dict(fired),
        never_fired=tuple(str(e) for e in never),
    )
