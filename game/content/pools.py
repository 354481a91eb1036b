"""Which events a level's pool draws from: what the event engine rolls and the checker follows."""

from __future__ import annotations

from game.content import schemas
from game.content.content_set import ContentSet


def pool_events(content: ContentSet, pool: schemas.Pool, level_id: str | None = None) -> list[str]:
    """The events a pool draws from: those named, plus those carrying one of its tags (not triggered-only, and not
    kept to other levels by their `levels:`)."""
    ids = [e for e in pool.events if e in content.events]
    if pool.tags:
        wanted = set(pool.tags)
        ids += [
            eid
            for eid, ev in content.events.items()
            if wanted & set(ev.tags)
            and not ev.triggered_only
            and eid not in ids
            and (not ev.levels or level_id in ev.levels)
        ]
    return ids
