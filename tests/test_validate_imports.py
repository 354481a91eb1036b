"""What `plaza validate` imports decides most of its time (issue 13: under 0.3 s on the shipped content).

Answered from its cache, it must not import the checker's heavy parts (pydantic, the schemas, the loader) nor
anything of the game beyond the content layer: the model, the class tools, the interface. A command-line change
that imports one of them for every command (a parser registered with a heavy module) fails here, with the
names of what came in, rather than as a slower command nobody timed. Counted, not timed.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO

CHILD = """
import sys
from game.cli import main
code = main(["validate"])
heavy = ("pydantic", "numpy", "pygame", "jinja2", "game.content.loader", "game.content.schemas", "game.sim",
         "game.classroom", "game.classfiles", "game.ui", "game.session", "game.runs")
found = [p for p in heavy if any(m == p or m.startswith(p + ".") for m in sys.modules)]
print(code, " ".join(found))
"""


def _validate_in_a_new_process(cache) -> tuple[str, str]:
    env = {**os.environ, "PLAZA_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", CHILD], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    code, _, modules = done.stdout.strip().splitlines()[-1].partition(" ")
    return code, modules


def test_a_cached_validate_imports_nothing_heavy(tmp_path):
    cache = tmp_path / "cache"
    code, _ = _validate_in_a_new_process(cache)  # checks, and keeps the verdict
    assert code == "0"
    code, modules = _validate_in_a_new_process(cache)
    assert code == "0"
    assert modules == "", f"a cached `plaza validate` imported {modules}"
