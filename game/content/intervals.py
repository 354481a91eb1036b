"""Static satisfiability analysis of conditions by interval arithmetic.

``analyze`` judges the conjunction of an event's conditions without running the game:
can they never hold together (ALWAYS_FALSE), always hold (ALWAYS_TRUE), or is that
decided by the game state (UNKNOWN)?  Two tools are combined:

* interval arithmetic: every number-valued sub-expression gets a closed interval that
  surely contains its value (names take their declared range), so `x * 2 > 3` with x
  in 0..1 can be judged;
* per-value constraints: the parts of an `and` that compare one value with a constant
  (`x > 0.6`, `x < 0.4`, `role == "mayor"`, `x in [1, 2]`) are intersected, with open
  and closed endpoints tracked, to find contradictions between parts.

The analysis is sound: ALWAYS_FALSE and ALWAYS_TRUE are only claimed when certain.
It assumes game values are finite numbers inside their declared ranges (and whole
numbers for "int" values).  Bounds are computed with the same float operations as
evaluation; rounding to nearest is monotonic, so the real result can never escape them.

The interval arithmetic is in interval_arith.py, the per-value constraints in interval_constraints.py; this
module judges a list of conditions with both, and words the reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import cast

from game.content.diagnostic_text import Message, Msg, msg, say
from game.content.expr_condition import Condition, format_value
from game.content.expr_eval import constant_value
from game.content.expr_nodes import (
    NEVER,
    NUMBER,
    Arith,
    BoolOp,
    Compare,
    Const,
    Func,
    Member,
    Namespace,
    Node,
    Not,
    Ref,
    Unary,
    Var,
    child_nodes,
    flatten_and,
    is_constant,
)
from game.content.interval_arith import (
    INF,
    UNBOUNDED,
    Interval,
    Verdict,
    arith_interval,
    compare_intervals,
    function_interval,
)
from game.content.interval_constraints import (
    BOTH_BOOLS,
    Atom,
    ChoiceDomain,
    Domain,
    NumberDomain,
    apply_all,
    atoms_of,
    key_label,
)

__all__ = ["Analysis", "Verdict", "analyze"]


@dataclass(frozen=True)
class Analysis:
    verdict: Verdict
    why: Message  # typed (game.content.diagnostic_text), said in the reader's language in E145 and W201

    @property
    def reason(self) -> str:
        """The reason in English."""
        return say(self.why)


_DEPENDS = Msg("why.depends")


def _joined(reasons: Iterable[Message]) -> Message:
    """Reasons one after the other, `a; b; c`."""
    said: Message = ""
    for reason in reasons:
        said = msg("look.then", first=said, then=reason) if said else reason
    return said


def analyze(conditions: Sequence[Condition], namespace: Namespace) -> Analysis:
    """Judge the conjunction (AND) of the given conditions; never raises."""
    try:
        return _Analyzer(namespace).analyze([c._tree for c in conditions])
    except Exception as exc:  # the analysis only advises; it must never break loading
        return Analysis(Verdict.UNKNOWN, msg("why.undecided", error=type(exc).__name__))


# For `a op b` judged (never / always): which end of a and of b decided it.
_DECIDING_ENDS = {
    (">", Verdict.ALWAYS_FALSE): ("max", "min"),
    (">=", Verdict.ALWAYS_FALSE): ("max", "min"),
    ("<", Verdict.ALWAYS_FALSE): ("min", "max"),
    ("<=", Verdict.ALWAYS_FALSE): ("min", "max"),
    (">", Verdict.ALWAYS_TRUE): ("min", "max"),
    (">=", Verdict.ALWAYS_TRUE): ("min", "max"),
    ("<", Verdict.ALWAYS_TRUE): ("max", "min"),
    ("<=", Verdict.ALWAYS_TRUE): ("max", "min"),
}


# ---------------------------------------------------------------------------
# The analyzer
# ---------------------------------------------------------------------------


def _quote(node: Node) -> str:
    return f"`{node.text}`"


def _range_text(lo: float | None, hi: float | None) -> Message:
    if lo is not None and hi is not None:
        return msg("why.declared_range", lo=format_value(lo), hi=format_value(hi))
    if lo is not None:
        return msg("why.declared_minimum", lo=format_value(lo))
    return msg("why.declared_maximum", hi=format_value(hi) if hi is not None else "none")


class _Analyzer:
    def __init__(self, namespace: Namespace) -> None:
        self.ns = namespace

    # -- entry ---------------------------------------------------------------

    def analyze(self, trees: list[Node]) -> Analysis:
        if not trees:
            return Analysis(Verdict.ALWAYS_TRUE, Msg("why.no_conditions"))
        result = self.judge_all(trees)
        if result.verdict is Verdict.ALWAYS_TRUE:
            risky = next((node for tree in trees if (node := self.failing_node(tree))), None)
            if risky is not None:
                return Analysis(Verdict.UNKNOWN, msg("why.may_fail", reason=result.why, part=_quote(risky)))
        return result

    def failing_node(self, tree: Node) -> Node | None:
        """An arithmetic node whose evaluation may raise (which makes a condition false)."""
        for node in _walk(tree):
            if isinstance(node, Arith) and self.interval(node).may_fail:
                return node
        return None

    # -- numbers -------------------------------------------------------------

    def interval(self, node: Node) -> Interval:
        match node:
            case Const(value=v) if isinstance(v, (int, float)) and not isinstance(v, bool):
                return Interval(v, v, may_nan=math.isnan(v))
            case Var(name=name):
                lo, hi = self.declared_bounds(name)
                return Interval(lo, hi)
            case Ref(func="turns_since"):
                return Interval(0, NEVER)
            case Unary(op="-", operand=x):
                inner = self.interval(x)
                return replace(inner, lo=-inner.hi, hi=-inner.lo)
            case Unary(operand=x):
                return self.interval(x)
            case Arith(op=op, left=a, right=b):
                try:
                    return arith_interval(op, self.interval(a), self.interval(b))
                except ArithmeticError:  # a huge int bound: evaluation can overflow too
                    return UNBOUNDED
            case Func(func=func, args=args):
                return function_interval(func, [self.interval(a) for a in args])
        return UNBOUNDED  # not a number (cannot happen after type checking)

    def declared_bounds(self, name: str) -> tuple[float, float]:
        spec = self.ns.names.get(name)
        if spec is None:
            return -INF, INF
        lo = -INF if spec.min is None else spec.min
        hi = INF if spec.max is None else spec.max
        if spec.type == "int":  # whole numbers only, kept as ints like the values
            lo = lo if math.isinf(lo) else math.ceil(lo)
            hi = hi if math.isinf(hi) else math.floor(hi)
        return lo, hi

    # -- booleans ------------------------------------------------------------

    def judge(self, node: Node) -> Analysis:
        match node:
            case BoolOp(op="and", operands=xs):
                return self.judge_all(list(xs))
            case BoolOp(op="or", operands=xs):
                return self.judge_or(node, [self.judge(x) for x in xs])
            case Not(operand=x):
                return _negate(node, self.judge(x))
        return self.judge_all([node])

    def judge_all(self, nodes: list[Node]) -> Analysis:
        """The conjunction of nodes: each part alone, then their constraints together."""
        parts = [leaf for node in nodes for leaf in flatten_and(node)]
        judged = [self.judge_leaf(p) if _is_leaf(p) else self.judge(p) for p in parts]
        for result in judged:
            if result.verdict is Verdict.ALWAYS_FALSE:
                return result
        contradiction = self.contradiction(parts)
        if contradiction:
            return Analysis(Verdict.ALWAYS_FALSE, contradiction)
        if all(r.verdict is Verdict.ALWAYS_TRUE for r in judged):
            if len(judged) == 1:
                return judged[0]
            return Analysis(Verdict.ALWAYS_TRUE, msg("why.every_part", reasons=_joined(r.why for r in judged)))
        return Analysis(Verdict.UNKNOWN, _DEPENDS)

    def judge_or(self, node: Node, branches: list[Analysis]) -> Analysis:
        for branch in branches:
            if branch.verdict is Verdict.ALWAYS_TRUE:
                return Analysis(Verdict.ALWAYS_TRUE, msg("why.so_always", reason=branch.why, part=_quote(node)))
        if all(b.verdict is Verdict.ALWAYS_FALSE for b in branches):
            reasons = _joined(b.why for b in branches)
            return Analysis(Verdict.ALWAYS_FALSE, msg("why.no_alternative", part=_quote(node), reasons=reasons))
        return Analysis(Verdict.UNKNOWN, _DEPENDS)

    def judge_leaf(self, node: Node) -> Analysis:
        """A single comparison, membership test, name or constant on its own."""
        if is_constant(node):
            value = constant_value(node)
            if isinstance(value, bool):
                verdict = Verdict.ALWAYS_TRUE if value else Verdict.ALWAYS_FALSE
                return Analysis(verdict, msg("why.constant", part=_quote(node), value=format_value(value)))
        if isinstance(node, Compare) and all(o.kind == NUMBER for o in node.operands):
            return self.judge_numeric_chain(node)
        if isinstance(node, Member) and node.left.kind == NUMBER:
            return self.judge_numeric_member(node)
        return Analysis(Verdict.UNKNOWN, _DEPENDS)

    def judge_numeric_chain(self, node: Compare) -> Analysis:
        verdicts = []
        for a, op, b in zip(node.operands, node.ops, node.operands[1:], strict=False):
            ia, ib = self.interval(a), self.interval(b)
            verdict = compare_intervals(op, ia, ib)
            if verdict is Verdict.ALWAYS_FALSE:
                return Analysis(verdict, self.pair_reason(node, a, ia, op, b, ib, verdict))
            verdicts.append((verdict, a, ia, op, b, ib))
        if all(v[0] is Verdict.ALWAYS_TRUE for v in verdicts):
            reasons = [self.pair_reason(node, *v[1:], verdict=Verdict.ALWAYS_TRUE) for v in verdicts]
            return Analysis(Verdict.ALWAYS_TRUE, _joined(reasons))
        return Analysis(Verdict.UNKNOWN, _DEPENDS)

    def judge_numeric_member(self, node: Member) -> Analysis:
        iv = self.interval(node.left)
        numbers = cast(tuple[float, ...], node.values)  # the compiler lets a number be listed only with numbers
        inside = [v for v in numbers if iv.lo <= v <= iv.hi]
        single = iv.lo == iv.hi and not iv.may_nan
        never = not inside
        always = single and iv.lo in node.values
        if node.negated:
            never, always = always, never and not iv.may_nan
        if never:
            return Analysis(
                Verdict.ALWAYS_FALSE, msg("why.so_never", reason=self.describe(node.left, iv), part=_quote(node))
            )
        if always:
            return Analysis(
                Verdict.ALWAYS_TRUE, msg("why.so_always", reason=self.describe(node.left, iv), part=_quote(node))
            )
        return Analysis(Verdict.UNKNOWN, _DEPENDS)

    # -- reasons -------------------------------------------------------------

    def pair_reason(
        self, node: Compare, a: Node, ia: Interval, op: str, b: Node, ib: Interval, verdict: Verdict
    ) -> Message:
        text = node.text if len(node.ops) == 1 else f"{a.text} {op} {b.text}"
        # Which end of each side decides the outcome, e.g. `a > b` is never true when a's max <= b's min.
        ends = _DECIDING_ENDS.get((op, verdict), ("both", "both"))
        facts = [self.describe(x, iv, end) for x, iv, end in ((a, ia, ends[0]), (b, ib, ends[1])) if not is_constant(x)]
        said: Message = ""
        for fact in facts:
            said = msg("list.and", first=said, then=fact) if said else fact
        key = "why.so_never" if verdict is Verdict.ALWAYS_FALSE else "why.so_always"
        return msg(key, reason=said, part=f"`{text}`")

    def describe(self, node: Node, iv: Interval, end: str = "both") -> Message:
        """E.g. "district.fear is at most 1 (declared range 0–1)"."""
        label = node.name if isinstance(node, Var) else _quote(node)
        lo, hi = format_value(iv.lo), format_value(iv.hi)
        if iv.lo == iv.hi:
            span = msg("why.is_always", value=lo)
        elif end == "max" and not math.isinf(iv.hi):
            span = msg("why.at_most", value=hi)
        elif end == "min" and not math.isinf(iv.lo):
            span = msg("why.at_least", value=lo)
        elif math.isinf(iv.lo) and math.isinf(iv.hi):
            span = Msg("why.any_number")
        elif math.isinf(iv.lo):
            span = msg("why.at_most", value=hi)
        elif math.isinf(iv.hi):
            span = msg("why.at_least", value=lo)
        else:
            span = msg("why.between", lo=lo, hi=hi)
        spec = self.ns.names.get(node.name) if isinstance(node, Var) else None
        if spec and (spec.min, spec.max) != (None, None):
            return msg("why.describe_declared", name=label, span=span, declared=_range_text(spec.min, spec.max))
        return msg("why.describe", name=label, span=span)

    # -- constraints across the parts of an `and` ----------------------------

    def contradiction(self, parts: list[Node]) -> Message | None:
        """A reason why the parts' constraints on one value cannot all hold, if so."""
        by_key: dict[str, list[Atom]] = {}
        for part in parts:
            for atom in atoms_of(part):
                by_key.setdefault(atom.key, []).append(atom)
        for key, atoms in by_key.items():
            declared = self.domain(key, with_range=True)
            if apply_all(declared, atoms).is_empty():
                return self.explain_contradiction(key, atoms)
        return None

    def explain_contradiction(self, key: str, atoms: list[Atom]) -> Message:
        free, declared = self.domain(key, with_range=False), self.domain(key, with_range=True)
        where = self.declared_note(key)
        for atom in atoms:
            if apply_all(declared, [atom]).is_empty():
                return msg("why.atom_never", atom=atom.text, note=where)
        for i, first in enumerate(atoms):
            for second in atoms[i + 1 :]:
                if apply_all(free, [first, second]).is_empty():
                    whole = self.whole_note(key, first, second)
                    return msg("why.not_both", first=first.text, second=second.text, note=whole)
                if apply_all(declared, [first, second]).is_empty():
                    return msg("why.not_both", first=first.text, second=second.text, note=where)
        return msg("why.not_all", atoms=tuple(f"`{a.text}`" for a in atoms), note=where)

    def whole_note(self, key: str, *atoms: Atom) -> Message:
        """Point out whole numbers when that is what makes the atoms contradict."""
        free = self.domain(key, with_range=False)
        if not (isinstance(free, NumberDomain) and free.whole):
            return ""
        if apply_all(replace(free, whole=False), atoms).is_empty():
            return ""
        return msg("why.whole_note", name=key_label(key))

    def declared_note(self, key: str) -> Message:
        spec = self.ns.names.get(key)
        if spec is None:
            return Msg("why.turns_since_note") if key.startswith("turns_since:") else ""
        whole = spec.type == "int"
        if spec.min is None and spec.max is None:
            return msg("why.whole_value_note", name=key) if whole else ""
        declared = _range_text(spec.min, spec.max)
        return msg("why.whole_range_note" if whole else "why.range_note", name=key, declared=declared)

    def domain(self, key: str, with_range: bool) -> Domain:
        if key.startswith(("fired:", "flag:")):
            return ChoiceDomain(allowed=BOTH_BOOLS)
        if key.startswith("turns_since:"):
            return NumberDomain(0, NEVER, True, True, whole=True) if with_range else NumberDomain(whole=True)
        spec = self.ns.names.get(key)
        if spec is None or spec.type == "str":
            return ChoiceDomain()
        if spec.type == "bool":
            return ChoiceDomain(allowed=BOTH_BOOLS)
        whole = spec.type == "int"
        if not with_range:
            return NumberDomain(whole=whole)
        lo, hi = self.declared_bounds(key)
        return NumberDomain(lo, hi, not math.isinf(lo), not math.isinf(hi), whole=whole)


def _negate(node: Node, inner: Analysis) -> Analysis:
    if inner.verdict is Verdict.ALWAYS_TRUE:
        return Analysis(Verdict.ALWAYS_FALSE, msg("why.so_never", reason=inner.why, part=_quote(node)))
    if inner.verdict is Verdict.ALWAYS_FALSE:
        return Analysis(Verdict.ALWAYS_TRUE, msg("why.so_always", reason=inner.why, part=_quote(node)))
    return inner


def _is_leaf(node: Node) -> bool:
    return not isinstance(node, (BoolOp, Not))


def _walk(node: Node) -> Iterable[Node]:
    yield node
    for child in child_nodes(node):
        yield from _walk(child)
