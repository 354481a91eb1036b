"""bench/regenerate.py makes every generated table of the docs, and the benches that write them never lose each
other's tables when they finish together (bench/docs_block.py)."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest

from bench import docs_block, regenerate

ROOT = Path(__file__).resolve().parent.parent
# Modules that help the writers without being one (the orchestrator, the block writer, shared argument helpers).
HELPERS = {"bench/docs_block.py", "bench/level_args.py", "bench/regenerate.py", "bench/settings.py"}


def _writers() -> set[str]:
    """Every script of bench/ and tools/ that writes a page of docs/: it takes --write-docs, writes through
    docs_block, ends through level_args.run_tables, or names a file under docs/ itself."""
    found = set()
    for path in [*ROOT.glob("bench/*.py"), *ROOT.glob("tools/*.py")]:
        name = path.relative_to(ROOT).as_posix()
        if name not in HELPERS and re.search(r'write-docs|docs_block|run_tables\(|"docs" /', path.read_text()):
            found.add(name)
    return found


def test_every_script_that_writes_the_docs_is_a_step():
    steps = {step.args[0] for step in regenerate.STEPS}
    assert _writers() - steps == set(), "add it to bench/regenerate.py, or the docs' tables drift from the model"
    assert steps - _writers() == set(), "a step that writes no docs"
    assert all((ROOT / script).is_file() for script in steps)


def test_a_step_that_takes_write_docs_is_given_it():
    for step in regenerate.STEPS:
        source = (ROOT / step.args[0]).read_text()
        if "write-docs" in source or "run_tables(" in source:
            assert "--write-docs" in step.args, step.name


def test_bad_step_names_are_refused(capsys):
    with pytest.raises(SystemExit) as exit_:
        regenerate.main(["--only", "militia_test,nope"])
    assert exit_.value.code == 2
    assert "no step called nope" in capsys.readouterr().err


def test_a_failing_step_fails_the_command(tmp_path, monkeypatch):
    bad = regenerate.Step("bad", ("-c", "import sys; print('broken'); sys.exit(3)"), "nothing")
    good = regenerate.Step("good", ("-c", "print('fine')"), "nothing")
    monkeypatch.setattr(regenerate, "STEPS", (regenerate.FIDELITY, bad, good))
    assert regenerate.main(["--skip", "fidelity", "--logs", str(tmp_path)]) == 1
    assert (tmp_path / "bad.log").read_text().strip() == "broken"
    assert (tmp_path / "good.log").read_text().strip() == "fine"  # the lane went on past the failure


def test_blocks_written_at_once_are_all_kept(tmp_path, monkeypatch):
    """Eight writers rewrite the same page at once, each its own block; reading the page is made slow, so without
    the lock each would write back a page that lacks the others' blocks."""
    page = tmp_path / "page.md"
    page.write_text("# A page\n", encoding="utf-8")
    replace = docs_block.replace_block

    def slow(text: str, begin: str, end: str, body: str) -> str:
        time.sleep(0.05)
        return replace(text, begin, end, body)

    monkeypatch.setattr(docs_block, "replace_block", slow)
    writers = [
        threading.Thread(
            target=docs_block.write_block,
            args=(page, f"<!-- b{i}:begin -->", f"<!-- b{i}:end -->", f"made by {i}", [f"table {i}"]),
        )
        for i in range(8)
    ]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    text = page.read_text(encoding="utf-8")
    assert all(f"table {i}" in text for i in range(8)), text
    assert text.startswith("# A page\n")
    assert not list(tmp_path.glob(".page.md.*")), "a temporary file was left beside the page"


def test_a_block_is_replaced_in_place(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("before\n<!-- x:begin -->\nold\n<!-- x:end -->\nafter\n", encoding="utf-8")
    docs_block.write_block(page, "<!-- x:begin -->", "<!-- x:end -->", "made by me", ["new table"])
    assert page.read_text() == "before\n<!-- x:begin -->\n_made by me_\n\nnew table\n<!-- x:end -->\nafter\n"
