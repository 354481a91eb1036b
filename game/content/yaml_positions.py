"""Where each key and value of a parsed file starts: `Pos`, the `SourceMap` of a file, and positions kept as bare
numbers.

A file has one position per key and value (tens of thousands in the shipped content), and a clean run never looks
at one: only a diagnostic or the language server does. So the reader (yaml_strict) writes them as it meets them, as
a flat list of whole numbers without their paths (4 per value: line, column, style (its index in STYLES), 1 if on
one line; 2 per key: line, column), and the paths are found from the data itself, walked in the same order, at the
first look. The parse cache (parse_cache) keeps the same list. This holds when the positions follow the data: not
for a key written twice (its value is not kept) or a list used as a key; the reader keeps a map by path for those.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

Path_ = tuple  # a path into the data: keys and list indices, e.g. ("events", 0, "when")
STYLES = ("", "'", '"', "|", ">")  # how a scalar is written: plain, quoted, block
# A scalar's style -> its index in STYLES (a plain one's style is "" from libyaml, None from PyYAML's parser).
STYLE_CODES: dict[str | None, int] = {None: 0, **{style: i for i, style in enumerate(STYLES)}}


class Pos(NamedTuple):
    """Where a value starts (1-based), and whether its text sits on one line as written. (A named tuple: a
    file has one per key and value, and a tuple is several times cheaper to make than a frozen dataclass.)"""

    line: int
    col: int
    style: str = ""  # "" plain, "'" or '"' quoted, "|" or ">" block
    one_line: bool = True


class SourceMap:
    """Positions of every key and value in one file.

    A fresh parse, or one read back from the cache (parse_cache), gives them as `later`, a function called at
    the first look: in a clean run no file is looked at, and finding every position's path costs more than
    the rest of the parse. `flat` is the list `later` decodes (see the module's text), when there is one."""

    def __init__(
        self,
        values: dict[Path_, Pos] | None = None,
        keys: dict[Path_, Pos] | None = None,
        later: Callable[[], tuple[dict[Path_, Pos], dict[Path_, Pos]]] | None = None,
        flat: list | None = None,
    ):
        self._values = {} if values is None else values
        self._keys = {} if keys is None else keys
        self._later = later
        self.flat = flat

    @property
    def values(self) -> dict[Path_, Pos]:
        if self._later is not None:
            self._settle()
        return self._values

    @property
    def keys(self) -> dict[Path_, Pos]:
        if self._later is not None:
            self._settle()
        return self._keys

    def _settle(self) -> None:
        later, self._later = self._later, None
        assert later is not None
        self._values, self._keys = later()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SourceMap) and (self.values, self.keys) == (other.values, other.keys)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass it replaces

    def __repr__(self) -> str:
        return f"SourceMap({len(self.values)} values, {len(self.keys)} keys)"

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


def paths(data: Any) -> tuple[list[tuple], list[tuple]]:
    """The path of every value and of every key in `data`, in the order the reader meets them in the text
    (values: each node before its children; keys: in the same walk)."""
    values: list[tuple] = []
    keys: list[tuple] = []

    def walk(node: Any, path: tuple) -> None:
        values.append(path)
        if type(node) is dict:
            for k, v in node.items():
                keys.append((*path, k))
                walk(v, (*path, k))
        elif type(node) is list:
            for i, v in enumerate(node):
                walk(v, (*path, i))

    walk(data, ())  # at most MAX_DEPTH deep
    return values, keys


def decode_positions(data: Any, flat: Any) -> tuple[dict[Path_, Pos], dict[Path_, Pos]]:
    """The positions of `data` from the numbers kept with it; ValueError or TypeError when they cannot be those."""
    value_paths, key_paths = paths(data)
    if not isinstance(flat, list) or len(flat) != 4 * len(value_paths) + 2 * len(key_paths):
        raise ValueError("positions of another document")
    of_values = flat[: 4 * len(value_paths)]
    if not all(type(n) is int for n in flat):
        raise TypeError("not a position")
    if not all(0 <= code < len(STYLES) for code in of_values[2::4]):
        raise ValueError("not a style")
    it = iter(flat)
    values = {path: Pos(next(it), next(it), STYLES[next(it)], bool(next(it))) for path in value_paths}
    keys = {path: Pos(next(it), next(it)) for path in key_paths}
    return values, keys
