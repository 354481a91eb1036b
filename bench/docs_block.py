"""Write a generated block into a page of docs/ between two markers, so a bench's tables can be rerun in place."""

from __future__ import annotations

from pathlib import Path


def write_block(doc: Path, begin: str, end: str, made_by: str, parts: list[str]) -> None:
    """Replace the text between `begin` and `end` in `doc` (or append the block when the markers are missing)."""
    text = doc.read_text(encoding="utf-8")
    body = f"{begin}\n_{made_by}_\n\n" + "\n\n".join(parts) + f"\n{end}"
    if begin in text:
        text = text[: text.index(begin)] + body + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    doc.write_text(text, encoding="utf-8")
