"""The condition language used in content files.

Authors write conditions such as ``district.fear > 0.6 and city.corruption >= 0.5``.
A condition is parsed with ``ast.parse(..., mode="eval")`` and then walked by an
allow-list compiler that turns every accepted construct into a small, typed node
tree.  Anything the compiler does not know is rejected with an ExpressionError that
says, in plain language, what was written and what to write instead.  Nothing is
ever handed to ``eval``/``exec``/``compile``: the node tree is evaluated by the
language's own interpreter, which only knows arithmetic, comparisons and a handful of
whitelisted functions.

This module is the language's front door; its parts live beside it, lowest first:
- expr_nodes: value kinds, limits, declared names (VarSpec, Namespace) and the node tree;
- expr_eval: EvalContext and the evaluation of a node tree (value_of, closure);
- expr_condition: a compiled Condition, its evaluation and its ✓/✗ explanation (format_value);
- expr_messages: ExpressionError and the plain-language wording of what the compiler refuses;
- expr_parse: reading the text into a Python expression tree, with the checks made before walking it;
- expr_compile: compile_condition, the allow-list walk from that tree to the node tree.
"""

from __future__ import annotations

from game.content.expr_compile import compile_condition as compile_condition
from game.content.expr_condition import Clause as Clause
from game.content.expr_condition import Condition as Condition
from game.content.expr_condition import Explanation as Explanation
from game.content.expr_condition import format_value as format_value
from game.content.expr_eval import EvalContext as EvalContext
from game.content.expr_eval import closure as closure
from game.content.expr_eval import constant_value as constant_value
from game.content.expr_eval import turns_since as turns_since
from game.content.expr_eval import value_of as value_of
from game.content.expr_messages import ExpressionError as ExpressionError
from game.content.expr_nodes import BOOL as BOOL
from game.content.expr_nodes import MAX_DEPTH as MAX_DEPTH
from game.content.expr_nodes import MAX_NODES as MAX_NODES
from game.content.expr_nodes import MAX_NUMBER as MAX_NUMBER
from game.content.expr_nodes import MAX_SOURCE_CHARS as MAX_SOURCE_CHARS
from game.content.expr_nodes import MAX_STRING_CHARS as MAX_STRING_CHARS
from game.content.expr_nodes import NEVER as NEVER
from game.content.expr_nodes import NUMBER as NUMBER
from game.content.expr_nodes import STR as STR
from game.content.expr_nodes import Arith as Arith
from game.content.expr_nodes import BoolOp as BoolOp
from game.content.expr_nodes import Compare as Compare
from game.content.expr_nodes import Const as Const
from game.content.expr_nodes import Func as Func
from game.content.expr_nodes import Member as Member
from game.content.expr_nodes import Namespace as Namespace
from game.content.expr_nodes import Node as Node
from game.content.expr_nodes import Not as Not
from game.content.expr_nodes import Ref as Ref
from game.content.expr_nodes import Unary as Unary
from game.content.expr_nodes import Value as Value
from game.content.expr_nodes import Var as Var
from game.content.expr_nodes import VarSpec as VarSpec
from game.content.expr_nodes import child_nodes as child_nodes
from game.content.expr_nodes import flatten_and as flatten_and
from game.content.expr_nodes import is_constant as is_constant

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
