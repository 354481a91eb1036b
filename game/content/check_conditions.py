"""Conditions (`when:` lists, weight modifiers, hints): compiled here, once, and stored on the ContentSet for the
event engine; an error is reported at its exact character, and each list is judged for satisfiability against
the declared ranges (E145, W201). Events and flags a condition reads are noted for the checks that follow.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from game.content import templates
from game.content.checker import Checker
from game.content.content_set import ContentSet, Origin
from game.content.diagnostic_text import Msg, msg
from game.content.diagnostics import Location
from game.content.expressions import Condition, ExpressionError, Namespace, VarSpec, compile_condition
from game.content.intervals import Analysis, Verdict, analyze


def namespace(content: ContentSet, scope: str) -> Namespace:
    """The names a condition may read in an event or measure of this scope ("city" or "district")."""
    names: dict[str, VarSpec] = {"turn": VarSpec("int", 1, 200), "role": VarSpec("str")}
    for s in ("city", "player", "district"):
        for name, decl in content.state[s].items():
            names[f"{s}.{name}"] = VarSpec(decl.type, decl.min, decl.max)
    names["district.id"] = VarSpec("str")
    names["district.kind"] = VarSpec("str")
    hidden: dict[str, Msg] = {}
    if scope != "district":
        reason = Msg("cond.city_scope_hint")
        hidden = {n: reason for n in names if n.startswith("district.")}
        names = {n: v for n, v in names.items() if n not in hidden}
    return Namespace(names, hidden)


def conditions(ck: Checker, sources: list[str], scope: str, origin: Origin, sub: tuple) -> list[Condition]:
    """Compile a `when:` list; report errors at the exact character; check satisfiability."""
    if scope not in ck.namespaces:
        ck.namespaces[scope] = namespace(ck.content, scope)
    ns = ck.namespaces[scope]
    if scope not in ck.namespace_keys:  # a small number, so that looking a condition up hashes little
        whole = (tuple(sorted(ns.names.items())), tuple(sorted(ns.hidden.items())))
        if len(_namespace_ids) >= 64:  # the state declarations were edited many times: start afresh
            forget()
        ck.namespace_keys[scope] = _namespace_ids.setdefault(whole, len(_namespace_ids))
    ns_key = ck.namespace_keys[scope]
    raw_is_str = isinstance(_raw(origin, sub), str)  # `when: "..."` shorthand for a one-item list
    compiled = []
    for i, src in enumerate(sources):
        path = sub if raw_is_str else (*sub, i)
        try:
            cond = _compile(src, ns, ns_key)
        except ExpressionError as exc:
            if ck.state_ok or exc.code not in ("E143", "E144"):
                line, col = origin.doc.source.text_pos(origin.path + path, exc.offset)
                hint = partial(getattr, exc, "hint_text")  # a did-you-mean worked out only if shown
                ck.report(exc.code, exc.text, Location(origin.doc.path, line, col), hint)
            continue
        ck.content.conditions[(scope, src)] = cond
        compiled.append((cond, path))
        _references(ck, cond, origin, path)
        verdict = _judged(cond, ns, ns_key)
        if verdict.verdict is Verdict.ALWAYS_FALSE:
            ck.report("E145", msg("cond.never_true", source=src, reason=verdict.why), origin.location(path))
        elif verdict.verdict is Verdict.ALWAYS_TRUE:
            ck.report("W201", msg("cond.always_true", source=src, reason=verdict.why), origin.location(path))
    if len(compiled) > 1:
        each_possible = all(_judged(c, ns, ns_key).verdict is not Verdict.ALWAYS_FALSE for c, _ in compiled)
        verdict = analyze([c for c, _ in compiled], ns)
        if each_possible and verdict.verdict is Verdict.ALWAYS_FALSE:
            together = msg("cond.never_together", reason=verdict.why)
            ck.report("E145", together, origin.location(sub))
    return [c for c, _ in compiled]


# A condition's compilation and its verdict alone depend only on its text and the namespace (the names, their
# types and ranges), so they are kept for the next check in the same process: the language server checks after
# every edit, and most conditions have not changed. Conditions are immutable; the store is emptied when full.
_KEEP = 8192
_compiled: dict[tuple, Condition | ExpressionError] = {}
_verdicts: dict[tuple, Analysis] = {}
_namespace_ids: dict[tuple, int] = {}


def forget() -> None:
    """Empty the stores of compiled conditions and parsed texts (tests and benches that count the work a check
    does, as in a new process)."""
    templates.parse.cache_clear()
    _namespace_ids.clear()
    _compiled.clear()
    _verdicts.clear()


def _compile(src: str, ns: Namespace, ns_key: int) -> Condition:
    key = (src, ns_key) if isinstance(src, str) else None
    found = _compiled.get(key) if key else None
    if found is None:
        try:
            found = compile_condition(src, ns)
        except ExpressionError as exc:
            found = exc
        if key:
            if len(_compiled) >= _KEEP:
                _compiled.clear()
            _compiled[key] = found
    if isinstance(found, ExpressionError):
        raise found.with_traceback(None)  # kept, so its traceback must not grow with each check
    return found


def _judged(cond: Condition, ns: Namespace, ns_key: int) -> Analysis:
    key = (cond.source, ns_key)
    found = _verdicts.get(key)
    if found is None:
        found = analyze([cond], ns)
        if len(_verdicts) >= _KEEP:
            _verdicts.clear()
        _verdicts[key] = found
    return found


def _references(ck: Checker, cond: Condition, origin: Origin, path: tuple) -> None:
    for ident, offset in cond.event_refs:
        if not ck.content.known("event", ident):
            line, col = origin.doc.source.text_pos(origin.path + path, offset)
            ck.report(
                "E161",
                msg("check.no_such_event", id=ident),
                Location(origin.doc.path, line, col),
                ck.hint("event", ident, Msg("cond.check_fired_hint")),
            )
    for name, offset in cond.flag_refs:  # placed only if W202 is reported
        ck.flags_read.setdefault(name, []).append(partial(_text_location, origin, path, offset))


def _text_location(origin: Origin, path: tuple, offset: int) -> Location:
    line, col = origin.doc.source.text_pos(origin.path + path, offset)
    return Location(origin.doc.path, line, col)


def _raw(origin: Origin, sub: tuple) -> Any:
    node = origin.doc.data
    for el in origin.path + sub:
        node = node[el]
    return node
