"""The checker the cross-file checks share: it collects their diagnostics and checks effect lines.

`checks.run_checks` makes one Checker and hands it to every part (check_conditions, check_texts, check_events,
check_measures, check_levels, follow_up_graph, author_checks). It keeps what the parts learn on the way (flags set
and read, the follow-up graph, whether the state declarations loaded) and works out a diagnostic's did-you-mean
hint only if the diagnostic is shown. Effect lines are checked here rather than in a part of their own because
author_checks judges starting values through `Checker._target`, the same check an effect's value gets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Literal, overload

from game.content import schemas
from game.content.content_set import ContentSet, Origin
from game.content.diagnostic_text import Message, Msg, msg
from game.content.diagnostics import Diagnostic, Location, capped
from game.content.expressions import Namespace
from game.content.schema_errors import did_you_mean
from game.content.suggest import Suggester


@dataclass
class Checker:
    """What the parts share while they run: the diagnostics, what was learnt so far, and caches of names."""

    content: ContentSet
    out: list[Diagnostic] = field(default_factory=list)
    flags_set: set[str] = field(default_factory=set)
    flags_read: dict[str, list[Callable[[], Location]]] = field(default_factory=dict)  # placed when reported
    # the follow-up graph (game.content.follow_up_graph.follow_ups), built once all entries are known
    edges: dict[str, list[tuple[str, int, float, bool]]] = field(default_factory=dict)
    scheduled_by_measures: dict[str, set[str]] = field(default_factory=dict)
    state_ok: bool = True
    namespaces: dict[str, Namespace] = field(default_factory=dict)  # one per scope, built once
    namespace_keys: dict[str, int] = field(default_factory=dict)  # their numbers (check_conditions)
    suggesters: dict[str, Suggester] = field(default_factory=dict)  # known names per kind, indexed once
    later: dict[int, tuple[Diagnostic, Callable[[], Message]]] = field(default_factory=dict)  # hints not yet made

    def report(self, code: str, message: Message, where: Location, hint: Message | Callable[[], Message] = "") -> None:
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

    def hint(self, kind: str, word: str, otherwise: Message = "") -> Callable[[], Message]:
        """`did you mean ...?` among the names of this kind (or `otherwise`), when the diagnostic is shown."""
        return partial(self._hint, kind, word, otherwise)

    def _hint(self, kind: str, word: str, otherwise: Message) -> Message:
        return did_you_mean(word, self.names(kind)) or otherwise

    def finished(self) -> list[Diagnostic]:
        """The diagnostics, with the hints of those that will be shown worked out."""
        if not self.later:
            return self.out
        shown = {id(d) for d in capped(self.out)[0]}
        return [
            replace(d, hint_text=self.later[id(d)][1]()) if id(d) in self.later and id(d) in shown else d
            for d in self.out
        ]

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
        at = origin.at(path, key=True)  # placed only when something is reported
        s, _, name = target.partition(".")
        if s not in schemas.SCOPES or not name:
            self.report(
                "E162",
                msg("check.not_a_state_value", target=target),
                at(),
                self.hint("state", target),
            )
            return
        if s == "district" and scope != "district":
            self.report("E164", msg("check.district_value_city_scope", target=target), at())
            return
        decl = self.content.state[s].get(name)
        if decl is None:
            if self.state_ok:
                self.report(
                    "E162",
                    msg("check.undeclared", name=target),
                    at(),
                    self.hint("state", target, Msg("check.declare_hint")),
                )
            return
        if decl.computed and not decl.carried and not path_is_initial(path):
            self.report(
                "W207",
                msg("check.recomputed", target=target),
                at(),
            )
        if decl.type == "bool":
            if verb != "set" or not isinstance(value, bool):
                self.report("E124", msg("check.bool_target", target=target), at())
            return
        if isinstance(value, bool):
            self.report("E124", msg("check.number_target", target=target), at())
            return
        lo, hi = decl.min, decl.max
        assert lo is not None and hi is not None  # a number has both (VarDecl._consistent)
        if verb == "set" and not lo <= value <= hi:
            outside = msg("check.set_outside", target=target, value=plain(value), lo=plain(lo), hi=plain(hi))
            self.report("E163", outside, at())
        elif verb == "add" and abs(value) > hi - lo:
            self.report(
                "E163",
                msg("check.add_too_large", target=target, value=plain(value), lo=plain(lo), hi=plain(hi)),
                at(),
            )
        elif decl.type == "int" and verb != "mul" and not float(value).is_integer():
            self.report("E124", msg("check.not_whole", target=target, value=value), at())

    def _schedule(self, sched: schemas.Schedule, scope: str, origin: Origin, path: tuple) -> None:
        target = lookup(self, "event", sched.event, origin.at((*path, "event")))
        if target is None:
            return
        if target.scope == "district" and scope != "district":
            self.report(
                "E164",
                msg("check.district_event_city_scope", event=sched.event),
                origin.location((*path, "event")),
                Msg("check.district_event_city_scope_hint"),
            )

    def _all_names(self) -> list[str]:
        return [f"{s}.{n}" for s in schemas.SCOPES for n in self.content.state[s]]


# The names a did-you-mean hint may offer, by kind (Checker.names).
_NAMES: dict[str, Callable[[Checker], Iterable[str]]] = {
    "event": lambda ck: ck.content.events,
    "measure": lambda ck: ck.content.measures,
    "level": lambda ck: ck.content.levels,
    "parameter": lambda ck: ck.content.parameters,
    "state": lambda ck: ck._all_names(),
    "player": lambda ck: ck.content.state["player"],
    "tag": lambda ck: sorted({t for e in ck.content.events.values() for t in e.tags}),
    "flag": lambda ck: sorted(ck.flags_set),  # asked for once every effect has been read
}


def loaded(content: ContentSet, kind: str) -> bool:
    """Were any entries of this kind loaded? Without them (`validate --standalone` on a level alone) a reference
    cannot be judged: it may name a shipped one. It is counted instead (game.content.unchecked)."""
    tables = {"measure": content.measures, "event": content.events}
    return bool(tables[kind]) or any(k == kind for k, _ in content.broken)


def path_is_initial(path: tuple) -> bool:
    """Starting values in a level (`initial:`, `resources:`, `computed_start:`) are not effects: no W207."""
    return "initial" in path or "resources" in path or "computed_start" in path


def plain(x: float) -> Any:
    """A number as an author wrote it: `1`, not `1.0`."""
    return int(x) if float(x).is_integer() else x


@overload
def lookup(ck: Checker, kind: Literal["measure"], ident: str, at: Callable[[], Location]) -> schemas.Measure | None: ...
@overload
def lookup(ck: Checker, kind: Literal["event"], ident: str, at: Callable[[], Location]) -> schemas.Event | None: ...
def lookup(ck: Checker, kind: str, ident: str, at: Callable[[], Location]) -> schemas.Measure | schemas.Event | None:
    """The measure or event with this id; reports E161 (with a suggestion) at `at()` unless it exists, even broken."""
    table = ck.content.measures if kind == "measure" else ck.content.events
    if ident not in table and loaded(ck.content, kind) and not ck.content.known(kind, ident):
        missing = msg("check.no_such_measure" if kind == "measure" else "check.no_such_event", id=ident)
        ck.report("E161", missing, at(), ck.hint(kind, ident))
    return table.get(ident)
