"""Load content files into one validated ContentSet, collecting diagnostics instead of raising.

Pipeline per file: strict YAML (yaml_strict) → header (`schema_version`, `kind`) → pydantic schema, entry by
entry so one broken event does not hide the others. Then `checks.run_checks` does everything that needs
more than one file. `load_content` is the one entry point the game, the CLI and the tests use.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from game.content import schemas
from game.content.checks import run_checks
from game.content.content_set import ContentSet as ContentSet  # re-exported: callers import them from the loader
from game.content.content_set import Origin as Origin
from game.content.diagnostics import Diagnostic, capped, diag, unique
from game.content.files import REPO_ROOT as REPO_ROOT  # re-exported: callers import them from the loader
from game.content.files import SHIPPED_CONTENT, SHIPPED_LEVELS, _discover
from game.content.files import YAML_SUFFIXES as YAML_SUFFIXES
from game.content.files import discover as discover
from game.content.schema_errors import did_you_mean, has, translate
from game.content.yaml_strict import Document, YamlProblems, load_file


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


def default_paths() -> list[Path]:
    return [SHIPPED_CONTENT, SHIPPED_LEVELS]


def load_content(
    paths: Iterable[str | Path] | None = None, *, check: bool = True, overrides: Mapping[str | Path, str] | None = None
) -> LoadResult:
    """Load and check content. Without paths: the shipped `content/` and `levels/`.

    `overrides` maps a file's path to text that stands in for what is on disk (an editor's unsaved buffer).
    """
    given = default_paths() if paths is None else list(paths)
    files, problems = _discover(given)
    content = ContentSet(source_paths=[str(p) for p in given])
    texts = {Path(k).resolve(): v for k, v in (overrides or {}).items()}
    for path, root in files:
        problems.extend(_load_one(path, content, texts.get(path.resolve()) if texts else None, root))
    if check:
        problems.extend(run_checks(content))
    shown, more = capped(_one_per_spot(problems))  # the first 50 of each code in each file, then a count
    return LoadResult(content, unique(shown + more))


def _one_per_spot(problems: list[Diagnostic]) -> list[Diagnostic]:
    """Where the YAML reader already reported a value (a tag, `yes`, `010`…), later checks of it are echoes."""
    yaml_spots = {d.where for d in problems if d.is_error and d.code < "E120"}
    return [d for d in problems if d.code < "E120" or d.where not in yaml_spots]


def _label(path: Path) -> str:
    """Paths are shown relative to the working folder when they are inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _load_one(path: Path, content: ContentSet, text: str | None = None, root: Path | None = None) -> list[Diagnostic]:
    label = _label(path)
    content.files.append(label)
    try:
        doc, problems = load_file(path, label, text=text, root=root)
    except YamlProblems as exc:
        content.failed_files.add(label)
        return exc.diagnostics
    content.digests.append(doc.digest)
    header = _check_header(doc)
    if header:
        content.failed_files.add(label)
        return problems + header
    kind = doc.data["kind"]
    found = _validate(doc, kind, content)
    if any(d.is_error for d in found + problems):
        content.failed_kinds.add(kind)
    return problems + found


def _check_header(doc: Document) -> list[Diagnostic]:
    data = doc.data
    pos = doc.source.find(())
    if not isinstance(data, dict):
        return [
            diag(
                "E120", "a content file must be a mapping of `key: value` lines at the top", doc.path, pos.line, pos.col
            )
        ]
    out = []
    version = data.get("schema_version")
    if "schema_version" not in data:
        out.append(
            diag(
                "E120",
                "`schema_version` is missing",
                doc.path,
                pos.line,
                pos.col,
                "add `schema_version: 1` as the first line",
            )
        )
    elif not isinstance(version, int) or isinstance(version, bool) or version != schemas.SCHEMA_VERSION:
        p = doc.source.find(("schema_version",))
        newer = isinstance(version, int) and not isinstance(version, bool) and version > schemas.SCHEMA_VERSION
        out.append(
            diag(
                "E121",
                f"schema_version {version!r} is not supported",
                doc.path,
                p.line,
                p.col,
                "this file was written for a newer Plaza; update Plaza"
                if newer
                else f"write `schema_version: {schemas.SCHEMA_VERSION}`",
            )
        )
    kind = data.get("kind")
    if "kind" not in data:
        out.append(
            diag(
                "E120",
                "`kind` is missing",
                doc.path,
                pos.line,
                pos.col,
                f"add `kind:` with one of: {', '.join(schemas.KINDS)}",
            )
        )
    elif kind not in schemas.KINDS:
        p = doc.source.find(("kind",))
        out.append(
            diag(
                "E120",
                f"`{kind}` is not a kind of content file",
                doc.path,
                p.line,
                p.col,
                did_you_mean(kind, schemas.KINDS) or f"use one of: {', '.join(schemas.KINDS)}",
            )
        )
    return out


def _validate(doc: Document, kind: str, content: ContentSet) -> list[Diagnostic]:
    model = schemas.FILE_MODELS[kind]
    problems: list[Diagnostic] = []
    if kind in schemas.ITEM_LISTS:
        list_key, item_model = schemas.ITEM_LISTS[kind]
        raw_items = doc.data.get(list_key)
        shell = {k: ([] if k == list_key and isinstance(v, list) else v) for k, v in doc.data.items()}
        file_obj = _check(model, shell, doc, (), problems)
        if file_obj is None:
            content.failed_files.add(doc.path)
        if isinstance(raw_items, list):
            adapter = TypeAdapter(item_model)
            singular = list_key.rstrip("s")
            for i, raw in enumerate(raw_items):
                item = _check(adapter, raw, doc, (list_key, i), problems, item_model)
                ident = raw.get("id") if isinstance(raw, dict) else None
                if item is not None:
                    problems += _register(content, singular, item.id, item, Origin(doc, (list_key, i)))
                elif isinstance(ident, str):
                    content.broken.add((singular, ident))
        return problems

    obj = _check(model, doc.data, doc, (), problems)
    if obj is None:
        content.failed_files.add(doc.path)
        if kind == "level" and isinstance(doc.data.get("id"), str):
            content.broken.add(("level", doc.data["id"]))
        return problems
    if kind == "level":
        problems += _register(content, "level", obj.id, obj, Origin(doc))
    elif kind == "state":
        for scope in schemas.SCOPES:
            for name, decl in getattr(obj, scope).items():
                problems += _register(content, f"{scope} value", f"{scope}.{name}", decl, Origin(doc, (scope, name)))
                content.state[scope][name] = decl
        for name, metric in obj.metrics.items():
            problems += _register(content, "metric", name, metric, Origin(doc, ("metrics", name)))
            content.metrics[name] = metric
    elif kind == "model":
        for name, param in obj.parameters.items():
            problems += _register(content, "parameter", name, param, Origin(doc, ("parameters", name)))
            content.parameters[name] = param
    elif kind == "strings":
        for key, text in obj.strings.items():
            problems += _register(content, "string", key, text, Origin(doc, ("strings", key)))
            content.strings[key] = text
    return problems


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


def _register(content: ContentSet, kind: str, ident: str, obj: Any, origin: Origin) -> list[Diagnostic]:
    key = (kind, ident)
    first = content.origins.get(key)
    if first is not None:
        where = origin.location(("id",) if kind in _TABLES else ())
        return [
            diag(
                "E160",
                f"the {kind} id `{ident}` is already used",
                where.path,
                where.line,
                where.col,
                f"first defined at {first.location(('id',) if kind in _TABLES else ())}; rename one of them",
            )
        ]
    content.origins[key] = origin
    if kind in _TABLES:
        getattr(content, _TABLES[kind])[ident] = obj
    return []
