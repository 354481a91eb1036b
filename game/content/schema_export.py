"""JSON Schemas of the content files, for editor completion and inline errors.

Editors that speak the YAML language server (VS Code's YAML extension and others) read a first-line comment
such as `# yaml-language-server: $schema=../schema/events.schema.json`, or a `yaml.schemas` setting that maps
file globs to schemas. The shipped `schema/` folder holds the exported files; `plaza schema --out DIR` writes
them anywhere: one `<kind>.schema.json` per kind of file, and `content.schema.json`, which picks the right one
by the file's `kind:`.

The schemas come from the pydantic models in `schemas.py`; what their validators check is stated there too
(`json_schema_extra`, `json_schema_input_type` for shorthands such as `when: "x > 1"`). What needs more than
one file (ids, declared state, ranges of declared values) is only in `plaza validate`. Every shipped file
validates against its schema with no error (tests/test_schema_export.py).
"""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import GenerateJsonSchema, models_json_schema

from game.content.schemas import FILE_MODELS, KINDS, SCHEMA_VERSION

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DISPATCH = "content"  # the name of the schema that dispatches on `kind` (content.schema.json)


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, closed: a map (`dict[Id, ...]`) takes no key outside its key pattern."""

    def dict_schema(self, schema: Any) -> dict[str, Any]:
        out = super().dict_schema(schema)
        if "patternProperties" in out:
            out["additionalProperties"] = False
        return out


def _header(schema: dict[str, Any], kind: str) -> None:
    """The loader's header check (E120, E121) on a file model's schema: this version, this kind, both given."""
    props = schema["properties"]
    props["schema_version"] = {
        "const": SCHEMA_VERSION,
        "description": f"the version of the content format this Plaza reads: write `{SCHEMA_VERSION}`",
    }
    props["kind"] = {**props["kind"], "description": "what the file holds; one of: " + ", ".join(KINDS)}
    for key in ("kind", "schema_version"):
        if key not in schema["required"]:
            schema["required"].insert(0, key)


def export_schemas() -> dict[str, dict]:
    """One schema per kind of file (`state`, `model`, …), each standing alone."""
    out = {}
    for kind, model in FILE_MODELS.items():
        schema = model.model_json_schema(schema_generator=_Generator)
        _header(schema, kind)
        out[kind] = {"$schema": DIALECT, **schema, "title": f"Plaza {kind} file"}
    return out


def export_dispatch_schema() -> dict[str, Any]:
    """One schema for every content file: `kind:` picks the file model the rest of the file must match."""
    refs, top = models_json_schema([(m, "validation") for m in FILE_MODELS.values()], schema_generator=_Generator)
    defs = top["$defs"]
    branches = []
    for kind, model in FILE_MODELS.items():
        ref = refs[(model, "validation")]["$ref"]
        _header(defs[ref.rsplit("/", 1)[-1]], kind)
        branches.append({"if": {"required": ["kind"], "properties": {"kind": {"const": kind}}}, "then": {"$ref": ref}})
    return {
        "$schema": DIALECT,
        "title": "Plaza content file",
        "description": "Any Plaza content file; its `kind:` says which of the six shapes it has.",
        "type": "object",
        "required": ["schema_version", "kind"],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "kind": {"enum": list(KINDS), "description": "what the file holds"},
        },
        "allOf": branches,
        "$defs": defs,
    }


def export_all() -> dict[str, dict]:
    """What `plaza schema` writes: the per-kind schemas and the dispatching one, by file stem."""
    return {**export_schemas(), DISPATCH: export_dispatch_schema()}
