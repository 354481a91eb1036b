"""JSON Schemas of the content files, for editor completion and inline errors.

Editors that speak the YAML language server (VS Code's YAML extension and others) read a first-line comment
such as `# yaml-language-server: $schema=../schema/events.schema.json`. The shipped `schema/` folder holds the
exported files; `plaza schema --out DIR` writes them anywhere.
"""

from __future__ import annotations

from game.content.schemas import FILE_MODELS


def export_schemas() -> dict[str, dict]:
    out = {}
    for kind, model in FILE_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"Plaza {kind} file"
        out[kind] = schema
    return out
