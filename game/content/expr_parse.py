"""Reading a condition's text: from the author's string to a Python expression tree that is safe to walk.

`ConditionReader` holds the text (line breaks and tabs as spaces, so a condition written over several YAML lines
stays one expression), maps ast's byte columns to character offsets, parses with `ast.parse(mode="eval")` (never
eval/exec/compile), and refuses before any walk what is empty, too long, too big, too deep, or names Python's
internals (`_`-names). The compiler (expr_compile) walks the tree it returns.
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Callable

from game.content.diagnostic_text import Message, Msg, msg
from game.content.expr_messages import ExpressionError, plain_syntax_error
from game.content.expr_nodes import MAX_DEPTH, MAX_NODES, MAX_SOURCE_CHARS, Namespace

# AST helper nodes that are not values in themselves (contexts and operators).
_NOT_COUNTED = (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop)
_WORD_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9_])_")  # a `_` that may start a name


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


class ConditionReader:
    """The text of one condition, its offsets, and the checks made before its tree is walked."""

    def __init__(self, source: str, namespace: Namespace) -> None:
        self.source = source
        # Line breaks and tabs become spaces (one character each, so offsets stay
        # valid): a condition written over several YAML lines is still one expression.
        self.text = source.translate({ord(c): " " for c in "\t\n\r\f\v"})
        self.ns = namespace
        self.offset_of = _OffsetMap(self.text)

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
        self, code: str, message: Message, node: ast.AST | None, hint: Message | Callable[[], Message] = ""
    ) -> ExpressionError:
        return ExpressionError(code, message, self.offset(node) if node is not None else 0, hint)

    # -- reading ------------------------------------------------------------

    def parse(self) -> ast.Expression:
        if not self.text.strip():
            raise ExpressionError("E140", Msg("expr.empty"), 0, Msg("expr.empty_hint"))
        if len(self.text) > MAX_SOURCE_CHARS:  # checked before parsing: parsing cost grows with size
            raise ExpressionError(
                "E142",
                msg("expr.too_long", n=len(self.text), limit=MAX_SOURCE_CHARS),
                MAX_SOURCE_CHARS,
                Msg("expr.split_hint"),
            )
        try:
            with warnings.catch_warnings():
                # Invalid escapes and similar only warn; treat them as the errors they are.
                warnings.simplefilter("error")
                return ast.parse(self.text, mode="eval")
        except (SyntaxError, ValueError, MemoryError, RecursionError, OverflowError, Warning) as exc:
            message, hint = plain_syntax_error(exc, self.text)
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
                    msg("expr.too_complex", limit=MAX_NODES),
                    tree.body,
                    Msg("expr.split_hint"),
                )
            if depth > MAX_DEPTH:
                raise self.error(
                    "E142",
                    msg("expr.too_deep", limit=MAX_DEPTH),
                    node,
                    Msg("expr.too_deep_hint"),
                )
            stack += [(c, depth + 1) for c in ast.iter_child_nodes(node) if not isinstance(c, _NOT_COUNTED)]

    def check_underscores(self, tree: ast.Expression) -> None:
        # Before any lookup: `_`-names are how Python reaches its internals. An ASCII text where no `_` starts a
        # word has none (Python reads some other characters as `_`, so any other text is walked).
        if self.text.isascii() and not _WORD_UNDERSCORE.search(self.text):
            return
        bad = [(n, name) for n in ast.walk(tree) for name in _identifiers(n) if name.startswith("_")]
        if bad:
            _, name, node = min(((self.offset(n), name, n) for n, name in bad), key=lambda item: item[0])
            raise self.error(
                "E141",
                msg("expr.underscore", name=name),
                node,
                Msg("expr.declared_value_hint"),
            )


def _identifiers(n: ast.AST) -> list[str]:
    if isinstance(n, ast.Name):
        return [n.id]
    if isinstance(n, ast.Attribute):
        return [n.attr]
    if isinstance(n, ast.keyword) and n.arg:
        return [n.arg]
    return []
