"""Which files make a workspace's content, and one check of them with the editor's unsaved text in place.

A check is what `plaza validate <files>` does: the shipped `content/` first, then the workspace's files, all
checked together, so a level may use an event written in another file of the workspace folder or shipped with
the game. The open documents' text (possibly unsaved) stands in for their files on disk
(`load_content(overrides=...)`). Diagnostics come back grouped by file; the server shows those of open files.

Inside a workspace folder, the content is its `content/` and `levels/` folders when it has them (the layout of
the game itself), or else every Plaza file in the folder. A YAML file is a Plaza file when it sits in one of
those folders or when its first lines say `schema_version:` or `kind:` (so an unrelated YAML file in the same
folder, such as a CI workflow, is neither checked nor loaded).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from game.content.diagnostics import Diagnostic
from game.content.loader import SHIPPED_CONTENT, ContentSet, Memo, discover, load_content
from game.content.safe_read import NotReadable, read_regular

CONTENT_FOLDERS = ("content", "levels")
_SNIFF_BYTES = 4096
_PLAZA_HEADER = re.compile(r"^(schema_version|kind)\s*:", re.M)


def looks_like_content(text: str) -> bool:
    """Does this text start like a Plaza content file (a top-level `schema_version:` or `kind:` line)?"""
    return bool(_PLAZA_HEADER.search(text[:_SNIFF_BYTES]))


def resolved(path: str | Path) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def _project_of(path: Path, up: int = 3) -> Path | None:
    """The nearest folder around a file that is a content folder or holds one (at most `up` levels up)."""
    folder = resolved(path).parent
    for _ in range(up):
        if folder.name in CONTENT_FOLDERS:
            return folder.parent if any((folder.parent / n).is_dir() for n in CONTENT_FOLDERS) else folder
        if any((folder / n).is_dir() for n in CONTENT_FOLDERS):
            return folder
        if folder.parent == folder:
            break
        folder = folder.parent
    return None


@dataclass
class CheckResult:
    content: ContentSet
    by_file: dict[Path, list[Diagnostic]]  # resolved path -> its diagnostics
    seconds: float
    checked: frozenset[Path] = frozenset()  # the open documents this check saw, resolved

    def diagnostics_of(self, path: str | Path) -> list[Diagnostic]:
        return self.by_file.get(resolved(path), [])


@dataclass
class Project:
    """The workspace folders, and how their content is found and checked."""

    folders: list[Path] = field(default_factory=list)
    shipped: Path = SHIPPED_CONTENT
    _sniffed: dict[Path, tuple[int, int, bool]] = field(default_factory=dict)  # path -> (mtime_ns, size, plaza?)
    # What each file gave (parse, header, schema) by its text: an edit parses and validates that file only,
    # then the checks that need every file run over the whole set, exactly as `plaza validate` runs them.
    memo: Memo = field(default_factory=Memo)

    def roots(self, near: Iterable[Path] = ()) -> list[Path]:
        """Where the workspace's content lives: each folder's content/ and levels/, or the folder itself.

        Without workspace folders (an editor started on single files), the Plaza folders around the open files.
        """
        folders = self.folders or sorted({f for f in (_project_of(p) for p in near) if f is not None})
        found: list[Path] = []
        for folder in folders:
            inner = [folder / name for name in CONTENT_FOLDERS if (folder / name).is_dir()]
            found.extend(inner or [folder])
        return found

    def _whole_folders(self, near: Iterable[Path] = ()) -> set[Path]:
        """Roots that are content folders by name: every YAML file in them is loaded."""
        return {resolved(r) for r in self.roots(near) if r.name in CONTENT_FOLDERS} | {resolved(self.shipped)}

    def wants(self, path: Path, text: str) -> bool:
        """Should an open document be checked? (Plaza files only: other YAML in the folder is left alone.)"""
        whole = self._whole_folders([path])
        target = resolved(path)
        return any(target.is_relative_to(r) for r in whole) or looks_like_content(text)

    def files(self, open_texts: Mapping[Path, str]) -> list[Path]:
        """The files to check, in `plaza validate`'s order: shipped content first, then the workspace's."""
        whole = self._whole_folders(open_texts)
        chosen: list[Path] = [self.shipped]
        found, _ = discover(self.roots(open_texts))
        for path in found:
            key = resolved(path)
            if any(key.is_relative_to(r) for r in whole):
                chosen.append(path)
            elif key in open_texts:
                if looks_like_content(open_texts[key]):
                    chosen.append(path)
            elif self._sniff(path, key):
                chosen.append(path)
        seen = {resolved(p) for p in chosen}
        for key, text in open_texts.items():
            if key not in seen and key.is_file() and looks_like_content(text):
                chosen.append(key)  # an open file outside the workspace folders is checked with them
        return chosen

    def _sniff(self, path: Path, key: Path) -> bool:
        try:
            st = path.stat()
        except OSError:
            return False
        cached = self._sniffed.get(key)
        if cached and cached[:2] == (st.st_mtime_ns, st.st_size):
            return cached[2]
        try:  # a FIFO or device named like a YAML file must not block the server
            head = read_regular(path, _SNIFF_BYTES, root=path.parent).decode("utf-8", errors="replace")
        except (OSError, NotReadable):
            return False
        answer = looks_like_content(head)
        self._sniffed[key] = (st.st_mtime_ns, st.st_size, answer)
        return answer

    def check(self, open_texts: Mapping[Path, str]) -> CheckResult:
        """Load and check everything with the open documents' text (keys: resolved paths)."""
        start = time.perf_counter()
        files = self.files(open_texts)
        result = load_content(files, overrides=dict(open_texts), memo=self.memo)
        by_file: dict[Path, list[Diagnostic]] = {}
        for d in result.diagnostics:
            by_file.setdefault(resolved(d.where.path), []).append(d)
        return CheckResult(result.content, by_file, time.perf_counter() - start, frozenset(open_texts))
