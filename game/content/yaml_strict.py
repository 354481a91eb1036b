"""A strict, safe YAML reader for content written by strangers.

PyYAML's own loaders build Python objects from tags, expand aliases, keep the last of duplicate keys and read
`yes`/`on` as booleans. This module never calls them. It walks PyYAML's *event stream* (the C parser when
available) and builds plain dicts, lists, strings, numbers, booleans and None itself, with its own small set
of scalar rules, so that:

- nothing in a file can construct an object or run code (every explicit tag is rejected);
- anchors, aliases and merge keys are rejected, so alias bombs cannot expand;
- size, depth and node count are capped while parsing, so hostile files stop early;
- every value keeps its line and column, so later checks can point at it;
- no key or text holds a control character, even one written as an escape (`"\\e"`, `"\\0"`);
- the pure-Python parser (used when libyaml is missing) gives the same diagnostics as libyaml: `PARSER` picks
  the parser, and the tests run every case with both.

Reading the file and the character-level checks live in `yaml_text`.
"""

from __future__ import annotations

import hashlib
import math
import re
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from game.content.diagnostic_text import Message, Msg, msg
from game.content.diagnostics import Diagnostic, diag
from game.content.yaml_positions import STYLE_CODES, Path_, Pos, SourceMap, decode_positions
from game.content.yaml_syntax import MAX_DEPTH, syntax_problem
from game.content.yaml_text import (
    FORBIDDEN_IN_VALUE,
    MAX_BYTES,
    LineIndex,
    YamlProblems,
    decode,
    given_text,
    has_separators,
    line_col,
    may_forbid,
    read_text,
    separator_warnings,
    without_separators,
)

__all__ = [
    "MAX_BYTES",
    "Document",
    "Pos",
    "SourceMap",
    "YamlProblems",
    "decode",
    "given_text",
    "line_col",
    "load_file",
    "parse",
    "read_text",
]

MAX_NODES = 50_000
MAX_NUMBER = 1e15
_MAX_INT_DIGITS = len(str(int(MAX_NUMBER)))

# The event parsers: libyaml's when PyYAML was built with it, and PyYAML's own pure-Python one.
PARSERS: dict[str, type] = {"python": yaml.SafeLoader}
if hasattr(yaml, "CSafeLoader"):
    PARSERS["libyaml"] = yaml.CSafeLoader
PARSER = "libyaml" if "libyaml" in PARSERS else "python"  # the one `parse` uses unless told otherwise

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+)([eE][-+]?[0-9]+)?")
_NONFINITE = re.compile(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_AMBIGUOUS_NUMBER = re.compile(r"[-+]?(0[0-9_]+|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9]+(:[0-5]?[0-9])+)")
_YAML11_BOOLS = {
    "yes",
    "no",
    "on",
    "off",
    "True",
    "False",
    "TRUE",
    "FALSE",
    "Yes",
    "No",
    "YES",
    "NO",
    "On",
    "Off",
    "ON",
    "OFF",
}
_NULLS = {"null", "~", ""}
# What a plain scalar that is not a number, `.inf`/`.nan` or an ambiguous number can read as: a boolean, a null,
# or itself. Every number and every such look-alike starts with one of _NUMBER_STARTS, so a word skips the
# patterns (most scalars are words: ids, names, conditions).
_NUMBER_STARTS = frozenset("+-.0123456789")
_WORDS: dict[str, Any] = {"true": True, "false": False, "null": None, "~": None, "": None}


@dataclass
class Document:
    path: str
    data: Any
    source: SourceMap
    digest: str = ""  # sha256 of the file's text: the content hash in logs and saves is built from these


class _Abort(Exception):
    """Internal: a problem after which reading cannot go on."""


class _Irregular(Exception):
    """Internal: positions that do not follow the data (see _FlatBuilder)."""


def load_file(
    path: str | Path, label: str | None = None, *, text: str | None = None, root: str | Path | None = None
) -> tuple[Document, list[Diagnostic]]:
    """Read and parse one content file (or `text` in its place: an editor's unsaved buffer).

    Only a regular file is read; a symbolic link is followed only when it stays inside `root`, the folder
    being loaded. Raises YamlProblems when no document can be built. Problems that leave a usable document (a
    tag, a duplicate key, `yes` for a boolean…) are returned with it, so later checks can still find the others.
    """
    label = label or str(path)
    text, warnings = read_text(Path(path), label, root) if text is None else given_text(text, label)
    doc, problems = parse(text, label)
    doc.digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return doc, problems + warnings


def parse(text: str, label: str, *, parser: str | None = None) -> tuple[Document, list[Diagnostic]]:
    """Parse YAML text into plain data plus positions. Raises YamlProblems on problems that stop reading.

    `parser` is "libyaml" or "python" (default: `PARSER`); both give the same diagnostics.
    """
    warnings: list[Diagnostic] = []
    if has_separators(text):  # YAML would count them as line breaks, editors do not
        warnings = separator_warnings(text, label)
        text = without_separators(text)
    parser = parser or PARSER
    builder: _Builder = _FlatBuilder(label, text)
    try:
        try:
            builder.run(text, PARSERS[parser])
        except _Irregular:  # a key written twice or a list used as a key: read again, keeping positions by path
            builder = _Builder(label, text)
            builder.run(text, PARSERS[parser])
    except _Abort:
        raise YamlProblems(builder.problems + warnings) from None
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in (exc.problem or "") and parser != "python":
            # libyaml looks ahead through brackets and meets its own limit (1,000) before the builder sees
            # the 21st level; the Python parser does not look ahead and stops there, at the place to show.
            doc, problems = parse(text, label, parser="python")
            return doc, problems + warnings
        raise YamlProblems([*builder.problems, syntax_problem(exc, label, builder.lines), *warnings]) from None
    except yaml.YAMLError as exc:
        problem = diag("E104", msg("yaml.unreadable", problem=str(exc)), label, 1, 1)
        raise YamlProblems([*builder.problems, problem, *warnings]) from None
    except (RecursionError, MemoryError):
        raise YamlProblems([diag("E112", Msg("yaml.too_deep_to_read"), label, 1, 1)]) from None
    if builder.data is _EMPTY:
        raise YamlProblems([*builder.problems, diag("E115", Msg("yaml.empty"), label, 1, 1), *warnings])
    return Document(label, builder.data, builder.positions(parser)), builder.problems + warnings


def _positions_by_path(data: Any, flat: list, text: str, label: str, parser: str) -> tuple[dict, dict]:
    """A fresh parse's positions by path, at the first look (yaml_positions); should its data have been changed
    since, they are read again from the text."""
    try:
        return decode_positions(data, flat)
    except (ValueError, TypeError):
        builder = _Builder(label, text)
        with suppress(_Abort, yaml.YAMLError):  # cannot happen for a text read once; a position is not worth a crash
            builder.run(text, PARSERS[parser])
        return builder.source.values, builder.source.keys


_EMPTY = object()


class _Builder:
    """Turns the YAML event stream into plain Python data, enforcing the rules above."""

    def __init__(self, label: str, text: str):
        self.label = label
        self.text = text
        self._lines: LineIndex | None = None
        self.problems: list[Diagnostic] = []
        self.source = SourceMap()
        self.data: Any = _EMPTY
        self.nodes = 0
        self.documents = 0
        # Only an escape, or a character the raw-text checks let through, can put a forbidden one in a value.
        self.check_values = may_forbid(text)

    @property
    def lines(self) -> LineIndex:
        """Built on the first problem only: valid files never pay for it."""
        if self._lines is None:
            self._lines = LineIndex(self.text)
        return self._lines

    def problem(self, code: str, message: Message, mark: yaml.Mark, hint: Message = "") -> None:
        line, col = self.lines.clamp(mark.line + 1, mark.column + 1)
        self.problems.append(diag(code, message, self.label, line, col, hint))

    def fatal(self, code: str, message: Message, mark: yaml.Mark, hint: Message = "") -> None:
        self.problem(code, message, mark, hint)
        raise _Abort

    def run(self, text: str, loader: type) -> None:
        parser = loader(text)
        try:
            self._walk(parser)
        finally:
            parser.dispose()

    def _walk(self, parser: Any) -> None:
        # Stack of open containers: [container, path, pending_key_or_None, key_mark]. Events are told apart by
        # their exact class (PyYAML's parsers make no subclasses of them), the cheapest test per event.
        stack: list[list] = []
        next_event = parser.get_event
        while True:
            event = next_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self._node(event)
                if self.check_values:
                    event.value = self._clean(event)
                top = stack[-1] if stack else None
                if top is not None and top[2] is None and type(top[0]) is dict:
                    self._key(top, event)
                else:
                    self._place(stack, self._scalar(event), event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self._node(event)
                if len(stack) >= MAX_DEPTH:
                    self.fatal("E112", msg("yaml.too_deep", n=MAX_DEPTH), event.start_mark)
                container: dict[Any, Any] | list[Any] = {} if kind is yaml.MappingStartEvent else []
                path = self._place(stack, container, event)
                stack.append([container, path, None, None])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
            elif kind is yaml.AliasEvent:
                self._node(event)
            elif kind is yaml.DocumentStartEvent:
                self._document(event)
            elif kind is yaml.StreamEndEvent:
                return

    def _document(self, event: Any) -> None:
        """A document starts: a content file holds one."""
        self.documents += 1
        if self.documents > 1:
            self.fatal("E110", Msg("yaml.second_document"), event.start_mark)

    def _node(self, event: Any) -> None:
        """What every node is checked for: the count, aliases, anchors and tags."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.fatal("E113", Msg("yaml.too_many_values"), event.start_mark)
        if type(event) is yaml.AliasEvent:
            self.fatal("E106", msg("yaml.alias", name=event.anchor), event.start_mark)
        if event.anchor is not None:
            self.fatal("E106", msg("yaml.anchor", name=event.anchor), event.start_mark)
        if event.tag is not None:  # written in the file: parsers set no tag of their own
            if event.tag == "!":
                self.problem("E105", Msg("yaml.bare_tag"), event.start_mark)
            else:
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                self.problem("E105", msg("yaml.tag", tag=tag), event.start_mark)

    def _clean(self, event: yaml.ScalarEvent) -> str:
        """The scalar's text, or, when it holds a control or direction-changing character, an E103 and the
        text with each such character replaced by U+FFFD (so it can reach neither a terminal nor a font)."""
        value = event.value
        bad = FORBIDDEN_IN_VALUE.search(value)
        if bad is None:
            return value
        code = ord(bad.group())
        written = bad.group() in self.text[event.start_mark.index : event.end_mark.index]
        key = {
            (False, True): "yaml.control_char",
            (False, False): "yaml.control_char_escaped",
            (True, True): "yaml.direction_char",
            (True, False): "yaml.direction_char_escaped",
        }[code > 0x9F, written]
        self.problem(
            "E103",
            msg(key, code=f"{code:04X}"),
            event.start_mark,
            Msg("yaml.forbidden_char_hint"),
        )
        return FORBIDDEN_IN_VALUE.sub("\ufffd", value)

    def _key(self, top: list, event: yaml.ScalarEvent) -> None:
        mark = event.start_mark
        name = event.value
        self._key_problems(event)
        if name in top[0]:
            first = self.source.keys.get((*top[1], name))
            twice = (
                msg("yaml.duplicate_key_first", key=name, line=first.line)
                if first
                else msg("yaml.duplicate_key", key=name)
            )
            self.problem("E108", twice, mark)
            name = _DuplicateKey(name)  # keep walking, but do not overwrite the first value
        top[2], top[3] = name, mark
        if not isinstance(name, _DuplicateKey):
            self.source.keys[(*top[1], name)] = Pos(mark.line + 1, mark.column + 1)

    def _key_problems(self, event: yaml.ScalarEvent) -> None:
        """A merge key (`<<`), or a plain key that reads as a number, a boolean or a null."""
        name = event.value
        if not event.style and name == "<<":  # plain: libyaml says "", the Python parser None
            self.problem("E107", Msg("yaml.merge_key"), event.start_mark)
        elif not event.style and name not in _YAML11_BOOLS and not isinstance(self._resolve_plain(name), str):
            self.problem("E111", msg("yaml.key_not_name", key=name), event.start_mark)

    def positions(self, parser: str) -> SourceMap:
        return self.source

    def _place(self, stack: list, value: Any, event: yaml.NodeEvent) -> Path_:
        """Put a finished scalar or a new container into its parent; returns its path."""
        mark = event.start_mark
        if not stack:
            path: Path_ = ()
            self.data = value
        else:
            parent, parent_path, key, _ = stack[-1]
            if isinstance(parent, list):
                path = (*parent_path, len(parent))
                parent.append(value)
            elif key is None:  # a collection used as a mapping key
                self.problem("E111", Msg("yaml.complex_key"), mark)
                path = (*parent_path, f"<complex key {len(parent)}>")
                stack[-1][2] = _DuplicateKey(path[-1])
                return path
            else:
                if isinstance(key, _DuplicateKey):
                    path = (*parent_path, f"{key} (again)")
                else:
                    path = (*parent_path, str(key))
                    parent[key] = value
                stack[-1][2] = None
        style = getattr(event, "style", "") or ""
        one_line = event.end_mark is None or event.start_mark.line == event.end_mark.line
        self.source.values[path] = Pos(mark.line + 1, mark.column + 1, style, one_line)
        return path

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        if event.style:  # quoted or block scalars are always text
            return event.value
        value = event.value
        if value in _YAML11_BOOLS:
            self.problem(
                "E109",
                msg("yaml.yaml11_bool", value=value),
                event.start_mark,
                Msg("yaml.yaml11_bool_hint"),
            )
            return value
        if value[:1] not in _NUMBER_STARTS:  # a word: neither a number nor `.inf`, `.nan`, `010`
            return _WORDS.get(value, value)
        if _NONFINITE.fullmatch(value):
            self.problem("E114", msg("yaml.not_finite", value=value), event.start_mark)
            return None
        if _AMBIGUOUS_NUMBER.fullmatch(value):
            self.problem("E116", msg("yaml.ambiguous_number", value=value), event.start_mark)
            return value
        resolved = self._resolve_plain(value)
        if isinstance(resolved, _TooBig):
            self.problem(
                "E114",
                msg("yaml.too_large", value=value[:40]),
                event.start_mark,
                Msg("yaml.too_large_hint"),
            )
            return None
        return resolved

    @staticmethod
    def _resolve_plain(value: str) -> Any:
        if value in ("true", "false"):
            return value == "true"
        if value in _NULLS:
            return None
        if value[0] not in _NUMBER_STARTS:  # not empty: "" is a null
            return value
        if _INT.fullmatch(value):
            if len(value.lstrip("+-")) > _MAX_INT_DIGITS:  # before int(): no time spent on 5,000 digits
                return _TooBig()
            number = int(value)
            return _TooBig() if abs(number) > MAX_NUMBER else number
        if _FLOAT.fullmatch(value):
            real = float(value)
            if not math.isfinite(real) or abs(real) > MAX_NUMBER:
                return _TooBig()
            return real
        return value


class _TooBig:
    pass


class _DuplicateKey(str):
    """A key seen twice: walked for positions but never stored."""


_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAP, _SEQ = yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAP_END, _SEQ_END = yaml.MappingEndEvent, yaml.SequenceEndEvent
_ODD_KEY_STARTS = _NUMBER_STARTS | {"<"}  # what a plain key starts with when it may be `<<` or read as a number


class _FlatBuilder(_Builder):
    """The builder of every file whose positions follow its data: it keeps them as bare numbers in the order it
    meets them (yaml_positions), not by path, and does the common steps of its walk inline (the walk is the one
    hot loop of a cold `plaza validate`). The same rules and diagnostics as _Builder, whose methods it calls for
    anything unusual; a key written twice or a list used as a key raises _Irregular, and _Builder reads the file."""

    def __init__(self, label: str, text: str):
        super().__init__(label, text)
        self.flat_values: list = []  # 4 numbers a value: line, column, style, on one line?
        self.flat_keys: list = []  # 2 a key: line, column

    def positions(self, parser: str) -> SourceMap:
        flat = self.flat_values + self.flat_keys
        return SourceMap(later=partial(_positions_by_path, self.data, flat, self.text, self.label, parser), flat=flat)

    def _walk(self, parser: Any) -> None:
        stack: list[list] = []  # open containers: [container, is a mapping, its pending key or None]
        top: list | None = None
        values, keys = self.flat_values, self.flat_keys
        next_event, check_values, nodes = parser.get_event, self.check_values, 0
        scalar, mapping, sequence, styles = _SCALAR, _MAP, _SEQ, STYLE_CODES  # local names: read once per event
        number_starts, odd_key_starts, words, yaml11_bools = _NUMBER_STARTS, _ODD_KEY_STARTS, _WORDS, _YAML11_BOOLS
        while True:
            event = next_event()
            kind = type(event)
            if kind is scalar or kind is mapping or kind is sequence:
                nodes += 1
                if nodes > MAX_NODES or event.anchor is not None or event.tag is not None:
                    self.nodes = nodes - 1
                    self._node(event)  # counts it again, and reports
                mark = event.start_mark
                if kind is scalar:
                    if check_values:
                        event.value = self._clean(event)
                    text, style = event.value, event.style
                    if top is not None and top[1] and top[2] is None:  # a mapping's key
                        if not style and (text in words or text[:1] in odd_key_starts):
                            self._key_problems(event)
                        if text in top[0]:
                            raise _Irregular
                        top[2] = text
                        keys += (mark.line + 1, mark.column + 1)
                        continue
                    if style:
                        value: Any = text
                    elif text[:1] in number_starts or text in yaml11_bools:
                        value = self._scalar(event)
                    else:
                        value = words.get(text, text)
                else:
                    if len(stack) >= MAX_DEPTH:
                        self.fatal("E112", msg("yaml.too_deep", n=MAX_DEPTH), mark)
                    value, style = {} if kind is mapping else [], None
                if top is None:
                    self.data = value
                elif not top[1]:
                    top[0].append(value)
                elif top[2] is None:  # a list or a mapping used as a key
                    raise _Irregular
                else:
                    top[0][top[2]] = value
                    top[2] = None
                end = event.end_mark
                one_line = end is None or mark.line == end.line
                values += (mark.line + 1, mark.column + 1, styles[style], 1 if one_line else 0)
                if kind is not scalar:
                    top = [value, kind is mapping, None]
                    stack.append(top)
            elif kind is _MAP_END or kind is _SEQ_END:
                stack.pop()
                top = stack[-1] if stack else None
            elif kind is _ALIAS:
                self.nodes = nodes
                self._node(event)
            elif kind is yaml.DocumentStartEvent:
                self._document(event)
            elif kind is yaml.StreamEndEvent:
                self.nodes = nodes
                return
