"""Over each event, how often it fired in the last `plaza simulate` of each level that could reach it.

The counts come from the cache `plaza simulate` writes (`game.session.fire_counts`). An event that fired in
none of the games of a level that could reach it also gets a W212 warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.content.diagnostic_text import msg
from game.content.diagnostics import Diagnostic, diag
from game.content.loader import ContentSet
from game.lsp.project import resolved
from game.session.fire_counts import FireCounts


@dataclass(frozen=True)
class Lens:
    line: int  # 1-based, as the checker counts
    col: int
    title: str
    event: str
    level: str


def events_in(content: ContentSet, path: Path) -> list[tuple[str, int, int]]:
    """The events written in a file: (id, line, col) of each `id:` value, 1-based."""
    target = resolved(path)
    found = []
    for event_id in content.events:
        origin = content.origins.get(("event", event_id))
        if origin is None or resolved(origin.doc.path) != target:
            continue
        where = origin.location(("id",))
        found.append((event_id, where.line, where.col))
    return found


def percent(share: float) -> str:
    if 0 < share < 0.005:
        return "under 1%"
    if 0.995 <= share < 1:
        return "over 99%"
    return f"{share * 100:.0f}%"


def short_games(record: FireCounts, term: int | None) -> bool:
    """Were the simulated games shorter than the level's term (`plaza simulate --turns`)?"""
    return bool(term and record.turns and record.turns < term)


def title(record: FireCounts, share: float, term: int | None = None) -> str:
    """`fired in 37% of 200 games of first_steps (last plaza simulate, 2025-03-01)`."""
    games = f"{record.runs} game{'s' if record.runs != 1 else ''} of {record.level}"
    source = f"last plaza simulate, {record.day}" if record.day else "last plaza simulate"
    if short_games(record, term):
        source = f"{record.turns} of {term} quarters; {source}"
    if share == 0:
        return f"never fired in {games} ({source})"
    return f"fired in {percent(share)} of {games} ({source})"


def _term(content: ContentSet, level_id: str) -> int | None:
    level = content.levels.get(level_id)
    return level.turns if level is not None else None


def lenses(content: ContentSet, path: Path, records: dict[str, FireCounts]) -> list[Lens]:
    """One lens per event of the file and simulated level that could reach it."""
    out = []
    for event_id, line, col in events_in(content, path):
        for record in records.values():
            share = record.share(event_id)
            if share is not None:
                text = title(record, share, _term(content, record.level))
                out.append(Lens(line, col, text, event_id, record.level))
    return out


def never_fired(content: ContentSet, path: Path, records: dict[str, FireCounts]) -> list[Diagnostic]:
    """W212 for each event of the file that a simulated level could reach but never fired.

    Only simulations of whole games count: an event may well wait past the quarters a shortened run played.
    """
    out = []
    for event_id, line, col in events_in(content, path):
        for record in records.values():
            if record.share(event_id) != 0.0 or short_games(record, _term(content, record.level)):
                continue
            who = tuple(x for x in (record.role, msg("lens.bot", name=record.bot) if record.bot else "") if x)
            facts = {"event": event_id, "runs": record.runs, "level": record.level, "day": record.day}
            out.append(
                diag(
                    "W212",
                    msg("lens.never_fired_by", who=who, **facts) if who else msg("lens.never_fired", **facts),
                    str(path),
                    line,
                    col,
                )
            )
    return out
