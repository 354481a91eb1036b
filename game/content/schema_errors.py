"""Turn pydantic's validation errors into located, plain-language diagnostics.

pydantic reports a path such as `('events', 2, 'options', 0, 'EventWeight', 'bse')`, mixing keys of the data with
the names of union members. We walk that path against the data itself to find the value the author wrote, look
its position up in the source map, and rewrite the message: what is wrong, where (by entry id), and a hint with a
did-you-mean when a key or value is misspelt. Errors from the members of one union are merged into one.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from game.content.diagnostic_text import Message, Msg, from_data, msg
from game.content.diagnostics import Diagnostic, diag
from game.content.lookalikes import fold, lookalikes
from game.content.suggest import Suggester
from game.content.yaml_strict import Document

# pydantic's error types of a value of the wrong type -> what was expected, said in the reader's language.
_TYPE_NAMES = {
    "float_type": Msg("expect.number"),
    "float_parsing": Msg("expect.number"),
    "int_type": Msg("expect.whole_number"),
    "int_parsing": Msg("expect.whole_number"),
    "int_from_float": Msg("expect.whole_number"),
    "bool_type": Msg("expect.bool"),
    "bool_parsing": Msg("expect.bool"),
    "string_type": Msg("expect.text"),
    "list_type": Msg("expect.list_lines"),
    "dict_type": Msg("expect.mapping"),
    "model_type": Msg("expect.mapping"),
    "model_attributes_type": Msg("expect.mapping"),
    "tuple_type": Msg("expect.list"),
}
# The bounds pydantic checks -> their words (`{bound}` filled with the limit).
_BOUNDS = {
    "greater_than_equal": "bound.at_least",
    "greater_than": "bound.more_than",
    "less_than_equal": "bound.at_most",
    "less_than": "bound.less_than",
}
_TEXT_KEYS = (
    "label",
    "title",
    "text",
    "name",
    "summary",
    "briefing",
    "expected",
    "uncertainty",
    "description",
    "meaning",
    "inspired_by",
)
_SINGULAR = {
    "events": Msg("place.event"),
    "options": Msg("place.option"),
    "measures": Msg("place.measure"),
    "districts": Msg("place.district"),
    "pools": Msg("place.pool"),
    "modifiers": Msg("place.modifier"),
    "effects": Msg("place.effect"),
    "on_fire": Msg("place.on_fire"),
    "objectives": Msg("place.objective"),
}


# Words authors reach for that Plaza spells differently (other engines' vocabulary, or plain English).
SYNONYMS = {
    "condition": "when",
    "conditions": "when",
    "if": "when",
    "requires": "when",
    "trigger": "when",
    "effect": "effects",
    "choices": "options",
    "choice": "options",
    "probability": "chance",
    "cooldown": "cooldown_turns",
    "description": "text",
    "body": "text",
    "immediate": "on_fire",
    "follow_up": "effects",
    "follow_ups": "effects",
    "delay_turns": "delay",
}


def did_you_mean(word: Any, choices: typing.Iterable[str] | Suggester) -> Message:
    """`did you mean `x`?` for the closest choice (look-alike characters named too), or "". Pass a Suggester
    (game.content.suggest) to check many words against the same many names: it indexes them once and remembers
    each answer."""
    if not isinstance(word, str):
        return ""
    choices = choices if isinstance(choices, Suggester) else Suggester(choices)
    plain = fold(word)
    close = [plain] if plain != word and plain in choices else []
    close = close or choices.close(word)
    if not close:
        near = difflib.get_close_matches(word.lower(), list(SYNONYMS), n=1, cutoff=0.75)
        close = [SYNONYMS[near[0]]] if near and SYNONYMS[near[0]] in choices else []
    odd = lookalikes(word, close[0] if close else plain)
    if not close:
        return odd
    return (
        msg("suggest.did_you_mean_odd", name=close[0], odd=odd) if odd else msg("suggest.did_you_mean", name=close[0])
    )


def one_of(choices: typing.Iterable[str]) -> Msg:
    """`use one of: a, b, c`."""
    return msg("suggest.use_one_of", choices=tuple(choices))


def describe_found(value: Any) -> Message:
    if value is None:
        return Msg("found.nothing")
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return msg("found.text", text=shown)
    if isinstance(value, int | float):
        return msg("found.number", value=value)
    if isinstance(value, list):
        return Msg("found.list")
    if isinstance(value, dict):
        return Msg("found.mapping")
    return type(value).__name__


def _num(x: Any) -> Any:
    return int(x) if isinstance(x, float) and x.is_integer() else x


def where(data: Any, path: tuple) -> Message:
    """A reader's name for a place in the data: `event `x` → option `y` → when` ("" for the top)."""
    parts: list[Message] = []
    node = data
    for i, key in enumerate(path):
        if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            parent = path[i - 1] if i else ""
            item = node[key]
            label = _SINGULAR.get(parent, str(parent))
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                parts[-1:] = [msg("place.named", label=label, id=_short(item["id"]))]
            else:
                parts[-1:] = [msg("place.numbered", label=label, n=key + 1)]
            node = item
        elif isinstance(node, dict) and key in node:
            parts.append(_short(str(key)))
            node = node[key]
        else:
            break
    if not parts:
        return ""
    place = parts[0]
    for part in parts[1:]:
        place = msg("place.inside", outer=place, inner=part)
    return place


def _either(names: typing.Sequence[Message]) -> Message:
    """`a or b or c`."""
    said = names[0]
    for name in names[1:]:
        said = msg("list.or", first=said, then=name)
    return said


def _short(name: str, limit: int = 40) -> str:
    """A key or id as a message quotes it: a 10,000-character key is a mistake to point at, not to print."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def has(node: Any, el: Any) -> bool:
    """Does the data hold `el` as a key (of a mapping) or an index (of a list)?"""
    if isinstance(node, dict):
        return isinstance(el, str) and el in node
    return isinstance(node, list) and isinstance(el, int) and 0 <= el < len(node)


def _resolve(data: Any, loc: tuple) -> tuple[tuple, list]:
    """Split pydantic's loc into the part that exists in the data and the leftover elements."""
    node, found, rest = data, [], []
    for el in loc:
        if has(node, el):
            node = node[el]
            found.append(el)
        else:
            rest.append(el)
    return tuple(found), rest


def _unwrap(tp: Any) -> list[Any]:
    """The concrete alternatives behind Annotated / Optional / Union."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for a in typing.get_args(tp) for m in _unwrap(a)]
    return [tp]


def _step(tp: Any, el: Any) -> Any:
    for alt in _unwrap(tp):
        if isinstance(el, str) and getattr(alt, "__name__", None) == el:
            return alt
        if isinstance(alt, type) and issubclass(alt, BaseModel) and el in alt.model_fields:
            return alt.model_fields[el].annotation
        origin, args = typing.get_origin(alt), typing.get_args(alt)
        if origin is list and isinstance(el, int):
            return args[0]
        if origin is dict and isinstance(el, str) and el != "[key]":
            return args[1]
    return None


def allowed_keys(root: type[BaseModel], loc: tuple) -> list[str]:
    """The keys the model accepts at the mapping that holds loc[-1]."""
    tp: Any = root
    for el in loc[:-1]:
        tp = _step(tp, el)
        if tp is None:
            return []
    keys: list[str] = []
    for alt in _unwrap(tp):
        if isinstance(alt, type) and issubclass(alt, BaseModel):
            keys.extend(alt.model_fields)
    return keys


def translate(exc: ValidationError, doc: Document, root: type[BaseModel], prefix: tuple = ()) -> list[Diagnostic]:
    """Diagnostics for one validation error of the value at `prefix` in `doc`, validated as `root`."""
    groups: dict[tuple, list[tuple[ErrorDetails, tuple, list]]] = {}
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        found, rest = _resolve(_get(doc.data, prefix), loc)
        groups.setdefault(found, []).append((err, loc, rest))
    out = []
    for found, errs in groups.items():
        # A type error on a value that also has errors deeper inside comes from a union alternative the
        # author did not mean (e.g. `weight:` as a number, when they wrote the mapping form).
        deeper = any(other[: len(found)] == found and len(other) > len(found) for other in groups)
        if deeper and all(e[0]["type"] in _TYPE_NAMES for e in errs):
            continue
        out.extend(_group(errs, found, doc, root, prefix))
    return out


def _get(data: Any, path: tuple) -> Any:
    for el in path:
        data = data[el]
    return data


def _group(errs: list, found: tuple, doc: Document, root: type[BaseModel], prefix: tuple) -> list[Diagnostic]:
    """Errors pointing at the same value: one diagnostic, merging union alternatives."""
    type_errs = [e for e in errs if e[0]["type"] in _TYPE_NAMES]
    if len(type_errs) > 1 and len(type_errs) == len(errs):
        expected = sorted({_TYPE_NAMES[e[0]["type"]] for e in type_errs}, key=str)  # in English's order
        err = type_errs[0][0]
        found_msg = msg("schema.expected", expected=_either(expected), found=describe_found(err["input"]))
        return [_make(doc, prefix + found, "E124", found_msg, "", doc.data)]
    # A union member that got further (a real key problem inside a mapping) is the one the author meant.
    errs = [e for e in errs if e[0]["type"] not in _TYPE_NAMES] or errs
    out = []
    for err, loc, rest in errs:
        out.append(_one(err, loc, rest, found, doc, root, prefix))
    return out


def _one(
    err: dict, loc: tuple, rest: list, found: tuple, doc: Document, root: type[BaseModel], prefix: tuple
) -> Diagnostic:
    kind = err["type"]
    path = prefix + found
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind == "missing":
        key = rest[-1] if rest else loc[-1]
        if key in ("en", "es"):
            missing = Msg("schema.missing_en") if key == "en" else Msg("schema.missing_es")
            return _make(doc, path, "E128", missing, "", doc.data)
        example = msg("schema.missing_text_hint", key=key) if key in _TEXT_KEYS else ""
        return _make(doc, path, "E123", msg("schema.missing", key=key), example, doc.data)
    if kind == "extra_forbidden":
        key = loc[-1]
        keys = allowed_keys(root, loc)
        if set(keys) == {"en", "es"}:
            return _make(
                doc,
                path,
                "E122",
                msg("schema.not_a_language", key=key),
                _comma_hint(_get(doc.data, path[:-1]), key) or Msg("schema.two_languages_hint"),
                doc.data,
                key=True,
            )
        hint: Message = did_you_mean(key, keys) or (msg("schema.allowed_here", keys=tuple(keys)) if keys else "")
        return _make(doc, path, "E122", msg("schema.unknown_key", key=key), hint, doc.data, key=True)
    if kind in _TYPE_NAMES:
        hint = ""
        if isinstance(value, str) and value.strip().rstrip("%").replace(".", "", 1).lstrip("-").isdigit():
            hint = Msg("schema.quoted_number_hint")
        wrong = msg("schema.expected", expected=_TYPE_NAMES[kind], found=describe_found(value))
        return _make(doc, path, "E124", wrong, hint, doc.data)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = _num(next(iter(ctx.values()), "?"))
        limit = msg(_BOUNDS[kind], bound=bound)
        return _make(doc, path, "E125", msg("schema.out_of_bounds", limit=limit, value=str(value)), "", doc.data)
    if kind in ("too_short", "too_long"):
        n = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        items = msg("schema.too_few_items" if kind == "too_short" else "schema.too_many_items", n=n or 0)
        return _make(doc, path, "E125", items, "", doc.data)
    if kind == "string_too_short":
        return _make(doc, path, "E129", Msg("schema.empty_text"), "", doc.data)
    if kind == "string_too_long":
        too_long = msg("schema.text_too_long", n=ctx.get("max_length", "?"))
        return _make(doc, path, "E125", too_long, "", doc.data)
    if kind == "literal_error":
        choices = [c.strip(" '") for c in str(ctx.get("expected", "")).replace(" or ", ",").split(",") if c.strip()]
        hint = did_you_mean(value, choices) or one_of(choices)
        return _make(doc, path, "E126", msg("schema.not_allowed", found=describe_found(value)), hint, doc.data)
    if kind == "string_pattern_mismatch":
        is_key = bool(rest) and rest[-1] == "[key]"
        if is_key and path[-1:] != (value,):
            path += (value,)
        hint = lookalikes(value, fold(value)) if isinstance(value, str) else ""
        return _make(doc, path, "E127", msg("schema.bad_id", id=str(value)), hint, doc.data, key=is_key)
    if kind == "finite_number":
        return _make(doc, path, "E114", Msg("schema.not_finite"), "", doc.data)
    if kind == "plaza":  # a model validator names the key at fault with `at` (schemas.problem)
        at = tuple(ctx.get("at") or ())
        said = from_data(ctx["message"]) if "message" in ctx else err["msg"]
        return _make(doc, path + at, ctx.get("code", "E129"), said, from_data(ctx.get("hint", "")), doc.data)
    return _make(doc, path, "E129", err["msg"], "", doc.data)  # a check with no words of ours: pydantic's own


def _comma_hint(mapping: Any, stray: str) -> Message:
    """`{en: Hello, world, es: Hola}` reads as the text "Hello" and a key `world` with no value: a comma inside
    `{...}` ends the text. Show the text quoted."""
    if not isinstance(mapping, dict) or mapping.get(stray) is not None:
        return ""
    keys = list(mapping)
    before = keys[keys.index(stray) - 1] if keys.index(stray) > 0 else None
    if before not in ("en", "es") or not isinstance(mapping[before], str):
        return ""
    return msg("schema.comma_in_text_hint", lang=before, text=f"{mapping[before]}, {stray}")


def _make(
    doc: Document, path: tuple, code: str, message: Message, hint: Message, data: Any, key: bool = False
) -> Diagnostic:
    pos = doc.source.find(path, key=key)
    place = where(data, path)
    return diag(
        code, msg("place.at", place=place, message=message) if place else message, doc.path, pos.line, pos.col, hint
    )
