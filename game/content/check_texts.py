"""Texts: every en/es text of an entry, and the UI strings, parse as the renderer parses them (E165), use only
the placeholders their scope fills, and use the same ones in both languages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import BaseModel

from game.content import schemas, templates
from game.content.checker import Checker
from game.content.content_set import Origin
from game.content.diagnostic_text import Message, Msg, msg
from game.content.schema_errors import did_you_mean, one_of

PLACEHOLDERS = {"city", "turn", "role"}
SCOPED_PLACEHOLDERS = {"district"}
_NONE: frozenset[str] = frozenset()
TEXT_ERRORS = 3  # brace errors reported per text: a text of 2,000 stray braces is one problem, not 2,000
# What the renderer's parser found wrong (templates.TemplateError.key) -> its message in the catalogue.
TEMPLATE_ERRORS = {
    "lone_close": "text.lone_close",
    "unclosed": "text.unclosed",
    "empty_braces": "text.empty_braces",
    "spec": "text.spec",
    "spec_unnamed": "text.spec_unnamed",
    "conversion": "text.conversion",
    "conversion_unnamed": "text.conversion_unnamed",
    "attribute": "text.attribute",
    "attribute_unnamed": "text.attribute_unnamed",
    "index": "text.index",
    "index_unnamed": "text.index_unnamed",
    "numbered": "text.numbered",
    "spaces": "text.spaces",
    "upper": "text.upper",
    "not_a_name": "text.not_a_name",
}


def template_problem(err: templates.TemplateError) -> Message:
    """The parser's finding as a typed message (its English words are the parser's own)."""
    key = TEMPLATE_ERRORS.get(err.key)
    return Msg(key, err.args) if key else err.message


def texts(ck: Checker, obj: BaseModel, origin: Origin, scope: str, free: bool = False) -> None:
    allowed = PLACEHOLDERS | (SCOPED_PLACEHOLDERS if scope == "district" else set())
    for path, text in _texts(obj):
        found: dict[str, frozenset[str] | None] = {}
        for lang in ("en", "es"):
            value = getattr(text, lang)
            if "{" not in value and "}" not in value:  # most texts: no placeholder, nothing to parse
                found[lang] = _NONE
                continue
            # the renderer's own parser, so what passes here is exactly what renders (UI strings too)
            parsed = templates.parse(value)
            for err in parsed.errors[:TEXT_ERRORS]:
                ck.report(
                    "E165",
                    msg("text.in_text", problem=template_problem(err), lang=lang, n=err.offset + 1),
                    origin.location((*path, lang)),
                    Msg("text.placeholders_hint"),
                )
            names = None if parsed.errors else parsed.names
            found[lang] = names
            if names is None or free:
                continue
            for name in sorted(names - allowed):
                hint = (
                    Msg("text.district_hint")
                    if name in SCOPED_PLACEHOLDERS
                    else did_you_mean(name, allowed) or one_of(sorted(allowed))
                )
                ck.report(
                    "E165",
                    msg("text.unknown_placeholder", name=name, lang=lang),
                    origin.location((*path, lang)),
                    hint,
                )
        if found["en"] is not None and found["es"] is not None and found["en"] != found["es"]:
            diff = tuple(f"{{{n}}}" for n in sorted(found["en"] ^ found["es"]))
            ck.report(
                "E165",
                msg("text.different_placeholders", names=diff),
                origin.location(path),
                Msg("text.same_placeholders_hint"),
            )


def strings(ck: Checker) -> None:
    for key, text in ck.content.strings.items():
        if _braces(text.en) or _braces(text.es):  # most UI strings have none: nothing to parse or compare
            texts(ck, text, ck.content.origins[("string", key)], "city", free=True)


def _braces(value: str) -> bool:
    return "{" in value or "}" in value


_LEAVES = frozenset({str, int, float, bool, type(None)})


def _texts(obj: Any, path: tuple = ()) -> list[tuple[tuple, schemas.Text]]:
    """Every Text inside a content object, with its path in the data, in the order of its fields. (A loop, not
    a recursion: an event holds thousands of values, nearly all plain numbers and words.)"""
    found: list[tuple[tuple, schemas.Text]] = []
    stack: list[tuple[Any, tuple]] = [(obj, path)]
    while stack:
        node, at = stack.pop()
        if isinstance(node, schemas.Text):
            found.append((at, node))
            continue
        if isinstance(node, BaseModel):
            items: Iterable[tuple[Any, Any]] = ((name, getattr(node, name)) for name in _fields(type(node)))
        elif isinstance(node, list):
            items = enumerate(node)
        elif isinstance(node, dict):
            items = node.items()
        else:
            continue
        stack += reversed([(value, (*at, step)) for step, value in items if type(value) not in _LEAVES])
    return found


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` whose type may hold a Text, read from the types once per model: the others (numbers,
    words, conditions, effect lines: most of an event) are not walked."""
    if model not in _FIELDS:
        _FIELDS[model] = tuple(model.model_fields)  # meanwhile (a model that holds itself): every field
        _FIELDS[model] = tuple(n for n, f in model.model_fields.items() if _may_hold_text(f.annotation))
    return _FIELDS[model]


def _may_hold_text(kind: Any) -> bool:
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return issubclass(kind, schemas.Text) or bool(_fields(kind))
    if kind in _LEAVES or get_origin(kind) is Literal:
        return False
    if get_origin(kind) is Annotated:
        return _may_hold_text(get_args(kind)[0])
    args = get_args(kind)
    return any(_may_hold_text(a) for a in args) if args else True  # Any, or a type not known here: walked
