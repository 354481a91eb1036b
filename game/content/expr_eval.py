"""Evaluation of a compiled condition's node tree against a snapshot of the game (EvalContext).

`value_of` walks the tree and is the reference semantics (the explanation and the batch evaluator in
game.events.vector follow it); `closure` turns the tree into nested Python closures once, for engines that
evaluate the same condition many times a turn. Only arithmetic, comparisons and min/max/abs: nothing is ever
handed to eval/exec.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import cast

from game.content.expr_nodes import (
    NEVER,
    Arith,
    BoolOp,
    Compare,
    Const,
    Func,
    Member,
    Node,
    Not,
    Ref,
    Unary,
    Value,
    Var,
    is_constant,
)


@dataclass(frozen=True)
class EvalContext:
    """A snapshot of plain values a condition is evaluated against."""

    values: Mapping[str, Value]
    last_fired: Mapping[str, int] = field(default_factory=dict)  # event id -> turn it last fired
    flags: AbstractSet[str] = frozenset()
    turn: int = 0


_ARITH: dict[str, Callable[[float, float], float]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
}
_COMPARE: dict[str, Callable[[Value, Value], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
_NUMERIC_FUNCS: dict[str, Callable[..., float]] = {"min": min, "max": max, "abs": abs}
_EMPTY_CONTEXT = EvalContext(values={})


def turns_since(ctx: EvalContext, event_id: str) -> int:
    """Turns since the event last fired, clamped to 0..NEVER (NEVER if it never fired)."""
    last = ctx.last_fired.get(event_id)
    if last is None:
        return NEVER
    return min(max(ctx.turn - last, 0), NEVER)


def _lookup(ctx: EvalContext, name: str) -> Value:
    try:
        return ctx.values[name]
    except KeyError:
        raise KeyError(f"EvalContext has no value for {name!r}") from None


def _number(value: Value) -> float:
    """A value of a node the compiler typed NUMBER (`_Compiler.expect`), as a number for the arithmetic."""
    return cast(float, value)


def _number_closure(node: Node) -> Callable[[EvalContext], float]:
    """`closure` of a node the compiler typed NUMBER; the cast is made once, when the closure is built."""
    return cast(Callable[[EvalContext], float], closure(node))


def value_of(node: Node, ctx: EvalContext) -> Value:
    """Evaluate a node; arithmetic problems surface as ArithmeticError."""
    match node:
        case Const(value=v):
            return v
        case Var(name=name):
            return _lookup(ctx, name)
        case Ref(func="fired", arg=arg):
            return arg in ctx.last_fired
        case Ref(func="flag", arg=arg):
            return arg in ctx.flags
        case Ref(func="turns_since", arg=arg):
            return turns_since(ctx, arg)
        case Unary(op=op, operand=x):
            v = _number(value_of(x, ctx))
            return -v if op == "-" else +v
        case Arith(op=op, left=a, right=b):
            return _ARITH[op](_number(value_of(a, ctx)), _number(value_of(b, ctx)))
        case Func(func=func, args=args):
            return _NUMERIC_FUNCS[func](*(value_of(a, ctx) for a in args))
        case Compare(operands=operands, ops=ops):
            return _chain(operands, ops, ctx)
        case Member(left=x, values=values, negated=negated):
            return (value_of(x, ctx) in values) != negated
        case BoolOp(op="and", operands=xs):
            return all(value_of(x, ctx) for x in xs)
        case BoolOp(op="or", operands=xs):
            return any(value_of(x, ctx) for x in xs)
        case Not(operand=x):
            return not value_of(x, ctx)
    raise TypeError(f"unknown node {node!r}")  # unreachable: the compiler builds only the nodes above


def _chain(operands: tuple[Node, ...], ops: tuple[str, ...], ctx: EvalContext) -> bool:
    # Like Python: `a < b < c` evaluates b once and stops at the first false link.
    left = value_of(operands[0], ctx)
    for op, right_node in zip(ops, operands[1:], strict=True):
        right = value_of(right_node, ctx)
        if not _COMPARE[op](left, right):
            return False
        left = right
    return True


def closure(node: Node) -> Callable[[EvalContext], Value]:
    """The node tree as nested Python closures: what `value_of` computes, with the tree walk done once.

    Engines evaluate the same conditions many times a turn; `value_of` stays the reference (and the explainer's).
    """
    match node:
        case Const(value=v):
            return lambda ctx: v
        case Var(name=name):
            return lambda ctx: _lookup(ctx, name)
        case Ref(func="fired", arg=arg):
            return lambda ctx: arg in ctx.last_fired
        case Ref(func="flag", arg=arg):
            return lambda ctx: arg in ctx.flags
        case Ref(func="turns_since", arg=arg):
            return lambda ctx: turns_since(ctx, arg)
        case Unary(op=op, operand=x):
            fx = _number_closure(x)
            return (lambda ctx: -fx(ctx)) if op == "-" else (lambda ctx: +fx(ctx))
        case Arith(op=op, left=a, right=b):
            fa, fb, fn = _number_closure(a), _number_closure(b), _ARITH[op]
            return lambda ctx: fn(fa(ctx), fb(ctx))
        case Func(func=func, args=args):
            fs, fn = [closure(a) for a in args], _NUMERIC_FUNCS[func]
            return lambda ctx: fn(*(f(ctx) for f in fs))
        case Compare(operands=operands, ops=ops):
            fs, cmps = [closure(x) for x in operands], [_COMPARE[op] for op in ops]
            if len(cmps) == 1:
                f0, f1, c0 = fs[0], fs[1], cmps[0]
                return lambda ctx: c0(f0(ctx), f1(ctx))

            def chain(ctx: EvalContext) -> bool:
                left = fs[0](ctx)
                for cmp, f in zip(cmps, fs[1:], strict=True):
                    right = f(ctx)
                    if not cmp(left, right):
                        return False
                    left = right
                return True

            return chain
        case Member(left=x, values=values, negated=negated):
            f = closure(x)
            return lambda ctx: (f(ctx) in values) != negated
        case BoolOp(op="and", operands=xs):
            fs = [closure(x) for x in xs]
            return lambda ctx: all(f(ctx) for f in fs)
        case BoolOp(op="or", operands=xs):
            fs = [closure(x) for x in xs]
            return lambda ctx: any(f(ctx) for f in fs)
        case Not(operand=x):
            f = closure(x)
            return lambda ctx: not f(ctx)
    raise TypeError(f"unknown node {node!r}")


def constant_value(node: Node) -> Value | None:
    """The value of a constant node, or None if it reads game state or fails."""
    if not is_constant(node):
        return None
    try:
        return value_of(node, _EMPTY_CONTEXT)
    except ArithmeticError:
        return None
