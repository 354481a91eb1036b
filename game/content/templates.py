"""The one renderer for every text a player, a teacher or an export reads: `{name}` placeholders and nothing more.

Texts are written by strangers (content packs, translators), so they are never given to `str.format`: a format
spec such as `{chance:>999999999}` would draw a gigabyte, and `{chance.__class__.__mro__}` would put Python's
internals on screen. The grammar is deliberately tiny:

  `{{` and `}}`           literal braces
  `{name}`                a placeholder, `name` matching `[a-z_][a-z0-9_]*`
  anything else in braces an error: specs, conversions, attributes, indexes, numbered or empty fields,
                          upper case, spaces, and any unbalanced `{` or `}`

`parse` is a hand-written scanner, linear in the text, cached because interface strings are rendered every frame.
`render` never raises; the checker (game.content.checks) refuses texts that do not parse, and `render` returns
such a text exactly as written, so a broken text shows its braces instead of doing anything.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Field", "Template", "TemplateError", "parse", "placeholders", "render"]

_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyz_")
_NAME_REST = _NAME_START | frozenset("0123456789")
_SNIPPET = 24  # longest piece of a broken field quoted back in a message


@dataclass(frozen=True)
class Field:
    """A `{name}` placeholder."""

    name: str


@dataclass(frozen=True)
class TemplateError:
    """What is wrong at `offset` (0-based index into the text), in words an author can act on. `key` and `args`
    say the same as typed data, the message `diag.text.<key>` of content/ui/diagnostics.yaml (said in the reader's
    language by the checker, game.content.check_texts; a test keeps both wordings the same)."""

    offset: int
    message: str
    key: str = ""
    args: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Template:
    parts: tuple[str | Field, ...]  # literal text (braces already undoubled) and placeholders, in order
    errors: tuple[TemplateError, ...]

    @property
    def names(self) -> frozenset[str]:
        return frozenset(p.name for p in self.parts if isinstance(p, Field))


def is_name(text: str) -> bool:
    return bool(text) and text[0] in _NAME_START and all(c in _NAME_REST for c in text)


# A text whose every brace belongs to a well-formed `{name}` (nearly all of them): split by one regular expression,
# to exactly the parts the scanner below finds, many times faster. Anything else (`{{`, an error) is scanned.
_SIMPLE = re.compile(r"[^{}]*(?:\{[a-z_][a-z0-9_]*\}[^{}]*)*")
_FIELD = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


@lru_cache(maxsize=16384)  # the shipped content alone has about 4,000 texts
def parse(template: str) -> Template:
    """Split a text into literal pieces and placeholders, with every error found (never raises)."""
    if _SIMPLE.fullmatch(template):
        pieces = _FIELD.split(template)  # literal, name, literal, name, …, literal
        return Template(tuple(Field(p) if i % 2 else p for i, p in enumerate(pieces) if i % 2 or p), ())
    return _scan(template)


def _scan(template: str) -> Template:
    parts: list[str | Field] = []
    errors: list[TemplateError] = []
    literal: list[str] = []
    i, n = 0, len(template)
    while i < n:
        c = template[i]
        if c not in "{}":
            j = _next_brace(template, i)
            literal.append(template[i:j])
            i = j
        elif template.startswith(c * 2, i):  # `{{` or `}}`
            literal.append(c)
            i += 2
        elif c == "}":
            errors.append(
                TemplateError(i, "a lone `}` is not allowed in a text; write `}}` for a literal brace", "lone_close")
            )
            literal.append(c)
            i += 1
        else:
            j = _next_brace(template, i + 1)
            if j == n or template[j] == "{":
                errors.append(
                    TemplateError(
                        i, "this `{` is never closed; close the placeholder, or write `{{` for a brace", "unclosed"
                    )
                )
                literal.append(template[i:j])
                i = j
                continue
            inner = template[i + 1 : j]
            if is_name(inner):
                if literal:
                    parts.append("".join(literal))
                    literal = []
                parts.append(Field(inner))
            else:
                errors.append(_field_error(inner, i))
                literal.append(template[i : j + 1])
            i = j + 1
    if literal:
        parts.append("".join(literal))
    return Template(tuple(parts), tuple(errors))


def placeholders(template: str) -> frozenset[str]:
    """The names of the well-formed placeholders in a text."""
    return parse(template).names


def render(template: str, values: Mapping[str, object]) -> str:
    """The text with each `{name}` replaced by `str(values[name])`; unknown names stay as written, so a gap shows.

    Values are never formatted with specs: callers pass numbers and strings already formatted. A text that does not
    parse comes back exactly as written (the checker refuses it; this is the second line of defence).
    """
    parsed = parse(template)
    if parsed.errors:
        return template
    out = []
    for part in parsed.parts:
        if isinstance(part, Field):
            out.append(str(values[part.name]) if part.name in values else "{" + part.name + "}")
        else:
            out.append(part)
    return "".join(out)


_BRACE = re.compile(r"[{}]")


def _next_brace(text: str, start: int) -> int:
    """Index of the next `{` or `}` at or after `start`, or len(text); one pass, so parsing stays linear."""
    found = _BRACE.search(text, start)
    return len(text) if found is None else found.start()


def _field_error(inner: str, brace: int) -> TemplateError:
    """Why `{inner}` (opening brace at `brace`) is not a placeholder, pointing at the first offending character."""
    if not inner.strip():
        return TemplateError(
            brace, "empty braces `{}` are not allowed in a text; name the value, e.g. `{city}`", "empty_braces"
        )
    # The leading run of name characters, as Python's own format would read the field name.
    k = 0
    while k < len(inner) and inner[k] not in ":!.[":
        k += 1
    head = inner[:k]
    fix = _suggest(head)
    at = brace + 1 + k
    if k < len(inner):
        rest = _snip(inner[k:])
        what, kind = {
            ":": (f"format specs such as `{rest}` are", "spec"),
            "!": (f"conversions such as `{rest}` are", "conversion"),
            ".": (f"attribute access such as `{rest}` is", "attribute"),
            "[": (f"index access such as `{rest}` is", "index"),
        }[inner[k]]
        if head.strip().isdigit() or not head.strip():
            return TemplateError(
                brace,
                f"{what} not allowed in a text; name the value, e.g. `{{city}}`",
                f"{kind}_unnamed",
                (("rest", rest),),
            )
        return TemplateError(
            at, f"{what} not allowed in a text; write `{{{fix}}}`", kind, (("rest", rest), ("fix", fix))
        )
    if head.isdigit():
        return TemplateError(
            brace,
            f"numbered fields such as `{{{head}}}` are not allowed in a text; name the value, e.g. `{{city}}`",
            "numbered",
            (("head", head),),
        )
    if any(c.isspace() for c in head):
        return TemplateError(
            brace, f"spaces are not allowed inside braces; write `{{{fix}}}`", "spaces", (("fix", fix),)
        )
    if any(c.isupper() for c in head):
        return TemplateError(brace, f"placeholders are lower case; write `{{{fix}}}`", "upper", (("fix", fix),))
    return TemplateError(
        brace,
        f"`{{{_snip(head)}}}` is not a placeholder; placeholders are lower-case names such as `{{city}}`, "
        "and `{{` and `}}` write literal braces",
        "not_a_name",
        (("head", _snip(head)),),
    )


def _suggest(head: str) -> str:
    """The placeholder the author most likely meant, or `city` when nothing sensible is left."""
    guess = "".join(head.split()).lower()
    return guess if is_name(guess) else "city"


def _snip(text: str) -> str:
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"
