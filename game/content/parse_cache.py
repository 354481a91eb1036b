"""Parsed content files kept between runs of `plaza validate`, each under a key made from its own text.

When one file of the content changes, the whole verdict (check_cache) is stale, but the other files parse
exactly as before: their documents (data, positions, the YAML reader's own diagnostics) are read back from
here instead of parsed again.

Positions are kept as the reader's flat list of numbers in the order it met the values and keys, without their
paths (game/content/yaml_positions.py): the paths are those of the data itself, walked in the same order (writing a
path beside each of a file's thousands of positions cost a cold run more than the rest of the cache). The numbers
are written as 32-bit little-endian integers in base 64, ten times cheaper to write than a JSON list. A document
whose positions do not follow its data that way (a key written twice, a list used as a key) keeps none, and, like
an entry whose positions cannot be read, is parsed again the first time a diagnostic asks where something is.

The key is a digest of the file's label (diagnostics name it), its text, the reader's source (`yaml_strict`,
`yaml_text`, `diagnostics`), which parser reads it and the versions of Python and PyYAML, so an entry is used
only for the very same text read by the very same reader.

Entries are JSON (never pickle): a cache folder that someone else wrote can at worst give wrong data for the
text it was keyed by, not run code. An entry that cannot be read is ignored and the file is parsed; the folder
is safe to delete; at most `KEEP` entries are kept.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from array import array
from functools import partial
from pathlib import Path

from game.content import check_cache, yaml_strict
from game.content.diagnostics import Diagnostic
from game.content.yaml_positions import Pos, SourceMap, decode_positions
from game.content.yaml_strict import Document, YamlProblems
from game.user_cache import write_whole

KEEP = 400  # entries; the oldest are removed when a run writes new ones
_READER = Path(__file__).resolve().parent
_SOURCES = (
    "yaml_strict.py",
    "yaml_positions.py",
    "yaml_syntax.py",
    "yaml_text.py",
    "diagnostics.py",
    "diagnostic_text.py",
    "parse_cache.py",
)  # the reader and this format


class ParseCache:
    """`parse(text, label)` as yaml_strict.parse, answered from the folder when the same text was parsed before."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder if folder is not None else check_cache.cache_dir() / "parsed"
        self._version: str | None = None
        self.written = 0
        self.hits = 0

    def version(self) -> str:
        if self._version is None:
            h = hashlib.sha256(check_cache.libraries().encode())
            h.update(yaml_strict.PARSER.encode())
            for name in _SOURCES:
                try:
                    h.update((_READER / name).read_bytes())
                except OSError:
                    h.update(b"?")
            self._version = h.hexdigest()
        return self._version

    def key(self, text: str, label: str) -> str:
        h = hashlib.sha256(self.version().encode())
        h.update(b"\0" + label.encode(errors="surrogateescape") + b"\0")
        h.update(text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def parse(self, text: str, label: str) -> tuple[Document, list[Diagnostic]]:
        key = self.key(text, label)
        entry = self._read(key, text, label)
        if entry is not None:
            self.hits += 1
            doc, problems, fatal = entry
            if fatal:
                raise YamlProblems(problems)
            assert doc is not None
            return doc, problems
        try:
            doc, problems = yaml_strict.parse(text, label)
        except YamlProblems as exc:
            self._write(key, {"fatal": True, "problems": [d.to_dict() for d in exc.diagnostics]})
            raise
        head = {"fatal": False, "problems": [d.to_dict() for d in problems], "path": doc.path, "data": doc.data}
        self._write(key, head, _positions_of(doc))
        return doc, problems

    def _read(self, key: str, text: str, label: str) -> tuple[Document | None, list[Diagnostic], bool] | None:
        try:
            head, _, positions = (self.folder / f"{key}.json").read_text(encoding="utf-8").partition("\n")
            raw = json.loads(head)
            problems = [Diagnostic.from_dict(d) for d in raw["problems"]]
            if raw["fatal"] is True:
                return None, problems, True
            if not isinstance(raw["path"], str):
                raise ValueError("not a parsed document")
            source = SourceMap(later=partial(_positions_or_parse, head, positions, text, label))
            return Document(raw["path"], raw["data"], source), problems, False
        except (OSError, ValueError, KeyError, TypeError):  # missing, partial or from another version: parse
            return None

    def _write(self, key: str, payload: dict, positions: str = "") -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self.written == 0:
                self._prune()
            # ASCII, so lone surrogates survive the trip; one line each, as json.dumps writes no raw line break; no
            # check for circles: a parsed document is a tree
            head = json.dumps(payload, check_circular=False)
            write_whole(self.folder / f"{key}.json", head + ("\n" + positions if positions else ""))
            self.written += 1
        except (OSError, ValueError):  # a cache that cannot be written is not an error
            pass

    def _prune(self) -> None:
        entries = sorted(self.folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for old in entries[: max(0, len(entries) - KEEP)]:
            old.unlink(missing_ok=True)


def _positions_of(doc: Document) -> str:
    """The document's positions as base 64 (see the module's text), or "" when they do not follow its data."""
    flat = doc.source.flat
    if flat is None:
        return ""
    numbers = array("i", flat)
    if sys.byteorder == "big":
        numbers.byteswap()
    return base64.b64encode(numbers.tobytes()).decode("ascii")


def _numbers(positions: str) -> list[int]:
    numbers = array("i")
    numbers.frombytes(base64.b64decode(positions, validate=True))  # ValueError when damaged
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers.tolist()


def _positions_or_parse(head: str, positions: str, text: str, label: str) -> tuple[dict[tuple, Pos], dict[tuple, Pos]]:
    """The positions kept with a parse, decoded when first looked at against the data they were kept with; when
    they cannot be read, the text is parsed again for them (the cache never decides a position it cannot vouch
    for)."""
    try:
        return decode_positions(json.loads(head)["data"], _numbers(positions))
    except (ValueError, KeyError, TypeError):
        try:
            source = yaml_strict.parse(text, label)[0].source
        except YamlProblems:  # cannot happen for a text whose parse was kept, but a position is never worth a crash
            return {}, {}
        return source.values, source.keys
