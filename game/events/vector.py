"""Conditions evaluated for many runs at once, with numpy, giving exactly what the one-run evaluator gives.

`plaza simulate` plays hundreds of games in lockstep. Instead of asking each run's engine whether an event may
fire in a district, the batch asks once, with every run's values in an array. The semantics are the scalar
evaluator's (`game.content.expressions.value_of`), down to short-circuiting and to a division by zero making
the whole condition false in the runs where it is actually reached.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from game.content.expressions import (
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
    Var,
)

_COMPARE: dict[str, Callable] = {
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
    "==": np.equal,
    "!=": np.not_equal,
}


class Vectors:
    """Values of every run for one place (city or one district): names -> arrays, refs -> arrays."""

    def __init__(self, runs: int, lookup: Callable[[str], object], refs: Callable[[str, str], np.ndarray]):
        self.runs = runs
        self._lookup = lookup
        self._refs = refs
        self._names: dict[str, object] = {}
        self._ref_arrays: dict[tuple[str, str], np.ndarray] = {}
        # all-False and all-True over runs, shared by every node (read-only: only ever combined into new arrays)
        self.none, self.every = np.zeros(runs, dtype=bool), np.ones(runs, dtype=bool)
        self.none.flags.writeable = self.every.flags.writeable = False

    def name(self, name: str) -> object:
        if name not in self._names:
            self._names[name] = self._lookup(name)
        return self._names[name]

    def ref(self, func: str, arg: str) -> np.ndarray:
        key = (func, arg)
        if key not in self._ref_arrays:
            self._ref_arrays[key] = self._refs(func, arg)
        return self._ref_arrays[key]


def holds(tree: Node, v: Vectors) -> np.ndarray:
    """Boolean array over runs: does the condition hold? (False where it would raise a division by zero.)"""
    value, error = _eval(tree, v)
    return _over(np.asarray(value, dtype=bool) & ~error, v.runs)


def _over(values: np.ndarray, runs: int) -> np.ndarray:
    """`values` as an array over runs: itself when it already is one (np.broadcast_to is a view that costs as much
    as the comparison it follows: a condition of one game evaluated hundreds of times a turn)."""
    return values if values.shape == (runs,) else np.broadcast_to(values, (runs,))


def _none(v: Vectors) -> np.ndarray:
    return v.none


def _eval(node: Node, v: Vectors) -> tuple[Any, np.ndarray]:
    """(value, error): value broadcastable over runs; error marks runs whose evaluation raised."""
    match node:
        case Const(value=x):
            return x, _none(v)
        case Var(name=name):
            return v.name(name), _none(v)
        case Ref(func=func, arg=arg):
            return v.ref(func, arg), _none(v)
        case Unary(op=op, operand=x):
            value, error = _eval(x, v)
            return (-value if op == "-" else +value), error
        case Arith(op=op, left=a, right=b):
            left, e1 = _eval(a, v)
            right, e2 = _eval(b, v)
            left, right = np.asarray(left, dtype=float), np.asarray(right, dtype=float)
            if op == "/":
                zero = right == 0
                with np.errstate(divide="ignore", invalid="ignore"):
                    out = np.where(zero, 0.0, left / np.where(zero, 1.0, right))
                return out, e1 | e2 | np.broadcast_to(zero, (v.runs,))
            out = {"+": np.add, "-": np.subtract, "*": np.multiply}[op](left, right)
            return out, e1 | e2
        case Func(func=func, args=args):
            values, errors = zip(*(_eval(a, v) for a in args), strict=True)
            error = np.logical_or.reduce(errors)
            if func == "abs":
                return np.abs(values[0]), error
            # Python's min/max return the first of equal values; for numbers that is the same value.
            reduce = np.minimum if func == "min" else np.maximum
            out = values[0]
            for x in values[1:]:
                out = reduce(out, x)
            return out, error
        case Compare(operands=operands, ops=ops):
            left, error = _eval(operands[0], v)
            result = v.every
            for op, right_node in zip(ops, operands[1:], strict=True):
                if not result.any():
                    break  # no run reaches the next link: it can neither hold nor raise anywhere
                right, e = _eval(right_node, v)
                error = error | (e & result)  # a later link is only reached while the chain holds
                result = result & _over(_COMPARE[op](left, right), v.runs)
                left = right
            return result, error
        case Member(left=x, values=values, negated=negated):
            value, error = _eval(x, v)
            inside = np.isin(value, list(values)) if not isinstance(value, str) else np.asarray(value in values)
            return np.logical_xor(inside, negated), error
        case BoolOp(op=op, operands=xs):
            result, error = _eval(xs[0], v)
            result = _over(np.asarray(result, dtype=bool), v.runs)
            for x in xs[1:]:
                reached = result if op == "and" else ~result  # short-circuit: later operands only sometimes run
                if not reached.any():
                    break  # no run reaches the rest (all false under `and`, all true under `or`): nothing changes
                value, e = _eval(x, v)
                value = _over(np.asarray(value, dtype=bool), v.runs)
                error = error | (e & reached & ~error)
                result = (result & value) if op == "and" else (result | value)
            return result, error
        case Not(operand=x):
            value, error = _eval(x, v)
            return ~np.asarray(value, dtype=bool), error
    raise TypeError(f"unknown node {node!r}")


def run_refs(memories: list, turn: int) -> Callable[[str, str], np.ndarray]:
    """fired / turns_since / flag for every run, from each run's engine memory."""

    def refs(func: str, arg: str) -> np.ndarray:
        if func == "fired":
            return np.array([arg in m.last_fired for m in memories])
        if func == "flag":
            return np.array([arg in m.flags for m in memories])
        return np.array(
            [NEVER if arg not in m.last_fired else min(max(turn - m.last_fired[arg], 0), NEVER) for m in memories]
        )

    return refs
