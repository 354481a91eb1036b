"""The class report's templates compiled once, not at every `plaza report`: Jinja2's bytecode cache in the user's
cache folder (game.user_cache, `templates/`), safe to delete.

Compiling the report's four templates costs about 60 ms, some 5% of the command. Jinja2 keys each entry by the
template's name and file and checks it against a digest of the template's source and its own and Python's
versions, so an edited template or another Jinja2 is compiled again; the folder's name adds the environment's
options (autoescaping, whitespace), which change the compiled code. An entry is marshalled code, run when read: it
is read only from a folder the user owns and no one else may enter, from a regular file the user owns
(`game.user_cache.read_private`); anything else, or any error while reading, means "compile as usual".
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from game.user_cache import cache_dir, read_private, write_private


class KeptTemplates(jinja2.BytecodeCache):
    """Compiled templates kept under `templates/<options>/` in the cache folder (looked up at each use)."""

    def __init__(self, options: dict[str, object]):
        self.options = hashlib.sha256(repr(sorted(options.items())).encode()).hexdigest()[:16]

    def _path(self, bucket: Bucket) -> Path:
        return cache_dir() / "templates" / self.options / f"{bucket.key}.jinja"

    def load_bytecode(self, bucket: Bucket) -> None:
        data = read_private(self._path(bucket))
        if data is None:
            return
        try:
            bucket.bytecode_from_string(data)  # a stale entry (other source, Jinja2 or Python) is reset by Jinja2
        except Exception:  # a damaged entry: compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        write_private(self._path(bucket), bucket.bytecode_to_string())
