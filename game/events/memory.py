"""What the event engine remembers between turns, saved with the game: the flags set, when each event last
fired (per district for district-scope events), and the follow-ups waiting for their turn."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Queued:
    """A follow-up waiting for its turn: what scheduled it (`source`), and where it will fire."""

    event: str
    district: str | None
    due_turn: int
    source: str


@dataclass
class EngineMemory:
    """What the engine remembers between turns; saved with the game."""

    flags: set[str] = field(default_factory=set)
    last_fired: dict[str, int] = field(default_factory=dict)  # event id -> last turn, any district
    binding_fired: dict[str, int] = field(default_factory=dict)  # "event" or "event@district" -> last turn
    queue: list[Queued] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "flags": sorted(self.flags),
            "last_fired": dict(self.last_fired),
            "binding_fired": dict(self.binding_fired),
            "queue": [q.__dict__.copy() for q in self.queue],
        }

    @classmethod
    def from_dict(cls, data: dict) -> EngineMemory:
        return cls(
            set(data.get("flags", [])),
            dict(data.get("last_fired", {})),
            dict(data.get("binding_fired", {})),
            [Queued(**q) for q in data.get("queue", [])],
        )


def binding(event: str, district: str | None) -> str:
    """The key under which an event's firings are remembered: per district for district-scope events."""
    return f"{event}@{district}" if district else event
