"""What the condition compiler tells an author: ExpressionError (a code, a character offset, a message and a
hint, typed: their words are in content/ui/diagnostics.yaml, `diag.expr.*`) and the tables behind its messages.

Each construct Python parses but conditions refuse (FORBIDDEN_OPS, FORBIDDEN_NODES) comes with what to write
instead; Python's own syntax errors are reworded (plain_syntax_error); the functions a condition may call are
listed here with an example each. Kept apart from the compiler so the wording can be read and changed in one
place.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from game.content.diagnostic_text import Message, Msg, msg, say
from game.content.expr_nodes import NUMBER, STR, Node


class ExpressionError(Exception):
    """A condition that cannot be compiled, with a code, a location, and a typed message and hint
    (game.content.diagnostic_text) said in the reader's language where shown."""

    def __init__(
        self, code: str, message: Message, offset: int = 0, hint: Message | Callable[[], Message] = ""
    ) -> None:
        super().__init__(code, message, offset, hint)
        self.code = code
        self.text = message
        self.offset = offset
        self._hint = hint

    @property
    def message(self) -> str:
        """The message in English."""
        return say(self.text)

    @property
    def hint_text(self) -> Message:
        """The hint; one given as a function (a did-you-mean search) is worked out when first read, so that a
        diagnostic never shown costs no search."""
        if callable(self._hint):
            self._hint = self._hint()
        return self._hint

    @property
    def hint(self) -> str:
        """The hint in English."""
        return say(self.hint_text)

    def __str__(self) -> str:
        text = f"{self.code} at character {self.offset}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


REF_FUNCS = {"fired": Msg("expr.event_id"), "turns_since": Msg("expr.event_id"), "flag": Msg("expr.flag_name")}
FUNCTIONS = ("min", "max", "abs", "fired", "turns_since", "flag")

# Operators that parse but are not part of the language: (what it is, what to write instead).
FORBIDDEN_OPS: dict[type, tuple[Message, Message]] = {
    ast.Pow: (Msg("expr.op.pow"), Msg("expr.op.pow_hint")),
    ast.Mod: (Msg("expr.op.mod"), Msg("expr.op.mod_hint")),
    ast.FloorDiv: (Msg("expr.op.floordiv"), Msg("expr.op.floordiv_hint")),
    ast.MatMult: (Msg("expr.op.matmult"), Msg("expr.op.matmult_hint")),
    ast.LShift: (Msg("expr.op.lshift"), Msg("expr.op.lshift_hint")),
    ast.RShift: (Msg("expr.op.rshift"), Msg("expr.op.rshift_hint")),
    ast.BitAnd: (Msg("expr.op.bitand"), Msg("expr.op.bitand_hint")),
    ast.BitOr: (Msg("expr.op.bitor"), Msg("expr.op.bitor_hint")),
    ast.BitXor: (Msg("expr.op.bitxor"), Msg("expr.op.bitxor_hint")),
    ast.Invert: (Msg("expr.op.invert"), Msg("expr.op.invert_hint")),
}

_IN_LIST = Msg("expr.node.in_list_hint")
_PLAIN = Msg("expr.node.plain_hint")
_QUOTED = Msg("expr.node.quoted_hint")
_NO_DICTS = Msg("expr.node.no_dicts_hint")
_ONLY_AFTER_IN = Msg("expr.node.only_after_in_hint")

# Expression kinds that parse but are not part of the language.
FORBIDDEN_NODES: dict[type, tuple[Message, Message]] = {
    ast.Lambda: (Msg("expr.node.lambda"), Msg("expr.node.lambda_hint")),
    ast.ListComp: (Msg("expr.node.listcomp"), _IN_LIST),
    ast.SetComp: (Msg("expr.node.setcomp"), _IN_LIST),
    ast.DictComp: (Msg("expr.node.dictcomp"), _NO_DICTS),
    ast.GeneratorExp: (Msg("expr.node.generator"), Msg("expr.node.generator_hint")),
    ast.JoinedStr: (Msg("expr.node.fstring"), _QUOTED),
    ast.FormattedValue: (Msg("expr.node.fstring"), _QUOTED),
    ast.NamedExpr: (Msg("expr.node.walrus"), Msg("expr.node.walrus_hint")),
    ast.IfExp: (Msg("expr.node.ifexp"), Msg("expr.node.ifexp_hint")),
    ast.Dict: (Msg("expr.node.dict"), _NO_DICTS),
    ast.Set: (Msg("expr.node.set"), Msg("expr.node.set_hint")),
    ast.Subscript: (Msg("expr.node.subscript"), Msg("expr.node.subscript_hint")),
    ast.Slice: (Msg("expr.node.slice"), Msg("expr.node.slice_hint")),
    ast.Starred: (Msg("expr.node.starred"), Msg("expr.node.starred_hint")),
    ast.Await: ("`await`", _PLAIN),
    ast.Yield: ("`yield`", _PLAIN),
    ast.YieldFrom: ("`yield from`", _PLAIN),
    ast.List: (Msg("expr.node.list"), _ONLY_AFTER_IN),
    ast.Tuple: (Msg("expr.node.tuple"), _ONLY_AFTER_IN),
}

# Plain-language versions of Python's most common syntax error messages: (what Python says, message, hint).
_SYNTAX_MESSAGES = (
    ("was never closed", Msg("expr.syntax.never_closed"), Msg("expr.syntax.never_closed_hint")),
    ("unmatched", Msg("expr.syntax.unmatched"), Msg("expr.syntax.unmatched_hint")),
    ("does not match", Msg("expr.syntax.mismatch"), Msg("expr.syntax.mismatch_hint")),
    ("unterminated string", Msg("expr.syntax.unterminated"), Msg("expr.syntax.unterminated_hint")),
    ("Maybe you meant '=='", Msg("expr.syntax.assign"), Msg("expr.syntax.equality_hint")),
    ("too many nested parentheses", Msg("expr.syntax.nested"), Msg("expr.syntax.brackets_hint")),
    ("invalid decimal literal", Msg("expr.syntax.number_word"), Msg("expr.syntax.number_word_hint")),
    ("null bytes", Msg("expr.syntax.null"), Msg("expr.syntax.retype_hint")),
)
_SYMBOL_HINTS = (
    (r"&&", Msg("expr.syntax.and_hint")),
    (r"\|\|", Msg("expr.syntax.or_hint")),
    (r"!(?!=)", Msg("expr.syntax.not_hint")),
    (r"(?<![=!<>])=(?!=)", Msg("expr.syntax.equality_hint")),
)


def plain_syntax_error(exc: BaseException, text: str) -> tuple[Message, Message]:
    if isinstance(exc, UnicodeError):
        return Msg("expr.syntax.unreadable_char"), Msg("expr.syntax.retype_hint")
    if isinstance(exc, (MemoryError, RecursionError)):
        return Msg("expr.syntax.too_deep"), Msg("expr.syntax.brackets_hint")
    said = str(getattr(exc, "msg", "") or exc) or type(exc).__name__
    for needle, plain, hint in _SYNTAX_MESSAGES:
        if needle in said:
            return msg("expr.syntax.cannot_read", problem=plain), hint
    for pattern, hint in _SYMBOL_HINTS:
        if re.search(pattern, text):
            return msg("expr.syntax.cannot_read", problem=Msg("expr.syntax.invalid")), hint
    return msg("expr.syntax.cannot_read", problem=said), Msg("expr.syntax.missing_hint")  # Python's own words


def comparison_hint(node: Node) -> Message:
    if node.kind == NUMBER:
        return msg("expr.compare_number_hint", text=node.text)
    if node.kind == STR:
        return msg("expr.compare_text_hint", text=node.text)
    return Msg("expr.compare_bool_hint")


def function_example(func: str) -> str:
    return {
        "min": "min(district.fear, 0.5)",
        "max": "max(district.fear, 0.5)",
        "abs": "abs(city.budget)",
        "fired": 'fired("hotline_leak")',
        "turns_since": 'turns_since("hotline_leak") > 3',
        "flag": 'flag("audit_started")',
    }[func]
