"""Checks that need more than one file: names, ids, ranges, conditions, placeholders, reachability, cycles.

Each check reports its root cause once: a reference to an entry that exists but failed validation is not
reported again, and when the state declarations themselves are broken, no name is judged against them.
Conditions are compiled here, once, and stored on the ContentSet for the event engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Literal, overload

from pydantic import BaseModel

from game.content import author_checks, schemas, templates
from game.content.content_set import ContentSet, Origin
from game.content.diagnostics import Diagnostic, Location, capped
from game.content.dynamics import dynamic_of
from game.content.expressions import Condition, ExpressionError, Namespace, VarSpec, compile_condition
from game.content.intervals import Verdict, analyze
from game.content.pools import pool_events
from game.content.schema_errors import did_you_mean
from game.content.suggest import Suggester

PLACEHOLDERS = {"city", "turn", "role"}
SCOPED_PLACEHOLDERS = {"district"}
TEXT_ERRORS = 3  # brace errors reported per text: a text of 2,000 stray braces is one problem, not 2,000


def namespace(content: ContentSet, scope: str) -> Namespace:
    """The names a condition may read in an event or measure of this scope ("city" or "district")."""
    names: dict[str, VarSpec] = {"turn": VarSpec("int", 1, 200), "role": VarSpec("str")}
    for s in ("city", "player", "district"):
        for name, decl in content.state[s].items():
            names[f"{s}.{name}"] = VarSpec(decl.type, decl.min, decl.max)
    names["district.id"] = VarSpec("str")
    names["district.kind"] = VarSpec("str")
    hidden: dict[str, str] = {}
    if scope != "district":
        reason = (
            "this has city scope, so no district is chosen; give the event `scope: district` "
            "(or the measure `target: district`)"
        )
        hidden = {n: reason for n in names if n.startswith("district.")}
        names = {n: v for n, v in names.items() if n not in hidden}
    return Namespace(names, hidden)


@dataclass
class _Checker:
    content: ContentSet
    out: list[Diagnostic] = field(default_factory=list)
    flags_set: set[str] = field(default_factory=set)
    flags_read: dict[str, list[Location]] = field(default_factory=dict)
    # the follow-up graph (game.content.checks.follow_ups), built once all entries are known
    edges: dict[str, list[tuple[str, int, float, bool]]] = field(default_factory=dict)
    scheduled_by_measures: dict[str, set[str]] = field(default_factory=dict)
    state_ok: bool = True
    namespaces: dict[str, Namespace] = field(default_factory=dict)  # one per scope, built once
    suggesters: dict[str, Suggester] = field(default_factory=dict)  # known names per kind, indexed once
    later: dict[int, tuple[Diagnostic, Callable[[], str]]] = field(default_factory=dict)  # hints not yet made

    def report(self, code: str, message: str, where: Location, hint: str | Callable[[], str] = "") -> None:
        """Add a diagnostic. A hint given as a function (see `hint`) is worked out only if the diagnostic is
        shown: a file shows the first few of each code (diagnostics.capped), however many it has."""
        d = Diagnostic(code, message, where, "" if callable(hint) else hint)
        if callable(hint):
            self.later[id(d)] = (d, hint)
        self.out.append(d)

    def names(self, kind: str) -> Suggester:
        """The known names of one kind (see _NAMES), indexed once for did-you-mean hints: a file with a thousand
        misspelt ids must not compare each with every known id (issue 13)."""
        if kind not in self.suggesters:
            self.suggesters[kind] = Suggester(_NAMES[kind](self))
        return self.suggesters[kind]

    def hint(self, kind: str, word: str, otherwise: str = "") -> Callable[[], str]:
        """`did you mean ...?` among the names of this kind (or `otherwise`), when the diagnostic is shown."""
        return partial(self._hint, kind, word, otherwise)

    def _hint(self, kind: str, word: str, otherwise: str) -> str:
        return did_you_mean(word, self.names(kind)) or otherwise

    def finished(self) -> list[Diagnostic]:
        """The diagnostics, with the hints of those that will be shown worked out."""
        if not self.later:
            return self.out
        shown = {id(d) for d in capped(self.out)[0]}
        return [
            replace(d, hint=self.later[id(d)][1]()) if id(d) in self.later and id(d) in shown else d for d in self.out
        ]

    # --- conditions ------------------------------------------------------------------------------------

    def conditions(self, sources: list[str], scope: str, origin: Origin, sub: tuple) -> list[Condition]:
        """Compile a `when:` list; report errors at the exact character; check satisfiability."""
        if scope not in self.namespaces:
            self.namespaces[scope] = namespace(self.content, scope)
        ns = self.namespaces[scope]
        raw_is_str = isinstance(_raw(origin, sub), str)  # `when: "..."` shorthand for a one-item list
        compiled = []
        for i, src in enumerate(sources):
            path = sub if raw_is_str else (*sub, i)
            try:
                cond = compile_condition(src, ns)
            except ExpressionError as exc:
                if self.state_ok or exc.code not in ("E143", "E144"):
                    line, col = origin.doc.source.text_pos(origin.path + path, exc.offset)
                    hint = partial(getattr, exc, "hint")  # a did-you-mean worked out only if shown
                    self.report(exc.code, exc.message, Location(origin.doc.path, line, col), hint)
                continue
            self.content.conditions[(scope, src)] = cond
            compiled.append((cond, path))
            self._references(cond, origin, path)
            verdict = analyze([cond], ns)
            if verdict.verdict is Verdict.ALWAYS_FALSE:
                self.report("E145", f"`{src}` can never be true: {verdict.reason}", origin.location(path))
            elif verdict.verdict is Verdict.ALWAYS_TRUE:
                self.report("W201", f"`{src}` is always true: {verdict.reason}", origin.location(path))
        if len(compiled) > 1:
            each_possible = all(analyze([c], ns).verdict is not Verdict.ALWAYS_FALSE for c, _ in compiled)
            verdict = analyze([c for c, _ in compiled], ns)
            if each_possible and verdict.verdict is Verdict.ALWAYS_FALSE:
                self.report(
                    "E145", f"these conditions cannot all hold together: {verdict.reason}", origin.location(sub)
                )
        return [c for c, _ in compiled]

    def _references(self, cond: Condition, origin: Origin, path: tuple) -> None:
        for ident, offset in cond.event_refs:
            if not self.content.known("event", ident):
                line, col = origin.doc.source.text_pos(origin.path + path, offset)
                self.report(
                    "E161",
                    f"no event has the id `{ident}`",
                    Location(origin.doc.path, line, col),
                    self.hint("event", ident, 'check the id in fired("...")'),
                )
        for name, offset in cond.flag_refs:
            line, col = origin.doc.source.text_pos(origin.path + path, offset)
            self.flags_read.setdefault(name, []).append(Location(origin.doc.path, line, col))

    # --- effects ---------------------------------------------------------------------------------------

    def effects(self, effects: list[schemas.Effect], scope: str, origin: Origin, sub: tuple) -> None:
        """Check effect lines against the declared state and the events they schedule."""
        for i, effect in enumerate(effects):
            path = (*sub, i)
            verb = effect.verb
            if verb == "flag":
                assert effect.flag is not None  # `verb` names the one field an effect line sets
                self.flags_set.update(effect.flag)
            elif verb == "schedule":
                assert effect.schedule is not None
                self._schedule(effect.schedule, scope, origin, (*path, "schedule"))
            else:
                for target, value in getattr(effect, verb).items():
                    self._target(verb, target, value, scope, origin, (*path, verb, target))

    def _target(self, verb: str, target: str, value: Any, scope: str, origin: Origin, path: tuple) -> None:
        where = origin.location(path, key=True)
        s, _, name = target.partition(".")
        if s not in schemas.SCOPES or not name:
            self.report(
                "E162",
                f"`{target}` is not a state value: effects name `city.x`, `district.x` or `player.x`",
                where,
                self.hint("state", target),
            )
            return
        if s == "district" and scope != "district":
            self.report("E164", f"`{target}` is a district value, but this has city scope", where)
            return
        decl = self.content.state[s].get(name)
        if decl is None:
            if self.state_ok:
                self.report(
                    "E162",
                    f"`{target}` is not declared",
                    where,
                    self.hint("state", target, "declare it in content/state.yaml"),
                )
            return
        if decl.computed and not path_is_initial(path):
            self.report(
                "W207",
                f"`{target}` is recomputed by the model every quarter, so this change is overwritten at its next step",
                where,
            )
        if decl.type == "bool":
            if verb != "set" or not isinstance(value, bool):
                self.report("E124", f"`{target}` is true/false: only `set` it to `true` or `false`", where)
            return
        if isinstance(value, bool):
            self.report("E124", f"`{target}` is a number, not true/false", where)
            return
        lo, hi = decl.min, decl.max
        assert lo is not None and hi is not None  # a number has both (VarDecl._consistent)
        if verb == "set" and not lo <= value <= hi:
            self.report("E163", f"`set` puts `{target}` at {value}, outside its range [{_n(lo)}, {_n(hi)}]", where)
        elif verb == "add" and abs(value) > hi - lo:
            self.report(
                "E163", f"`add` of {value} to `{target}` is larger than its whole range [{_n(lo)}, {_n(hi)}]", where
            )
        elif decl.type == "int" and verb != "mul" and not float(value).is_integer():
            self.report("E124", f"`{target}` holds whole numbers; {value} is not one", where)

    def _schedule(self, sched: schemas.Schedule, scope: str, origin: Origin, path: tuple) -> None:
        target = _lookup(self, "event", sched.event, origin.location((*path, "event")))
        if target is None:
            return
        if target.scope == "district" and scope != "district":
            self.report(
                "E164",
                f"`{sched.event}` has district scope, but it is scheduled from something with "
                "city scope, so no district would be chosen",
                origin.location((*path, "event")),
                "schedule it from a district-scope event or district-target measure",
            )

    def _all_names(self) -> list[str]:
        return [f"{s}.{n}" for s in schemas.SCOPES for n in self.content.state[s]]

    # --- texts -----------------------------------------------------------------------------------------

    def texts(self, obj: BaseModel, origin: Origin, scope: str, free: bool = False) -> None:
        allowed = PLACEHOLDERS | (SCOPED_PLACEHOLDERS if scope == "district" else set())
        for path, text in _texts(obj):
            found = {}
            for lang in ("en", "es"):
                # the renderer's own parser, so what passes here is exactly what renders (UI strings too)
                parsed = templates.parse(getattr(text, lang))
                for err in parsed.errors[:TEXT_ERRORS]:
                    self.report(
                        "E165",
                        f"{err.message} (the {lang} text, character {err.offset + 1})",
                        origin.location((*path, lang)),
                        "placeholders are lower-case names in braces, such as `{city}`; "
                        "write `{{` and `}}` for literal braces",
                    )
                names = None if parsed.errors else set(parsed.names)
                found[lang] = names
                if names is None or free:
                    continue
                for name in sorted(names - allowed):
                    hint = (
                        "{district} works only in district-scope events and district-target measures"
                        if name in SCOPED_PLACEHOLDERS
                        else did_you_mean(name, allowed) or f"use one of: {', '.join(sorted(allowed))}"
                    )
                    self.report(
                        "E165",
                        f"unknown placeholder `{{{name}}}` in the {lang} text",
                        origin.location((*path, lang)),
                        hint,
                    )
            if found["en"] is not None and found["es"] is not None and found["en"] != found["es"]:
                diff = ", ".join(f"{{{n}}}" for n in sorted(found["en"] ^ found["es"]))
                self.report(
                    "E165",
                    f"the en and es texts use different placeholders ({diff})",
                    origin.location(path),
                    "use the same placeholders in both languages",
                )


# The names a did-you-mean hint may offer, by kind (_Checker.names).
_NAMES: dict[str, Callable[[_Checker], Iterable[str]]] = {
    "event": lambda ck: ck.content.events,
    "measure": lambda ck: ck.content.measures,
    "level": lambda ck: ck.content.levels,
    "parameter": lambda ck: ck.content.parameters,
    "state": lambda ck: ck._all_names(),
    "player": lambda ck: ck.content.state["player"],
    "tag": lambda ck: sorted({t for e in ck.content.events.values() for t in e.tags}),
    "flag": lambda ck: sorted(ck.flags_set),  # asked for once every effect has been read
}


def path_is_initial(path: tuple) -> bool:
    """Starting values in a level (`initial:`, `resources:`, `computed_start:`) are not effects: no W207."""
    return "initial" in path or "resources" in path or "computed_start" in path


def _n(x: float) -> Any:
    return int(x) if float(x).is_integer() else x


def _range(lo: float | None, hi: float | None) -> str:
    """`[0, 1]`; a side a parameter leaves open is written `-∞` or `∞`."""
    return f"[{'-∞' if lo is None else _n(lo)}, {'∞' if hi is None else _n(hi)}]"


def _texts(obj: Any, path: tuple = ()) -> Iterator[tuple[tuple, schemas.Text]]:
    """Every Text inside a content object, with its path in the data."""
    if isinstance(obj, schemas.Text):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _texts(getattr(obj, name), (*path, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _texts(item, (*path, i))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from _texts(item, (*path, key))


def _raw(origin: Origin, sub: tuple) -> Any:
    node = origin.doc.data
    for el in origin.path + sub:
        node = node[el]
    return node


def run_checks(content: ContentSet) -> list[Diagnostic]:
    ck = _Checker(content)
    # When the state declarations are broken, names are not judged against them (one root cause, one report).
    ck.state_ok = "state" not in content.failed_kinds and any(content.state.values())
    graph = follow_ups(content)
    ck.edges, ck.scheduled_by_measures = graph.edges, graph.by_measures
    if ck.state_ok:
        author_checks.state_inputs(ck)
    _check_events(ck)
    _check_measures(ck)
    for level_id, level in content.levels.items():
        _check_level(ck, level, content.origins[("level", level_id)])
    author_checks.level_keeping(ck)
    author_checks.papers(ck)
    _check_strings(ck)
    _check_cycles(ck)
    _check_reachability(ck)
    # A broken event or measure may be the one that sets a flag: judge flags only when all entries loaded.
    if ck.state_ok and not any(kind in ("event", "measure") for kind, _ in content.broken):
        for name, places in sorted(ck.flags_read.items()):
            if name not in ck.flags_set:
                d = Diagnostic(
                    "W202",
                    f"the flag `{name}` is read but no effect ever sets it",
                    places[0],
                    did_you_mean(name, ck.names("flag")) or "",
                    tuple(places[1:]),
                )
                ck.out.append(d)
    return ck.finished()


def _check_events(ck: _Checker) -> None:
    for event_id, event in ck.content.events.items():
        origin = ck.content.origins[("event", event_id)]
        first = len(ck.out)
        if event.when:
            ck.conditions(event.when, event.scope, origin, ("when",))
        for i, mod in enumerate(event.weight_spec.modifiers):
            ck.conditions([mod.when], event.scope, origin, ("weight", "modifiers", i, "when"))
        ck.effects(event.on_fire, event.scope, origin, ("on_fire",))
        for i, option in enumerate(event.options):
            sub = ("options", i)
            if option.when:
                ck.conditions(option.when, event.scope, origin, (*sub, "when"))
            ck.effects(option.effects, event.scope, origin, (*sub, "effects"))
        for i, level_id in enumerate(event.levels):
            if ck.content.levels and not ck.content.known("level", level_id):
                ck.report(
                    "W209",
                    f"no level loaded has the id `{level_id}`",
                    origin.location(("levels", i)),
                    ck.hint("level", level_id),
                )
        if event.tags and dynamic_of(event) is None:  # untagged events are allowed, and counted apart
            ck.report(
                "W208",
                f"`{event_id}` belongs to no dynamic of the paper: its first tag is `{event.tags[0]}`",
                origin.location(("tags", 0)),
            )
        if all(o.when for o in event.options):
            ck.report(
                "W205",
                f"every option of `{event_id}` has a condition; if none holds, the player is left with no choice",
                origin.location(("options",)),
            )
        author_checks.option_roles(ck, event, origin)
        ck.texts(event, origin, event.scope)
        author_checks.one_scope_cause(ck, first, origin, "scope")


def _check_measures(ck: _Checker) -> None:
    for measure_id, measure in ck.content.measures.items():
        origin = ck.content.origins[("measure", measure_id)]
        first = len(ck.out)
        if measure.when:
            ck.conditions(measure.when, measure.target, origin, ("when",))
        ck.effects(measure.effects, measure.target, origin, ("effects",))
        for key in ("cost", "upkeep"):
            for resource in getattr(measure, key):
                if resource not in ck.content.state["player"] and ck.state_ok:
                    ck.report(
                        "E162",
                        f"`{resource}` is not a player resource",
                        origin.location((key, resource), key=True),
                        ck.hint("player", resource, "resources are declared under `player:` in content/state.yaml"),
                    )
        ck.texts(measure, origin, measure.target)
        author_checks.one_scope_cause(ck, first, origin, "target")


def _check_level(ck: _Checker, level: schemas.Level, origin: Origin) -> None:
    content = ck.content
    for role in schemas.ROLES:
        setup = level.roles.get(role)
        if setup is None:
            continue
        for i, measure_id in enumerate(setup.measures):
            where = origin.location(("roles", role, "measures", i))
            measure = _lookup(ck, "measure", measure_id, where)
            if measure is not None and measure.role != role:
                ck.report(
                    "E168", f"`{measure_id}` is a measure for the {measure.role}, offered here to the {role}", where
                )
        _initial_values(ck, "player", setup.resources, origin, ("roles", role, "resources"))
    _initial_values(ck, "city", level.city.initial, origin, ("city", "initial"))
    for i, district in enumerate(level.districts):
        _initial_values(ck, "district", district.initial, origin, ("districts", i, "initial"))
    author_checks.computed_starts(ck, level, origin)
    _check_borders(ck, level, origin)
    for name, value in level.parameters.items():
        param = content.parameters.get(name)
        where = origin.location(("parameters", name), key=True)
        if param is None:
            if content.parameters:
                ck.report(
                    "E161",
                    f"no model parameter is called `{name}`",
                    where,
                    ck.hint("parameter", name, "see content/model.yaml"),
                )
        elif (param.min is not None and value < param.min) or (param.max is not None and value > param.max):
            ck.report("E163", f"`{name}` = {value} is outside its range {_range(param.min, param.max)}", where)
    tags = ck.names("tag")  # every event's tags, gathered once for all levels
    for i, pool in enumerate(level.pools):
        members = pool_events(content, pool, level.id)
        for j, event_id in enumerate(pool.events):
            where = origin.location(("pools", i, "events", j))
            event = _lookup(ck, "event", event_id, where)
            if event is not None and event.triggered_only:
                ck.report("E167", f"`{event_id}` is `triggered_only`, so it cannot be drawn from a pool", where)
        for j, tag in enumerate(pool.tags):
            if tag not in tags:
                ck.report(
                    "W203",
                    f"no event carries the tag `{tag}`",
                    origin.location(("pools", i, "tags", j)),
                    ck.hint("tag", tag),
                )
        weights = [content.events[e].weight_spec for e in members]
        if members and all(w.base == 0 and not any((m.add or 0) > 0 for m in w.modifiers) for w in weights):
            ck.report("W203", f"every event in pool `{pool.id}` weighs 0", origin.location(("pools", i)))
    _check_hints(ck, level, origin)
    ck.texts(level, origin, "city")


def _check_borders(ck: _Checker, level: schemas.Level, origin: Origin) -> None:
    """Each district's `borders:` names other districts of the same level, each once; a city of two or more
    districts declares at least one border (the model reads them as symmetric, so one side is enough)."""
    ids = [d.id for d in level.districts]
    for i, district in enumerate(level.districts):
        seen: set[str] = set()
        for j, other in enumerate(district.borders):
            where = origin.location(("districts", i, "borders", j))
            if other in seen:
                if other != district.id and other in ids:  # a bad entry repeated is reported once, at the first
                    first = origin.location(("districts", i, "borders", district.borders.index(other)))
                    ck.report(
                        "W210",
                        f"`{district.id}` lists the border `{other}` twice",
                        where,
                        f"the first is at {first}; remove this one",
                    )
                continue
            seen.add(other)
            if other == district.id:
                ck.report(
                    "E170",
                    f"`{district.id}` lists itself among its borders",
                    where,
                    f"remove `{other}`; a district's borders are the other districts it touches",
                )
            elif other not in ids:
                others = [d for d in ids if d != district.id]
                ck.report(
                    "E169",
                    f"`{district.id}` borders `{other}`, but level `{level.id}` has no district with that id",
                    where,
                    did_you_mean(other, others) or f"the other districts of this level are: {', '.join(others)}",
                )
    if len(ids) >= 2 and not any(d.borders for d in level.districts):
        ck.report(
            "W211",
            f"none of the {len(ids)} districts of `{level.id}` lists `borders:`, so crime displaced "
            "by gates and guards will not move between districts",
            origin.location(("districts",), key=True),
        )


def _check_hints(ck: _Checker, level: schemas.Level, origin: Origin) -> None:
    """Hint ids are unique within the level; their conditions read the city scope, like a city event's."""
    first: dict[str, int] = {}
    for i, hint in enumerate(level.hints):
        if hint.id in first:
            ck.report(
                "E160",
                f"two hints share the id `{hint.id}`",
                origin.location(("hints", i, "id")),
                f"the first is at {origin.location(('hints', first[hint.id], 'id'))}; rename one of them",
            )
        else:
            first[hint.id] = i
        if hint.when:
            ck.conditions(hint.when, "city", origin, ("hints", i, "when"))


@overload
def _lookup(ck: _Checker, kind: Literal["measure"], ident: str, where: Location) -> schemas.Measure | None: ...
@overload
def _lookup(ck: _Checker, kind: Literal["event"], ident: str, where: Location) -> schemas.Event | None: ...
def _lookup(ck: _Checker, kind: str, ident: str, where: Location) -> schemas.Measure | schemas.Event | None:
    """The measure or event with this id; reports E161 (with a suggestion) unless it exists, even broken."""
    table = ck.content.measures if kind == "measure" else ck.content.events
    if ident not in table and not ck.content.known(kind, ident):
        ck.report("E161", f"no {kind} has the id `{ident}`", where, ck.hint(kind, ident))
    return table.get(ident)


def _initial_values(ck: _Checker, scope: str, values: dict, origin: Origin, sub: tuple) -> None:
    for name, value in values.items():
        if sub[-1] == "initial" and author_checks.computed_in_initial(ck, scope, name, origin, (*sub, name)):
            continue  # E171: set what it is computed from
        ck._target("set", f"{scope}.{name}", value, scope, origin, (*sub, name))


def _check_strings(ck: _Checker) -> None:
    for key, text in ck.content.strings.items():
        ck.texts(text, ck.content.origins[("string", key)], "city", free=True)


def _check_cycles(ck: _Checker) -> None:
    """Zero-delay cycles are errors (they would fire without end within one turn); forced endless ones warn."""
    zero = {src: [t for t, lo, _, _ in edges if lo == 0] for src, edges in ck.edges.items()}
    for cycle in _cycles(zero):
        origin = ck.content.origins[("event", cycle[0])]
        ck.report(
            "E166",
            "these follow-ups can fire each other again in the same turn without end: "
            + " → ".join([*cycle, cycle[0]]),
            origin.location(("id",)),
        )
    forced = {
        src: [t for t, lo, chance, on_fire in edges if lo > 0 and chance >= 1 and on_fire]
        for src, edges in ck.edges.items()
        if not ck.content.events[src].once
    }
    for cycle in _cycles(forced):
        if any(ck.content.events[e].once or ck.content.events[e].when for e in cycle):
            continue
        origin = ck.content.origins[("event", cycle[0])]
        ck.report(
            "W206",
            "this chain of follow-ups always schedules itself again: " + " → ".join([*cycle, cycle[0]]),
            origin.location(("id",)),
        )


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """One representative cycle per strongly connected group (iterative DFS; content may be large)."""
    found: list[list[str]] = []
    groups: set[frozenset[str]] = set()  # the members of each cycle found, to skip its rotations at once
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(graph):
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph.get(start, [])))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                cycle = path[path.index(child) :]
                if frozenset(cycle) not in groups:
                    groups.add(frozenset(cycle))
                    found.append(cycle)
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph.get(child, []))))
    return found


def _check_reachability(ck: _Checker) -> None:
    content = ck.content
    if not content.levels:
        return  # without any level nothing is reachable; validating an events file alone is fine
    if content.broken or "level" in content.failed_kinds:
        return  # a broken entry may be the one that reaches an event: fix it first, then judge reachability
    # Reachable in some level for some role: from its pools and its measures for that role, then through
    # follow-ups; an event meant only for the other role is dropped when it falls due, so it does not count.
    reached: set[str] = set()
    for level in content.levels.values():
        for role in schemas.ROLES:
            if level.roles.get(role) is not None:
                reached |= _reachable(content, level, role, ck.edges, ck.scheduled_by_measures)
    unreached = [e for e in content.events if e not in reached]
    # Report each unreachable chain once, at its start: its follow-ups are unreachable because of it.
    targeted = {t for e in unreached for t, *_ in ck.edges.get(e, []) if t != e}
    covered: set[str] = set()
    for event_id in [e for e in unreached if e not in targeted] + unreached:  # roots first, then cycles
        if event_id in covered:
            continue
        chain = _followers(ck, event_id)
        covered |= chain
        rest = sorted(chain - {event_id})
        also = f" (nor the follow-ups it schedules: {', '.join(rest)})" if rest else ""
        origin = content.origins[("event", event_id)]
        ck.report(
            "W200", f"no level's pools and no follow-up can ever fire `{event_id}`{also}", origin.location(("id",))
        )


def _reachable(content: ContentSet, level: schemas.Level, role: str, edges: dict, by_measures: dict) -> set[str]:
    roots = {e for pool in level.pools for e in pool_events(content, pool, level.id)}
    setup = level.roles.get(role)
    assert setup is not None  # the caller passes only the roles the level sets up
    for measure_id in setup.measures:
        roots |= by_measures.get(measure_id, set())
    todo = [e for e in roots if e in content.events and role in content.events[e].roles]
    seen = set(todo)
    while todo:
        for target, *_ in edges.get(todo.pop(), []):
            if target not in seen and target in content.events and role in content.events[target].roles:
                seen.add(target)
                todo.append(target)
    return seen


@dataclass
class FollowUps:
    """Who schedules whom: event -> [(target, smallest delay, chance, from on_fire?)], measure -> targets."""

    edges: dict[str, list[tuple[str, int, float, bool]]]
    by_measures: dict[str, set[str]]


def follow_ups(content: ContentSet) -> FollowUps:
    def schedules(effects: list[schemas.Effect]) -> list[schemas.Schedule]:
        return [e.schedule for e in effects if e.schedule is not None]  # the lines whose verb is `schedule`

    edges: dict[str, list[tuple[str, int, float, bool]]] = {}
    for event_id, event in content.events.items():
        lines = [(x, True) for x in schedules(event.on_fire)]
        lines += [(x, False) for o in event.options for x in schedules(o.effects)]
        edges[event_id] = [(x.event, x.delay_range[0], x.chance, on_fire) for x, on_fire in lines]
    by_measures = {m_id: {x.event for x in schedules(m.effects)} for m_id, m in content.measures.items()}
    return FollowUps(edges, by_measures)


def reachable_events(content: ContentSet, level: schemas.Level, role: str) -> set[str]:
    """Events that can ever fire in this level for this role (from pools, measures and follow-ups)."""
    graph = follow_ups(content)
    return _reachable(content, level, role, graph.edges, graph.by_measures)


def _followers(ck: _Checker, start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for target, *_ in ck.edges.get(todo.pop(), []):
            if target not in seen and target in ck.content.events:  # a missing target is E161 already
                seen.add(target)
                todo.append(target)
    return seen
