"""Why a measure cannot be adopted now, as typed data: what was refused, the kind of refusal and its numbers.

`GameSession.check` returns one of these (or None). Screens say it in the player's language
(game.ui.refusal_text); `reason` (and `str()`) is the English sentence the decision log has always stored and
the CLI prints, kept word for word so old logs replay bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content.condition_parts import Part


@dataclass(frozen=True)
class Refusal:
    measure: str  # the measure's id

    @property
    def reason(self) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.reason


@dataclass(frozen=True)
class NotOffered(Refusal):
    """The level does not offer the measure to this role (or there is no such measure)."""

    role: str

    @property
    def reason(self) -> str:
        return f"the measure {self.measure!r} is not offered to the {self.role} in this level"


@dataclass(frozen=True)
class NeedsDistrict(Refusal):
    """A district measure with no (or an unknown) district."""

    districts: tuple[str, ...]

    @property
    def reason(self) -> str:
        return f"{self.measure} needs a district (one of: {', '.join(self.districts)})"


@dataclass(frozen=True)
class WholeCity(Refusal):
    """A city-wide measure aimed at a district."""

    @property
    def reason(self) -> str:
        return f"{self.measure} acts on the whole city, not on a district"


@dataclass(frozen=True)
class AlreadyRunning(Refusal):
    district: str | None  # where it runs; None for the whole city

    @property
    def reason(self) -> str:
        return f"{self.measure} is already running there"


@dataclass(frozen=True)
class AlreadyPlanned(Refusal):
    """Already in this quarter's plan (the game window's plan, before the turn is submitted)."""

    district: str | None

    @property
    def reason(self) -> str:
        return "already planned this turn"


@dataclass(frozen=True)
class NotEnough(Refusal):
    """Not enough of a resource, counting what this quarter's earlier picks already spend."""

    resource: str  # a player value: "budget", "volunteer_time"
    cost: float
    have: float

    @property
    def reason(self) -> str:
        return f"not enough {self.resource}: it costs {self.cost:g}, {self.have:g} left"


@dataclass(frozen=True)
class ConditionNotMet(Refusal):
    """A `when:` condition of the measure does not hold here now."""

    district: str | None
    unmet: tuple[Part, ...]  # the failing clauses, typed (game.content.condition_parts)
    explanation: str  # the engine's English explanation, for the log only

    @property
    def reason(self) -> str:
        return f"not possible now: {self.explanation}"
