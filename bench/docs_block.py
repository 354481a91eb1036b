"""Write a generated block into a page of docs/ between two markers, so a bench's tables can be rerun in place."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

MODEL_DOC = Path(__file__).resolve().parent.parent / "docs" / "model.md"


def write_block(doc: Path, begin: str, end: str, made_by: str, parts: list[str]) -> None:
    """Replace the text between `begin` and `end` in `doc` (or append the block when the markers are missing)."""
    text = doc.read_text(encoding="utf-8")
    body = f"{begin}\n_{made_by}_\n\n" + "\n\n".join(parts) + f"\n{end}"
    if begin in text:
        text = text[: text.index(begin)] + body + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + body + "\n"
    doc.write_text(text, encoding="utf-8")


def finish(
    start: float, workers: int, parts: list[str], made_by: Callable[[float], str], docs: tuple[Path, str, str] | None
) -> None:
    """Print a bench's wall time and, with `docs` (page, begin marker, end marker), write its tables there."""
    wall = time.perf_counter() - start
    print(f"all tables: {wall:.0f} s on {workers} process(es)")
    if docs is not None:
        write_block(docs[0], docs[1], docs[2], made_by(wall), parts)


def print_tables(tables: Iterable[str], script: str, detail: str, markers: tuple[str, str], write_docs: bool) -> None:
    """A one-process bench's ending: print each table as it is made, then the wall time, and with `write_docs`
    put them all in docs/model.md between `markers`, saying which command made them (`detail`: its size)."""
    start = time.perf_counter()
    parts = []
    for table in tables:
        parts.append(table)
        print(table + "\n", flush=True)
    finish(
        start,
        1,
        parts,
        lambda wall: f"Made by `uv run python bench/{script} --write-docs` ({detail}, {wall:.0f} s).",
        (MODEL_DOC, *markers) if write_docs else None,
    )
