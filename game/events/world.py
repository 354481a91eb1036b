"""What the event engine reads and changes: the world seen as plain, declared values.

The engine never touches the model's objects. It asks a `World` for a snapshot of plain numbers (for
conditions) and asks it to apply one declared change at a time (for effects). The city model implements this
protocol over its numpy arrays; `DictWorld` is the simple implementation used by tests and by content tools.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from game.content import templates
from game.content.loader import ContentSet
from game.content.schemas import Level, Text
from game.sim.changes import Change as Change  # re-exported: the World protocol speaks in Changes
from game.sim.changes import apply_verb
from game.sim.changes import placeholder_names as placeholder_names  # re-exported for the screens and the report


class World(Protocol):
    role: str
    district_ids: list[str]

    @property
    def turn(self) -> int:
        """The quarter under way (the engine only reads it)."""

    def values(self, district: int | None) -> Mapping[str, float | int | bool | str]:
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
            assert district is not None, f"`{target}` is a district value: it is changed in a district"
            store = self.districts[district]
        decl = self.content.state[scope][name]
        before = store[name]
        after = apply_verb(verb, before, value, decl.min, decl.max, decl.type)
        store[name] = after
        where = self.district_ids[district] if scope == "district" and district is not None else None
        return Change(target, where, verb, value, before, after, cause)

    def names(self, lang: str, district: int | None) -> dict[str, str]:
        return placeholder_names(self.level, self.role, self.turn, lang, district)


def render(text: Text, lang: str, names: dict[str, str]) -> str:
    """Fill `{city}`, `{district}`, … in a content text; `{{` and `}}` are literal braces (game.content.templates)."""
    return templates.render(text.get(lang), names)
