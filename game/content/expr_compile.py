"""The condition compiler: a Python expression tree to the typed node tree (expr_nodes), by allow-list.

`compile_condition(source, namespace)` reads the text (expr_parse), then walks the tree: every construct it knows
becomes a node, typed (number, true/false or text) and checked against the declared names; anything else is
refused with an ExpressionError (expr_messages) that says what was written and what to write instead.
"""

from __future__ import annotations

import ast
import difflib
import math
from functools import partial

from game.content.diagnostic_text import Message, Msg, msg
from game.content.expr_condition import Condition
from game.content.expr_eval import constant_value
from game.content.expr_messages import (
    FORBIDDEN_NODES,
    FORBIDDEN_OPS,
    FUNCTIONS,
    REF_FUNCS,
    ExpressionError,
    comparison_hint,
    function_example,
)
from game.content.expr_nodes import (
    BOOL,
    KIND_WORDS,
    MAX_NUMBER,
    MAX_STRING_CHARS,
    NUMBER,
    Arith,
    BoolOp,
    Compare,
    Const,
    Func,
    Member,
    Namespace,
    Node,
    Not,
    Ref,
    Unary,
    Value,
    Var,
    is_constant,
    kind_of_value,
)
from game.content.expr_parse import ConditionReader
from game.content.lookalikes import fold, lookalikes

_BIN_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_CMP_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_ORDER_OPS = frozenset({"<", "<=", ">", ">="})


def compile_condition(source: str, namespace: Namespace) -> Condition:
    """Compile condition text against a namespace; raises ExpressionError."""
    if not isinstance(source, str):
        raise ExpressionError(
            "E140",
            msg("expr.not_text", type=type(source).__name__),
            0,
            Msg("expr.not_text_hint"),
        )
    return _Compiler(source, namespace).compile()


class _Compiler(ConditionReader):
    def __init__(self, source: str, namespace: Namespace) -> None:
        super().__init__(source, namespace)
        self.names: set[str] = set()
        self.event_refs: list[tuple[str, int]] = []
        self.flag_refs: list[tuple[str, int]] = []

    # -- entry point --------------------------------------------------------

    def compile(self) -> Condition:
        tree = self.parse()
        self.check_size(tree)
        self.check_underscores(tree)
        root = self.node(tree.body)
        if root.kind != BOOL:
            raise self.error(
                "E144",
                msg("expr.not_bool", text=root.text, kind=KIND_WORDS[root.kind]),
                tree.body,
                comparison_hint(root),
            )
        return Condition(
            source=self.source,
            names=frozenset(self.names),
            event_refs=tuple(self.event_refs),
            flag_refs=tuple(self.flag_refs),
            _tree=root,
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
        what, hint = FORBIDDEN_NODES.get(type(n), (f"`{type(n).__name__}`", Msg("expr.node.plain_hint")))
        raise self.error("E141", msg("expr.not_allowed", what=what), n, hint)

    def constant(self, n: ast.Constant) -> Const:
        value = self.literal(n)
        return Const(kind_of_value(value), self.offset(n), self.segment(n), value)

    def literal(self, n: ast.Constant) -> Value:
        """Check a literal constant and return its value."""
        value = n.value
        text = self.segment(n)
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            if not math.isfinite(value):
                raise self.error("E146", msg("expr.too_large", text=text), n, Msg("expr.smaller_hint"))
            if abs(value) > MAX_NUMBER:
                raise self.error(
                    "E146",
                    msg("expr.above_limit", text=text),
                    n,
                    Msg("expr.smaller_hint"),
                )
            return value
        if isinstance(value, str):
            if len(value) > MAX_STRING_CHARS:
                raise self.error(
                    "E142",
                    msg("expr.text_too_long", n=len(value), limit=MAX_STRING_CHARS),
                    n,
                    Msg("expr.shorter_hint"),
                )
            return value
        odd_constants: dict[type, tuple[Message, Message]] = {
            complex: (Msg("expr.complex"), Msg("expr.complex_hint")),
            bytes: (Msg("expr.bytes"), Msg("expr.node.quoted_hint")),
            type(None): ("`None`", Msg("expr.none_hint")),
        }
        what, hint = odd_constants.get(type(value), (f"`{text}`", Msg("expr.constant_hint")))
        raise self.error("E141", msg("expr.not_allowed", what=what), n, hint)

    def name(self, n: ast.Name) -> Node:
        if n.id in ("true", "false"):
            return Const(BOOL, self.offset(n), self.segment(n), n.id == "true")
        return self.lookup(n.id, n)

    def attribute(self, n: ast.Attribute) -> Node:
        dotted = _dotted_name(n)
        if dotted is None:
            raise self.error(
                "E141",
                msg("expr.attribute", attr=n.attr),
                n,
                Msg("expr.attribute_hint"),
            )
        return self.lookup(dotted, n)

    def lookup(self, name: str, n: ast.AST) -> Var:
        written = self.segment(n)
        if name.isascii() and not written.isascii():  # Python reads a full-width `ｆear` as `fear` (NFKC)
            odd = lookalikes(written, name)
            hint = msg("suggest.did_you_mean_odd", name=name, odd=odd) if name in self.ns.names else odd
            raise self.error("E143", msg("expr.undeclared", name=written), n, hint)
        spec = self.ns.names.get(name)
        if spec is not None:
            self.names.add(name)
            return Var(spec.kind, self.offset(n), self.segment(n), name)
        if name in self.ns.hidden:
            raise self.error("E143", msg("expr.district_in_city_scope", name=name), n, self.ns.hidden[name])
        raise self.error("E143", msg("expr.undeclared", name=name), n, partial(self.unknown_name_hint, name))

    def unknown_name_hint(self, name: str) -> Message:
        if name in FUNCTIONS:
            return msg("expr.is_function_hint", name=name, example=function_example(name))
        members = sorted(known for known in self.ns.names if known.startswith(name + "."))
        if members:
            return msg("expr.is_group_hint", name=name, example=members[0])
        plain = fold(name)  # a look-alike letter of another script (Cyrillic `а`) is named with its code point
        close = [plain] if plain != name and plain in self.ns.names else []
        close = close or self.ns.suggester.close(name, n=3)
        odd = lookalikes(name, plain)
        if close:
            names = _either([f"`{c}`" for c in close])
            return msg("expr.did_you_mean_odd", names=names, odd=odd) if odd else msg("expr.did_you_mean", names=names)
        if odd:
            return odd
        if not self.ns.names:
            return Msg("expr.nothing_readable_hint")
        return msg("expr.declared_include_hint", names=tuple(f"`{known}`" for known in sorted(self.ns.names)[:6]))

    def bool_op(self, n: ast.BoolOp) -> BoolOp:
        op = "and" if isinstance(n.op, ast.And) else "or"
        operands = tuple(self.node(v) for v in n.values)
        for operand, source in zip(operands, n.values, strict=True):
            self.expect(operand, BOOL, source, msg("expr.why.joins", op=op))
        return BoolOp(BOOL, self.offset(n), self.segment(n), op, operands)

    def unary(self, n: ast.UnaryOp) -> Node:
        if type(n.op) in FORBIDDEN_OPS:
            what, hint = FORBIDDEN_OPS[type(n.op)]
            raise self.error("E141", msg("expr.not_allowed", what=what), n, hint)
        operand = self.node(n.operand)
        if isinstance(n.op, ast.Not):
            self.expect(operand, BOOL, n.operand, Msg("expr.why.not"))
            return Not(BOOL, self.offset(n), self.segment(n), operand)
        sign = "-" if isinstance(n.op, ast.USub) else "+"
        self.expect(operand, NUMBER, n.operand, msg("expr.why.numbers", op=sign))
        return Unary(NUMBER, self.offset(n), self.segment(n), sign, operand)

    def bin_op(self, n: ast.BinOp) -> Arith:
        op = _BIN_OPS.get(type(n.op))
        if op is None:
            what, hint = FORBIDDEN_OPS.get(type(n.op), (f"`{type(n.op).__name__}`", Msg("expr.arith_hint")))
            raise self.error("E141", msg("expr.not_allowed", what=what), n, hint)
        left, right = self.node(n.left), self.node(n.right)
        self.expect(left, NUMBER, n.left, msg("expr.why.numbers", op=op))
        self.expect(right, NUMBER, n.right, msg("expr.why.numbers", op=op))
        if op == "/" and is_constant(right) and constant_value(right) in (0, None):
            raise self.error(
                "E146",
                msg("expr.divides_by_zero", text=self.segment(n)),
                n.right,
                Msg("expr.divides_by_zero_hint"),
            )
        return Arith(NUMBER, self.offset(n), self.segment(n), op, left, right)

    def compare(self, n: ast.Compare) -> Node:
        for op in n.ops:
            if isinstance(op, (ast.Is, ast.IsNot)):
                raise self.error("E141", msg("expr.not_allowed", what="`is`"), n, Msg("expr.is_hint"))
        if any(isinstance(op, (ast.In, ast.NotIn)) for op in n.ops):
            if len(n.ops) != 1:
                raise self.error(
                    "E141",
                    Msg("expr.in_chained"),
                    n,
                    Msg("expr.in_chained_hint"),
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
            self.expect(a, NUMBER, a_src, msg("expr.why.compares", op=op))
            self.expect(b, NUMBER, b_src, msg("expr.why.compares", op=op))
        elif a.kind != b.kind:
            raise self.error(
                "E144",
                msg(
                    "expr.kinds_differ", a=a.text, a_kind=KIND_WORDS[a.kind], b=b.text, b_kind=KIND_WORDS[b.kind], op=op
                ),
                b_src,
                Msg("expr.same_kind_hint"),
            )

    def membership(self, n: ast.Compare) -> Member:
        negated = isinstance(n.ops[0], ast.NotIn)
        word = "not in" if negated else "in"
        right = n.comparators[0]
        if not isinstance(right, (ast.List, ast.Tuple)):
            what: Message = Msg("expr.node.set") if isinstance(right, ast.Set) else f"`{self.segment(right)}`"
            raise self.error(
                "E141", msg("expr.in_needs_list", word=word, what=what), right, msg("expr.in_hint", word=word)
            )
        left = self.node(n.left)
        values = tuple(self.list_item(item) for item in right.elts)
        for item, value in zip(right.elts, values, strict=True):
            if kind_of_value(value) != left.kind:
                raise self.error(
                    "E144",
                    msg(
                        "expr.list_kind",
                        text=left.text,
                        kind=KIND_WORDS[left.kind],
                        item_kind=KIND_WORDS[kind_of_value(value)],
                        item=self.segment(item),
                    ),
                    item,
                    Msg("expr.list_kind_hint"),
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
            if not isinstance(value, (bool, str)):  # kind_of_value(value) == NUMBER
                return -value if isinstance(n.op, ast.USub) else value
        raise self.error(
            "E141",
            msg("expr.list_constants", text=self.segment(n)),
            n,
            Msg("expr.list_constants_hint"),
        )

    def call(self, n: ast.Call) -> Node:
        func = self.callee(n)
        if n.keywords:
            keyword = n.keywords[0]
            label = f"`{keyword.arg}=...`" if keyword.arg else "`**...`"
            raise self.error("E141", msg("expr.keywords", label=label), keyword, Msg("expr.keywords_hint"))
        for arg in n.args:
            if isinstance(arg, ast.Starred):
                raise self.error("E141", Msg("expr.unpacking"), arg, Msg("expr.node.starred_hint"))
        if func in REF_FUNCS:
            return self.ref_call(func, n)
        args = tuple(self.node(a) for a in n.args)
        wanted = Msg("expr.one_value") if func == "abs" else Msg("expr.two_values")
        if (func == "abs" and len(args) != 1) or (func != "abs" and len(args) < 2):
            count = msg("expr.arguments", func=func, wanted=wanted, n=len(args))
            raise self.error("E143", count, n, msg("expr.example_hint", example=function_example(func)))
        for arg_node, source in zip(args, n.args, strict=True):
            self.expect(arg_node, NUMBER, source, msg("expr.why.numbers", op=func))
        return Func(NUMBER, self.offset(n), self.segment(n), func, args)

    def callee(self, n: ast.Call) -> str:
        if not isinstance(n.func, ast.Name):
            raise self.error(
                "E141",
                msg("expr.method_call", text=self.segment(n.func)),
                n,
                Msg("expr.only_functions_hint"),
            )
        func = n.func.id
        written = self.segment(n.func)
        if func.isascii() and not written.isascii():  # `ｆired` read as `fired` (NFKC), as for names (lookup)
            odd = lookalikes(written, func)
            like = msg("suggest.did_you_mean_odd", name=func, odd=odd) if func in FUNCTIONS else odd
            raise self.error("E141", msg("expr.not_a_function", name=written), n, like)
        if func in FUNCTIONS:
            return func
        hint: Message
        if func in self.ns.names:
            hint = msg("expr.is_value_hint", name=func)
        else:
            close = difflib.get_close_matches(func, FUNCTIONS, n=1, cutoff=0.6)
            hint = msg("suggest.did_you_mean", name=close[0]) if close else Msg("expr.only_functions_hint")
        raise self.error("E141", msg("expr.not_a_function", name=func), n, hint)

    def ref_call(self, func: str, n: ast.Call) -> Ref:
        what = REF_FUNCS[func]
        arg = n.args[0] if len(n.args) == 1 else None
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            raise self.error(
                "E143",
                msg("expr.one_quoted", func=func, what=what),
                arg or n,
                msg("expr.example_hint", example=function_example(func)),
            )
        name = str(self.literal(arg))
        if not name.strip():
            empty = msg("expr.empty_reference", func=func, what=what)
            raise self.error("E143", empty, arg, msg("expr.example_hint", example=function_example(func)))
        refs = self.flag_refs if func == "flag" else self.event_refs
        refs.append((name, self.offset(arg)))
        kind = NUMBER if func == "turns_since" else BOOL
        return Ref(kind, self.offset(n), self.segment(n), func, name)

    def expect(self, node: Node, kind: str, source: ast.AST, why: Message) -> None:
        if node.kind != kind:
            hint = comparison_hint(node) if kind == BOOL else msg("expr.use_kind_hint", kind=KIND_WORDS[kind])
            wrong = msg("expr.wrong_kind", why=why, text=node.text, kind=KIND_WORDS[node.kind])
            raise self.error("E144", wrong, source, hint)


def _either(names: list[str]) -> Message:
    """`a or b or c`."""
    said: Message = names[0]
    for name in names[1:]:
        said = msg("list.or", first=said, then=name)
    return said


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
