"""A strict, safe YAML reader for content written by strangers.

PyYAML's own loaders build Python objects from tags, expand aliases, keep the last of duplicate keys and read
`yes`/`on` as booleans. This module never calls them. It walks PyYAML's *event stream* (the C parser when
available) and builds plain dicts, lists, strings, numbers, booleans and None itself, with its own small set
of scalar rules, so that:

- nothing in a file can construct an object or run code (every explicit tag is rejected);
- anchors, aliases and merge keys are rejected, so alias bombs cannot expand;
- size, depth and node count are capped while parsing, so hostile files stop early;
- every value keeps its line and column, so later checks can point at it.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from game.content.diagnostics import Diagnostic, diag

MAX_BYTES = 1_000_000
MAX_DEPTH = 20
MAX_NODES = 50_000
MAX_NUMBER = 1e15

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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

# Characters that change text direction or are invisible: "Trojan source" risks in shared files.
_SNEAKY = re.compile("[\u200b-\u200f\u2060\u202a-\u202e\u2066-\u2069]")
# C0 controls except tab, newline and carriage return; DEL; C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

Path_ = tuple  # a path into the data: keys and list indices, e.g. ("events", 0, "when")


@dataclass(frozen=True)
class Pos:
    """Where a value starts (1-based), and whether its text sits on one line as written."""

    line: int
    col: int
    style: str = ""  # "" plain, "'" or '"' quoted, "|" or ">" block
    one_line: bool = True


@dataclass
class SourceMap:
    """Positions of every key and value in one file."""

    values: dict[Path_, Pos] = field(default_factory=dict)
    keys: dict[Path_, Pos] = field(default_factory=dict)

    def find(self, path: Path_, *, key: bool = False) -> Pos:
        """The position of `path`, or of its nearest existing ancestor."""
        path = tuple(path)
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), Pos(1, 1))

    def text_pos(self, path: Path_, offset: int) -> tuple[int, int]:
        """Line and column of character `offset` inside the string at `path` (exact for one-line scalars)."""
        pos = self.find(path)
        if not pos.one_line or pos.style in ("|", ">"):
            return pos.line, pos.col
        return pos.line, pos.col + offset + (1 if pos.style in ("'", '"') else 0)


@dataclass
class Document:
    path: str
    data: Any
    source: SourceMap
    digest: str = ""  # sha256 of the file's text: the content hash in logs and saves is built from these


class YamlProblems(Exception):
    """Raised when a file cannot become a document; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


class _Abort(Exception):
    """Internal: a problem after which reading cannot go on."""


def read_text(path: Path, label: str) -> tuple[str, list[Diagnostic]]:
    """Read a file as UTF-8 within the size cap; checks encoding and forbidden characters."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise YamlProblems([diag("E100", "this path is a folder, not a file", label)]) from None
    except OSError as exc:
        raise YamlProblems([diag("E100", f"cannot read the file ({exc.strerror or exc})", label)]) from None
    if len(raw) > MAX_BYTES:
        raise YamlProblems([diag("E101", "the file is larger than 1 MB", label, 1, 1)])
    return decode(raw, label)


def decode(raw: bytes, label: str) -> tuple[str, list[Diagnostic]]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblems([diag("E102", "the file is UTF-16 text, not UTF-8", label, 1, 1)])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        raise YamlProblems(
            [
                diag(
                    "E102",
                    f"byte 0x{raw[exc.start]:02x} is not valid UTF-8 "
                    "(the file may be saved as Latin-1 or Windows-1252)",
                    label,
                    line,
                    col,
                )
            ]
        ) from None
    bad = _CONTROL.search(text)
    if bad:
        line, col = line_col(text, bad.start())
        raise YamlProblems(
            [diag("E103", f"control character U+{ord(bad.group()):04X} is not allowed in content", label, line, col)]
        )
    warnings = []
    for found in _SNEAKY.finditer(text):
        line, col = line_col(text, found.start())
        warnings.append(
            diag("W204", f"invisible or bidirectional character U+{ord(found.group()):04X}", label, line, col)
        )
    return text, warnings


def given_text(text: str, label: str) -> tuple[str, list[Diagnostic]]:
    """Text held in memory passes the same size, encoding and character checks as a file's bytes."""
    raw = text.encode("utf-8", "surrogatepass")  # a lone surrogate becomes bytes that fail as not UTF-8
    if len(raw) > MAX_BYTES:
        raise YamlProblems([diag("E101", "the file is larger than 1 MB", label, 1, 1)])
    return decode(raw, label)


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def load_file(
    path: str | Path, label: str | None = None, *, text: str | None = None
) -> tuple[Document, list[Diagnostic]]:
    """Read and parse one content file (or `text` in its place: an editor's unsaved buffer).

    Raises YamlProblems when no document can be built. Problems that leave a usable document (a tag, a
    duplicate key, `yes` for a boolean…) are returned with it, so later checks can still find the others.
    """
    label = label or str(path)
    text, warnings = read_text(Path(path), label) if text is None else given_text(text, label)
    doc, problems = parse(text, label)
    doc.digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return doc, problems + warnings


def parse(text: str, label: str) -> tuple[Document, list[Diagnostic]]:
    """Parse YAML text into plain data plus positions. Raises YamlProblems on problems that stop reading."""
    builder = _Builder(label)
    try:
        builder.run(text)
    except _Abort:
        raise YamlProblems(builder.problems) from None
    except yaml.MarkedYAMLError as exc:
        raise YamlProblems([*builder.problems, _syntax_problem(exc, label, text)]) from None
    except yaml.YAMLError as exc:
        raise YamlProblems([*builder.problems, diag("E104", f"YAML could not be read: {exc}", label, 1, 1)]) from None
    except (RecursionError, MemoryError):
        raise YamlProblems([diag("E112", "the file nests too deeply to read", label, 1, 1)]) from None
    if builder.data is _EMPTY:
        raise YamlProblems([*builder.problems, diag("E115", "the file holds no content", label, 1, 1)])
    return Document(label, builder.data, builder.source), builder.problems


def _syntax_problem(exc: yaml.MarkedYAMLError, label: str, text: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "").strip()
    hint = ""
    lines = text.splitlines()
    at = lines[line - 1][col - 1 : col] if line <= len(lines) else ""
    if "maximum nesting depth" in problem:  # libyaml's own guard, met before our depth check sees events
        return diag("E112", f"values nest more than {MAX_DEPTH} levels deep", label, line, col)
    if at == "\t" or "'\\t'" in problem:
        message, hint = "a tab character is used for indentation", "indent with spaces only"
    elif at == "{" and "did not find expected" in problem:
        message = "a `{` inside a `{...}` mapping starts a new mapping here"
        hint = 'put text that contains placeholders in quotes: {en: "A threat in {district}", es: "..."}'
    elif "mapping values are not allowed" in problem:
        message = "a `:` appears where YAML does not expect one"
        hint = "if the text contains `: `, put the whole text in quotes"
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        message = "the indentation or structure is broken here"
        hint = "check that this line is indented like its neighbours, with spaces"
    elif "found unexpected end of stream" in problem or ("found unexpected" in problem and "end" in problem):
        message = "the file ends inside a quoted text or bracket"
        hint = "close the quote or bracket that was opened earlier"
    else:
        message = f"YAML syntax error: {problem or exc}"
    if exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        message += f" ({exc.context} on line {exc.context_mark.line + 1})"
    return diag("E104", message, label, line, col, hint)


_EMPTY = object()


class _Builder:
    """Turns the YAML event stream into plain Python data, enforcing the rules above."""

    def __init__(self, label: str):
        self.label = label
        self.problems: list[Diagnostic] = []
        self.source = SourceMap()
        self.data: Any = _EMPTY
        self.nodes = 0
        self.documents = 0

    def problem(self, code: str, message: str, mark, hint: str = "") -> None:
        self.problems.append(diag(code, message, self.label, mark.line + 1, mark.column + 1, hint))

    def fatal(self, code: str, message: str, mark, hint: str = "") -> None:
        self.problem(code, message, mark, hint)
        raise _Abort

    def run(self, text: str) -> None:
        events = yaml.parse(text, Loader=_Parser)
        # Stack of open containers: [container, path, pending_key_or_None, key_mark]
        stack: list[list] = []
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self.fatal("E110", "a second YAML document starts here (after `---`)", event.start_mark)
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                stack.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            self.nodes += 1
            if self.nodes > MAX_NODES:
                self.fatal("E113", f"the file holds more than {MAX_NODES:,} values", event.start_mark)
            if isinstance(event, yaml.AliasEvent):
                self.fatal("E106", f"alias `*{event.anchor}` is not allowed", event.start_mark)
            if event.anchor is not None:
                self.fatal("E106", f"anchor `&{event.anchor}` is not allowed", event.start_mark)
            if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent) and _explicit_tag(event):
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                self.problem("E105", f"the tag `{tag}` is not allowed", event.start_mark)

            if isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= MAX_DEPTH:
                    self.fatal("E112", f"values nest more than {MAX_DEPTH} levels deep", event.start_mark)
                container = {} if isinstance(event, yaml.MappingStartEvent) else []
                path = self._place(stack, container, event)
                stack.append([container, path, None, None])
            else:  # scalar
                top = stack[-1] if stack else None
                if top is not None and isinstance(top[0], dict) and top[2] is None:
                    self._key(top, event)
                else:
                    self._place(stack, self._scalar(event), event)

    def _key(self, top: list, event) -> None:
        mark = event.start_mark
        name = event.value
        if event.style == "" and name == "<<":
            self.problem("E107", "merge key `<<` is not allowed", mark)
        elif event.style == "" and name not in _YAML11_BOOLS and not isinstance(self._resolve_plain(name), str):
            self.problem("E111", f"the key `{name}` is read as a number, boolean or null, not a name", mark)
        if name in top[0]:
            first = self.source.keys.get((*top[1], name))
            where = f" (first on line {first.line})" if first else ""
            self.problem("E108", f"the key `{name}` appears twice in the same mapping{where}", mark)
            name = _DuplicateKey(name)  # keep walking, but do not overwrite the first value
        top[2], top[3] = name, mark
        if not isinstance(name, _DuplicateKey):
            self.source.keys[(*top[1], name)] = Pos(mark.line + 1, mark.column + 1)

    def _place(self, stack: list, value: Any, event) -> Path_:
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
                self.problem("E111", "a list or mapping cannot be used as a key", mark)
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

    def _scalar(self, event) -> Any:
        if event.style:  # quoted or block scalars are always text
            return event.value
        value = event.value
        if value in _YAML11_BOOLS:
            self.problem(
                "E109",
                f"`{value}` is not a boolean in Plaza content",
                event.start_mark,
                "write `true` or `false`, or put the text in quotes",
            )
            return value
        if _NONFINITE.fullmatch(value):
            self.problem("E114", f"`{value}` is not a finite number", event.start_mark)
            return None
        if _AMBIGUOUS_NUMBER.fullmatch(value):
            self.problem("E116", f"`{value}` could be read as an octal, hex or time value", event.start_mark)
            return value
        resolved = self._resolve_plain(value)
        if isinstance(resolved, _TooBig):
            self.problem(
                "E114",
                f"`{value[:40]}` is too large a number",
                event.start_mark,
                f"numbers in content must lie within ±{MAX_NUMBER:.0e}",
            )
            return None
        return resolved

    @staticmethod
    def _resolve_plain(value: str) -> Any:
        if value in ("true", "false"):
            return value == "true"
        if value in _NULLS:
            return None
        if _INT.fullmatch(value):
            if len(value) > 18:
                return _TooBig()
            return int(value)
        if _FLOAT.fullmatch(value):
            number = float(value)
            if not math.isfinite(number) or abs(number) > MAX_NUMBER:
                return _TooBig()
            return number
        return value


class _TooBig:
    pass


class _DuplicateKey(str):
    """A key seen twice: walked for positions but never stored."""


def _explicit_tag(event) -> bool:
    if event.tag is None:
        return False
    implicit = event.implicit
    if isinstance(event, yaml.ScalarEvent):
        return not (implicit[0] or implicit[1])
    return not implicit
