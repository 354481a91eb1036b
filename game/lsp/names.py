"""What a name in a content file refers to: an event, a measure, a state value, a parameter, a level, a district.

Hover, go to definition and completion's documentation all start here. The cursor's surroundings decide what
an unqualified name means: `fear:` under a district's `initial:` is `district.fear`, `budget:` under `cost:` is
`player.budget`, a key under `parameters:` is a model parameter.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content import schemas
from game.content.diagnostics import Location
from game.content.loader import ContentSet
from game.lsp.text import Cursor

RESOURCE_KEYS = ("cost", "upkeep", "resources")


@dataclass(frozen=True)
class Target:
    kind: str  # "event", "measure", "state", "parameter", "level", "district"
    ident: str  # for "state": the qualified name, e.g. "district.fear"


def state_decl(content: ContentSet, qualified: str) -> schemas.VarDecl | None:
    scope, _, name = qualified.partition(".")
    return content.state.get(scope, {}).get(name)


def unqualified_scope(cursor: Cursor) -> str | None:
    """The state scope of a bare name at the cursor (a starting value, a cost, a declaration), if any."""
    near = cursor.parents[0] if cursor.parents else ""
    if near in ("initial", "computed_start") or cursor.key in ("initial", "computed_start"):
        return "city" if "city" in cursor.parents else "district"
    if near in RESOURCE_KEYS or cursor.key in RESOURCE_KEYS:
        return "player"
    if cursor.kind == "state" and near in schemas.SCOPES and len(cursor.parents) == 1:
        return near
    return None


def in_parameters(cursor: Cursor) -> bool:
    return (cursor.parents[:1] == ["parameters"] and cursor.top == "parameters") or cursor.key == "parameters"


def resolve(
    content: ContentSet, word: str, cursor: Cursor, districts: dict[str, tuple[int, int]] | None = None
) -> Target | None:
    if not word:
        return None
    if "." in word:
        return Target("state", word) if state_decl(content, word) is not None else None
    scope = unqualified_scope(cursor)
    if scope and word in content.state.get(scope, {}):
        return Target("state", f"{scope}.{word}")
    if in_parameters(cursor) and word in content.parameters:
        return Target("parameter", word)
    if districts and word in districts and cursor.kind == "level":
        return Target("district", word)
    for kind, table in (
        ("measure", content.measures),
        ("event", content.events),
        ("level", content.levels),
        ("parameter", content.parameters),
    ):
        if word in table:
            return Target(kind, word)
    return None


def origin_location(content: ContentSet, target: Target) -> Location | None:
    """Where the target is written (its `id:` value, or its key for state values and parameters)."""
    if target.kind == "state":
        scope = target.ident.partition(".")[0]
        origin = content.origins.get((f"{scope} value", target.ident))
        return origin.location(key=True) if origin else None
    if target.kind == "parameter":
        origin = content.origins.get(("parameter", target.ident))
        return origin.location(key=True) if origin else None
    if target.kind in ("event", "measure", "level"):
        origin = content.origins.get((target.kind, target.ident))
        return origin.location(("id",)) if origin else None
    return None


def known_flags(content: ContentSet) -> list[str]:
    """Every flag some effect sets."""
    found: set[str] = set()

    def scan(effects) -> None:
        for effect in effects:
            if effect.flag:
                found.update(effect.flag)

    for event in content.events.values():
        scan(event.on_fire)
        for option in event.options:
            scan(option.effects)
    for measure in content.measures.values():
        scan(measure.effects)
    return sorted(found)


PAPER_SECTION = "paper.section."  # string keys of the paper's section titles (content/paper.yaml)


def paper_titles(content: ContentSet) -> list[str]:
    """The section titles of Payan (2015): as content/paper.yaml lists them, in the paper's order, when it is
    loaded; otherwise the ones content already cites in `paper:`."""
    listed = [text.en for key, text in content.strings.items() if key.startswith(PAPER_SECTION)]
    if listed:
        return listed
    return sorted({e.paper for e in content.events.values()} | {m.paper for m in content.measures.values()})
