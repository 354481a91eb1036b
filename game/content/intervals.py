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
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import cast

from game.content.expressions import (
    NEVER,
    NUMBER,
    Arith,
    BoolOp,
    Compare,
    Condition,
    Const,
    Func,
    Member,
    Namespace,
    Node,
    Not,
    Ref,
    Unary,
    Value,
    Var,
    child_nodes,
    constant_value,
    flatten_and,
    format_value,
    is_constant,
)

__all__ = ["Analysis", "Verdict", "analyze"]

INF = math.inf


class Verdict(Enum):
    ALWAYS_FALSE = "always false"
    ALWAYS_TRUE = "always true"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Analysis:
    verdict: Verdict
    reason: str


def analyze(conditions: Sequence[Condition], namespace: Namespace) -> Analysis:
    """Judge the conjunction (AND) of the given conditions; never raises."""
    try:
        return _Analyzer(namespace).analyze([c._tree for c in conditions])
    except Exception as exc:  # the analysis only advises; it must never break loading
        return Analysis(Verdict.UNKNOWN, f"the analysis could not decide ({type(exc).__name__})")


# ---------------------------------------------------------------------------
# Intervals of number-valued expressions
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """A closed range [lo, hi] that surely holds the value (infinite ends: unbounded)."""

    lo: float
    hi: float
    may_nan: bool = False  # infinities may meet (inf - inf), giving "not a number"
    may_fail: bool = False  # evaluation may raise (division by zero, overflow)

    @property
    def bounded(self) -> bool:
        return math.isfinite(self.lo) and math.isfinite(self.hi)


_UNBOUNDED = Interval(-INF, INF, may_nan=True, may_fail=True)


def _mul(a: float, b: float) -> float:
    # 0 * inf counts as 0: an unbounded factor times an exact zero is zero.
    return 0 if a == 0 or b == 0 else a * b


def _div(a: float, b: float) -> float:
    if math.isinf(a) and math.isinf(b):
        return math.nan
    return a / b


def _arith(op: str, a: Interval, b: Interval) -> Interval:
    """Interval of `a op b`, flagging possible NaN (from infinities) and failure."""
    if op == "/" and b.lo <= 0 <= b.hi:
        return _UNBOUNDED  # the divisor may be 0 (fails) or tiny (huge result)
    if op == "+":
        lo, hi = a.lo + b.lo, a.hi + b.hi
    elif op == "-":
        lo, hi = a.lo - b.hi, a.hi - b.lo
    else:
        corner = _mul if op == "*" else _div
        corners = [corner(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
        if any(math.isnan(c) for c in corners):
            return _UNBOUNDED
        lo, hi = min(corners), max(corners)
    if math.isnan(lo) or math.isnan(hi):
        return _UNBOUNDED
    unbounded_in = not (a.bounded and b.bounded)
    return Interval(
        lo,
        hi,
        may_nan=a.may_nan or b.may_nan or unbounded_in,
        # An unbounded result may come from an int overflowing a float: evaluation raises.
        may_fail=a.may_fail or b.may_fail or not (math.isfinite(lo) and math.isfinite(hi)),
    )


def _compare_intervals(op: str, a: Interval, b: Interval) -> Verdict:
    """Whether `a op b` holds for every / no pair of values from the intervals."""
    if op == ">":
        never, always = a.hi <= b.lo, a.lo > b.hi
    elif op == ">=":
        never, always = a.hi < b.lo, a.lo >= b.hi
    elif op == "<":
        never, always = a.lo >= b.hi, a.hi < b.lo
    elif op == "<=":
        never, always = a.lo > b.hi, a.hi <= b.lo
    else:
        apart = a.hi < b.lo or b.hi < a.lo
        same_point = a.lo == a.hi == b.lo == b.hi
        never, always = (apart, same_point) if op == "==" else (same_point, apart)
    if a.may_nan or b.may_nan:  # a NaN makes every comparison false except !=
        if op == "!=":
            never = False
        else:
            always = False
    if never:
        return Verdict.ALWAYS_FALSE
    return Verdict.ALWAYS_TRUE if always else Verdict.UNKNOWN


# ---------------------------------------------------------------------------
# Per-value domains for intersecting the parts of an `and`
# ---------------------------------------------------------------------------

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
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


@dataclass(frozen=True)
class _Atom:
    """`subject op value`, implied by one part of an `and`."""

    key: str  # which value it constrains (a name, or e.g. `fired:leak`)
    op: str  # a comparison, "in" or "not in"
    value: Value | tuple[Value, ...]
    text: str  # how the author wrote it


@dataclass(frozen=True)
class _NumberDomain:
    lo: float = -INF
    hi: float = INF
    lo_closed: bool = False
    hi_closed: bool = False
    points: frozenset[Value] | None = None  # if set, only these values remain
    excluded: frozenset[Value] = frozenset()
    whole: bool = False  # an "int" value: only whole numbers

    def apply(self, op: str, value: Value | tuple[Value, ...]) -> _NumberDomain:
        if op == "in":
            assert isinstance(value, tuple)
            return replace(self, points=_intersect(self.points, value))
        if op == "not in":
            assert isinstance(value, tuple)
            return replace(self, excluded=self.excluded | frozenset(value))
        assert isinstance(value, (int, float))
        if op == "==":
            return replace(self, points=_intersect(self.points, (value,)))
        if op == "!=":
            return replace(self, excluded=self.excluded | {value})
        if op in (">", ">=") and (value > self.lo or (value == self.lo and op == ">")):
            return replace(self, lo=value, lo_closed=op == ">=")
        if op in ("<", "<=") and (value < self.hi or (value == self.hi and op == "<")):
            return replace(self, hi=value, hi_closed=op == "<=")
        return self

    def contains(self, value: Value) -> bool:
        if not isinstance(value, (int, float)) or math.isnan(value):
            return False
        if self.whole and not float(value).is_integer():
            return False
        above = value > self.lo or (value == self.lo and self.lo_closed)
        below = value < self.hi or (value == self.hi and self.hi_closed)
        return above and below and value not in self.excluded

    def is_empty(self) -> bool:
        if self.points is not None:
            return not any(self.contains(p) for p in self.points)
        if self.whole:
            return self._no_whole_number()
        if self.lo < self.hi:
            return False  # a stretch of real numbers: excluding finitely many leaves some
        return not (self.lo == self.hi and self.contains(self.lo))

    def _no_whole_number(self) -> bool:
        lo, hi = self.lo, self.hi
        first = lo if math.isinf(lo) else (math.ceil(lo) if self.lo_closed else math.floor(lo) + 1)
        last = hi if math.isinf(hi) else (math.floor(hi) if self.hi_closed else math.ceil(hi) - 1)
        if first > last:
            return True
        if math.isinf(first) or math.isinf(last) or last - first + 1 > len(self.excluded):
            return False
        return all(n in self.excluded for n in range(int(first), int(last) + 1))


@dataclass(frozen=True)
class _ChoiceDomain:
    """Domain of a text or true/false value: allowed values (None = any) minus excluded."""

    allowed: frozenset[Value] | None = None
    excluded: frozenset[Value] = frozenset()

    def apply(self, op: str, value: Value | tuple[Value, ...]) -> _ChoiceDomain:
        values = value if isinstance(value, tuple) else (value,)
        if op in ("==", "in"):
            return replace(self, allowed=_intersect(self.allowed, values))
        if op in ("!=", "not in"):
            return replace(self, excluded=self.excluded | frozenset(values))
        return self  # ordering is never used on text or true/false

    def is_empty(self) -> bool:
        return self.allowed is not None and not (self.allowed - self.excluded)


_Domain = _NumberDomain | _ChoiceDomain
_BOTH_BOOLS: frozenset[Value] = frozenset({True, False})


def _intersect(current: frozenset[Value] | None, values: Iterable[Value]) -> frozenset[Value]:
    new = frozenset(values)
    return new if current is None else current & new


# ---------------------------------------------------------------------------
# The analyzer
# ---------------------------------------------------------------------------


def _quote(node: Node) -> str:
    return f"`{node.text}`"


def _range_text(lo: float | None, hi: float | None) -> str:
    if lo is not None and hi is not None:
        return f"declared range {format_value(lo)}–{format_value(hi)}"
    if lo is not None:
        return f"declared minimum {format_value(lo)}"
    return f"declared maximum {format_value(hi) if hi is not None else 'none'}"


class _Analyzer:
    def __init__(self, namespace: Namespace) -> None:
        self.ns = namespace

    # -- entry ---------------------------------------------------------------

    def analyze(self, trees: list[Node]) -> Analysis:
        if not trees:
            return Analysis(Verdict.ALWAYS_TRUE, "there are no conditions, so nothing can stop it")
        result = self.judge_all(trees)
        if result.verdict is Verdict.ALWAYS_TRUE:
            risky = next((node for tree in trees if (node := self.failing_node(tree))), None)
            if risky is not None:
                return Analysis(
                    Verdict.UNKNOWN,
                    f"{result.reason}; but {_quote(risky)} may divide by zero or overflow, "
                    "which makes the condition false",
                )
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
                    return _arith(op, self.interval(a), self.interval(b))
                except ArithmeticError:  # a huge int bound: evaluation can overflow too
                    return _UNBOUNDED
            case Func(func=func, args=args):
                return _function_interval(func, [self.interval(a) for a in args])
        return _UNBOUNDED  # not a number (cannot happen after type checking)

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
            return Analysis(Verdict.ALWAYS_TRUE, "every part always holds: " + "; ".join(r.reason for r in judged))
        return Analysis(Verdict.UNKNOWN, "whether it holds depends on the game state")

    def judge_or(self, node: Node, branches: list[Analysis]) -> Analysis:
        for branch in branches:
            if branch.verdict is Verdict.ALWAYS_TRUE:
                return Analysis(Verdict.ALWAYS_TRUE, f"{branch.reason}, so {_quote(node)} always holds")
        if all(b.verdict is Verdict.ALWAYS_FALSE for b in branches):
            reasons = "; ".join(b.reason for b in branches)
            return Analysis(Verdict.ALWAYS_FALSE, f"no alternative in {_quote(node)} can hold: {reasons}")
        return Analysis(Verdict.UNKNOWN, "whether it holds depends on the game state")

    def judge_leaf(self, node: Node) -> Analysis:
        """A single comparison, membership test, name or constant on its own."""
        if is_constant(node):
            value = constant_value(node)
            if isinstance(value, bool):
                verdict = Verdict.ALWAYS_TRUE if value else Verdict.ALWAYS_FALSE
                return Analysis(verdict, f"{_quote(node)} is always {format_value(value)}")
        if isinstance(node, Compare) and all(o.kind == NUMBER for o in node.operands):
            return self.judge_numeric_chain(node)
        if isinstance(node, Member) and node.left.kind == NUMBER:
            return self.judge_numeric_member(node)
        return Analysis(Verdict.UNKNOWN, "whether it holds depends on the game state")

    def judge_numeric_chain(self, node: Compare) -> Analysis:
        verdicts = []
        for a, op, b in zip(node.operands, node.ops, node.operands[1:], strict=False):
            ia, ib = self.interval(a), self.interval(b)
            verdict = _compare_intervals(op, ia, ib)
            if verdict is Verdict.ALWAYS_FALSE:
                return Analysis(verdict, self.pair_reason(node, a, ia, op, b, ib, verdict))
            verdicts.append((verdict, a, ia, op, b, ib))
        if all(v[0] is Verdict.ALWAYS_TRUE for v in verdicts):
            reasons = [self.pair_reason(node, *v[1:], verdict=Verdict.ALWAYS_TRUE) for v in verdicts]
            return Analysis(Verdict.ALWAYS_TRUE, "; ".join(reasons))
        return Analysis(Verdict.UNKNOWN, "whether it holds depends on the game state")

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
            return Analysis(Verdict.ALWAYS_FALSE, f"{self.describe(node.left, iv)}, so {_quote(node)} can never hold")
        if always:
            return Analysis(Verdict.ALWAYS_TRUE, f"{self.describe(node.left, iv)}, so {_quote(node)} always holds")
        return Analysis(Verdict.UNKNOWN, "whether it holds depends on the game state")

    # -- reasons -------------------------------------------------------------

    def pair_reason(
        self, node: Compare, a: Node, ia: Interval, op: str, b: Node, ib: Interval, verdict: Verdict
    ) -> str:
        text = node.text if len(node.ops) == 1 else f"{a.text} {op} {b.text}"
        # Which end of each side decides the outcome, e.g. `a > b` is never true when a's max <= b's min.
        ends = _DECIDING_ENDS.get((op, verdict), ("both", "both"))
        facts = [self.describe(x, iv, end) for x, iv, end in ((a, ia, ends[0]), (b, ib, ends[1])) if not is_constant(x)]
        outcome = "can never hold" if verdict is Verdict.ALWAYS_FALSE else "always holds"
        return f"{' and '.join(facts)}, so `{text}` {outcome}"

    def describe(self, node: Node, iv: Interval, end: str = "both") -> str:
        """E.g. "district.fear is at most 1 (declared range 0–1)"."""
        label = node.name if isinstance(node, Var) else _quote(node)
        if iv.lo == iv.hi:
            span = f"is always {format_value(iv.lo)}"
        elif end == "max" and not math.isinf(iv.hi):
            span = f"is at most {format_value(iv.hi)}"
        elif end == "min" and not math.isinf(iv.lo):
            span = f"is at least {format_value(iv.lo)}"
        elif math.isinf(iv.lo) and math.isinf(iv.hi):
            span = "can be any number"
        elif math.isinf(iv.lo):
            span = f"is at most {format_value(iv.hi)}"
        elif math.isinf(iv.hi):
            span = f"is at least {format_value(iv.lo)}"
        else:
            span = f"is between {format_value(iv.lo)} and {format_value(iv.hi)}"
        spec = self.ns.names.get(node.name) if isinstance(node, Var) else None
        note = f" ({_range_text(spec.min, spec.max)})" if spec and (spec.min, spec.max) != (None, None) else ""
        return f"{label} {span}{note}"

    # -- constraints across the parts of an `and` ----------------------------

    def contradiction(self, parts: list[Node]) -> str | None:
        """A reason why the parts' constraints on one value cannot all hold, if so."""
        by_key: dict[str, list[_Atom]] = {}
        for part in parts:
            for atom in _atoms(part):
                by_key.setdefault(atom.key, []).append(atom)
        for key, atoms in by_key.items():
            declared = self.domain(key, with_range=True)
            if _apply_all(declared, atoms).is_empty():
                return self.explain_contradiction(key, atoms)
        return None

    def explain_contradiction(self, key: str, atoms: list[_Atom]) -> str:
        free, declared = self.domain(key, with_range=False), self.domain(key, with_range=True)
        where = self.declared_note(key)
        for atom in atoms:
            if _apply_all(declared, [atom]).is_empty():
                return f"`{atom.text}` can never hold{where}"
        for i, first in enumerate(atoms):
            for second in atoms[i + 1 :]:
                if _apply_all(free, [first, second]).is_empty():
                    whole = self.whole_note(key, first, second)
                    return f"`{first.text}` and `{second.text}` cannot both hold{whole}"
                if _apply_all(declared, [first, second]).is_empty():
                    return f"`{first.text}` and `{second.text}` cannot both hold{where}"
        listed = ", ".join(f"`{a.text}`" for a in atoms)
        return f"{listed} cannot all hold{where}"

    def whole_note(self, key: str, *atoms: _Atom) -> str:
        """Point out whole numbers when that is what makes the atoms contradict."""
        free = self.domain(key, with_range=False)
        if not (isinstance(free, _NumberDomain) and free.whole):
            return ""
        if _apply_all(replace(free, whole=False), atoms).is_empty():
            return ""
        return f" ({_key_label(key)} is a whole number)"

    def declared_note(self, key: str) -> str:
        spec = self.ns.names.get(key)
        if spec is None:
            return " (turns_since is between 0 and 999)" if key.startswith("turns_since:") else ""
        whole = " whole-number" if spec.type == "int" else ""
        if spec.min is None and spec.max is None:
            return f" for the{whole} value {key}" if whole else ""
        return f" for{whole} {key} in its {_range_text(spec.min, spec.max)}"

    def domain(self, key: str, with_range: bool) -> _Domain:
        if key.startswith(("fired:", "flag:")):
            return _ChoiceDomain(allowed=_BOTH_BOOLS)
        if key.startswith("turns_since:"):
            return _NumberDomain(0, NEVER, True, True, whole=True) if with_range else _NumberDomain(whole=True)
        spec = self.ns.names.get(key)
        if spec is None or spec.type == "str":
            return _ChoiceDomain()
        if spec.type == "bool":
            return _ChoiceDomain(allowed=_BOTH_BOOLS)
        whole = spec.type == "int"
        if not with_range:
            return _NumberDomain(whole=whole)
        lo, hi = self.declared_bounds(key)
        return _NumberDomain(lo, hi, not math.isinf(lo), not math.isinf(hi), whole=whole)


def _function_interval(func: str, args: list[Interval]) -> Interval:
    may_nan = any(a.may_nan for a in args)
    may_fail = any(a.may_fail for a in args)
    if func == "min":
        return Interval(min(a.lo for a in args), min(a.hi for a in args), may_nan, may_fail)
    if func == "max":
        return Interval(max(a.lo for a in args), max(a.hi for a in args), may_nan, may_fail)
    (x,) = args  # abs
    if x.lo >= 0:
        return x
    if x.hi <= 0:
        return Interval(-x.hi, -x.lo, may_nan, may_fail)
    return Interval(0, max(-x.lo, x.hi), may_nan, may_fail)


def _negate(node: Node, inner: Analysis) -> Analysis:
    if inner.verdict is Verdict.ALWAYS_TRUE:
        return Analysis(Verdict.ALWAYS_FALSE, f"{inner.reason}, so {_quote(node)} can never hold")
    if inner.verdict is Verdict.ALWAYS_FALSE:
        return Analysis(Verdict.ALWAYS_TRUE, f"{inner.reason}, so {_quote(node)} always holds")
    return inner


def _is_leaf(node: Node) -> bool:
    return not isinstance(node, (BoolOp, Not))


def _walk(node: Node) -> Iterable[Node]:
    yield node
    for child in child_nodes(node):
        yield from _walk(child)


def _apply_all(domain: _Domain, atoms: Iterable[_Atom]) -> _Domain:
    for atom in atoms:
        domain = domain.apply(atom.op, atom.value)
    return domain


# ---------------------------------------------------------------------------
# Atoms: what one part of an `and` says about a single value
# ---------------------------------------------------------------------------


def _key_label(key: str) -> str:
    """How a constraint key is written in a condition: `fired:x` -> `fired("x")`."""
    func, sep, arg = key.partition(":")
    return f'{func}("{arg}")' if sep else key


def _subject_key(node: Node) -> str | None:
    """The value a node stands for, if it is a plain name or a fired/flag/turns_since call."""
    if isinstance(node, Var):
        return node.name
    if isinstance(node, Ref):
        return f"{node.func}:{node.arg}"
    return None


def _atoms(node: Node) -> list[_Atom]:
    """Constraints on single values that the node implies (possibly none)."""
    key = _subject_key(node)
    if key is not None and node.kind != NUMBER:
        return [_Atom(key, "==", True, node.text)]  # a bare true/false value
    match node:
        case Compare(operands=operands, ops=ops):
            return [
                atom
                for a, op, b in zip(operands, ops, operands[1:], strict=False)
                if (atom := _pair_atom(node, a, op, b)) is not None
            ]
        case Member(left=left, values=values, negated=negated):
            key = _subject_key(left)
            return [_Atom(key, "not in" if negated else "in", values, node.text)] if key else []
        case Not(operand=inner):
            return [_negated_atom(atom, node.text) for atom in _single_atom(inner)]
    return []


def _single_atom(node: Node) -> list[_Atom]:
    """The atom of a node that is exactly one constraint (safe to negate), else none."""
    if isinstance(node, Compare) and len(node.ops) != 1:
        return []
    if isinstance(node, (Compare, Member)) or (_subject_key(node) and node.kind != NUMBER):
        return _atoms(node)
    return []


def _negated_atom(atom: _Atom, text: str) -> _Atom:
    if atom.op in ("in", "not in"):
        return _Atom(atom.key, "not in" if atom.op == "in" else "in", atom.value, text)
    if atom.op == "==" and isinstance(atom.value, bool):
        return _Atom(atom.key, "==", not atom.value, text)
    return _Atom(atom.key, _NEGATED[atom.op], atom.value, text)


def _pair_atom(chain: Compare, a: Node, op: str, b: Node) -> _Atom | None:
    """`name op constant` (either way round) as an atom about the name."""
    text = chain.text if len(chain.ops) == 1 else f"{a.text} {op} {b.text}"
    for subject, other, subject_op in ((a, b, op), (b, a, _FLIPPED[op])):
        key = _subject_key(subject)
        if key is None or not is_constant(other):
            continue
        value = constant_value(other)
        # NaN breaks the negation rules (not x > nan is true, x <= nan is false).
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        return _Atom(key, subject_op, value, text)
    return None
