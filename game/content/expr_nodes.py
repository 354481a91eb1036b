"""The condition language's vocabulary: value kinds, size limits, the names a condition may read (VarSpec,
Namespace) and the typed node tree a condition compiles to.

Everything else in the language builds on these: the compiler (expr_compile) makes the nodes, the evaluator
(expr_eval) and the explanation (expr_condition) read them, and so do the analyses outside the language
(intervals, condition_parts, game.events.vector). Kept apart so that each of those imports only the tree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from game.content.diagnostic_text import Msg

if TYPE_CHECKING:
    from game.content.suggest import Suggester

NEVER = 999  # what turns_since() reports for an event that never fired

MAX_SOURCE_CHARS = 300
MAX_NODES = 64
MAX_DEPTH = 16
MAX_NUMBER = 1e9
MAX_STRING_CHARS = 40

# Value kinds of the type checker: "int" and "float" are both just numbers.
NUMBER, BOOL, STR = "number", "bool", "str"
KIND_OF_TYPE = {"float": NUMBER, "int": NUMBER, "bool": BOOL, "str": STR}
KIND_WORDS = {NUMBER: Msg("expr.kind.number"), BOOL: Msg("expr.kind.bool"), STR: Msg("expr.kind.text")}

Value = float | int | bool | str


# ---------------------------------------------------------------------------
# Declared names
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class VarSpec:
    """Type (and for numbers an optional declared range) of one readable name."""

    type: str  # "float" | "int" | "bool" | "str"
    min: float | None = None
    max: float | None = None

    def __post_init__(self) -> None:
        if self.type not in KIND_OF_TYPE:
            raise ValueError(f"unknown VarSpec type {self.type!r}; use float, int, bool or str")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"VarSpec range is empty: min {self.min} > max {self.max}")

    @property
    def kind(self) -> str:
        return KIND_OF_TYPE[self.type]


@dataclass(frozen=True)
class Namespace:
    """Every name a condition may read, plus names that exist but are off-limits here."""

    names: Mapping[str, VarSpec]
    hidden: Mapping[str, Msg] = field(default_factory=dict)  # name -> why it cannot be used here

    @cached_property
    def suggester(self) -> Suggester:
        """The names, indexed once for did-you-mean hints (game.content.suggest)."""
        from game.content.suggest import Suggester

        return Suggester(self.names)


# ---------------------------------------------------------------------------
# The node tree a condition compiles to
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    kind: str  # NUMBER | BOOL | STR
    offset: int  # character offset of the node in the source
    text: str  # the node's source text


@dataclass(frozen=True, slots=True)
class Const(Node):
    value: Value


@dataclass(frozen=True, slots=True)
class Var(Node):
    name: str  # the whole (possibly dotted) declared name


@dataclass(frozen=True, slots=True)
class Ref(Node):
    func: str  # "fired" | "turns_since" | "flag"
    arg: str


@dataclass(frozen=True, slots=True)
class Unary(Node):
    op: str  # "-" | "+"
    operand: Node


@dataclass(frozen=True, slots=True)
class Arith(Node):
    op: str  # "+" | "-" | "*" | "/"
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Func(Node):
    func: str  # "min" | "max" | "abs"
    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Compare(Node):
    operands: tuple[Node, ...]
    ops: tuple[str, ...]  # one fewer than operands; a chain like Python's


@dataclass(frozen=True, slots=True)
class Member(Node):
    left: Node
    values: tuple[Value, ...]
    negated: bool  # `not in`
    list_text: str


@dataclass(frozen=True, slots=True)
class BoolOp(Node):
    op: str  # "and" | "or"
    operands: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not(Node):
    operand: Node


def child_nodes(node: Node) -> tuple[Node, ...]:
    """The direct sub-nodes of a node (for generic walks)."""
    match node:
        case Unary(operand=x) | Not(operand=x):
            return (x,)
        case Arith(left=a, right=b):
            return (a, b)
        case Func(args=xs):
            return xs
        case Compare(operands=xs) | BoolOp(operands=xs):
            return xs
        case Member(left=x):
            return (x,)
    return ()


def is_constant(node: Node) -> bool:
    """True if the node reads no game state (no names, no fired/flag/turns_since)."""
    if isinstance(node, (Var, Ref)):
        return False
    return all(is_constant(child) for child in child_nodes(node))


def flatten_and(node: Node) -> list[Node]:
    """The operands of a (possibly nested) top-level `and` chain, in order."""
    if isinstance(node, BoolOp) and node.op == "and":
        return [leaf for x in node.operands for leaf in flatten_and(x)]
    return [node]


def kind_of_value(value: Value) -> str:
    if isinstance(value, bool):
        return BOOL
    return STR if isinstance(value, str) else NUMBER
