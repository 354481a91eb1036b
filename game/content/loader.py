"""Load content files into one validated ContentSet, collecting diagnostics instead of raising.

Pipeline per file: strict YAML (yaml_strict) → header (`schema_version`, `kind`) → pydantic schema, entry by
entry so one broken event does not hide the others. Then `checks.run_checks` does everything that needs
more than one file. `load_content` is the one entry point the game, the CLI and the tests use.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from game.content import schemas
from game.content.content_set import ContentSet as ContentSet  # re-exported: callers import them from the loader
from game.content.content_set import Origin as Origin
from game.content.diagnostic_text import Msg, msg
from game.content.diagnostics import Diagnostic, capped, diag, unique
from game.content.files import REPO_ROOT as REPO_ROOT  # re-exported: callers import them from the loader
from game.content.files import SHIPPED_CONTENT, SHIPPED_LEVELS, _discover, label_of
from game.content.files import YAML_SUFFIXES as YAML_SUFFIXES
from game.content.files import discover as discover
from game.content.parse_cache import ParseCache
from game.content.schema_errors import did_you_mean, has, one_of, translate
from game.content.yaml_strict import Document, YamlProblems, given_text, parse, read_text


@dataclass
class LoadResult:
    content: ContentSet
    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class Entry:
    """An entry a file declares, to be registered under (kind, ident); `table`, `scope` and `name` say where the
    ContentSet keeps it besides its table of measures, events or levels (a state value, a parameter…)."""

    kind: str
    ident: str
    obj: Any
    origin: Origin
    table: str = ""
    scope: str = ""
    name: str = ""


@dataclass
class FileLoad:
    """What one file gives before it meets the others. Built from the file's text alone, so a memo may give the
    same FileLoad to the next load while the text is unchanged."""

    label: str
    problems: list[Diagnostic]
    digest: str = ""  # empty when the file could not be read
    failed_file: bool = False
    failed_kind: str = ""
    entries: list[Entry] = field(default_factory=list)
    broken: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Memo:
    """FileLoads by (label, digest of the text), and where parsed files are kept between runs (if anywhere)."""

    files: dict[tuple[str, str], FileLoad] = field(default_factory=dict)
    parsed: ParseCache | None = None

    def keep(self, used: set[tuple[str, str]]) -> None:
        """Forget every file text not used by the last load, so memory stays that of one load."""
        self.files = {k: v for k, v in self.files.items() if k in used}


def default_paths() -> list[Path]:
    return [SHIPPED_CONTENT, SHIPPED_LEVELS]


def load_content(
    paths: Iterable[str | Path] | None = None,
    *,
    check: bool = True,
    overrides: Mapping[str | Path, str] | None = None,
    memo: Memo | None = None,
) -> LoadResult:
    """Load and check content. Without paths: the shipped `content/` and `levels/`.

    `overrides` maps a file's path to text that stands in for what is on disk (an editor's unsaved buffer).
    `memo` keeps what each file gave (by its text) for the next load: unchanged files are not parsed or
    validated again (the language server keeps one; `plaza validate` gives one that reads parses from disk).
    """
    given = default_paths() if paths is None else list(paths)
    files, problems = _discover(given)
    content = ContentSet(source_paths=[str(p) for p in given])
    texts = {Path(k).resolve(): v for k, v in (overrides or {}).items()}
    here = Path.cwd().resolve() if files else None  # every label is relative to it (files.label_of)
    used = set()
    for path, root in files:
        load = _load_one(path, texts.get(path.resolve()) if texts else None, root, memo, here)
        used.add((load.label, load.digest))
        problems.extend(_apply(load, content))
    if memo is not None:
        memo.keep(used)
    if check:
        # imported here, not at the top: every layer imports ContentSet from this module, and a command that plays
        # content kept already checked (game.content.content_cache) needs none of the checks' modules
        from game.content.checks import run_checks

        problems.extend(run_checks(content))
    shown, more = capped(_one_per_spot(problems))  # the first 50 of each code in each file, then a count
    return LoadResult(content, unique(shown + more))


def _one_per_spot(problems: list[Diagnostic]) -> list[Diagnostic]:
    """Where the YAML reader already reported a value (a tag, `yes`, `010`…), later checks of it are echoes."""
    yaml_spots = {d.where for d in problems if d.is_error and d.code < "E120"}
    return [d for d in problems if d.code < "E120" or d.where not in yaml_spots]


def _load_one(path: Path, text: str | None, root: Path, memo: Memo | None, here: Path | None = None) -> FileLoad:
    """What one file gives on its own: read, parse, header and schema (no other file is looked at)."""
    label = label_of(path, here)
    try:
        text, warnings = read_text(path, label, root) if text is None else given_text(text, label)
    except YamlProblems as exc:
        return FileLoad(label, exc.diagnostics, failed_file=True)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    if memo is not None:
        known = memo.files.get((label, digest))
        if known is not None:
            return known
    load = _parse_and_validate(text, label, digest, warnings, memo)
    if memo is not None:
        memo.files[(label, digest)] = load
    return load


def _parse_and_validate(text: str, label: str, digest: str, warnings: list[Diagnostic], memo: Memo | None) -> FileLoad:
    try:
        doc, problems = memo.parsed.parse(text, label) if memo and memo.parsed else parse(text, label)
    except YamlProblems as exc:
        return FileLoad(label, exc.diagnostics, failed_file=True)
    doc.digest = digest
    problems = problems + warnings
    load = FileLoad(label, problems, digest=digest)
    header = _check_header(doc)
    if header:
        load.problems = problems + header
        load.failed_file = True
        return load
    kind = doc.data["kind"]
    load.problems = problems + _validate(doc, kind, load)
    if any(d.is_error for d in load.problems):
        load.failed_kind = kind
    return load


def _apply(load: FileLoad, content: ContentSet) -> list[Diagnostic]:
    """Add what one file gave to the content; the problems are its own and those of ids used twice."""
    content.files.append(load.label)
    if load.digest:
        content.digests.append(load.digest)
    if load.failed_file:
        content.failed_files.add(load.label)
    if load.failed_kind:
        content.failed_kinds.add(load.failed_kind)
    content.broken.update(load.broken)
    problems = list(load.problems)
    for entry in load.entries:
        problems += _register(content, entry.kind, entry.ident, entry.obj, entry.origin)
        if entry.table:
            table = getattr(content, entry.table)
            (table[entry.scope] if entry.scope else table)[entry.name] = entry.obj
    return problems


def _check_header(doc: Document) -> list[Diagnostic]:
    data = doc.data
    if not isinstance(data, dict) or "schema_version" not in data or "kind" not in data:
        pos = doc.source.find(())  # only when it is needed: positions read back from the cache are decoded late
    if not isinstance(data, dict):
        return [diag("E120", Msg("loader.not_a_mapping"), doc.path, pos.line, pos.col)]
    out = []
    version = data.get("schema_version")
    if "schema_version" not in data:
        out.append(
            diag(
                "E120",
                msg("schema.missing", key="schema_version"),
                doc.path,
                pos.line,
                pos.col,
                Msg("loader.add_schema_version_hint"),
            )
        )
    elif not isinstance(version, int) or isinstance(version, bool) or version != schemas.SCHEMA_VERSION:
        p = doc.source.find(("schema_version",))
        newer = isinstance(version, int) and not isinstance(version, bool) and version > schemas.SCHEMA_VERSION
        out.append(
            diag(
                "E121",
                msg("loader.unsupported_version", version=repr(version)),
                doc.path,
                p.line,
                p.col,
                Msg("loader.newer_hint") if newer else msg("loader.write_version_hint", version=schemas.SCHEMA_VERSION),
            )
        )
    kind = data.get("kind")
    if "kind" not in data:
        out.append(
            diag(
                "E120",
                msg("schema.missing", key="kind"),
                doc.path,
                pos.line,
                pos.col,
                msg("loader.add_kind_hint", kinds=tuple(schemas.KINDS)),
            )
        )
    elif kind not in schemas.KINDS:
        p = doc.source.find(("kind",))
        out.append(
            diag(
                "E120",
                msg("loader.unknown_kind", kind=str(kind)),
                doc.path,
                p.line,
                p.col,
                did_you_mean(kind, schemas.KINDS) or one_of(schemas.KINDS),
            )
        )
    return out


def _validate(doc: Document, kind: str, load: FileLoad) -> list[Diagnostic]:
    model = schemas.FILE_MODELS[kind]
    problems: list[Diagnostic] = []
    if kind in schemas.ITEM_LISTS:
        list_key, item_model = schemas.ITEM_LISTS[kind]
        raw_items = doc.data.get(list_key)
        shell = {k: ([] if k == list_key and isinstance(v, list) else v) for k, v in doc.data.items()}
        file_obj = _check(model, shell, doc, (), problems)
        if file_obj is None:
            load.failed_file = True
        if isinstance(raw_items, list):
            adapter = _adapter(item_model)
            singular = list_key.rstrip("s")
            for i, raw in enumerate(raw_items):
                item = _check(adapter, raw, doc, (list_key, i), problems, item_model)
                ident = raw.get("id") if isinstance(raw, dict) else None
                if item is not None:
                    load.entries.append(Entry(singular, item.id, item, Origin(doc, (list_key, i))))
                elif isinstance(ident, str):
                    load.broken.append((singular, ident))
        return problems

    obj = _check(model, doc.data, doc, (), problems)
    if obj is None:
        load.failed_file = True
        if kind == "level" and isinstance(doc.data.get("id"), str):
            load.broken.append(("level", doc.data["id"]))
        return problems
    if kind == "level":
        load.entries.append(Entry("level", obj.id, obj, Origin(doc)))
    elif kind == "state":
        for scope in schemas.SCOPES:
            for name, decl in getattr(obj, scope).items():
                origin = Origin(doc, (scope, name))
                load.entries.append(Entry(f"{scope} value", f"{scope}.{name}", decl, origin, "state", scope, name))
        for name, metric in obj.metrics.items():
            load.entries.append(Entry("metric", name, metric, Origin(doc, ("metrics", name)), "metrics", "", name))
    elif kind == "model":
        for name, param in obj.parameters.items():
            origin = Origin(doc, ("parameters", name))
            load.entries.append(Entry("parameter", name, param, origin, "parameters", "", name))
    elif kind == "strings":
        for key, text in obj.strings.items():
            load.entries.append(Entry("string", key, text, Origin(doc, ("strings", key)), "strings", "", key))
    return problems


@cache
def _adapter(model: type[BaseModel]) -> TypeAdapter[Any]:
    return TypeAdapter(model)


def _check(
    model: type[BaseModel] | TypeAdapter[Any],
    raw: Any,
    doc: Document,
    prefix: tuple,
    problems: list[Diagnostic],
    root: type[BaseModel] | None = None,
) -> Any:
    """Validate `raw` (at `prefix` in doc); on failure add translated diagnostics and return None (else the
    validated entry, whose class depends on the file's kind).

    When the only problems are unknown keys, they are reported and the entry is validated again without them,
    so the author also sees the problems the later checks find, in one pass.
    """
    validate = model.validate_python if isinstance(model, TypeAdapter) else model.model_validate
    try:
        return validate(raw)
    except ValidationError as exc:
        schema = root or model
        assert not isinstance(schema, TypeAdapter), "an adapter's errors are translated against `root`, its model"
        problems.extend(translate(exc, doc, schema, prefix))
        errors = exc.errors(include_url=False)
        if not all(e["type"] == "extra_forbidden" for e in errors):
            return None
        cleaned = copy.deepcopy(raw)
        for e in errors:
            _drop(cleaned, tuple(e["loc"]))
        try:
            return validate(cleaned)
        except ValidationError:
            return None


def _drop(data: Any, loc: tuple) -> None:
    """Remove the key at `loc`, skipping the union-member names pydantic puts in locations."""
    node = data
    for el in loc[:-1]:
        if has(node, el):
            node = node[el]
    if isinstance(node, dict):
        node.pop(loc[-1], None)


_TABLES = {"measure": "measures", "event": "events", "level": "levels"}
# What an entry of each kind is called in a message (`the event id `x` is already used`).
_KIND_WORDS = {
    "event": Msg("place.event"),
    "measure": Msg("place.measure"),
    "level": Msg("kind.level"),
    "city value": Msg("kind.city_value"),
    "district value": Msg("kind.district_value"),
    "player value": Msg("kind.player_value"),
    "metric": Msg("kind.metric"),
    "parameter": Msg("kind.parameter"),
    "string": Msg("kind.string"),
}


def _register(content: ContentSet, kind: str, ident: str, obj: Any, origin: Origin) -> list[Diagnostic]:
    key = (kind, ident)
    first = content.origins.get(key)
    if first is not None:
        where = origin.location(("id",) if kind in _TABLES else ())
        return [
            diag(
                "E160",
                msg("loader.id_used", kind=_KIND_WORDS.get(kind, kind), id=ident),
                where.path,
                where.line,
                where.col,
                msg("loader.id_used_hint", place=str(first.location(("id",) if kind in _TABLES else ()))),
            )
        ]
    content.origins[key] = origin
    if kind in _TABLES:
        getattr(content, _TABLES[kind])[ident] = obj
    return []
