"""The levels a bench reads: shipped level ids, or level files of one's own, read as `plaza simulate FILE` reads them.

A name that looks like a path (`~/towns/river.yaml`, `./town.yml`) is a level file: it is read with the shipped
content/ and every YAML file beside it (the level's own events and measures), checked like any content, and known
by the id it declares. The shipped levels/ are read too when a shipped level is named beside it. Worker processes
read the same files again from `content.source_paths` (`reload`), so a bench's pool plays the author's level too.
"""

from __future__ import annotations

import sys
from pathlib import Path

from game.cli_support import files_beside, is_level_path
from game.content.content_cache import load_checked
from game.content.diagnostics import SourceLines, format_text
from game.content.files import SHIPPED_CONTENT, SHIPPED_LEVELS
from game.content.loader import ContentSet, load_content

HELP = (
    "a level id, or a level file of your own, read with the YAML files beside it as `plaza simulate FILE` reads it "
    "(repeatable; default: every playable level)"
)


def load(names: list[str] | None, script: str, write_docs: bool = False) -> tuple[ContentSet, list[str]] | None:
    """The content and the ids of the named levels, in order ([] when none is named: the caller picks its
    default among the shipped ones); None, with the reason printed to stderr, when an id names no level, a file is
    missing, is not a level, or its content does not pass the checks, or when a level file's tables would be
    written into the docs (`write_docs`: docs/model.md holds the shipped levels'). `script` (`bench/fidelity.py`)
    names the command in the messages."""
    names = names or []
    files = [Path(n).expanduser() for n in names if is_level_path(n)]
    if write_docs and files:
        print(f"{script}: docs/model.md holds the shipped levels' tables, not a level file's", file=sys.stderr)
        return None
    for file in files:
        if not file.is_file():
            print(f"{script}: no level file {str(file)!r}", file=sys.stderr)
            return None
    paths: list[Path] = [SHIPPED_CONTENT]
    if len(files) < len(names) or not files:  # a shipped level is named (or none is: every shipped one)
        paths.append(SHIPPED_LEVELS)
    shipped = SHIPPED_LEVELS.resolve()
    for file in files:
        beside = [SHIPPED_LEVELS] if file.resolve().parent == shipped else files_beside(file)
        paths += [p for p in beside if p not in paths]
    loaded = load_checked(paths)
    if not loaded.ok:
        sources = SourceLines()
        print(f"{script}: the levels cannot be read:", file=sys.stderr)
        for d in loaded.errors[:10]:
            print(format_text(d, sources, "en"), file=sys.stderr)
        return None
    ids: list[str] = []
    for name in names:
        if not is_level_path(name):
            if name not in loaded.content.levels:
                known = ", ".join(playable(loaded.content))
                print(f"{script}: unknown level {name!r}; levels: {known}, or a level file", file=sys.stderr)
                return None
            ids.append(name)
            continue
        file = Path(name).expanduser().resolve()
        found = [
            ident
            for (kind, ident), origin in loaded.content.origins.items()
            if kind == "level" and Path(origin.doc.path).resolve() == file
        ]
        if not found:
            print(f"{script}: {name!r} holds no level", file=sys.stderr)
            return None
        ids.append(found[0])
    return loaded.content, ids


def played_as(role: str) -> str:
    """What a table's heading adds when a bench that reads the official's game read another role's (a level of
    one's own may offer only the organizer's): ", as the organizer", or nothing."""
    return "" if role == "official" else f", as the {role}"


def playable(content: ContentSet) -> list[str]:
    """The levels a bench reads when none is named: every level of the content but the template authors copy."""
    return [x for x in content.levels if x != "template"]


def reload(paths: list[str] | None) -> ContentSet:
    """The same content in a worker process: the files `load` read (`content.source_paths`), or the shipped ones."""
    return load_content(paths).content
