"""What the condition compiler tells an author: ExpressionError (a code, a character offset, a message and a
hint) and the plain-language tables behind its messages.

Each construct Python parses but conditions refuse (FORBIDDEN_OPS, FORBIDDEN_NODES) comes with what to write
instead; Python's own syntax errors are reworded (plain_syntax_error); the functions a condition may call are
listed here with an example each. Kept apart from the compiler so the wording can be read and changed in one
place.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from game.content.expr_nodes import NUMBER, STR, Node


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


REF_FUNCS = {"fired": "event id", "turns_since": "event id", "flag": "flag name"}
FUNCTIONS = ("min", "max", "abs", "fired", "turns_since", "flag")
FUNCTION_LIST = "min, max, abs, fired, turns_since and flag"

# Operators that parse but are not part of the language: (what it is, what to write instead).
FORBIDDEN_OPS: dict[type, tuple[str, str]] = {
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
FORBIDDEN_NODES: dict[type, tuple[str, str]] = {
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


def plain_syntax_error(exc: BaseException, text: str) -> tuple[str, str]:
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


def comparison_hint(node: Node) -> str:
    if node.kind == NUMBER:
        return f"compare it, e.g. `{node.text} > 0.5`"
    if node.kind == STR:
        return f'compare it, e.g. `{node.text} == "mayor"`'
    return "use a comparison or true/false here"


def function_example(func: str) -> str:
    return {
        "min": "min(district.fear, 0.5)",
        "max": "max(district.fear, 0.5)",
        "abs": "abs(city.budget)",
        "fired": 'fired("hotline_leak")',
        "turns_since": 'turns_since("hotline_leak") > 3',
        "flag": 'flag("audit_started")',
    }[func]
