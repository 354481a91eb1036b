"""The condition language used in content files.

Authors write conditions such as ``district.fear > 0.6 and city.corruption >= 0.5``.
A condition is parsed with ``ast.parse(..., mode="eval")`` and then walked by an
allow-list compiler that turns every accepted construct into a small, typed node
tree.  Anything the compiler does not know is rejected with an ExpressionError that
says, in plain language, what was written and what to write instead.  Nothing is
ever handed to ``eval``/``exec``/``compile``: the node tree is evaluated by this
module's own interpreter, which only knows arithmetic, comparisons and a handful of
whitelisted functions.
"""

from __future__ import annotations

import ast
import difflib
import json
import math
import operator
import re
import warnings
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import TYPE_CHECKING, cast

from game.content.lookalikes import fold, lookalikes

if TYPE_CHECKING:
    from game.content.suggest import Suggester

__all__ = [
    "NEVER",
    "Clause",
    "Condition",
    "EvalContext",
    "Explanation",
    "ExpressionError",
    "Namespace",
    "VarSpec",
    "compile_condition",
    "format_value",
]

NEVER = 999  # what turns_since() reports for an event that never fired

MAX_SOURCE_CHARS = 300
MAX_NODES = 64
MAX_DEPTH = 16
MAX_NUMBER = 1e9
MAX_STRING_CHARS = 40

# Value kinds of the type checker: "int" and "float" are both just numbers.
NUMBER, BOOL, STR = "number", "bool", "str"
_KIND_OF_TYPE = {"float": NUMBER, "int": NUMBER, "bool": BOOL, "str": STR}
_KIND_WORDS = {NUMBER: "a number", BOOL: "true/false", STR: "text"}

Value = float | int | bool | str


# ---------------------------------------------------------------------------
# Public data types
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class VarSpec:
    """Type (and for numbers an optional declared range) of one readable name."""

    type: str  # "float" | "int" | "bool" | "str"
    min: float | None = None
    max: float | None = None

    def __post_init__(self) -> None:
        if self.type not in _KIND_OF_TYPE:
            raise ValueError(f"unknown VarSpec type {self.type!r}; use float, int, bool or str")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"VarSpec range is empty: min {self.min} > max {self.max}")

    @property
    def kind(self) -> str:
        return _KIND_OF_TYPE[self.type]


@dataclass(frozen=True)
class Namespace:
    """Every name a condition may read, plus names that exist but are off-limits here."""

    names: Mapping[str, VarSpec]
    hidden: Mapping[str, str] = field(default_factory=dict)  # name -> why it cannot be used here

    @cached_property
    def suggester(self) -> Suggester:
        """The names, indexed once for did-you-mean hints (game.content.suggest)."""
        from game.content.suggest import Suggester

        return Suggester(self.names)


class ExpressionError(Exception):
    """A condition that cannot be compiled, with a code, a location and a hint."""

    def __init__(self, code: str, message: str, offset: int = 0, hint: str | Callable[[], str] = "") -> None:
        super().__init__(code, message, offset, hint)
        self.code = code
        self.message = message
        self.offset = offset
        self._hint = hint

    @property
    def hint(self) -> str:
        """The hint; one given as a function (a did-you-mean search) is worked out when first read, so that a
        diagnostic never shown costs no search."""
        if callable(self._hint):
            self._hint = self._hint()
        return self._hint

    def __str__(self) -> str:
        text = f"{self.code} at character {self.offset}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass(frozen=True)
class EvalContext:
    """A snapshot of plain values a condition is evaluated against."""

    values: Mapping[str, Value]
    last_fired: Mapping[str, int] = field(default_factory=dict)  # event id -> turn it last fired
    flags: AbstractSet[str] = frozenset()
    turn: int = 0


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


# ---------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------

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


def flatten_and(node: Node) -> list[Node]:
    """The operands of a (possibly nested) top-level `and` chain, in order."""
    if isinstance(node, BoolOp) and node.op == "and":
        return [leaf for x in node.operands for leaf in flatten_and(x)]
    return [node]


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


# ---------------------------------------------------------------------------
# Compiler: Python AST -> node tree, by allow-list
# ---------------------------------------------------------------------------

_REF_FUNCS = {"fired": "event id", "turns_since": "event id", "flag": "flag name"}
_FUNCTIONS = ("min", "max", "abs", "fired", "turns_since", "flag")
_FUNCTION_LIST = "min, max, abs, fired, turns_since and flag"

# AST helper nodes that are not values in themselves (contexts and operators).
_NOT_COUNTED = (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop)

_BIN_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_CMP_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_ORDER_OPS = frozenset({"<", "<=", ">", ">="})

# Operators that parse but are not part of the language: (what it is, what to write instead).
_FORBIDDEN_OPS: dict[type, tuple[str, str]] = {
    ast.Pow: ("`**` (power)", "write x * x instead of x ** 2"),
    ast.Mod: ("`%` (remainder)", "conditions cannot use remainders; compare the values directly"),
    ast.FloorDiv: ("`//` (whole-number division)", "use / for division"),
    ast.MatMult: ("`@` (matrix product)", "use * for multiplication"),
    ast.LShift: ("`<<` (bit shift)", "use * 2 to double a value"),
    ast.RShift: ("`>>` (bit shift)", "use / 2 to halve a value"),
    ast.BitAnd: ("`&` (bitwise and)", "write `and` to require both parts"),
    ast.BitOr: ("`|` (bitwise or)", "write `or` to accept either part"),
    ast.BitXor: ("`^` (bitwise xor)", "`^` is not power; write x * x instead of x ^ 2"),
    ast.Invert: ("`~` (bitwise not)", "write `not` to negate a condition"),
}

# Expression kinds that parse but are not part of the language.
_FORBIDDEN_NODES: dict[type, tuple[str, str]] = {
    ast.Lambda: ("a lambda (`lambda: ...`)", "conditions cannot define functions; write the test itself"),
    ast.ListComp: ("a list comprehension", "write the values out in a list, e.g. `x in [1, 2, 3]`"),
    ast.SetComp: ("a set comprehension", "write the values out in a list, e.g. `x in [1, 2, 3]`"),
    ast.DictComp: ("a dict comprehension", "conditions cannot build dictionaries"),
    ast.GeneratorExp: ("a generator expression", "write the values out, e.g. `max(a, b)`"),
    ast.JoinedStr: ("an f-string", 'write plain text in quotes, e.g. "mayor"'),
    ast.FormattedValue: ("an f-string", 'write plain text in quotes, e.g. "mayor"'),
    ast.NamedExpr: ("`:=` (assignment)", "conditions cannot assign; use == to compare"),
    ast.IfExp: ("`a if b else c`", "split it into two conditions joined with `or`"),
    ast.Dict: ("a dictionary `{...}`", "conditions cannot build dictionaries"),
    ast.Set: ("a set `{...}`", "use a list in square brackets after `in`, e.g. `x in [1, 2]`"),
    ast.Subscript: ("indexing `x[...]`", "refer to the declared value directly, e.g. `district.fear`"),
    ast.Slice: ("a slice `a:b`", "refer to the declared value directly"),
    ast.Starred: ("`*` unpacking", "write the values out one by one"),
    ast.Await: ("`await`", "write a plain comparison"),
    ast.Yield: ("`yield`", "write a plain comparison"),
    ast.YieldFrom: ("`yield from`", "write a plain comparison"),
    ast.List: ("a list", 'lists are only allowed after `in`, e.g. `role in ["mayor", "police"]`'),
    ast.Tuple: ("a tuple", 'lists are only allowed after `in`, e.g. `role in ["mayor", "police"]`'),
}

# Plain-language versions of Python's most common syntax error messages.
_SYNTAX_MESSAGES = (
    ("was never closed", "a bracket is opened but never closed", "add the missing `)` or `]`"),
    ("unmatched", "a closing bracket has no opening bracket", "remove it or add the missing `(`"),
    ("does not match", "the brackets do not match", "check that every `(` closes with `)`"),
    ("unterminated string", "a quoted text has no closing quote", "close the text with the same quote"),
    ("Maybe you meant '=='", "`=` assigns; conditions compare", "use == to test equality"),
    ("too many nested parentheses", "too many nested brackets", "remove unneeded brackets"),
    ("invalid decimal literal", "a number runs straight into a word", "put a space after the number"),
    ("null bytes", "it contains a null character", "retype the condition as plain text"),
)
_SYMBOL_HINTS = (
    (r"&&", "write `and` instead of &&"),
    (r"\|\|", "write `or` instead of ||"),
    (r"!(?!=)", "write `not` instead of ! (and != for 'not equal')"),
    (r"(?<![=!<>])=(?!=)", "use == to test equality"),
)


def compile_condition(source: str, namespace: Namespace) -> Condition:
    """Compile condition text against a namespace; raises ExpressionError."""
    if not isinstance(source, str):
        raise ExpressionError(
            "E140",
            f"a condition must be text, not {type(source).__name__}",
            0,
            'put the condition in quotes, e.g. "district.fear > 0.6"',
        )
    return _Compiler(source, namespace).compile()


def _plain_syntax_error(exc: BaseException, text: str) -> tuple[str, str]:
    if isinstance(exc, UnicodeError):
        return "the condition contains a character that cannot be read", "retype the condition as plain text"
    if isinstance(exc, (MemoryError, RecursionError)):
        return "the condition is nested too deeply to read", "remove unneeded brackets"
    msg = str(getattr(exc, "msg", "") or exc) or type(exc).__name__
    for needle, plain, hint in _SYNTAX_MESSAGES:
        if needle in msg:
            return f"the condition cannot be read: {plain}", hint
    for pattern, hint in _SYMBOL_HINTS:
        if re.search(pattern, text):
            return "the condition cannot be read: invalid syntax", hint
    return f"the condition cannot be read: {msg}", "check for a missing value, operator, quote or bracket"


class _OffsetMap:
    """Turns the UTF-8 byte columns ast reports into character offsets."""

    def __init__(self, text: str) -> None:
        self._chars: list[int] | None = None
        if not text.isascii():
            chars = []
            for index, char in enumerate(text):
                chars += [index] * len(char.encode("utf-8", "surrogatepass"))
            chars.append(len(text))
            self._chars = chars

    def __call__(self, byte_col: int | None) -> int:
        if byte_col is None:
            return 0
        if self._chars is None:
            return byte_col
        return self._chars[min(max(byte_col, 0), len(self._chars) - 1)]


class _Compiler:
    def __init__(self, source: str, namespace: Namespace) -> None:
        self.source = source
        # Line breaks and tabs become spaces (one character each, so offsets stay
        # valid): a condition written over several YAML lines is still one expression.
        self.text = source.translate({ord(c): " " for c in "\t\n\r\f\v"})
        self.ns = namespace
        self.offset_of = _OffsetMap(self.text)
        self.names: set[str] = set()
        self.event_refs: list[tuple[str, int]] = []
        self.flag_refs: list[tuple[str, int]] = []

    # -- helpers ------------------------------------------------------------

    def offset(self, node: ast.AST) -> int:
        if getattr(node, "lineno", 1) != 1:
            return 0
        return self.offset_of(getattr(node, "col_offset", None))

    def segment(self, node: ast.AST) -> str:
        start = self.offset(node)
        end = self.offset_of(getattr(node, "end_col_offset", None))
        return self.text[start:end] if end > start else ""

    def error(
        self, code: str, message: str, node: ast.AST | None, hint: str | Callable[[], str] = ""
    ) -> ExpressionError:
        return ExpressionError(code, message, self.offset(node) if node is not None else 0, hint)

    # -- entry point --------------------------------------------------------

    def compile(self) -> Condition:
        tree = self.parse()
        self.check_size(tree)
        self.check_underscores(tree)
        root = self.node(tree.body)
        if root.kind != BOOL:
            raise self.error(
                "E144",
                f"a condition must be true or false, but `{root.text}` is {_KIND_WORDS[root.kind]}",
                tree.body,
                _comparison_hint(root),
            )
        return Condition(
            source=self.source,
            names=frozenset(self.names),
            event_refs=tuple(self.event_refs),
            flag_refs=tuple(self.flag_refs),
            _tree=root,
        )

    def parse(self) -> ast.Expression:
        if not self.text.strip():
            raise ExpressionError(
                "E140", "the condition is empty", 0, "write a condition such as `district.fear > 0.6`"
            )
        if len(self.text) > MAX_SOURCE_CHARS:  # checked before parsing: parsing cost grows with size
            raise ExpressionError(
                "E142",
                f"the condition is {len(self.text)} characters long; the limit is {MAX_SOURCE_CHARS}",
                MAX_SOURCE_CHARS,
                "split it into several conditions in the `when:` list",
            )
        try:
            with warnings.catch_warnings():
                # Invalid escapes and similar only warn; treat them as the errors they are.
                warnings.simplefilter("error")
                return ast.parse(self.text, mode="eval")
        except (SyntaxError, ValueError, MemoryError, RecursionError, OverflowError, Warning) as exc:
            message, hint = _plain_syntax_error(exc, self.text)
            offset = getattr(exc, "offset", None) if isinstance(exc, SyntaxError) else None
            offset = min(max((offset or 1) - 1, 0), len(self.text))
            raise ExpressionError("E140", message, offset, hint) from None

    def check_size(self, tree: ast.Expression) -> None:
        # Iterative, so even a pathologically deep tree cannot exhaust the stack.
        count = 0
        stack: list[tuple[ast.AST, int]] = [(tree.body, 1)]
        while stack:
            node, depth = stack.pop()
            count += 1
            if count > MAX_NODES:
                raise self.error(
                    "E142",
                    f"the condition is too complex (more than {MAX_NODES} parts)",
                    tree.body,
                    "split it into several conditions in the `when:` list",
                )
            if depth > MAX_DEPTH:
                raise self.error(
                    "E142",
                    f"the condition is nested too deeply (more than {MAX_DEPTH} levels)",
                    node,
                    "remove unneeded brackets or split it into several conditions",
                )
            stack += [(c, depth + 1) for c in ast.iter_child_nodes(node) if not isinstance(c, _NOT_COUNTED)]

    def check_underscores(self, tree: ast.Expression) -> None:
        # Before any lookup: `_`-names are how Python reaches its internals.
        bad = [(self.offset(n), name, n) for n in ast.walk(tree) for name in _identifiers(n) if name.startswith("_")]
        if bad:
            _, name, node = min(bad, key=lambda item: item[0])
            raise self.error(
                "E141",
                f"`{name}` starts with `_`; names starting with `_` are not allowed",
                node,
                "use a declared value such as `district.fear`",
            )

    # -- the allow-list walker ----------------------------------------------

    def node(self, n: ast.AST) -> Node:
        match n:
            case ast.Constant():
                return self.constant(n)
            case ast.Name():
                return self.name(n)
            case ast.Attribute():
                return self.attribute(n)
            case ast.BoolOp():
                return self.bool_op(n)
            case ast.UnaryOp():
                return self.unary(n)
            case ast.BinOp():
                return self.bin_op(n)
            case ast.Compare():
                return self.compare(n)
            case ast.Call():
                return self.call(n)
        what, hint = _FORBIDDEN_NODES.get(type(n), (f"`{type(n).__name__}`", "write a plain comparison"))
        raise self.error("E141", f"{what} is not allowed in a condition", n, hint)

    def constant(self, n: ast.Constant) -> Const:
        value = self.literal(n)
        return Const(_kind_of_value(value), self.offset(n), self.segment(n), value)

    def literal(self, n: ast.Constant) -> Value:
        """Check a literal constant and return its value."""
        value = n.value
        text = self.segment(n)
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            if not math.isfinite(value):
                raise self.error("E146", f"`{text}` is too large to be a number", n, "use a smaller number")
            if abs(value) > MAX_NUMBER:
                raise self.error(
                    "E146",
                    f"`{text}` is larger than 1,000,000,000, the largest number allowed",
                    n,
                    "use a smaller number",
                )
            return value
        if isinstance(value, str):
            if len(value) > MAX_STRING_CHARS:
                raise self.error(
                    "E142",
                    f"a quoted text is {len(value)} characters long; the limit is {MAX_STRING_CHARS}",
                    n,
                    "use a shorter text",
                )
            return value
        what, hint = {
            complex: ("a complex number", "use an ordinary number, e.g. 0.5"),
            bytes: ("a bytes literal", 'write plain text in quotes, e.g. "mayor"'),
            type(None): ("`None`", "use true/false, a number or a quoted text"),
        }.get(type(value), (f"`{text}`", "use a number, true/false or a quoted text"))
        raise self.error("E141", f"{what} is not allowed in a condition", n, hint)

    def name(self, n: ast.Name) -> Node:
        if n.id in ("true", "false"):
            return Const(BOOL, self.offset(n), self.segment(n), n.id == "true")
        return self.lookup(n.id, n)

    def attribute(self, n: ast.Attribute) -> Node:
        dotted = _dotted_name(n)
        if dotted is None:
            raise self.error(
                "E141",
                f"`.{n.attr}` reads an attribute of something that is not a declared value",
                n,
                "only declared dotted names such as `district.fear` may contain a dot",
            )
        return self.lookup(dotted, n)

    def lookup(self, name: str, n: ast.AST) -> Var:
        spec = self.ns.names.get(name)
        if spec is not None:
            self.names.add(name)
            return Var(spec.kind, self.offset(n), self.segment(n), name)
        if name in self.ns.hidden:
            raise self.error("E143", f"`{name}` cannot be used here", n, self.ns.hidden[name])
        raise self.error("E143", f"`{name}` is not a declared value", n, partial(self.unknown_name_hint, name))

    def unknown_name_hint(self, name: str) -> str:
        if name in _FUNCTIONS:
            return f"`{name}` is a function; call it, e.g. {_function_example(name)}"
        members = sorted(known for known in self.ns.names if known.startswith(name + "."))
        if members:
            return f"`{name}` is a group of values; pick one, e.g. `{members[0]}`"
        plain = fold(name)  # a look-alike letter of another script (Cyrillic `а`) is named with its code point
        close = [plain] if plain != name and plain in self.ns.names else []
        close = close or self.ns.suggester.close(name, n=3)
        odd = lookalikes(name, plain)
        if close:
            return "did you mean " + " or ".join(f"`{c}`" for c in close) + "?" + (f" {odd}" if odd else "")
        if odd:
            return odd
        if not self.ns.names:
            return "no values can be read here"
        sample = ", ".join(f"`{known}`" for known in sorted(self.ns.names)[:6])
        return f"declared values include {sample}"

    def bool_op(self, n: ast.BoolOp) -> BoolOp:
        op = "and" if isinstance(n.op, ast.And) else "or"
        operands = tuple(self.node(v) for v in n.values)
        for operand, source in zip(operands, n.values, strict=True):
            self.expect(operand, BOOL, source, f"`{op}` joins true/false parts")
        return BoolOp(BOOL, self.offset(n), self.segment(n), op, operands)

    def unary(self, n: ast.UnaryOp) -> Node:
        if type(n.op) in _FORBIDDEN_OPS:
            what, hint = _FORBIDDEN_OPS[type(n.op)]
            raise self.error("E141", f"{what} is not allowed in a condition", n, hint)
        operand = self.node(n.operand)
        if isinstance(n.op, ast.Not):
            self.expect(operand, BOOL, n.operand, "`not` negates a true/false part")
            return Not(BOOL, self.offset(n), self.segment(n), operand)
        sign = "-" if isinstance(n.op, ast.USub) else "+"
        self.expect(operand, NUMBER, n.operand, f"`{sign}` works on numbers")
        return Unary(NUMBER, self.offset(n), self.segment(n), sign, operand)

    def bin_op(self, n: ast.BinOp) -> Arith:
        op = _BIN_OPS.get(type(n.op))
        if op is None:
            what, hint = _FORBIDDEN_OPS.get(type(n.op), (f"`{type(n.op).__name__}`", "use + - * /"))
            raise self.error("E141", f"{what} is not allowed in a condition", n, hint)
        left, right = self.node(n.left), self.node(n.right)
        self.expect(left, NUMBER, n.left, f"`{op}` works on numbers")
        self.expect(right, NUMBER, n.right, f"`{op}` works on numbers")
        if op == "/" and is_constant(right) and constant_value(right) in (0, None):
            raise self.error(
                "E146",
                f"`{self.segment(n)}` divides by zero",
                n.right,
                "divide by a value that is never 0",
            )
        return Arith(NUMBER, self.offset(n), self.segment(n), op, left, right)

    def compare(self, n: ast.Compare) -> Node:
        for op in n.ops:
            if isinstance(op, (ast.Is, ast.IsNot)):
                raise self.error("E141", "`is` is not allowed in a condition", n, "use == or != to compare")
        if any(isinstance(op, (ast.In, ast.NotIn)) for op in n.ops):
            if len(n.ops) != 1:
                raise self.error(
                    "E141",
                    "`in` cannot be chained with other comparisons",
                    n,
                    "join the parts with `and`, e.g. `x in [1, 2] and x > 0`",
                )
            return self.membership(n)
        operands = (self.node(n.left), *(self.node(c) for c in n.comparators))
        ops = tuple(_CMP_OPS[type(op)] for op in n.ops)
        sources = (n.left, *n.comparators)
        for i, symbol in enumerate(ops):
            self.check_comparison(operands[i], symbol, operands[i + 1], sources[i], sources[i + 1])
        return Compare(BOOL, self.offset(n), self.segment(n), operands, ops)

    def check_comparison(self, a: Node, op: str, b: Node, a_src: ast.AST, b_src: ast.AST) -> None:
        if op in _ORDER_OPS:
            self.expect(a, NUMBER, a_src, f"`{op}` compares numbers")
            self.expect(b, NUMBER, b_src, f"`{op}` compares numbers")
        elif a.kind != b.kind:
            raise self.error(
                "E144",
                f"`{a.text}` is {_KIND_WORDS[a.kind]} but `{b.text}` is {_KIND_WORDS[b.kind]}, "
                f"so `{op}` cannot compare them",
                b_src,
                "compare values of the same kind",
            )

    def membership(self, n: ast.Compare) -> Member:
        negated = isinstance(n.ops[0], ast.NotIn)
        word = "not in" if negated else "in"
        right = n.comparators[0]
        if not isinstance(right, (ast.List, ast.Tuple)):
            what = "a set `{...}`" if isinstance(right, ast.Set) else f"`{self.segment(right)}`"
            raise self.error(
                "E141",
                f"`{word}` needs a list of constants in square brackets on the right, not {what}",
                right,
                f'write e.g. `role {word} ["mayor", "police"]`',
            )
        left = self.node(n.left)
        values = tuple(self.list_item(item) for item in right.elts)
        for item, value in zip(right.elts, values, strict=True):
            if _kind_of_value(value) != left.kind:
                raise self.error(
                    "E144",
                    f"`{left.text}` is {_KIND_WORDS[left.kind]} but the list holds "
                    f"{_KIND_WORDS[_kind_of_value(value)]} `{self.segment(item)}`",
                    item,
                    "list only values of the same kind",
                )
        return Member(BOOL, self.offset(n), self.segment(n), left, values, negated, self.segment(right))

    def list_item(self, n: ast.AST) -> Value:
        if isinstance(n, ast.Constant):
            return self.literal(n)
        if isinstance(n, ast.Name) and n.id in ("true", "false"):
            return n.id == "true"
        if (
            isinstance(n, ast.UnaryOp)
            and isinstance(n.op, (ast.USub, ast.UAdd))
            and isinstance(n.operand, ast.Constant)
        ):  # a negative number such as -1
            value = self.literal(n.operand)
            if not isinstance(value, (bool, str)):  # _kind_of_value(value) == NUMBER
                return -value if isinstance(n.op, ast.USub) else value
        raise self.error(
            "E141",
            f"the list after `in` may only hold constants, not `{self.segment(n)}`",
            n,
            "write plain numbers, quoted texts or true/false in the list",
        )

    def call(self, n: ast.Call) -> Node:
        func = self.callee(n)
        if n.keywords:
            keyword = n.keywords[0]
            label = f"`{keyword.arg}=...`" if keyword.arg else "`**...`"
            raise self.error(
                "E141", f"keyword arguments ({label}) are not allowed", keyword, "pass the values in order"
            )
        for arg in n.args:
            if isinstance(arg, ast.Starred):
                raise self.error("E141", "`*` unpacking is not allowed", arg, "write the values out one by one")
        if func in _REF_FUNCS:
            return self.ref_call(func, n)
        args = tuple(self.node(a) for a in n.args)
        wanted = "exactly one value" if func == "abs" else "at least two values"
        if (func == "abs" and len(args) != 1) or (func != "abs" and len(args) < 2):
            raise self.error(
                "E143", f"`{func}` needs {wanted}, but got {len(args)}", n, f"e.g. {_function_example(func)}"
            )
        for arg_node, source in zip(args, n.args, strict=True):
            self.expect(arg_node, NUMBER, source, f"`{func}` works on numbers")
        return Func(NUMBER, self.offset(n), self.segment(n), func, args)

    def callee(self, n: ast.Call) -> str:
        if not isinstance(n.func, ast.Name):
            raise self.error(
                "E141",
                f"calling `{self.segment(n.func)}` is not allowed (method calls are not part of conditions)",
                n,
                f"only {_FUNCTION_LIST} can be called",
            )
        func = n.func.id
        if func in _FUNCTIONS:
            return func
        if func in self.ns.names:
            hint = f"`{func}` is a value; compare it instead, e.g. `{func} > 0`"
        else:
            close = difflib.get_close_matches(func, _FUNCTIONS, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else f"only {_FUNCTION_LIST} can be called"
        raise self.error("E141", f"`{func}` is not a function conditions can call", n, hint)

    def ref_call(self, func: str, n: ast.Call) -> Ref:
        what = _REF_FUNCS[func]
        arg = n.args[0] if len(n.args) == 1 else None
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            raise self.error(
                "E143",
                f"`{func}` needs exactly one quoted {what}",
                arg or n,
                f"e.g. {_function_example(func)}",
            )
        name = str(self.literal(arg))
        if not name.strip():
            raise self.error("E143", f"the {what} given to `{func}` is empty", arg, f"e.g. {_function_example(func)}")
        refs = self.flag_refs if func == "flag" else self.event_refs
        refs.append((name, self.offset(arg)))
        kind = NUMBER if func == "turns_since" else BOOL
        return Ref(kind, self.offset(n), self.segment(n), func, name)

    def expect(self, node: Node, kind: str, source: ast.AST, why: str) -> None:
        if node.kind != kind:
            hint = _comparison_hint(node) if kind == BOOL else f"use {_KIND_WORDS[kind]} here"
            raise self.error("E144", f"{why}, but `{node.text}` is {_KIND_WORDS[node.kind]}", source, hint)


def _identifiers(n: ast.AST) -> list[str]:
    if isinstance(n, ast.Name):
        return [n.id]
    if isinstance(n, ast.Attribute):
        return [n.attr]
    if isinstance(n, ast.keyword) and n.arg:
        return [n.arg]
    return []


def _dotted_name(n: ast.Attribute) -> str | None:
    """`a.b.c` as one name if the chain is rooted at a plain name, else None."""
    parts = [n.attr]
    root: ast.AST = n.value
    while isinstance(root, ast.Attribute):
        parts.append(root.attr)
        root = root.value
    if not isinstance(root, ast.Name):
        return None
    parts.append(root.id)
    return ".".join(reversed(parts))


def _kind_of_value(value: Value) -> str:
    if isinstance(value, bool):
        return BOOL
    return STR if isinstance(value, str) else NUMBER


def _comparison_hint(node: Node) -> str:
    if node.kind == NUMBER:
        return f"compare it, e.g. `{node.text} > 0.5`"
    if node.kind == STR:
        return f'compare it, e.g. `{node.text} == "mayor"`'
    return "use a comparison or true/false here"


def _function_example(func: str) -> str:
    return {
        "min": "min(district.fear, 0.5)",
        "max": "max(district.fear, 0.5)",
        "abs": "abs(city.budget)",
        "fired": 'fired("hotline_leak")',
        "turns_since": 'turns_since("hotline_leak") > 3',
        "flag": 'flag("audit_started")',
    }[func]
