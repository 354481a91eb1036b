"""The record of what the event engine considered and did in one turn, so anyone can ask "why?".

Plain dataclasses: the UI shows them, tests assert on them, and `to_dict` puts them in logs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Candidate:
    event: str
    district: str | None
    eligible: bool
    reasons: list[str] = field(default_factory=list)  # failing clauses with values, or repeat rules
    weight: float = 0.0
    weight_terms: list[str] = field(default_factory=list)  # "base 10", "×2 (district.fear 0.7 > 0.6 ✓)"
    chance: float = 0.0  # weight / total of the roll

    def label(self) -> str:
        return f"{self.event}[{self.district}]" if self.district else self.event


@dataclass
class PoolRoll:
    pool: str
    hook: str
    candidates: list[Candidate]
    none_weight: float
    total: float
    roll: float | None  # the uniform draw scaled to [0, total), None when nothing could be drawn
    picked: str | None  # "event" or "event[district]"; None = nothing happens
    note: str = ""


@dataclass
class FollowUp:
    event: str
    district: str | None
    source: str
    due_turn: int | None  # None when the chance roll said no
    chance: float
    roll: float | None
    delay: tuple[int, int] = (0, 0)

    def describe(self) -> str:
        target = f"{self.event}[{self.district}]" if self.district else self.event
        if self.due_turn is None:
            return f"{target} not scheduled by {self.source}: roll {self.roll:.3f} ≥ chance {self.chance:.2f}"
        return f"{target} scheduled by {self.source} for turn {self.due_turn} (delay {self.delay[0]}–{self.delay[1]})"


@dataclass
class Fired:
    event: str
    district: str | None
    hook: str
    via: str  # "pool:<id>" or "follow-up from <source>"
    why: list[str]  # the clauses that held
    changes: list[str]  # on_fire effects applied


@dataclass
class Chosen:
    event: str
    district: str | None
    option: str | None
    by: str  # "player" or "auto"
    disabled: dict[str, str]  # option id -> reason it was unavailable
    changes: list[str]


@dataclass
class Dropped:
    event: str
    district: str | None
    reason: str


@dataclass
class TurnTrace:
    turn: int
    entries: list[PoolRoll | FollowUp | Fired | Chosen | Dropped] = field(default_factory=list)

    def of(self, kind: type) -> list:
        return [e for e in self.entries if isinstance(e, kind)]

    def to_dict(self) -> dict:
        return {"turn": self.turn, "entries": [{"type": type(e).__name__, **asdict(e)} for e in self.entries]}

    def format(self) -> str:
        """A readable account, for the in-game trace toggle and for `plaza simulate --trace`."""
        lines = [f"Turn {self.turn}"]
        for e in self.entries:
            if isinstance(e, PoolRoll):
                lines.append(
                    f"  pool {e.pool} ({e.hook}): nothing-happens weight {e.none_weight:g}, "
                    f"total {e.total:g}{'; ' + e.note if e.note else ''}"
                )
                for c in e.candidates:
                    if c.eligible:
                        lines.append(
                            f"    ✓ {c.label()}: weight {c.weight:g} = {' '.join(c.weight_terms)} → {c.chance:.0%}"
                        )
                    else:
                        lines.append(f"    ✗ {c.label()}: {'; '.join(c.reasons)}")
                if e.roll is not None:
                    lines.append(f"    roll {e.roll:.3f} of {e.total:g} → {e.picked or 'nothing happens'}")
            elif isinstance(e, Fired):
                where = f"[{e.district}]" if e.district else ""
                lines.append(
                    f"  fired {e.event}{where} via {e.via}" + (f" because {'; '.join(e.why)}" if e.why else "")
                )
                lines.extend(f"    {c}" for c in e.changes)
            elif isinstance(e, Chosen):
                lines.append(f"  {e.by} chose {e.option or '(no option available)'} in {e.event}")
                lines.extend(f"    {opt} unavailable: {why}" for opt, why in e.disabled.items())
                lines.extend(f"    {c}" for c in e.changes)
            elif isinstance(e, FollowUp):
                lines.append(f"  {e.describe()}")
            elif isinstance(e, Dropped):
                where = f"[{e.district}]" if e.district else ""
                lines.append(f"  dropped {e.event}{where}: {e.reason}")
        return "\n".join(lines)
