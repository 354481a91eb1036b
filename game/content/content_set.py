"""What loading content builds: the validated entries (`ContentSet`) and where each was written (`Origin`).

Below both the loader, which fills a ContentSet, and the checker, which reads one, so neither imports the other
back (issue 14).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

from game.content import schemas
from game.content.diagnostics import Location
from game.content.expressions import Condition
from game.content.yaml_strict import Document


@dataclass(frozen=True)
class Origin:
    """Where an entry was written: its document and its path inside it."""

    doc: Document
    path: tuple = ()

    def location(self, sub: tuple = (), *, key: bool = False) -> Location:
        pos = self.doc.source.find(self.path + tuple(sub), key=key)
        return Location(self.doc.path, pos.line, pos.col)

    def at(self, sub: tuple = (), *, key: bool = False) -> Callable[[], Location]:
        """`location`, worked out only if asked: a clean file's positions are never decoded (parse_cache)."""
        return partial(self.location, sub, key=key)


@dataclass
class ContentSet:
    """Everything the game reads from content files, validated."""

    state: dict[str, dict[str, schemas.VarDecl]] = field(default_factory=lambda: {s: {} for s in schemas.SCOPES})
    metrics: dict[str, schemas.MetricDecl] = field(default_factory=dict)  # end-of-game metrics (state files)
    parameters: dict[str, schemas.Parameter] = field(default_factory=dict)
    strings: dict[str, schemas.Text] = field(default_factory=dict)
    measures: dict[str, schemas.Measure] = field(default_factory=dict)
    events: dict[str, schemas.Event] = field(default_factory=dict)
    levels: dict[str, schemas.Level] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    # Entries whose id is known but which failed validation: references to them are not reported again.
    broken: set[tuple[str, str]] = field(default_factory=set)
    # Files that could not be read or failed their header or schema.
    failed_files: set[str] = field(default_factory=set)
    failed_kinds: set[str] = field(default_factory=set)  # kinds of files that failed their schema
    files: list[str] = field(default_factory=list)
    source_paths: list[str] = field(default_factory=list)  # what load_content was given, to load it again
    # Conditions compiled once at load, keyed by (scope, source); filled by checks.run_checks.
    conditions: dict[tuple[str, str], Condition] = field(default_factory=dict)
    digests: list[str] = field(default_factory=list)  # sha256 of each readable file's text

    @property
    def content_hash(self) -> str:
        """One fingerprint of all loaded files' contents (not their paths): logs and saves carry it."""
        return hashlib.sha256("".join(sorted(self.digests)).encode()).hexdigest()[:16]

    def condition(self, source: str, scope: str) -> Condition:
        return self.conditions[(scope, source)]

    def known(self, kind: str, ident: str) -> bool:
        tables: dict[str, Mapping[str, object]] = {"measure": self.measures, "event": self.events, "level": self.levels}
        return ident in tables[kind] or (kind, ident) in self.broken
