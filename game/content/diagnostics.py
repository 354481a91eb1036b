"""Diagnostics: located, coded, plain-language problems found in content files.

Every problem an author can meet has a stable code. `E1xx` codes are errors (the content is not used),
`W2xx` codes are warnings (the content works but is probably not what the author meant). The catalogue
below is the single source for codes; `docs/authoring.md` documents each one and a test keeps them in step.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from game.content.safe_read import NotReadable, read_regular

# code -> (short title, default hint). Titles appear in `--json` output and in the docs.
CODES: dict[str, tuple[str, str]] = {
    # File and YAML level
    "E100": ("file cannot be read", "check the path and that the file is a readable YAML file"),
    "E101": ("file too large", "content files are limited to 1 MB; split the content into several files"),
    "E102": ("not UTF-8 text", "save the file as UTF-8 (in most editors: Save as… → Encoding → UTF-8)"),
    "E103": ("forbidden character", "remove the invisible control character; retype the line if unsure"),
    "E104": ("YAML syntax error", "check indentation (spaces only, no tabs) and that quotes and brackets are closed"),
    "E105": ("YAML tag not allowed", "remove the `!` tag; Plaza content uses plain values only"),
    "E106": ("anchors and aliases not allowed", "write the values out in full instead of `&name` / `*name`"),
    "E107": ("merge keys not allowed", "write the keys out in full instead of `<<:`"),
    "E108": ("duplicate key", "each key may appear once in a mapping; remove or rename one of them"),
    "E109": ("ambiguous boolean", "write `true` or `false` (lower case), or quote the text if you meant words"),
    "E110": ("several documents in one file", "remove the extra `---` separator, or split into two files"),
    "E111": ("key is not a string", "keys must be plain names; quote them if they look like numbers"),
    "E112": ("nesting too deep", "content may nest at most 20 levels; flatten the structure"),
    "E113": ("too many values", "a file may hold at most 50,000 values; split it into several files"),
    "E114": ("not a finite number", "use an ordinary number such as 0.5; `.inf` and `.nan` are not allowed"),
    "E115": ("empty file", "a content file needs at least `schema_version: 1` and `kind: ...`"),
    "E116": ("ambiguous number", "write the number plainly (10, not 010), or quote it if you meant text"),
    # Schema level
    "E120": (
        "unknown or missing file kind",
        "start the file with `schema_version: 1` and `kind: events` (or measures, level, model, state, strings)",
    ),
    "E121": ("unsupported schema version", "this Plaza reads schema_version 1; update Plaza or the file"),
    "E122": ("unknown key", "check the spelling; unknown keys are errors so typos never pass silently"),
    "E123": ("missing key", "add the key; see docs/authoring.md for what each kind of entry needs"),
    "E124": ("wrong type of value", "write numbers without quotes or % signs, and lists with `- ` items"),
    "E125": ("value out of range", "use a value inside the allowed range"),
    "E126": ("value not allowed", "use one of the listed values"),
    "E127": ("badly formed id", "ids use lower-case letters, digits and `_` only, starting with a letter"),
    "E128": ("missing translation", "every text a player sees needs both `en:` and `es:`"),
    "E129": ("invalid value", "see the message for what is wrong"),
    # Condition language
    "E140": ("condition syntax error", "conditions look like `district.fear > 0.6 and city.corruption < 0.5`"),
    "E141": (
        "construct not allowed in a condition",
        "conditions use names, numbers, comparisons, and/or/not, + - * / and min, max, abs, fired, turns_since, flag",
    ),
    "E142": (
        "condition too long or complex",
        "conditions are limited to 300 characters, 64 parts and depth 16; split it into several `when:` lines",
    ),
    "E143": ("unknown name in a condition", "use a value declared in content/state.yaml"),
    "E144": ("type mismatch in a condition", "compare numbers with numbers and text with text"),
    "E145": ("condition can never be true", "the declared ranges make this impossible; check the numbers"),
    "E146": ("bad number in a condition", "use finite numbers no larger than 1e9 and never divide by 0"),
    # Cross-file checks
    "E160": ("duplicate id", "ids must be unique across all content files; rename one of them"),
    "E161": ("unknown reference", "check the spelling of the id, or add the entry it names"),
    "E162": ("effect on an undeclared value", "declare the value in content/state.yaml, or fix the spelling"),
    "E163": ("effect out of the declared range", "keep `set` inside the range and `add` smaller than its width"),
    "E164": ("district value outside district scope", "give the event `scope: district`, or use a city value"),
    "E165": (
        "bad placeholder in text",
        "placeholders are plain names in braces — {city}, {district}, {turn}, {role} in content texts — with no "
        "`:`, `!`, `.` or `[`; write {{ and }} for literal braces",
    ),
    "E166": ("zero-delay follow-up cycle", "give at least one follow-up in the cycle a delay of 1 turn or more"),
    "E167": ("conflicting trigger", "a `triggered_only` event can only be reached by `schedule`, not from a pool"),
    "E168": ("measure offered to the wrong role", "offer the measure to the role it is written for"),
    "E169": ("border with an unknown district", "`borders:` lists ids of other districts of the same level"),
    "E170": ("district borders itself", "remove the district's own id from its `borders:`"),
    "E171": (
        "starting value of a computed value",
        "set the values it is computed from instead; its `inputs:` in content/state.yaml name them",
    ),
    "E172": ("option offered to no role", "give the option a role that meets the event, or remove its `roles:`"),
    "E173": ("objective tracks an unknown value", "`track: {value: ...}` names a `city.` or `district.` value"),
    "E174": (
        "objective read in the wrong place",
        "`districts:` lists districts of this level, and only for a `district.` value",
    ),
    "E199": (
        "more errors not shown",
        "a file shows the first 50 problems of each code; fix those and validate again to see the rest",
    ),
    # Warnings
    "W200": ("event can never be reached", "add it to a level's pool, or schedule it from another event"),
    "W201": ("condition is always true", "the declared ranges make this condition always hold; remove it"),
    "W202": ("flag is read but never set", "set the flag with a `flag:` effect somewhere, or fix its spelling"),
    "W203": ("pool can never pick an event", "give its events a weight above 0"),
    "W204": (
        "invisible or direction-changing character",
        "remove it; it can make text display differently from how it reads in the editor",
    ),
    "W205": ("every option has a condition", "give one option no `when:` so the player always has a choice"),
    "W206": ("follow-up cycle repeats forever", "give a link a chance below 1, or mark an event `once: true`"),
    "W207": (
        "effect on a value the model recomputes",
        "change what drives it instead; see its meaning in content/state.yaml",
    ),
    "W209": ("event kept to an unknown level", "fix the level id in `levels:`, or load that level too"),
    "W208": (
        "event names no dynamic",
        "make its first tag one of: retaliation, infiltration, exclusion, distrust, "
        "militia, fear, programmes, costs, pressure (see docs/authoring.md)",
    ),
    "W210": ("border listed twice", "list each neighbouring district once in `borders:`"),
    "W211": (
        "districts without borders",
        "give each district `borders: [...]`, the ids of the districts it touches; one side of each border is enough",
    ),
    "W213": ("line separator character", "replace it with a normal line break or a space"),
    "W214": (
        "event for some levels fires in all",
        "add `levels: [...]` with the levels it was written for, so other levels' pools leave it alone",
    ),
    "W215": ("unknown section of the paper", "cite a section title exactly as content/paper.yaml lists it"),
    "W216": ("objective with no good direction", "track a value whose declaration says which way is better"),
    "W299": (
        "more warnings not shown",
        "a file shows the first 50 warnings of each code; fix those and validate again to see the rest",
    ),
    # Shown by the language server (`plaza lsp`) from the last `plaza simulate`, not by `plaza validate`.
    "W212": (
        "event never fired in simulation",
        "check its `when:` and weight against the level's starting values, or the pools that could draw it",
    ),
}


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
    message: str
    where: Location
    hint: str = ""
    also: tuple[Location, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown diagnostic code {self.code}")
        if not self.hint:
            object.__setattr__(self, "hint", CODES[self.code][1])

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
        """The diagnostic `to_dict` wrote (caches keep diagnostics as JSON)."""
        return cls(
            d["code"],
            d["message"],
            Location(d["path"], d["line"], d["col"]),
            d["hint"],
            tuple(Location(a["path"], a["line"], a["col"]) for a in d["also"]),
        )

    def to_dict(self) -> dict:
        return {
            "path": self.where.path,
            "line": self.where.line,
            "col": self.where.col,
            "code": self.code,
            "severity": self.severity,
            "title": CODES[self.code][0],
            "message": self.message,
            "hint": self.hint,
            "also": [asdict(loc) for loc in self.also],
        }


def diag(code: str, message: str, path: str | Path, line: int = 0, col: int = 0, hint: str = "") -> Diagnostic:
    return Diagnostic(code, message, Location(str(path), line, col), hint)


def unique(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted, with exact repeats removed (one root cause is reported once)."""
    seen: set[tuple] = set()
    out = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        key = (d.code, d.where, d.message)
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
        key = (d.code, d.where, d.message)
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
        each = ", ".join(f"{n} {code} ({CODES[code][0]})" for code, n in sorted(codes.items()))
        first = min(rest, key=Diagnostic.sort_key)
        code = "E199" if any(d.is_error for d in rest) else "W299"
        more = f"{len(rest)} more problem{'s' if len(rest) != 1 else ''} in this file not shown: {each}"
        summaries.append(Diagnostic(code, more, first.where))
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


def format_text(d: Diagnostic, sources: SourceLines | None = None) -> str:
    """`path:line:col: CODE message`, then the source line with a caret, then the hint; never a control
    character, whatever the file name, message or line holds."""
    out = [f"{printable(str(d.where))}: {d.code} {printable(d.message)}"]
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
        out.append(f"  also at {printable(str(loc))}")
    if len(d.also) > 5:
        out.append(f"  … and {len(d.also) - 5} more places")
    if d.hint:
        out.append(f"  hint: {printable(d.hint)}")
    return "\n".join(out)


# JSON escapes C0 controls itself; these it would print as they are.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069]")


def format_json(diagnostics: Iterable[Diagnostic], **extra: object) -> str:
    ds = list(diagnostics)
    text = json.dumps(
        {
            **extra,
            "errors": sum(d.is_error for d in ds),
            "warnings": sum(not d.is_error for d in ds),
            "diagnostics": [d.to_dict() for d in ds],
        },
        ensure_ascii=False,
        indent=2,
    )
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
