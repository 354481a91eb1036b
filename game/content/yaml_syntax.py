"""What to tell an author when the YAML parser stops: libyaml's or PyYAML's own words (either may be reading, and
both must give the same diagnostic) matched to a message of content/ui/diagnostics.yaml, at a position the file
has."""

from __future__ import annotations

import yaml

from game.content.diagnostic_text import Message, Msg, msg
from game.content.diagnostics import Diagnostic, diag
from game.content.yaml_text import LineIndex

MAX_DEPTH = 20  # levels of nesting a content file may have (yaml_strict stops at the 21st)


# Problems as libyaml or PyYAML word them (either may be reading), and what to tell the author.
# Each: the phrases, and the message `yaml.syntax.<name>` with its hint `yaml.syntax.<name>_hint` (if any).
_SYNTAX: list[tuple[tuple[str, ...], Message, Message]] = [
    (("mapping values are not allowed",), Msg("yaml.syntax.colon"), Msg("yaml.syntax.colon_hint")),
    (
        ("could not find expected ':'", "expected <block end>", "did not find expected key", "expected '-'"),
        Msg("yaml.syntax.structure"),
        Msg("yaml.syntax.structure_hint"),
    ),
    (("expected ',' or ']'", "expected ',' or '}'"), Msg("yaml.syntax.comma"), Msg("yaml.syntax.comma_hint")),
    (("node content",), Msg("yaml.syntax.no_value"), ""),
    (("cannot start any token",), Msg("yaml.syntax.bad_start"), Msg("yaml.syntax.quote_hint")),
    (("expected alphabetic or numeric character",), Msg("yaml.syntax.sigil_space"), Msg("yaml.syntax.quote_hint")),
    (("sequence entries are not allowed",), Msg("yaml.syntax.list_item"), Msg("yaml.syntax.list_item_hint")),
    (("mapping keys are not allowed",), Msg("yaml.syntax.question_key"), Msg("yaml.syntax.question_key_hint")),
    (("line break",), Msg("yaml.syntax.after_value"), Msg("yaml.syntax.after_value_hint")),
    (("unknown escape character",), Msg("yaml.syntax.escape"), Msg("yaml.syntax.escape_hint")),
    (("found unexpected end of stream",), Msg("yaml.syntax.unclosed"), Msg("yaml.syntax.unclosed_hint")),
]


# What libyaml or PyYAML says it was reading when it stopped (the context of its message), as the catalogue says
# it: the English text is the parser's own words. Words not listed here are shown as the parser wrote them.
_CONTEXTS: dict[str, Msg] = {
    "while parsing a block collection": Msg("yaml.context.block_collection"),
    "while parsing a block mapping": Msg("yaml.context.block_mapping"),
    "while parsing a block node": Msg("yaml.context.block_node"),
    "while parsing a flow mapping": Msg("yaml.context.flow_mapping"),
    "while parsing a flow node": Msg("yaml.context.flow_node"),
    "while parsing a flow sequence": Msg("yaml.context.flow_sequence"),
    "while parsing a node": Msg("yaml.context.node"),
    "while parsing a quoted scalar": Msg("yaml.context.parsing_quoted"),
    "while parsing a tag": Msg("yaml.context.parsing_tag"),
    "while scanning a block scalar": Msg("yaml.context.block_scalar"),
    "while scanning a double-quoted scalar": Msg("yaml.context.double_quoted"),
    "while scanning a plain scalar": Msg("yaml.context.plain_scalar"),
    "while scanning a quoted scalar": Msg("yaml.context.quoted"),
    "while scanning a simple key": Msg("yaml.context.simple_key"),
    "while scanning a tag": Msg("yaml.context.tag"),
    "while scanning an alias": Msg("yaml.context.alias"),
    "while scanning an anchor": Msg("yaml.context.anchor"),
    "while scanning a directive": Msg("yaml.context.directive"),
    "while scanning for the next token": Msg("yaml.context.next_token"),
}


def syntax_problem(exc: yaml.MarkedYAMLError, label: str, lines: LineIndex) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = lines.clamp(mark.line + 1, mark.column + 1) if mark else (1, 1)
    at_end = mark is not None and mark.index >= len(lines.text)
    problem = (exc.problem or "").strip()
    context = exc.context or ""
    at = lines.line_text(line)[col - 1 : col]
    if "maximum nesting depth" in problem:  # libyaml's own guard (see parse)
        return diag("E112", msg("yaml.too_deep", n=MAX_DEPTH), label, line, col)
    message: Message = msg("yaml.syntax.error", problem=problem or str(exc))
    hint: Message = ""
    if "unknown escape" in problem and at != "\\" and col > 1:  # PyYAML points after the backslash
        col -= 1
    if at == "\t" or "'\\t'" in problem:
        message, hint = Msg("yaml.syntax.tab"), Msg("yaml.syntax.tab_hint")
        context = ""  # libyaml names what it was scanning, PyYAML does not
    elif at_end and ("flow" in context or "quoted" in context):
        message, hint = Msg("yaml.syntax.unclosed"), Msg("yaml.syntax.unclosed_earlier_hint")
    elif at == "{" and ("expected ',' or '}'" in problem or "expected ',' or ']'" in problem):
        message, hint = Msg("yaml.syntax.brace_in_flow"), Msg("yaml.syntax.brace_in_flow_hint")
    else:
        for phrases, text, advice in _SYNTAX:
            if any(p in problem for p in phrases):
                message, hint = text, advice
                break
    if context and exc.context_mark:
        # a parser may point past the last line (at the end of the file), as it may for the problem itself
        where, _ = lines.clamp(exc.context_mark.line + 1, exc.context_mark.column + 1)
        if where != line:
            said = _CONTEXTS.get(context, context)
            message = msg("yaml.syntax.with_context", problem=message, context=said, line=where)
    return diag("E104", message, label, line, col, hint)
