"""What the event engine reads and changes: the world seen as plain, declared values.

The engine never touches the model's objects. It asks a `World` for a snapshot of plain numbers (for
conditions) and asks it to apply one declared change at a time (for effects). The city model implements this
protocol over its numpy arrays; `DictWorld` is the simple implementation used by tests and by content tools.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from game.content import templates
from game.content.loader import ContentSet
from game.content.schemas import Level, Text


@dataclass(frozen=True)
class Change:
    """One applied effect, with enough detail to explain it: `district.fear +0.05 (event x)`."""

    target: str  # "district.fear"
    district: str | None  # district id when the target is a district value
    verb: str
    value: float | bool
    before: float | bool
    after: float | bool
    cause: str  # "event:retaliation_threat/report" or "measure:street_lighting"

    def __str__(self) -> str:
        where = f"[{self.district}]" if self.district else ""
        if isinstance(self.after, bool):
            return f"{self.target}{where} = {str(self.after).lower()} ({self.cause})"
        delta = self.after - self.before
        clamp = " (held at its limit)" if self.verb != "set" and abs(delta) < abs(self._asked()) - 1e-12 else ""
        return f"{self.target}{where} {self.before:.3g} → {self.after:.3g} ({delta:+.3g}){clamp} ({self.cause})"

    def _asked(self) -> float:
        if self.verb == "add":
            return float(self.value)
        if self.verb == "mul":
            return float(self.before) * (float(self.value) - 1)
        return float(self.value) - float(self.before)


class World(Protocol):
    turn: int
    role: str
    district_ids: list[str]

    def values(self, district: int | None) -> dict[str, float | int | bool | str]:
        """Plain values for conditions: `city.x`, `player.x`, `turn`, `role`, and `district.x` when bound."""

    def change(self, target: str, verb: str, value: float | bool, district: int | None, cause: str) -> Change:
        """Apply `verb` (set/add/mul) to a declared value, clamped to its declared range."""

    def names(self, lang: str, district: int | None) -> dict[str, str]:
        """Values for text placeholders: city, district, turn, role."""


class DictWorld:
    """A world of plain dictionaries over the declared state: defaults, then the level's starting values."""

    def __init__(self, content: ContentSet, level: Level, role: str):
        self.content = content
        self.level = level
        self.role = role
        self.turn = 1
        self.district_ids = [d.id for d in level.districts]
        city = level.city
        self.city = {n: d.default for n, d in content.state["city"].items()} | city.computed_start | city.initial
        setup = level.roles.get(role)
        self.player = {n: d.default for n, d in content.state["player"].items()}
        if setup is not None:
            self.player |= dict(setup.resources)
        base = {n: d.default for n, d in content.state["district"].items()}
        self.districts = [base | d.computed_start | d.initial for d in level.districts]

    def values(self, district: int | None) -> dict[str, float | int | bool | str]:
        out: dict[str, float | int | bool | str] = {"turn": self.turn, "role": self.role}
        out |= {f"city.{k}": v for k, v in self.city.items()}
        out |= {f"player.{k}": v for k, v in self.player.items()}
        if district is not None:
            out |= {f"district.{k}": v for k, v in self.districts[district].items()}
            out["district.id"] = self.level.districts[district].id
            out["district.kind"] = self.level.districts[district].kind
        return out

    def change(self, target: str, verb: str, value: float | bool, district: int | None, cause: str) -> Change:
        scope, _, name = target.partition(".")
        store = {"city": self.city, "player": self.player}.get(scope)
        if store is None:
            store = self.districts[district]  # type: ignore[index]
        decl = self.content.state[scope][name]
        before = store[name]
        after = apply_verb(verb, before, value, decl.min, decl.max, decl.type)
        store[name] = after
        where = self.district_ids[district] if scope == "district" and district is not None else None
        return Change(target, where, verb, value, before, after, cause)

    def names(self, lang: str, district: int | None) -> dict[str, str]:
        return placeholder_names(self.level, self.role, self.turn, lang, district)


def placeholder_names(level: Level, role: str, turn: int, lang: str, district: int | None) -> dict[str, str]:
    """What {city}, {turn}, {role} and {district} become in a text, for any World."""
    setup = level.roles.get(role)
    out = {"city": level.city.name.get(lang), "turn": str(turn), "role": setup.title.get(lang) if setup else role}
    if district is not None:
        out["district"] = level.districts[district].name.get(lang)
    return out


def apply_verb(
    verb: str, before: float | bool, value: float | bool, lo: float | None, hi: float | None, kind: str
) -> float | bool:
    """The result of set/add/mul, clamped to the declared range (whole numbers stay whole)."""
    if kind == "bool":
        return bool(value)
    if verb == "set":
        after = float(value)
    elif verb == "add":
        after = float(before) + float(value)
    else:
        after = float(before) * float(value)
    if lo is not None:
        after = max(lo, after)
    if hi is not None:
        after = min(hi, after)
    return round(after) if kind == "int" else after


def render(text: Text, lang: str, names: dict[str, str]) -> str:
    """Fill `{city}`, `{district}`, … in a content text; `{{` and `}}` are literal braces (game.content.templates)."""
    return templates.render(text.get(lang), names)
