"""Diagnostics: located, coded, plain-language problems found in content files.

Every problem an author can meet has a stable code. `E1xx` codes are errors (the content is not used),
`W2xx` codes are warnings (the content works but is probably not what the author meant). The catalogue
in content/ui/diagnostics.yaml is the single source for codes, their titles and hints, in English and Spanish;
`docs/authoring.md` documents each one and a test keeps them in step.

A diagnostic's message and hint are typed (game.content.diagnostic_text.Msg: a key and its arguments), said in the
reader's language only where they are shown: `format_text`, `format_json`, and the language server.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path

from game.content.diagnostic_text import Message, Msg, catalogue, default_hint, from_data, msg, say, title, to_data
from game.content.safe_read import NotReadable, read_regular


class _Codes(Mapping[str, tuple[str, str]]):
    """code -> (short title, default hint) in English, from content/ui/diagnostics.yaml (`diag.<code>.title` and
    `.hint`, with their Spanish beside them). Read when first asked: a verdict from the cache with nothing to show
    never reads it."""

    @cached_property
    def _codes(self) -> dict[str, tuple[str, str]]:
        found = {}
        for key in catalogue():
            parts = key.split(".")
            if len(parts) == 3 and parts[2] == "title" and _CODE.fullmatch(parts[1]):
                code = parts[1].upper()
                found[code] = (title(code), say(default_hint(code)))
        return found

    def __getitem__(self, code: str) -> tuple[str, str]:
        return self._codes[code]

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)


_CODE = re.compile(r"[ew]\d{3}")
CODES: Mapping[str, tuple[str, str]] = _Codes()


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column are 1-based, as editors show them."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path


@dataclass(frozen=True)
class Diagnostic:
    code: str
    text: Message
    where: Location
    hint_text: Message = ""  # empty: the code's own hint
    also: tuple[Location, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        # Without its catalogue (a broken install) a well-formed code still makes a diagnostic, said by its keys.
        if self.code not in CODES and (len(CODES) or not _CODE.fullmatch(self.code.lower())):
            raise ValueError(f"unknown diagnostic code {self.code}")
        if not self.hint_text:
            object.__setattr__(self, "hint_text", default_hint(self.code))

    @cached_property
    def message(self) -> str:
        """The message in English."""
        return say(self.text, "en")

    @property
    def hint(self) -> str:
        """The hint in English."""
        return say(self.hint_text, "en")

    def message_in(self, lang: str) -> str:
        return say(self.text, lang)

    def hint_in(self, lang: str) -> str:
        return say(self.hint_text, lang)

    @property
    def is_error(self) -> bool:
        return self.code.startswith("E")

    @property
    def severity(self) -> str:
        return "error" if self.is_error else "warning"

    def sort_key(self) -> tuple:
        return (self.where.path, self.where.line, self.where.col, self.code, self.message)

    @classmethod
    def from_dict(cls, d: dict) -> Diagnostic:
        """The diagnostic `to_dict` wrote (caches keep diagnostics as JSON): its typed message and hint, so it can
        be shown again in either language."""
        return cls(
            d["code"],
            from_data(d["text"]),
            Location(d["path"], d["line"], d["col"]),
            from_data(d["hint_text"]),
            tuple(Location(a["path"], a["line"], a["col"]) for a in d["also"]),
        )

    def to_dict(self, lang: str = "en") -> dict:
        """The title, message and hint in `lang`, and the typed message and hint (`text`, `hint_text`) they were
        said from."""
        return {
            "path": self.where.path,
            "line": self.where.line,
            "col": self.where.col,
            "code": self.code,
            "severity": self.severity,
            "title": title(self.code, lang),
            "message": self.message_in(lang),
            "hint": self.hint_in(lang),
            "also": [asdict(loc) for loc in self.also],
            "text": to_data(self.text),
            "hint_text": to_data(self.hint_text),
        }


def diag(code: str, message: Message, path: str | Path, line: int = 0, col: int = 0, hint: Message = "") -> Diagnostic:
    return Diagnostic(code, message, Location(str(path), line, col), hint)


def unique(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted, with exact repeats removed (one root cause is reported once)."""
    seen: set[tuple] = set()
    out = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        key = (d.code, d.where, d.text)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


CAP_PER_CODE = 50  # diagnostics of one code shown per file; the rest are counted in one E199 or W299


def capped(diagnostics: Iterable[Diagnostic], limit: int = CAP_PER_CODE) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """The first `limit` diagnostics of each code in each file, in the order they were found (exact repeats
    left out), and for each file with more, one diagnostic counting the rest: E199 if any of them is an error,
    else W299. A file with a thousand misspelt names should not take a thousand screens (issue 13)."""
    kept: list[Diagnostic] = []
    left: dict[str, list[Diagnostic]] = {}
    count: dict[tuple[str, str], int] = {}
    seen: set[tuple] = set()
    for d in diagnostics:
        key = (d.code, d.where, d.text)
        if key in seen:
            continue
        seen.add(key)
        n = count[d.where.path, d.code] = count.get((d.where.path, d.code), 0) + 1
        if n <= limit:
            kept.append(d)
        else:
            left.setdefault(d.where.path, []).append(d)
    summaries = []
    for rest in left.values():
        codes: dict[str, int] = {}
        for d in rest:
            codes[d.code] = codes.get(d.code, 0) + 1
        each = tuple(
            msg("label.code_count", n=n, code=code, title=Msg(f"{code.lower()}.title"))
            for code, n in sorted(codes.items())
        )
        first = min(rest, key=Diagnostic.sort_key)
        code = "E199" if any(d.is_error for d in rest) else "W299"
        summaries.append(Diagnostic(code, msg("label.more_problems", n=len(rest), each=each), first.where))
    return kept, summaries


class SourceLines:
    """Reads source lines lazily for the caret display, once per file."""

    def __init__(self) -> None:
        self._cache: dict[str, list[str]] = {}

    def line(self, path: str, line: int) -> str | None:
        if path not in self._cache:
            try:  # like the loader: never more than it would read, and never a pipe, device or outside link
                data = read_regular(path, 2_000_000, os.path.dirname(os.path.abspath(path)))
                text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
                self._cache[path] = _EDITOR_BREAK.split(text)  # lines as editors number them
            except (OSError, NotReadable):
                self._cache[path] = []
        lines = self._cache[path]
        if 1 <= line <= len(lines):
            return lines[line - 1]
        return None


_EDITOR_BREAK = re.compile(r"\r\n?|\n")


def printable(text: str) -> str:
    """The text with every character a terminal could act on or hide written as an escape (`\\x1b`,
    `\\u202e`, `\\t`): text from content files reaches messages, so no escape sequence may pass through."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch in "\t\n\r":
        return repr(ch)[1:-1]
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def format_text(d: Diagnostic, sources: SourceLines | None = None, lang: str = "en") -> str:
    """`path:line:col: CODE message`, then the source line with a caret, then the hint, in `lang`; never a control
    character, whatever the file name, message or line holds."""
    out = [f"{printable(str(d.where))}: {d.code} {printable(d.message_in(lang))}"]
    src = sources.line(d.where.path, d.where.line) if (sources and d.where.line) else None
    if src is not None:
        shown = src
        caret_col = d.where.col
        if len(shown) > 160:  # a pathological single-line file must not flood the terminal
            start = max(0, d.where.col - 60)
            shown = shown[start : start + 120]
            caret_col = d.where.col - start
        out.append(f"    {printable(shown)}")
        pad = " " * len(printable(shown[: max(caret_col - 1, 0)]))  # escapes widen the text before the caret
        out.append(f"    {pad}^")
    for loc in d.also[:5]:
        out.append("  " + say(msg("label.also_at", place=printable(str(loc))), lang))
    if len(d.also) > 5:
        out.append("  " + say(msg("label.more_places", n=len(d.also) - 5), lang))
    hint = d.hint_in(lang)
    if hint:
        out.append("  " + say(msg("label.hint", hint=printable(hint)), lang))
    return "\n".join(out)


# JSON escapes C0 controls itself; these it would print as they are.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069]")


def format_json(diagnostics: Iterable[Diagnostic], lang: str = "en", **extra: object) -> str:
    """The diagnostics as JSON: titles, messages and hints in `lang` (named at the top, `"lang"`), codes as
    always."""
    ds = list(diagnostics)
    text = json.dumps(
        {
            "lang": lang,
            **extra,
            "errors": sum(d.is_error for d in ds),
            "warnings": sum(not d.is_error for d in ds),
            "diagnostics": [d.to_dict(lang) for d in ds],
        },
        ensure_ascii=False,
        indent=2,
    )
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
