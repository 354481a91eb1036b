"""What the city map pins on each district: this quarter's events and the player's measures, as typed marks.

No pygame here. "This quarter" is the quarter the player is looking at: the last finished quarter (the one its
report told) and the events already met in the quarter under way. Measures are those acting now (adopted in an
earlier quarter and still running, or adopted this quarter once it is closed) and those planned but not yet
adopted. `marks(play)` reads the session's records, so a loaded game marks its map as a played one does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

EVENT, MEASURE, PLANNED = "event", "measure", "planned"
KINDS = (EVENT, MEASURE, PLANNED)


@dataclass(frozen=True)
class Mark:
    kind: str  # EVENT, MEASURE or PLANNED
    source: str  # the event's or the measure's id
    count: int  # how many times: an event met twice, a measure adopted twice in the same district


Marks = dict[str | None, list[Mark]]  # district id (None: the whole city) -> its marks, in a stable order


def quarter_events(play) -> list[dict]:
    """The events of the quarter on show: {event, district, option, hook} dicts, oldest first."""
    session = play.session
    events: list[dict] = []
    if session.records:
        events += session.records[-1].events
    if session.current is not None:
        events += session.current.events
    return events


def marks(play) -> Marks:
    session = play.session
    counts: Counter[tuple[str | None, str, str]] = Counter()
    for event in quarter_events(play):
        counts[(event.get("district"), EVENT, event["event"])] += 1
    for active in session.active:
        counts[(active.district, MEASURE, active.measure)] += 1
    if play.stage == "plan":
        for command in play.planned:
            counts[(command.district, PLANNED, command.measure)] += 1
    out: Marks = {}
    for (district, kind, source), count in counts.items():  # Counter keeps the order things were first seen
        out.setdefault(district, []).append(Mark(kind, source, count))
    return out


def totals(district_marks: list[Mark]) -> dict[str, int]:
    """How many events, measures and planned measures a district's marks add up to (every kind present)."""
    out = dict.fromkeys(KINDS, 0)
    for mark in district_marks:
        out[mark.kind] += mark.count
    return out
