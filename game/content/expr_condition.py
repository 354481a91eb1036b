"""A compiled condition (Condition): what it reads, whether it holds, and why, clause by clause.

`Condition.evaluate` runs the node tree as closures (expr_eval); `Condition.explain` says each top-level `and`
part with the values it read and a ✓ or ✗, numbers written as `format_value` writes them (the analyses'
reasons use it too). The compiler (expr_compile) builds Conditions; nothing else does.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from game.content.expr_eval import EvalContext, closure, value_of
from game.content.expr_nodes import (
    NEVER,
    BoolOp,
    Compare,
    Const,
    Member,
    Node,
    Not,
    Ref,
    Value,
    Var,
    flatten_and,
    is_constant,
)


@dataclass(frozen=True)
class Clause:
    text: str
    passed: bool


@dataclass(frozen=True)
class Explanation:
    passed: bool
    clauses: tuple[Clause, ...]

    def __str__(self) -> str:
        return "; ".join(clause.text for clause in self.clauses)


# ---------------------------------------------------------------------------
# Explanation
# ---------------------------------------------------------------------------

_PASS, _FAIL = "✓", "✗"


def format_value(value: Value) -> str:
    """Numbers with up to 3 decimals (0.41, 12, 0.333), true/false, quoted strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _format_float(value)
    return json.dumps(value, ensure_ascii=False)


def _format_float(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    if text in ("0", "-0"):  # a tiny non-zero number: keep 3 significant digits
        return f"{value:.3g}"
    return text


def _outcome(node: Node, ctx: EvalContext) -> bool | ArithmeticError:
    try:
        return bool(value_of(node, ctx))
    except ArithmeticError as exc:
        return exc


def _problem(exc: ArithmeticError) -> str:
    return "division by zero" if isinstance(exc, ZeroDivisionError) else "number too large"


def _mark(outcome: bool | ArithmeticError) -> str:
    return _PASS if outcome is True else _FAIL


def _side(node: Node, ctx: EvalContext) -> str:
    """One side of a comparison: constants as written, everything else with its value."""
    if is_constant(node):
        return node.text
    try:
        value = value_of(node, ctx)
    except ArithmeticError as exc:
        return f"{node.text} = ({_problem(exc)})"
    if isinstance(node, Var):
        return f"{node.name} {format_value(value)}"
    if isinstance(node, Ref) and node.func == "turns_since" and value == NEVER:
        return f"{node.text} = never"
    return f"{node.text} = {format_value(value)}"


def _body(node: Node, ctx: EvalContext) -> tuple[str, bool | ArithmeticError]:
    """The explanation of a boolean node without its final mark, and its outcome."""
    outcome = _outcome(node, ctx)
    match node:
        case BoolOp(op=op, operands=xs):
            parts = (_with_mark(*_body(x, ctx)) for x in xs)
            return "(" + f" {op} ".join(parts) + ")", outcome
        case Not(operand=x):
            inner, inner_outcome = _body(x, ctx)
            if isinstance(x, BoolOp):  # already parenthesised
                return f"not {inner}", outcome
            return f"not ({_with_mark(inner, inner_outcome)})", outcome
    if isinstance(outcome, ArithmeticError):
        return f"{node.text}: {_problem(outcome)}", outcome
    match node:
        case Compare(operands=operands, ops=ops):
            pieces = [_side(operands[0], ctx)]
            for op, operand in zip(ops, operands[1:], strict=True):
                pieces += [op, _side(operand, ctx)]
            return " ".join(pieces), outcome
        case Member(left=x, negated=negated, list_text=list_text):
            word = "not in" if negated else "in"
            return f"{_side(x, ctx)} {word} {list_text}", outcome
        case Var(name=name):
            return f"{name} = {format_value(outcome)}", outcome
        case Const():
            return node.text, outcome
    return f"{node.text} = {format_value(outcome)}", outcome


def _with_mark(body: str, outcome: bool | ArithmeticError) -> str:
    return f"{body} {_mark(outcome)}"


# ---------------------------------------------------------------------------
# Compiled condition
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    source: str
    names: frozenset[str]  # declared names it reads
    event_refs: tuple[tuple[str, int], ...]  # (event id, offset) per fired()/turns_since()
    flag_refs: tuple[tuple[str, int], ...]  # (flag name, offset) per flag()
    _tree: Node = field(repr=False)  # the compiled node tree (read by intervals.py)

    @cached_property
    def _run(self) -> Callable[[EvalContext], Value]:
        return closure(self._tree)

    def __getstate__(self) -> dict:
        # The closures made on first use are not data (and cannot be pickled): a condition that was evaluated
        # is kept (the checked-content cache, worker processes) as one that was not; they are made again.
        state = dict(self.__dict__)
        state.pop("_run", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def evaluate(self, ctx: EvalContext) -> bool:
        """True if the condition holds; a runtime division by zero makes it False."""
        try:
            return bool(self._run(ctx))
        except ArithmeticError:
            return False

    def explain(self, ctx: EvalContext) -> Explanation:
        """One clause per top-level `and` part, each with its values and ✓/✗."""
        clauses = []
        for part in flatten_and(self._tree):
            body, outcome = _body(part, ctx)
            clauses.append(Clause(_with_mark(body, outcome), outcome is True))
        return Explanation(passed=self.evaluate(ctx), clauses=tuple(clauses))
