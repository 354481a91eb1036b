"""Checked content kept between runs, so a command that plays the shipped content does not parse and check it
again at every start (`plaza simulate LEVEL --runs 1`, `plaza replay`, the game's launch).

What is kept is the whole result of `load_content` (the ContentSet and its diagnostics), under a key made by
check_cache.key_for: the bytes and names of every content and level file, the working folder (diagnostics name
files relative to it), the source of the content package (`game/content/*.py`, which defines every kept class),
Plaza's version and those of Python, pydantic and PyYAML. Edit a file or upgrade Plaza and the key changes, so
the old entry is simply not used; the folder is safe to delete.

The entry is a pickle, because the content is made of pydantic models and compiled conditions that JSON cannot
carry without validating them again (the very cost this cache saves). A pickle can run code when it is read, so
an entry is read only when all of these hold, else it is ignored and the content is loaded and checked as usual:
- it is a regular file owned by the user running Plaza, in the user's own cache folder (game.user_cache), in a
  folder of its own (`content/`) that this user owns and no one else may enter (made so when it is made; a folder
  others may enter or write is not read, whatever the files' own modes: a umask of 002 makes them group-writable);
- it starts with this format's mark and the very key asked for (an entry of another content or version is
  foreign);
- the digest written beside the pickle matches its bytes (a partial or damaged file is never unpickled).
Any error while reading an entry (even one that passes these tests) means "no entry", never a crash. The entry
is opened without following a link, and its owner and kind are checked on the opened file itself, so a file
swapped in between the checks and the read is not read either.

Where the system cannot say who owns a file (Windows) the cache is off: nothing is kept and nothing is read, since a
cache folder there may be shared (PLAZA_HOME on a classroom's network drive) and anyone who could write to it could
make every Plaza that reads it run their code.

The files' parsed documents (their data and the positions a message points at) are not kept: the few asked
for are read again from the file itself, and only when its text is still the one that was checked.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from game import __version__
from game.content import check_cache, loader
from game.content.content_set import ContentSet, Origin
from game.content.files import SHIPPED_CONTENT, SHIPPED_LEVELS, _discover, label_of
from game.content.loader import LoadResult, Memo
from game.content.parse_cache import ParseCache
from game.content.yaml_strict import Document, SourceMap, YamlProblems, parse, read_text
from game.user_cache import write_whole

FORMAT = b"plaza-checked-content 2\n"  # 2: diagnostics keep typed messages (game.content.diagnostic_text)
# Who owns a file, and opening one without following a link: without both, no entry can be trusted (see above).
SUPPORTED = os.name == "posix" and hasattr(os, "getuid") and hasattr(os, "O_NOFOLLOW")
KEEP = 8  # entries: one per content the user plays (shipped, an author's folder…); the oldest are removed


def cache_folder() -> Path:
    return check_cache.cache_dir() / "content"


def load_checked(paths: Iterable[str | Path] | None = None) -> LoadResult:
    """`load_content(paths)` (without paths: the shipped content/ and levels/), from the cache when the same files
    were loaded and checked before by this very Plaza."""
    given = [SHIPPED_CONTENT, SHIPPED_LEVELS] if paths is None else list(paths)
    found, refused = _discover(given)
    options = json.dumps(
        {
            "content cache": FORMAT.decode().strip(),
            "plaza": __version__,
            "given": [str(p) for p in given],
            "refused": [d.to_dict() for d in refused],
        }
    )
    key = check_cache.key_for([path for path, _root in found], options)
    if key is not None:
        kept = read(key)
        if kept is not None:
            return kept
    # looked up when called, not bound at import: a test that stands in for the loader must not stay in here
    result = loader.load_content(given, memo=Memo(parsed=ParseCache()))  # unchanged files are not even parsed again
    # kept only if no file changed while it was loaded (the result would not be that of the key's bytes)
    if key is not None and check_cache.key_for([path for path, _root in found], options) == key:
        write(key, result, {label_of(path): str(path.absolute()) for path, _root in found})
    return result


def read(key: str, folder: Path | None = None) -> LoadResult | None:
    """The result kept under `key`, or None when there is no entry that can be trusted (see the module's text)."""
    if not SUPPORTED:
        return None
    path = (folder or cache_folder()) / f"{key}.pickle"
    try:
        if not _private(path.parent):
            return None
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as file:
            info = os.fstat(file.fileno())  # the file opened, not the name looked at before
            if not (stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid()):
                return None
            data = file.read()
        head = FORMAT + key.encode() + b"\n"
        if not data.startswith(head):
            return None
        digest, _, payload = data[len(head) :].partition(b"\n")
        if hashlib.sha256(payload).hexdigest().encode() != digest:
            return None
        result = pickle.loads(payload)
    except Exception:  # whatever an entry holds, a bad one means "load as usual"
        return None
    if not (isinstance(result, LoadResult) and isinstance(result.content, ContentSet)):
        return None
    return result


def write(key: str, result: LoadResult, files: dict[str, str], folder: Path | None = None) -> None:
    """Keep `result` under `key` (written whole or not at all); a cache that cannot be written is not an error.
    `files` maps each file's label to where it is, to read positions again from it when asked."""
    if not SUPPORTED:
        return
    folder = folder or cache_folder()
    try:
        payload = pickle.dumps(_light(result, files), protocol=pickle.HIGHEST_PROTOCOL)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private(folder) and _mine(folder, stat.S_ISDIR):
            folder.chmod(0o700)  # made by an earlier Plaza, or with a umask that let others in
        for old in sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime)[: -(KEEP - 1)]:
            old.unlink(missing_ok=True)
        digest = hashlib.sha256(payload).hexdigest().encode()
        write_whole(folder / f"{key}.pickle", FORMAT + key.encode() + b"\n" + digest + b"\n" + payload)
    except Exception:  # an entry that cannot be made (an unpicklable value, a full disk) is skipped
        pass


def _mine(path: Path, kind: Callable[[int], bool]) -> bool:
    """Is `path` (not followed if a link) of that kind and owned by the user running Plaza?"""
    info = os.lstat(path)
    return kind(info.st_mode) and (not hasattr(os, "getuid") or info.st_uid == os.getuid())


def _private(folder: Path) -> bool:
    """Is `folder` the user's own, and closed to everyone else (no one else may list, enter or write it)?"""
    return _mine(folder, stat.S_ISDIR) and (os.name != "posix" or not os.lstat(folder).st_mode & 0o077)


def _light(result: LoadResult, files: dict[str, str]) -> LoadResult:
    """The result with each entry's document kept as where it is and its digest (its data and positions are
    most of the pickle and rarely looked at once checked): `KeptDocument` reads them again when asked."""
    content = result.content
    light: dict[int, Document] = {}

    def doc_of(doc: Document) -> Document:
        if id(doc) not in light:
            light[id(doc)] = KeptDocument(doc.path, doc.digest, files.get(doc.path, doc.path))
        return light[id(doc)]

    origins = {key: Origin(doc_of(o.doc), o.path) for key, o in content.origins.items()}
    kept = ContentSet(**{**vars(content), "origins": origins})
    return LoadResult(kept, result.diagnostics)


class KeptDocument(Document):
    """A checked file's document whose data and positions are parsed again from the file at the first look, and
    only when its text is still the one checked (else none: a message then points at the file's start rather
    than at a wrong line)."""

    def __init__(self, path: str, digest: str, where: str):  # not the dataclass's fields: data and source are read
        self.path, self.digest, self._where = path, digest, where
        self._parsed: tuple[Any, SourceMap] | None = None

    @property
    def data(self) -> Any:
        return self._again()[0]

    @data.setter
    def data(self, value: Any) -> None:
        self._parsed = (value, self._again()[1])

    @property
    def source(self) -> SourceMap:
        return self._again()[1]

    @source.setter
    def source(self, value: SourceMap) -> None:
        self._parsed = (self._again()[0], value)

    def _again(self) -> tuple[Any, SourceMap]:
        if self._parsed is None:
            self._parsed = ({}, SourceMap())
            try:
                text, _warnings = read_text(Path(self._where), self.path, None)
                if hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest() == self.digest:
                    doc = parse(text, self.path)[0]
                    self._parsed = (doc.data, doc.source)
            except (OSError, YamlProblems):
                pass
        return self._parsed
