"""The text of a content file before and around parsing: reading, decoding, forbidden characters, positions.

Lines are counted as editors count them: a line ends at `\\n`, `\\r\\n` or `\\r`, never at U+2028, U+2029 or
U+0085 (which YAML parsers treat as line breaks, so `parse` replaces them first and warns).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path

from game.content.diagnostic_text import Message, Msg, msg
from game.content.diagnostics import Diagnostic, diag
from game.content.safe_read import NotReadable, read_regular

MAX_BYTES = 1_000_000
MAX_REPEATS = 20  # warnings of one kind shown per file before they are summed up

_BREAK = re.compile(r"\r\n?|\n")
# Characters that change text direction or are invisible: "Trojan source" risks in shared files.
_SNEAKY = re.compile("[\u200b-\u200f\u2060\u202a-\u202e\u2066-\u2069]")
# The same characters one by one: a substring test is many times faster than the pattern over a whole text, and
# instant for a text with no character above U+00FF (Python then knows none of them can be in it).
_SNEAKY_CHARS = "".join(chr(c) for c in range(0x2000, 0x2070) if _SNEAKY.match(chr(c)))
# C0 controls except tab, newline and carriage return; DEL; C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Characters YAML parsers take for line breaks though editors do not.
LINE_SEPARATORS = re.compile("[\x85\u2028\u2029]")
# Characters no key or text value may hold once escapes are decoded: controls other than tab and newline,
# and the bidirectional embeddings, overrides and isolates.
FORBIDDEN_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def may_forbid(text: str) -> bool:
    """Can a value of this text hold a FORBIDDEN_IN_VALUE character? Only through an escape, or a direction
    character written as it is: both YAML readers refuse raw controls (and `parse` turns U+0085 into a space).
    Substring tests, many times faster than a regular expression over the whole text."""
    return "\\" in text or any(ch in text for ch in _BIDI)


def has_separators(text: str) -> bool:
    return "\u2028" in text or "\u2029" in text or "\x85" in text


class YamlProblems(Exception):
    """Raised when a file cannot become a document; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


class LineIndex:
    """Line and column (1-based, as editors show them) of any character of a text."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]
        # A break at the very end does not start a line an editor would number; an empty text has one line.
        self.lines = len(self.starts) - 1 if len(self.starts) > 1 and self.starts[-1] == len(text) else len(self.starts)

    def line_col(self, index: int) -> tuple[int, int]:
        i = bisect_right(self.starts, index) - 1
        return i + 1, index - self.starts[i] + 1

    def line_text(self, line: int) -> str:
        """Line `line` (1-based) without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def clamp(self, line: int, col: int) -> tuple[int, int]:
        """The nearest position the file really has (a parser may point past the end of the last line)."""
        if line > self.lines:
            return self.lines, len(self.line_text(self.lines)) + 1
        if line < 1:
            return 1, 1
        return line, max(1, min(col, len(self.line_text(line)) + 1))


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    return LineIndex(text[:index]).line_col(index)


def read_text(path: Path, label: str, root: str | Path | None = None) -> tuple[str, list[Diagnostic]]:
    """Read a regular file as UTF-8 within the size cap; checks encoding and forbidden characters.

    Pipes, devices, sockets and folders are refused unopened; a symbolic link is followed only when it stays
    inside `root`, the folder being loaded.
    """
    try:  # located at 1:1 like the other whole-file problems (the caret display reads nothing it refuses)
        raw = read_regular(path, MAX_BYTES + 1, root)
    except NotReadable as exc:
        raise YamlProblems([diag("E100", _not_regular(exc), label, 1, 1, _hint_not_regular(exc))]) from None
    except FileNotFoundError:
        raise YamlProblems([diag("E100", Msg("file.no_such_file"), label, 1, 1)]) from None
    except OSError as exc:
        problem = msg("file.cannot_read", problem=exc.strerror or str(exc))  # the system's own words
        raise YamlProblems([diag("E100", problem, label, 1, 1)]) from None
    if len(raw) > MAX_BYTES:
        raise YamlProblems([diag("E101", Msg("file.too_large"), label, 1, 1)])
    return decode(raw, label)


# What safe_read found instead of a regular file (NotReadable.kind) -> its name in a message.
_NOT_REGULAR = {
    "folder": Msg("file.kind.folder"),
    "fifo": Msg("file.kind.fifo"),
    "socket": Msg("file.kind.socket"),
    "device": Msg("file.kind.device"),
    "link": Msg("file.kind.link"),
}


def _not_regular(exc: NotReadable) -> Message:
    if exc.reason == "outside_link":
        return Msg("file.outside_link")
    if exc.reason == "replaced":
        return Msg("file.replaced")
    return msg("file.not_regular", kind=_NOT_REGULAR.get(exc.kind, Msg("file.kind.unknown")))


def _hint_not_regular(exc: NotReadable) -> Message:
    if exc.reason == "outside_link":
        return Msg("file.copy_file_hint")
    if exc.kind == "folder":
        return ""
    return Msg("file.ordinary_files_hint")


def decode(raw: bytes, label: str) -> tuple[str, list[Diagnostic]]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblems([diag("E102", Msg("file.utf16"), label, 1, 1)])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = LineIndex(before).line_col(len(before))
        raise YamlProblems(
            [
                diag(
                    "E102",
                    msg("file.not_utf8", byte=f"{raw[exc.start]:02x}"),
                    label,
                    line,
                    col,
                )
            ]
        ) from None
    bad = _CONTROL.search(text)
    if bad:
        line, col = line_col(text, bad.start())
        raise YamlProblems([diag("E103", msg("file.control_char", code=f"{ord(bad.group()):04X}"), label, line, col)])
    if not any(ch in text for ch in _SNEAKY_CHARS):
        return text, []
    warnings = repeated(text, _SNEAKY, label, "W204", lambda ch: msg("file.invisible_char", code=f"{ord(ch):04X}"))
    return text, warnings


def given_text(text: str, label: str) -> tuple[str, list[Diagnostic]]:
    """Text held in memory passes the same size, encoding and character checks as a file's bytes."""
    raw = text.encode("utf-8", "surrogatepass")  # a lone surrogate becomes bytes that fail as not UTF-8
    if len(raw) > MAX_BYTES:
        raise YamlProblems([diag("E101", Msg("file.too_large"), label, 1, 1)])
    return decode(raw, label)


def repeated(
    text: str, pattern: re.Pattern[str], label: str, code: str, describe: Callable[[str], Message]
) -> list[Diagnostic]:
    """One warning per match, the first MAX_REPEATS located and the rest summed up (linear in the text)."""
    found = list(pattern.finditer(text))
    if not found:
        return []
    index = LineIndex(text)
    out = []
    for m in found[:MAX_REPEATS]:
        line, col = index.line_col(m.start())
        out.append(diag(code, describe(m.group()), label, line, col))
    if len(found) > MAX_REPEATS:
        line, col = index.line_col(found[MAX_REPEATS].start())
        out.append(
            diag(
                code,
                msg("file.and_more", problem=describe(found[MAX_REPEATS].group()), n=len(found) - MAX_REPEATS - 1),
                label,
                line,
                col,
            )
        )
    return out


def separator_warnings(text: str, label: str) -> list[Diagnostic]:
    """Warnings for U+2028, U+2029 and U+0085, which `parse` reads as spaces."""
    names = {
        "\x85": Msg("file.next_line"),
        "\u2028": Msg("file.line_separator"),
        "\u2029": Msg("file.paragraph_separator"),
    }
    return repeated(
        text, LINE_SEPARATORS, label, "W213", lambda ch: msg("file.separator", name=names[ch], code=f"{ord(ch):04X}")
    )


def without_separators(text: str) -> str:
    """The text with U+2028, U+2029 and U+0085 as spaces: one character each, so columns stay right."""
    return text.translate({0x85: " ", 0x2028: " ", 0x2029: " "})
