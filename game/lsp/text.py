"""Text helpers that need no server: ranges for the checker's positions, and what surrounds the cursor.

Positions here count characters (code points), 0-based, as Python strings do; the server converts them to the
client's units (UTF-16 by default) with pygls' position codec. The checker's positions are 1-based.

The cursor's surroundings are read line by line from the raw text, not from a YAML parser: while someone types,
the file is often not valid YAML, and completion must still work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WORD_CHAR = re.compile(r"[A-Za-z0-9_.]")
_WORD_BEFORE = re.compile(r"[A-Za-z0-9_.]*$")
_WORD_AFTER = re.compile(r"^[A-Za-z0-9_.]*")
_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<key>[A-Za-z0-9_.]+)\s*:(?:\s|$)")
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z0-9_]+)\s*:")


def token_span(line: str, col: int) -> tuple[int, int]:
    """The span (0-based, end exclusive) of what starts at `col` on `line`: a name, a quoted text, or the rest.

    The checker gives only where a problem starts; the editor underlines this span.
    """
    line = line.rstrip("\r\n")
    if col >= len(line):
        return col, col
    ch = line[col]
    if _WORD_CHAR.match(ch):
        end = col
        while end < len(line) and _WORD_CHAR.match(line[end]):
            end += 1
        return col, end
    if ch in "\"'":
        close = line.find(ch, col + 1)
        if close != -1:
            return col, close + 1
    return col, max(len(line.rstrip()), col + 1)


def word_at(line: str, col: int) -> tuple[str, int, int]:
    """The name (letters, digits, `_` and `.`) under or just before `col`, and its span."""
    before = _WORD_BEFORE.search(line[:col])
    after = _WORD_AFTER.match(line[col:])
    start = before.start() if before else col
    end = col + (after.end() if after else 0)
    word = line[start:end].strip(".")
    if word != line[start:end]:  # a trailing or leading dot is punctuation, not part of the name
        lead = len(line[start:end]) - len(line[start:end].lstrip("."))
        start += lead
        end = start + len(word)
    return word, start, end


@dataclass
class Cursor:
    """What surrounds a position: its line, the text before it, and the keys of the mappings it sits in."""

    line: str
    before: str
    prefix: str  # the partial name right before the cursor
    prefix_start: int
    parents: list[str] = field(default_factory=list)  # enclosing keys, nearest first; "-" marks a list item
    key: str = ""  # the key of the cursor's own line, when the cursor is in its value
    top: str = ""  # the top-level key the cursor sits under
    kind: str = ""  # the file's `kind:`

    def inside(self, *keys: str) -> bool:
        return any(k in self.parents for k in keys)


def cursor_at(lines: list[str], line_no: int, col: int) -> Cursor:
    line = lines[line_no].rstrip("\r\n") if line_no < len(lines) else ""
    before = line[:col]
    prefix = _WORD_BEFORE.search(before)
    prefix_text = prefix.group() if prefix else ""
    own = _KEY_LINE.match(line)
    key = ""
    if own and col > line.index(":", own.end("key")):
        key = own.group("key")
    parents = _parents(lines, line_no, line)
    top = parents[-1] if parents else (own.group("key") if own and not own.group("indent") else "")
    return Cursor(
        line=line,
        before=before,
        prefix=prefix_text,
        prefix_start=col - len(prefix_text),
        parents=parents,
        key=key,
        top=top,
        kind=file_kind(lines),
    )


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _parents(lines: list[str], line_no: int, line: str) -> list[str]:
    """Walk up by indentation: every less-indented `key:` line encloses the cursor's line.

    `- key: value` opens a list item whose first key is a sibling of the lines below it, so it counts as "-".
    A `key:` line may also hold a list at its own indentation (`when:` then `- "..."` under it, not indented).
    """
    limit = _indent(line) if line else _indent_of_blank(lines, line_no)
    is_item = line.strip().startswith("-")
    parents: list[str] = []
    for i in range(min(line_no, len(lines)) - 1, -1, -1):
        text = lines[i].rstrip("\r\n")
        body = text.strip()
        if not body or body.startswith("#"):
            continue
        ind = _indent(text)
        found = _KEY_LINE.match(text)
        same_level_list = ind == limit and is_item and found and not found.group("dash") and _opens(text)
        if not (ind < limit or same_level_list):
            continue
        if found and found.group("dash") and _opens(text) and limit > found.start("key"):
            parents += [found.group("key"), "-"]  # `- add:` then a block below it, under the key
        else:
            parents.append(found.group("key") if found and not found.group("dash") else "-")
        limit, is_item = ind, body.startswith("-")
        if ind == 0:
            break
    return parents


def _opens(text: str) -> bool:
    """A `key:` line with nothing after the colon opens a block below it."""
    return re_split_comment(text).rstrip().endswith(":")


def re_split_comment(text: str) -> str:
    """The line without a trailing `# comment` (a `#` inside quotes is kept; good enough for key lines)."""
    quote = ""
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t"):
            return text[:i]
    return text


def _indent_of_blank(lines: list[str], line_no: int) -> int:
    """On an empty line, the cursor belongs where the nearest line above it does (the usual way to type on)."""
    for i in range(min(line_no, len(lines)) - 1, -1, -1):
        text = lines[i].rstrip("\r\n")
        if text.strip() and not text.strip().startswith("#"):
            found = _KEY_LINE.match(text)
            if found and _opens(text):
                return _indent(text) + 2
            return _indent(text) + (2 if text.strip().startswith("-") else 0)
    return 0


_KIND = re.compile(r"^kind\s*:\s*['\"]?(\w+)", re.M)


def file_kind(lines: list[str]) -> str:
    for text in lines[:200]:
        found = _KIND.match(text)
        if found:
            return found.group(1)
    return ""


_DISTRICT_ITEM = re.compile(r"^(?P<indent>\s*)-\s+id\s*:\s*['\"]?(?P<id>[a-z][a-z0-9_]*)")


def district_ids(lines: list[str]) -> dict[str, tuple[int, int]]:
    """A level file's district ids, each with where its id is written (0-based line and column).

    Read from the text, not the last check, so it is never stale.
    """
    found: dict[str, tuple[int, int]] = {}
    inside = False
    item_indent = -1
    for n, raw in enumerate(lines):
        text = raw.rstrip("\r\n")
        top = _TOP_KEY.match(text)
        if top:
            inside = top.group("key") == "districts"
            item_indent = -1
            continue
        if not inside:
            continue
        item = _DISTRICT_ITEM.match(text)
        if item:
            ind = len(item.group("indent"))
            if item_indent == -1:
                item_indent = ind
            if ind == item_indent:
                found.setdefault(item.group("id"), (n, item.start("id")))
    return found
