"""What the checks could not judge because the entries it names were not loaded (`plaza validate --standalone`).

Without content/state.yaml no state name can be judged, and a condition that reads one is not compiled at all, so
the `fired("...")` and `flag("...")` inside it go unchecked too; without content/model.yaml a level's `parameters:`
cannot be; without a level, an event's `levels:` and whether the event can ever fire cannot be; and flags are
judged only when the state is loaded. The checks skip these silently (one root cause, one report): this module
counts them, from the loaded content alone, so the command can say what it did not check.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from game.content import schemas
from game.content.checker import loaded
from game.content.content_set import ContentSet

# The kinds of names counted, in the order the command lists them; it names n of each with the strings
# `cli.validate.unchecked.<kind>.one/other` of content/ui/cli.yaml, in English or Spanish.
KINDS = ("events", "measures", "tags", "state_names", "flags", "parameters", "levels", "reachability")
_REF_FUNCS = {"fired": "events", "turns_since": "events", "flag": "flags"}
_BUILT_IN = {"district.id", "district.kind"}  # always readable, declared or not


def not_checked(content: ContentSet, inside: Callable[[str], bool]) -> dict[str, int]:
    """Counts by kind (see KINDS) of the names in the files `inside` accepts that no check could judge."""
    counts: Counter[str] = Counter()
    state_ok = "state" not in content.failed_kinds and any(content.state.values())
    flags_judged = state_ok and not any(kind in ("event", "measure") for kind, _ in content.broken)
    levels_loaded = bool(content.levels) and "level" not in content.failed_kinds and not content.broken
    for (kind, ident), origin in content.origins.items():
        if kind not in ("event", "measure", "level") or not inside(origin.doc.path):
            continue
        tables: dict[str, Mapping[str, schemas.Event | schemas.Measure | schemas.Level]] = {
            "event": content.events,
            "measure": content.measures,
            "level": content.levels,
        }
        entry = tables[kind].get(ident)
        if entry is None:
            continue
        for source, scope in _conditions(kind, entry):
            compiled = content.conditions.get((scope, source))
            if compiled is not None:
                if not flags_judged:
                    counts["flags"] += len(compiled.flag_refs)
                continue
            if state_ok:
                continue  # it failed for reasons of its own, and that is reported
            refs = _references(source)
            counts["state_names"] += refs["state_names"]
            counts["events"] += refs["events"]
            counts["flags"] += refs["flags"]
        if not state_ok:
            counts["state_names"] += sum(1 for _ in _state_names(kind, entry))
        if isinstance(entry, schemas.Level):  # kind == "level"
            if not content.parameters:
                counts["parameters"] += len(entry.parameters)
            _level_references(content, entry, counts)
        if isinstance(entry, schemas.Event):  # kind == "event"
            if not content.levels:
                counts["levels"] += len(entry.levels)
            if not levels_loaded:
                counts["reachability"] += 1
    return {kind: counts[kind] for kind in KINDS if counts[kind]}


def _level_references(content: ContentSet, level: schemas.Level, counts: Counter[str]) -> None:
    """A level's measures, pool events and pool tags, when no entry of their kind was loaded (checker.loaded)."""
    if not loaded(content, "measure"):
        setups = (level.roles.get(role) for role in schemas.ROLES)
        counts["measures"] += sum(len(setup.measures) for setup in setups if setup is not None)
    if not loaded(content, "event"):
        counts["events"] += sum(len(pool.events) for pool in level.pools)
        counts["tags"] += sum(len(pool.tags) for pool in level.pools)


def _conditions(kind: str, entry: Any) -> Iterator[tuple[str, str]]:
    """Each condition source of an entry, with the scope it is compiled in."""
    if kind == "event":
        for source in entry.when:
            yield source, entry.scope
        for modifier in entry.weight_spec.modifiers:
            yield modifier.when, entry.scope
        for option in entry.options:
            for source in option.when:
                yield source, entry.scope
    elif kind == "measure":
        for source in entry.when:
            yield source, entry.target
    else:
        for hint in entry.hints:
            for source in hint.when:
                yield source, "city"


def _state_names(kind: str, entry: Any) -> Iterator[str]:
    """The state names an entry's effects, starting values and costs name (judged only against content/state.yaml)."""
    if kind == "level":
        setups = [entry.roles.get(role) for role in schemas.ROLES]
        yield from (f"player.{n}" for setup in setups if setup is not None for n in setup.resources)
        yield from (f"city.{n}" for n in entry.city.initial)
        yield from (f"district.{n}" for d in entry.districts for n in d.initial)
        tracks = (o.track for setup in setups if setup is not None for o in setup.objectives)
        yield from (track.value for track in tracks if track is not None)
        return
    if kind == "measure":
        effects = list(entry.effects)
    else:
        effects = [*entry.on_fire, *(e for option in entry.options for e in option.effects)]
    for effect in effects:
        if effect.verb not in ("flag", "schedule"):
            yield from getattr(effect, effect.verb)
    if kind == "measure":
        yield from (f"player.{n}" for n in (*entry.cost, *entry.upkeep))


def _references(source: str) -> Counter[str]:
    """State names, event ids and flags a condition names, read without compiling it (best effort: a condition
    that does not parse names nothing here, and is reported as a syntax error anyway)."""
    found: Counter[str] = Counter()
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return found
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _REF_FUNCS:
            found[_REF_FUNCS[node.func.id]] += sum(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args
            )
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in schemas.SCOPES
            and f"{node.value.id}.{node.attr}" not in _BUILT_IN
        ):
            found["state_names"] += 1
    return found
