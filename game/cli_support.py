"""What every `plaza` command shares: the shipped content, or a message saying why it cannot be used."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def shipped_content():
    """The shipped content; None (after printing its first errors to stderr) when it does not load cleanly."""
    from game.content.diagnostics import SourceLines, format_text
    from game.content.loader import Memo, load_content
    from game.content.parse_cache import ParseCache

    loaded = load_content(memo=Memo(parsed=ParseCache()))  # files parsed by an earlier command are not parsed again
    if not loaded.ok:
        sources = SourceLines()
        print("plaza: the content has errors; fix them first (`plaza validate`):", file=sys.stderr)
        for d in loaded.errors[:10]:
            print(format_text(d, sources), file=sys.stderr)
        return None
    return loaded.content


def is_level_path(text: str) -> bool:
    """A LEVEL argument that names a file (`~/my_levels/river_town.yaml`, `./town.yml`), not a level id."""
    from game.content.loader import YAML_SUFFIXES

    return text.endswith(YAML_SUFFIXES) or "/" in text or os.sep in text


def level_file_content(path: str, *, json_output: bool = False):
    """(content, level id) for a level file loaded with the shipped content/ and the YAML files beside it (its
    events and measures); else, after printing why, the exit code: 1 with the validator's located diagnostics
    when they have errors (or the file is missing), 2 when the file is not a level."""
    from game.content.diagnostics import SourceLines, format_json, format_text
    from game.content.loader import SHIPPED_CONTENT, YAML_SUFFIXES, load_content

    file = Path(path)
    if not file.is_file():
        print(f"plaza simulate: {path}: no such level file", file=sys.stderr)
        return 1
    beside = sorted(
        p
        for p in file.parent.iterdir()
        if p.name.endswith(YAML_SUFFIXES) and not p.name.startswith(".") and p.is_file()
    )
    loaded = load_content([SHIPPED_CONTENT, *beside])
    wanted = {p.resolve() for p in beside}
    mine = [d for d in loaded.diagnostics if Path(d.where.path).resolve() in wanted]
    if not loaded.ok:
        shown = mine if any(d.is_error for d in mine) else loaded.errors  # an error elsewhere: in content/ itself
        if json_output:
            print(format_json(shown, files=len(beside)))
        else:
            sources = SourceLines()
            print(f"plaza simulate: {path} cannot be played; fix these first:", file=sys.stderr)
            for d in shown:
                print(format_text(d, sources), file=sys.stderr)
        return 1
    level_ids = [
        ident
        for (kind, ident), origin in loaded.content.origins.items()
        if kind == "level" and Path(origin.doc.path).resolve() == file.resolve()
    ]
    if not level_ids:
        print(f"plaza simulate: {path} is not a level file (it has no `kind: level`)", file=sys.stderr)
        return 2
    warnings = [d for d in mine if not d.is_error]
    if warnings and not json_output:
        files = " ".join(str(p) for p in beside)
        many = "s" if len(warnings) != 1 else ""
        print(
            f"plaza simulate: note: {len(warnings)} warning{many} in the level's files (plaza validate {files})",
            file=sys.stderr,
        )
    return loaded.content, level_ids[0]
