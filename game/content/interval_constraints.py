"""Per-value constraints for the satisfiability analysis (intervals.py): what the parts of an `and` say about one
value, and whether those sayings can hold together.

`atoms_of` reads a part such as `x > 0.6`, `role == "mayor"`, `x in [1, 2]` or `not fired("leak")` as an Atom
about one value; a NumberDomain (open and closed ends, listed and excluded points, whole numbers for "int"
values) or a ChoiceDomain (text and true/false values) intersects the atoms about one value, and is empty when
they contradict each other.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

from game.content.expr_eval import constant_value
from game.content.expr_nodes import NUMBER, Compare, Member, Node, Not, Ref, Value, Var, is_constant
from game.content.interval_arith import INF

# ---------------------------------------------------------------------------
# Per-value domains for intersecting the parts of an `and`
# ---------------------------------------------------------------------------

_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


@dataclass(frozen=True)
class Atom:
    """`subject op value`, implied by one part of an `and`."""

    key: str  # which value it constrains (a name, or e.g. `fired:leak`)
    op: str  # a comparison, "in" or "not in"
    value: Value | tuple[Value, ...]
    text: str  # how the author wrote it


@dataclass(frozen=True)
class NumberDomain:
    lo: float = -INF
    hi: float = INF
    lo_closed: bool = False
    hi_closed: bool = False
    points: frozenset[Value] | None = None  # if set, only these values remain
    excluded: frozenset[Value] = frozenset()
    whole: bool = False  # an "int" value: only whole numbers

    def apply(self, op: str, value: Value | tuple[Value, ...]) -> NumberDomain:
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
class ChoiceDomain:
    """Domain of a text or true/false value: allowed values (None = any) minus excluded."""

    allowed: frozenset[Value] | None = None
    excluded: frozenset[Value] = frozenset()

    def apply(self, op: str, value: Value | tuple[Value, ...]) -> ChoiceDomain:
        values = value if isinstance(value, tuple) else (value,)
        if op in ("==", "in"):
            return replace(self, allowed=_intersect(self.allowed, values))
        if op in ("!=", "not in"):
            return replace(self, excluded=self.excluded | frozenset(values))
        return self  # ordering is never used on text or true/false

    def is_empty(self) -> bool:
        return self.allowed is not None and not (self.allowed - self.excluded)


Domain = NumberDomain | ChoiceDomain
BOTH_BOOLS: frozenset[Value] = frozenset({True, False})


def _intersect(current: frozenset[Value] | None, values: Iterable[Value]) -> frozenset[Value]:
    new = frozenset(values)
    return new if current is None else current & new


def apply_all(domain: Domain, atoms: Iterable[Atom]) -> Domain:
    for atom in atoms:
        domain = domain.apply(atom.op, atom.value)
    return domain


# ---------------------------------------------------------------------------
# Atoms: what one part of an `and` says about a single value
# ---------------------------------------------------------------------------


def key_label(key: str) -> str:
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


def atoms_of(node: Node) -> list[Atom]:
    """Constraints on single values that the node implies (possibly none)."""
    key = _subject_key(node)
    if key is not None and node.kind != NUMBER:
        return [Atom(key, "==", True, node.text)]  # a bare true/false value
    match node:
        case Compare(operands=operands, ops=ops):
            return [
                atom
                for a, op, b in zip(operands, ops, operands[1:], strict=False)
                if (atom := _pair_atom(node, a, op, b)) is not None
            ]
        case Member(left=left, values=values, negated=negated):
            key = _subject_key(left)
            return [Atom(key, "not in" if negated else "in", values, node.text)] if key else []
        case Not(operand=inner):
            return [_negated_atom(atom, node.text) for atom in _single_atom(inner)]
    return []


def _single_atom(node: Node) -> list[Atom]:
    """The atom of a node that is exactly one constraint (safe to negate), else none."""
    if isinstance(node, Compare) and len(node.ops) != 1:
        return []
    if isinstance(node, (Compare, Member)) or (_subject_key(node) and node.kind != NUMBER):
        return atoms_of(node)
    return []


def _negated_atom(atom: Atom, text: str) -> Atom:
    if atom.op in ("in", "not in"):
        return Atom(atom.key, "not in" if atom.op == "in" else "in", atom.value, text)
    if atom.op == "==" and isinstance(atom.value, bool):
        return Atom(atom.key, "==", not atom.value, text)
    return Atom(atom.key, _NEGATED[atom.op], atom.value, text)


def _pair_atom(chain: Compare, a: Node, op: str, b: Node) -> Atom | None:
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
        return Atom(key, subject_op, value, text)
    return None
