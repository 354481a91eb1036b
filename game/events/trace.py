"""The record of what the event engine considered and did in one turn, so anyone can ask "why?".

Plain dataclasses: the UI shows them, tests assert on them, and `to_dict` puts them in logs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.content.expressions import Condition, EvalContext


class Unworded:
    """A condition that fails, or (`judged` False) may fail, worded with its values only when someone reads it
    (the F3 overlay, the tests).

    Most candidates a turn judges are never read: wording each cost about half of an explained turn, and once one
    reason rules a candidate out the rest only matter to that reading. The values the wording needs are read now,
    so a later change to the city cannot reach them."""

    __slots__ = ("after", "before", "cond", "ctx", "judged")

    def __init__(self, cond: Condition, ctx: EvalContext, judged: bool = True, before: str = "", after: str = ""):
        # The context remembers what it has read: a snapshot of this moment. A plain mapping is one already.
        remember = getattr(ctx.values, "remember", None)
        if remember is not None:
            remember(cond.names)
        self.cond, self.ctx, self.judged, self.before, self.after = cond, ctx, judged, before, after

    def text(self) -> str | None:
        """Its clauses with their values (between `before` and `after`); None for an unjudged condition that turns
        out to hold."""
        if not self.judged and self.cond.evaluate(self.ctx):
            return None
        return f"{self.before}{self.cond.explain(self.ctx)}{self.after}"


def worded(reasons: list) -> list[str]:
    """Reasons as text, wording any still unworded (and leaving out conditions that held after all)."""
    out = []
    for reason in reasons:
        text = reason if isinstance(reason, str) else reason.text()
        if text is not None:
            out.append(text)
    return out


def _worded_once(items: list[str | Unworded]) -> list[str | Unworded]:
    """The same list when every item is text already; else a new one, worded."""
    return items if all(isinstance(item, str) for item in items) else list(worded(items))


@dataclass
class Candidate:
    event: str
    district: str | None
    eligible: bool
    said: list[str | Unworded] = field(default_factory=list)  # failing clauses with values, or repeat rules
    weight: float = 0.0
    weighed: list[str | Unworded] = field(default_factory=list)  # "base 10", "×2 (district.fear 0.7 > 0.6 ✓)"
    chance: float = 0.0  # weight / total of the roll

    @property
    def reasons(self) -> list[str]:
        """Why it could not fire, worded (once) on first reading."""
        self.said = _worded_once(self.said)
        return self.said  # type: ignore[return-value]  # every item is now a str

    @reasons.setter
    def reasons(self, value: list[str]) -> None:
        self.said = list(value)

    @property
    def weight_terms(self) -> list[str]:
        """How its weight was made, worded (once) on first reading."""
        self.weighed = _worded_once(self.weighed)
        return self.weighed  # type: ignore[return-value]  # every item is now a str

    @weight_terms.setter
    def weight_terms(self, value: list[str | Unworded]) -> None:
        self.weighed = list(value)

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
        entries = []
        for e in self.entries:
            if isinstance(e, PoolRoll):
                for c in e.candidates:  # worded before asdict copies them
                    c.said, c.weighed = c.reasons, c.weight_terms  # type: ignore[assignment]
            entry = {"type": type(e).__name__, **asdict(e)}
            for said in entry.get("candidates", []) if isinstance(e, PoolRoll) else []:
                said["reasons"], said["weight_terms"] = said.pop("said"), said.pop("weighed")
            entries.append(entry)
        return {"turn": self.turn, "entries": entries}

    def format(self) -> str:
        """A readable account, for the in-game trace overlay (F3)."""
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
