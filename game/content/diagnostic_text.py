"""The words of diagnostics in English and Mexican Spanish: typed messages, said in the reader's language at the edge.

A diagnostic carries no finished sentence. It carries a `Msg`: the key of a template in content/ui/diagnostics.yaml
(`diag.<key>`) and typed arguments, plain strings and numbers, or other `Msg`s (a clause, a did-you-mean), or a tuple
of them (a list, said with commas). `say(message, lang)` fills the template in `lang` with the project's one safe
renderer (game.content.templates.render: `{name}` and nothing more, never `str.format`). Names and values from
content files are inserted as written: never translated, never formatted with a spec.

A key whose template has `.one` and `.other` forms is said by its count, the argument `n` (English and Spanish
share CLDR's rule for whole numbers: `one` for 1 only, as game.cli_language's counts do).

A plain `str` is also accepted where a message is: words that no catalogue holds (a test's own diagnostic), shown
as written in every language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Union

from game.content.templates import render
from game.resources import resource_root
from game.strings_file import read_strings

PREFIX = "diag."
CATALOGUE = "diagnostics.yaml"

Arg = Union[str, int, float, "Msg", tuple["Arg", ...]]


@dataclass(frozen=True)
class Msg:
    """A message to be said: its key in the catalogue (without `diag.`) and its arguments by name."""

    key: str
    args: tuple[tuple[str, Arg], ...] = ()

    def __str__(self) -> str:  # an English rendering, for a log line or an assertion message
        return say(self, "en")


Message = Msg | str


def msg(key: str, /, **args: Arg | list) -> Msg:
    """`msg("yaml.duplicate_key", key=name)`: lists become tuples, so a message can be hashed and compared."""
    return Msg(key, tuple((name, _freeze(value)) for name, value in args.items()))


def _freeze(value: Arg | list) -> Arg:
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


@cache
def catalogue() -> Mapping[str, Mapping[str, str]]:
    """The `strings:` of content/ui/diagnostics.yaml (read once per process, kept as JSON in the user's cache)."""
    return read_strings(resource_root() / "content" / "ui" / CATALOGUE)


def template(key: str, lang: str) -> str | None:
    """The template of `diag.<key>` in `lang` (English when that language lacks it), or None when there is none."""
    entry = catalogue().get(PREFIX + key)
    if not isinstance(entry, Mapping):
        return None
    return entry.get(lang) or entry.get("en")


def say(message: Message, lang: str = "en") -> str:
    """The message in `lang`. A key the catalogue lacks is shown as the key, never a traceback."""
    if isinstance(message, str):
        return message
    values = {name: _value(arg, lang) for name, arg in message.args}
    key = message.key
    counted = dict(message.args).get("n")
    if isinstance(counted, int | float) and template(f"{key}.other", lang) is not None:
        key = f"{key}.{'one' if counted == 1 else 'other'}"
    text = template(key, lang)
    return render(text, values) if text is not None else message.key


def _value(arg: Arg, lang: str) -> str:
    if isinstance(arg, Msg):
        return say(arg, lang)
    if isinstance(arg, tuple):
        return ", ".join(_value(a, lang) for a in arg)
    return str(arg)


def title(code: str, lang: str = "en") -> str:
    return template(f"{code.lower()}.title", lang) or code


def default_hint(code: str) -> Msg:
    return Msg(f"{code.lower()}.hint")


# --- typed data for the caches and `--json` ---------------------------------------------------------------------


def to_data(message: Message) -> object:
    """JSON for a message: a string as it is, a `Msg` as `{"key": …, "args": {…}}` (tuples as lists)."""
    if isinstance(message, str):
        return message
    return {"key": message.key, "args": {name: _arg_data(a) for name, a in message.args}}


def _arg_data(arg: Arg) -> object:
    if isinstance(arg, Msg):
        return to_data(arg)
    if isinstance(arg, tuple):
        return [_arg_data(a) for a in arg]
    return arg


def from_data(data: object) -> Message:
    """The message `to_data` wrote."""
    if isinstance(data, str):
        return data
    if not isinstance(data, dict) or not isinstance(data.get("key"), str) or not isinstance(data.get("args"), dict):
        raise ValueError("not a stored message")
    return Msg(data["key"], tuple((name, _arg_from(a)) for name, a in data["args"].items()))


def _arg_from(data: object) -> Arg:
    if isinstance(data, dict):
        return from_data(data)
    if isinstance(data, list):
        return tuple(_arg_from(a) for a in data)
    if isinstance(data, str | int | float) and not isinstance(data, bool):
        return data
    raise ValueError("not a stored argument")
