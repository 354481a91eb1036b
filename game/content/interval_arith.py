"""Interval arithmetic for the satisfiability analysis (intervals.py), and its three-way Verdict.

An Interval is a closed range that surely holds a number-valued expression's value, flagged when infinities may
meet (NaN) or evaluation may raise (division by zero, overflow). Bounds are computed with the same float
operations as evaluation; rounding to nearest is monotonic, so the real result can never escape them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

INF = math.inf


class Verdict(Enum):
    ALWAYS_FALSE = "always false"
    ALWAYS_TRUE = "always true"
    UNKNOWN = "unknown"


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


UNBOUNDED = Interval(-INF, INF, may_nan=True, may_fail=True)


def _mul(a: float, b: float) -> float:
    # 0 * inf counts as 0: an unbounded factor times an exact zero is zero.
    return 0 if a == 0 or b == 0 else a * b


def _div(a: float, b: float) -> float:
    if math.isinf(a) and math.isinf(b):
        return math.nan
    return a / b


def arith_interval(op: str, a: Interval, b: Interval) -> Interval:
    """Interval of `a op b`, flagging possible NaN (from infinities) and failure."""
    if op == "/" and b.lo <= 0 <= b.hi:
        return UNBOUNDED  # the divisor may be 0 (fails) or tiny (huge result)
    if op == "+":
        lo, hi = a.lo + b.lo, a.hi + b.hi
    elif op == "-":
        lo, hi = a.lo - b.hi, a.hi - b.lo
    else:
        corner = _mul if op == "*" else _div
        corners = [corner(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
        if any(math.isnan(c) for c in corners):
            return UNBOUNDED
        lo, hi = min(corners), max(corners)
    if math.isnan(lo) or math.isnan(hi):
        return UNBOUNDED
    unbounded_in = not (a.bounded and b.bounded)
    return Interval(
        lo,
        hi,
        may_nan=a.may_nan or b.may_nan or unbounded_in,
        # An unbounded result may come from an int overflowing a float: evaluation raises.
        may_fail=a.may_fail or b.may_fail or not (math.isfinite(lo) and math.isfinite(hi)),
    )


def compare_intervals(op: str, a: Interval, b: Interval) -> Verdict:
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


def function_interval(func: str, args: list[Interval]) -> Interval:
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
