"""A compiled condition's clauses as typed data, for screens that say them in the player's language.

`parts(condition, ctx)` walks the condition's node tree (never its text): each top-level `and` clause becomes
  * a `Comparison` — one declared value against a constant: its name, the comparison, the threshold, the
    value now, and whether it holds (`district.fear >= 0.3`, `0.3 <= district.fear`, `district.kind == "rural"`,
    `district.kind in ["rural", "poor"]`, a bare boolean value);
  * an `AnyOf` — an `or` of such comparisons, any one of which would do;
  * a `Generic` — anything else, named only by the kind of construct it reads ("an earlier event has not
    happened yet", "this happened too recently"), so a screen never shows the condition's source.
No pygame, no strings: game.ui.refusal_text words them.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content.expressions import (
    BoolOp,
    Compare,
    Condition,
    EvalContext,
    Member,
    Node,
    Not,
    Ref,
    Value,
    Var,
    child_nodes,
    flatten_and,
    is_constant,
    value_of,
)

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "==", "in": "not in", "not in": "in"}


@dataclass(frozen=True)
class Comparison:
    name: str  # a declared value: "district.lighting", "player.budget"
    op: str  # "<", "<=", ">", ">=", "==", "!=", "in", "not in"
    threshold: Value | tuple[Value, ...]
    actual: Value | None  # None when it could not be computed
    held: bool


@dataclass(frozen=True)
class AnyOf:
    """An `or` of comparisons: any one of them would do."""

    parts: tuple[Comparison, ...]
    held: bool


@dataclass(frozen=True)
class Generic:
    """A clause told only by what it reads. `kind`: "event_pending" (an earlier event has not happened yet),
    "event_happened" (something that already happened rules it out), "too_recent" (done too recently),
    "not_recent" (it needs something to have happened recently), "decision_pending" (an earlier decision has
    not been taken), "decision_taken" (an earlier decision rules it out), "situation" (anything else)."""

    kind: str
    held: bool


Part = Comparison | AnyOf | Generic


def parts(condition: Condition, ctx: EvalContext, *, unmet_only: bool = True) -> tuple[Part, ...]:
    """The condition's top-level clauses as typed parts: only those that fail (`unmet_only`), or all."""
    out: list[Part] = []
    for node in flatten_and(condition._tree):
        held = _holds(node, ctx)
        if unmet_only and held:
            continue
        out.append(_part(node, ctx, held))
    return tuple(out)


def _holds(node: Node, ctx: EvalContext) -> bool:
    try:
        return bool(value_of(node, ctx))
    except ArithmeticError:
        return False


def _value(node: Node, ctx: EvalContext) -> Value | None:
    try:
        return value_of(node, ctx)
    except ArithmeticError:
        return None


def _part(node: Node, ctx: EvalContext, held: bool) -> Part:
    simple = _comparison(node, ctx, held)
    if simple is not None:
        return simple
    if isinstance(node, BoolOp) and node.op == "or":
        each = [_comparison(x, ctx, _holds(x, ctx)) for x in node.operands]
        comparisons = tuple(c for c in each if c is not None)
        if len(comparisons) == len(each):
            return AnyOf(comparisons, held)
    return Generic(_generic_kind(node, held), held)


def _comparison(node: Node, ctx: EvalContext, held: bool, negated: bool = False) -> Comparison | None:
    """One declared value against constants, or None when the clause is anything else."""
    if isinstance(node, Not):
        return _comparison(node.operand, ctx, held, not negated)
    op: str | None = None
    threshold: Value | tuple[Value, ...] | None = None
    if isinstance(node, Var):  # a bare boolean value
        name, op, threshold = node.name, "==", True
    elif isinstance(node, Compare) and len(node.ops) == 1:
        left, right = node.operands
        if isinstance(left, Var) and is_constant(right):
            name, op, threshold = left.name, node.ops[0], _value(right, ctx)
        elif isinstance(right, Var) and is_constant(left):
            name, op, threshold = right.name, _FLIP[node.ops[0]], _value(left, ctx)
    elif isinstance(node, Member) and isinstance(node.left, Var):
        name, op, threshold = node.left.name, "not in" if node.negated else "in", tuple(node.values)
    if op is None or threshold is None:
        return None
    if negated:
        op = _NEGATE[op]
    return Comparison(name, op, threshold, ctx.values.get(name), held)


def _refs(node: Node) -> list[tuple[Ref, bool]]:
    """The fired()/turns_since()/flag() calls under a node, each with whether it sits under a `not`."""
    found: list[tuple[Ref, bool]] = []

    def walk(n: Node, negated: bool) -> None:
        if isinstance(n, Ref):
            found.append((n, negated))
        for child in child_nodes(n):
            walk(child, negated != isinstance(n, Not))

    walk(node, False)
    return found


def _generic_kind(node: Node, held: bool) -> str:
    """What a clause the parts cannot spell out is about, by the first event or flag it reads."""
    refs = _refs(node)
    if not refs:
        return "situation"
    ref, negated = refs[0]
    if ref.func == "turns_since":
        compare = _enclosing_compare(node, ref)
        wants_long_ago = compare is not None and _ref_side_op(compare, ref) in (">", ">=")
        return "too_recent" if wants_long_ago != negated else "not_recent"
    wanted = not negated  # fired("x") / flag("x") wants it true; under a `not`, false
    if ref.func == "fired":
        return "event_pending" if wanted else "event_happened"
    return "decision_pending" if wanted else "decision_taken"


def _enclosing_compare(node: Node, ref: Ref) -> Compare | None:
    if isinstance(node, Compare) and any(o is ref for o in node.operands):
        return node
    for child in child_nodes(node):
        found = _enclosing_compare(child, ref)
        if found is not None:
            return found
    return None


def _ref_side_op(compare: Compare, ref: Ref) -> str:
    """The comparison read with `ref` on the left (turns_since("x") >= 3 → ">=")."""
    if compare.operands[0] is ref:
        return compare.ops[0]
    return _FLIP[compare.ops[-1]]
