"""Completion: the names that fit where the cursor is.

- after `event:`, in `fired("…")` / `turns_since("…")`, and in a pool's `events:` list: event ids
- in a `when:` condition: state names (`district.fear`, `city.corruption`…), `turn`, `role` and the functions
- in an effect (`add:`, `set:`, `mul:`): state names; in `flag("…")` or under `flag:`: the flags effects set
- in a role's `measures:` list: measure ids (those written for that role first)
- in `borders:`: the level's district ids; in an event's `levels:`: level ids
- under `initial:`, `cost:`, `upkeep:`, `resources:`: the bare names of that scope; under `parameters:`: parameters
- after `paper:`: the sections of the paper the content already cites

Anywhere else nothing is offered: an editor asks on every keystroke, and noise there would hide the YAML
extension's own key completion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.content import schemas
from game.content.loader import ContentSet
from game.lsp.names import RESOURCE_KEYS, Target, in_parameters, known_flags, paper_titles, unqualified_scope
from game.lsp.text import Cursor

_EVENT_CALL = re.compile(r"\b(fired|turns_since)\(\s*[\"']?\w*$")
_FLAG_CALL = re.compile(r"\bflag\(\s*[\"']?\w*$")
_EVENT_KEY = re.compile(r"\bevent\s*:\s*[\"']?\w*$")
_EFFECT_FLOW = re.compile(r"\b(add|set|mul)\s*:\s*\{(?:\s*[\w.]+\s*:\s*[^,{}]*,)*\s*[\w.]*$")
_FLAG_FLOW = re.compile(r"\bflag\s*:\s*\{(?:\s*\w+\s*:\s*[^,{}]*,)*\s*\w*$")
_RESOURCE_FLOW = re.compile(r"\b(cost|upkeep|resources)\s*:\s*\{(?:\s*\w+\s*:\s*[^,{}]*,)*\s*\w*$")
_PARAMETERS_FLOW = re.compile(r"\bparameters\s*:\s*\{(?:\s*\w+\s*:\s*[^,{}]*,)*\s*\w*$")
_LIST_FLOW = re.compile(r"\b(borders|measures|events|levels|roles)\s*:\s*\[[^\]]*$")
_TYPING_KEY = re.compile(r"^\s*(-\s+)?[\w.]*$")
_PAPER = re.compile(r"\bpaper\s*:\s*(?P<quote>[\"']?)(?P<typed>[^\"']*)$")
CONDITION_WORDS = ("turn", "role")
FUNCTIONS = ("min", "max", "abs", "fired", "turns_since", "flag")


@dataclass(frozen=True)
class Offer:
    """One completion: the text to insert, what kind of thing it is, a one-line detail, and its hover target."""

    label: str
    kind: str  # "event", "measure", "state", "parameter", "level", "district", "flag", "paper", "word"
    detail: str = ""
    target: Target | None = None
    sort: str = ""
    insert: str = ""  # what to insert, when it is not the label


def context(cursor: Cursor) -> str:
    """What kind of name fits at the cursor ("" when none does)."""
    before, near = cursor.before, (cursor.parents[0] if cursor.parents else "")
    if _EVENT_CALL.search(before):
        return "event"
    if _FLAG_CALL.search(before) or _FLAG_FLOW.search(before) or (near == "flag" and _typing_key(cursor)):
        return "flag"
    if _EVENT_KEY.search(before):
        return "event"
    if cursor.key == "when" or (near == "when" and not cursor.key):
        return "condition"
    if _EFFECT_FLOW.search(before) or (near in ("add", "set", "mul") and _typing_key(cursor)):
        return "state"
    if _RESOURCE_FLOW.search(before) or (near in RESOURCE_KEYS and _typing_key(cursor)):
        return "player"
    if near in ("initial", "computed_start") and _typing_key(cursor):
        return near
    if _PARAMETERS_FLOW.search(before) or (in_parameters(cursor) and cursor.kind == "level" and _typing_key(cursor)):
        return "parameter"
    flow = _LIST_FLOW.search(before)
    listed = flow.group(1) if flow else (near if not cursor.key and _typing_item(cursor) else "")
    if listed == "borders":
        return "district"
    if listed == "measures" and cursor.top == "roles":
        return "measure"
    if listed == "events" and cursor.top == "pools":
        return "event"
    if listed == "levels" and cursor.kind == "events":
        return "level"
    if listed == "roles" and cursor.kind == "events":  # an option open to some roles only
        return "role"
    if cursor.key == "paper" and _PAPER.search(before):
        return "paper"
    return ""


def edit_start(cursor: Cursor) -> int:
    """Where the text a completion replaces starts: the partial name, or all of a `paper:` title typed so far."""
    found = _PAPER.search(cursor.before) if context(cursor) == "paper" else None
    if found:
        return found.start("typed")
    return cursor.prefix_start


def _typing_key(cursor: Cursor) -> bool:
    return bool(_TYPING_KEY.match(cursor.before))


def _typing_item(cursor: Cursor) -> bool:
    return bool(re.match(r"^\s*-\s+[\"']?\w*$", cursor.before))


def offers(content: ContentSet, cursor: Cursor, districts: dict[str, tuple[int, int]]) -> list[Offer]:
    what = context(cursor)
    if what == "event":
        return [Offer(e.id, "event", e.title.en, Target("event", e.id)) for e in content.events.values()]
    if what == "measure":
        role = next((r for r in schemas.ROLES if r in cursor.parents), "")
        return [
            Offer(m.id, "measure", f"{m.name.en} ({m.role})", Target("measure", m.id), "0" if m.role == role else "1")
            for m in content.measures.values()
        ]
    if what == "condition":
        return _state_names(content, cursor.prefix) + _condition_words(cursor.prefix)
    if what == "state":
        return _state_names(content, cursor.prefix)
    if what in ("player", "initial", "computed_start"):
        scope = "player" if what == "player" else (unqualified_scope(cursor) or "district")
        # A level sets stocks under `initial:` and what the model computes under `computed_start:` (E171).
        computed = what == "computed_start"
        return [
            Offer(name, "state", decl.label.en, Target("state", f"{scope}.{name}"))
            for name, decl in content.state[scope].items()
            if what == "player" or (decl.computed and not decl.start_read) == computed
        ]
    if what == "role":
        return [Offer(r, "word", "a role that may choose this option") for r in schemas.ROLES]
    if what == "parameter":
        return [Offer(n, "parameter", f"= {p.value:g}", Target("parameter", n)) for n, p in content.parameters.items()]
    if what == "flag":
        return [Offer(f, "flag", "a flag some effect sets") for f in known_flags(content)]
    if what == "district":
        return [Offer(d, "district", "district of this level", Target("district", d)) for d in districts]
    if what == "level":
        return [Offer(lv.id, "level", lv.title.en, Target("level", lv.id)) for lv in content.levels.values()]
    if what == "paper":
        quoted = bool(_PAPER.search(cursor.before).group("quote"))
        return [
            Offer(t, "paper", "section of Payan (2015)", sort=f"{i:03d}", insert=t if quoted else f'"{t}"')
            for i, t in enumerate(paper_titles(content))
        ]
    return []


def _state_names(content: ContentSet, prefix: str) -> list[Offer]:
    scope = prefix.partition(".")[0] if "." in prefix else ""
    out = []
    for s in schemas.SCOPES:
        if scope and s != scope:
            continue
        for name, decl in content.state[s].items():
            detail = decl.label.en + (" (computed)" if decl.computed else "")
            out.append(Offer(f"{s}.{name}", "state", detail, Target("state", f"{s}.{name}")))
    if scope == "district" or not scope:
        out += [Offer("district.id", "word", "the district's id"), Offer("district.kind", "word", "its kind")]
    return out


def _condition_words(prefix: str) -> list[Offer]:
    if "." in prefix:
        return []
    words = [Offer("turn", "word", "the quarter being played, from 1"), Offer("role", "word", "official or organizer")]
    return words + [Offer(f, "function", "function") for f in FUNCTIONS]
