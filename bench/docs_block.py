"""Write a generated block into a page of docs/ between two markers, so a bench's tables can be rerun in place.

Several benches may finish at the same moment (bench/regenerate.py runs two at once), and each rewrites the same
page: a page is read, changed and written under a lock, so no bench's tables are lost to another's.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: benches there run one at a time
    fcntl = None  # type: ignore[assignment]

MODEL_DOC = Path(__file__).resolve().parent.parent / "docs" / "model.md"


@contextlib.contextmanager
def _locked(doc: Path) -> Iterator[None]:
    """Hold the page's lock: a file of its own in the system's temporary folder (never the page, which is replaced)."""
    if fcntl is None:
        yield
        return
    key = hashlib.sha256(str(doc.resolve()).encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"plaza-docs-{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def update_page(doc: Path, change: Callable[[str], str]) -> None:
    """Rewrite `doc` as `change` makes its text, under the page's lock; a reader sees the old page or the new one
    (the new text is written beside it and moved into place), never half of one."""
    with _locked(doc):
        text = change(doc.read_text(encoding="utf-8"))
        fd, tmp = tempfile.mkstemp(dir=doc.parent, prefix=f".{doc.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                out.write(text)
            os.chmod(tmp, doc.stat().st_mode & 0o777)
            os.replace(tmp, doc)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def replace_block(text: str, begin: str, end: str, body: str) -> str:
    """`text` with what lies between `begin` and `end` (the markers included) made `body`, or `body` appended."""
    if begin in text:
        return text[: text.index(begin)] + body + text[text.index(end) + len(end) :]
    return text.rstrip("\n") + "\n\n" + body + "\n"


def write_block(doc: Path, begin: str, end: str, made_by: str, parts: list[str]) -> None:
    """Replace the text between `begin` and `end` in `doc` (or append the block when the markers are missing)."""
    body = f"{begin}\n_{made_by}_\n\n" + "\n\n".join(parts) + f"\n{end}"
    update_page(doc, lambda text: replace_block(text, begin, end, body))


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
