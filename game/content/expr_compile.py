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

from game.content.expr_condition import Condition
from game.content.expr_eval import constant_value
from game.content.expr_messages import (
    FORBIDDEN_NODES,
    FORBIDDEN_OPS,
    FUNCTION_LIST,
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
            f"a condition must be text, not {type(source).__name__}",
            0,
            'put the condition in quotes, e.g. "district.fear > 0.6"',
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
                f"a condition must be true or false, but `{root.text}` is {KIND_WORDS[root.kind]}",
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
        what, hint = FORBIDDEN_NODES.get(type(n), (f"`{type(n).__name__}`", "write a plain comparison"))
        raise self.error("E141", f"{what} is not allowed in a condition", n, hint)

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
        written = self.segment(n)
        if name.isascii() and not written.isascii():  # Python reads a full-width `ｆear` as `fear` (NFKC)
            hint = f"did you mean `{name}`? " if name in self.ns.names else ""
            raise self.error("E143", f"`{written}` is not a declared value", n, hint + lookalikes(written, name))
        spec = self.ns.names.get(name)
        if spec is not None:
            self.names.add(name)
            return Var(spec.kind, self.offset(n), self.segment(n), name)
        if name in self.ns.hidden:
            raise self.error("E143", f"`{name}` cannot be used here", n, self.ns.hidden[name])
        raise self.error("E143", f"`{name}` is not a declared value", n, partial(self.unknown_name_hint, name))

    def unknown_name_hint(self, name: str) -> str:
        if name in FUNCTIONS:
            return f"`{name}` is a function; call it, e.g. {function_example(name)}"
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
        if type(n.op) in FORBIDDEN_OPS:
            what, hint = FORBIDDEN_OPS[type(n.op)]
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
            what, hint = FORBIDDEN_OPS.get(type(n.op), (f"`{type(n.op).__name__}`", "use + - * /"))
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
                f"`{a.text}` is {KIND_WORDS[a.kind]} but `{b.text}` is {KIND_WORDS[b.kind]}, "
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
            if kind_of_value(value) != left.kind:
                raise self.error(
                    "E144",
                    f"`{left.text}` is {KIND_WORDS[left.kind]} but the list holds "
                    f"{KIND_WORDS[kind_of_value(value)]} `{self.segment(item)}`",
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
            if not isinstance(value, (bool, str)):  # kind_of_value(value) == NUMBER
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
        if func in REF_FUNCS:
            return self.ref_call(func, n)
        args = tuple(self.node(a) for a in n.args)
        wanted = "exactly one value" if func == "abs" else "at least two values"
        if (func == "abs" and len(args) != 1) or (func != "abs" and len(args) < 2):
            raise self.error(
                "E143", f"`{func}` needs {wanted}, but got {len(args)}", n, f"e.g. {function_example(func)}"
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
                f"only {FUNCTION_LIST} can be called",
            )
        func = n.func.id
        written = self.segment(n.func)
        if func.isascii() and not written.isascii():  # `ｆired` read as `fired` (NFKC), as for names (lookup)
            hint = f"did you mean `{func}`? " if func in FUNCTIONS else ""
            raise self.error(
                "E141", f"`{written}` is not a function conditions can call", n, hint + lookalikes(written, func)
            )
        if func in FUNCTIONS:
            return func
        if func in self.ns.names:
            hint = f"`{func}` is a value; compare it instead, e.g. `{func} > 0`"
        else:
            close = difflib.get_close_matches(func, FUNCTIONS, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else f"only {FUNCTION_LIST} can be called"
        raise self.error("E141", f"`{func}` is not a function conditions can call", n, hint)

    def ref_call(self, func: str, n: ast.Call) -> Ref:
        what = REF_FUNCS[func]
        arg = n.args[0] if len(n.args) == 1 else None
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            raise self.error(
                "E143",
                f"`{func}` needs exactly one quoted {what}",
                arg or n,
                f"e.g. {function_example(func)}",
            )
        name = str(self.literal(arg))
        if not name.strip():
            raise self.error("E143", f"the {what} given to `{func}` is empty", arg, f"e.g. {function_example(func)}")
        refs = self.flag_refs if func == "flag" else self.event_refs
        refs.append((name, self.offset(arg)))
        kind = NUMBER if func == "turns_since" else BOOL
        return Ref(kind, self.offset(n), self.segment(n), func, name)

    def expect(self, node: Node, kind: str, source: ast.AST, why: str) -> None:
        if node.kind != kind:
            hint = comparison_hint(node) if kind == BOOL else f"use {KIND_WORDS[kind]} here"
            raise self.error("E144", f"{why}, but `{node.text}` is {KIND_WORDS[node.kind]}", source, hint)


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
