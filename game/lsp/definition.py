"""Go to definition: from an event, measure, level, parameter or state name to where it is written."""

from __future__ import annotations

from pathlib import Path

from game.content.loader import ContentSet
from game.lsp.names import Target, origin_location


def definition(
    content: ContentSet, target: Target, doc_path: Path, districts: dict[str, tuple[int, int]]
) -> tuple[Path, int, int] | None:
    """The file and 1-based line and column where the target is defined."""
    if target.kind == "district":
        spot = districts.get(target.ident)
        return (doc_path, spot[0] + 1, spot[1] + 1) if spot is not None else None
    loc = origin_location(content, target)
    if loc is None or not loc.line:
        return None
    return Path(loc.path), loc.line, loc.col
