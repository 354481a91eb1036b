"""Which of the player's resources (`player.*` in content/state.yaml) belong to a role, read from the content.

A level starts both roles with every resource (the official with some reputation, the organizer with no budget),
so the starting values do not say whose a resource is. What the role can do does: a resource is the role's when
  * a measure of the role (`role:` in content/measures) costs it, keeps it up or changes it, or
  * an event kept to the role (`roles: [role]`), or an option kept to it, reads or changes it.
The official's are the budget, political capital and personal risk; the organizer's are volunteer time, funds,
reputation and personal risk. The header shows only these, in the order content/state.yaml declares them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from game.content.content_set import ContentSet

_PLAYER = re.compile(r"\bplayer\.(\w+)")


def _mentioned(data: object, out: set[str]) -> None:
    """Every `player.X` named anywhere in a dumped piece of content (effects, conditions, keys of an `add:`)."""
    if isinstance(data, str):
        out.update(_PLAYER.findall(data))
    elif isinstance(data, dict):
        for key, value in data.items():
            _mentioned(key, out)
            _mentioned(value, out)
    elif isinstance(data, (list, tuple)):
        for value in data:
            _mentioned(value, out)


def _only_for(roles: Iterable[str], role: str) -> bool:
    return list(roles) == [role]


def own_resources(content: ContentSet, role: str) -> tuple[str, ...]:
    """The resources that are `role`'s, in declaration order."""
    found: set[str] = set()
    for measure in content.measures.values():
        if measure.role == role:
            found |= set(measure.cost) | set(measure.upkeep)
            _mentioned(measure.model_dump(include={"effects", "when"}), found)
    for event in content.events.values():
        if _only_for(event.roles, role):
            _mentioned(event.model_dump(include={"when", "on_fire", "options"}), found)
            continue
        for option in event.options:
            if _only_for(option.roles, role):
                _mentioned(option.model_dump(include={"when", "effects"}), found)
    return tuple(rid for rid in content.state.get("player", {}) if rid in found)
