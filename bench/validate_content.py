"""Time to validate all shipped content: in process (load + checks) and as the `plaza validate` command.

uv run python bench/validate_content.py [--repeat N] [--runs N]

The command is timed in a private copy of the source tree (game/, content/, levels/, main.py), so one of its
files can be edited without touching the working tree, in four states of its caches, each with and without
bytecode, beside a bare `python -c pass` started the same way in the same run (the interpreter's own start):

- cold: no cache at all (a first run, or the cache deleted);
- edited: one event file's text changed since the last run (a comment line added): the verdict is stale, that
  file is parsed again and every other file is read back from the parse cache (game/content/parse_cache.py);
- changed: the verdict deleted but every parse kept, as `edited` without the one parse;
- warm: the verdict cache answers (game/content/check_cache.py).

"With bytecode" runs use a warmed private bytecode folder (PYTHONPYCACHEPREFIX); "without" point
PYTHONPYCACHEPREFIX at an empty folder and set PYTHONDONTWRITEBYTECODE=1, so every module is compiled from
source, as on a machine that never writes bytecode. Medians over --runs runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.check_conditions import forget  # noqa: E402
from game.content.loader import load_content  # noqa: E402


def in_process(repeat: int) -> None:
    times = []
    for _ in range(repeat):
        forget()  # each run starts as a new process would: nothing compiled or parsed before
        start = time.perf_counter()
        result = load_content()
        times.append(time.perf_counter() - start)
    c = result.content
    print(
        f"shipped content: {len(c.files)} files, {len(c.levels)} levels, {len(c.events)} events, "
        f"{len(c.measures)} measures, {sum(len(v) for v in c.state.values())} state values, "
        f"{len(c.parameters)} parameters, {len(c.strings)} strings, {len(c.conditions)} compiled conditions; "
        f"{len(result.errors)} errors, {len(result.diagnostics) - len(result.errors)} warnings"
    )
    print(
        f"in process, load + check: first {times[0] * 1000:.1f} ms, median {statistics.median(times) * 1000:.1f} ms"
        f" over {repeat} runs"
    )


def _run(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=False)
    return time.perf_counter() - start


EDITED = Path("content") / "events" / "fear.yaml"  # the file the `edited` state changes


def _copy_tree(into: Path) -> Path:
    """The parts of the source tree `plaza validate` reads, copied (caches and bytecode left behind)."""
    tree = into / "tree"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("game", "content", "levels"):
        shutil.copytree(ROOT / name, tree / name, ignore=skip)
    shutil.copy2(ROOT / "main.py", tree / "main.py")
    return tree


def commands(runs: int) -> None:
    python = sys.executable
    rows: dict[str, dict[str, float]] = {}
    states = ("bare", "cold", "edited", "changed", "warm")
    with tempfile.TemporaryDirectory() as tmp:
        tree = _copy_tree(Path(tmp))
        validate = [python, str(tree / "main.py"), "validate"]
        edited = tree / EDITED
        cache = Path(tmp) / "cache"
        for bytecode in (True, False):
            prefix = Path(tmp) / ("pyc" if bytecode else "empty")
            prefix.mkdir()
            env = {**os.environ, "PLAZA_CACHE_DIR": str(cache), "PYTHONPYCACHEPREFIX": str(prefix)}
            if bytecode:
                env.pop("PYTHONDONTWRITEBYTECODE", None)
                _run(validate, env, tree)  # writes the bytecode
            else:
                env["PYTHONDONTWRITEBYTECODE"] = "1"
            times: dict[str, list[float]] = {k: [] for k in states}
            for i in range(runs):
                times["bare"].append(_run([python, "-c", "pass"], env, tree))
                shutil.rmtree(cache, ignore_errors=True)
                times["cold"].append(_run(validate, env, tree))
                with edited.open("a", encoding="utf-8") as f:
                    f.write(f"# edited {bytecode} {i}\n")  # a text this cache has never seen
                times["edited"].append(_run(validate, env, tree))
                shutil.rmtree(cache / "validate", ignore_errors=True)
                times["changed"].append(_run(validate, env, tree))
                times["warm"].append(_run(validate, env, tree))
            rows["with bytecode" if bytecode else "without bytecode"] = {
                k: statistics.median(v) for k, v in times.items()
            }
    print(f"`plaza validate` command, wall time including interpreter start, median of {runs} runs (ms):")
    print(f"{'':18} {'python -c pass':>15}" + "".join(f"{k:>9}" for k in states[1:]))
    for label, t in rows.items():
        print(f"{label:18} {t['bare'] * 1000:15.0f}" + "".join(f"{t[k] * 1000:9.0f}" for k in states[1:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=10, help="in-process loads")
    parser.add_argument("--runs", type=int, default=5, help="command runs per cell")
    args = parser.parse_args()
    in_process(args.repeat)
    commands(args.runs)


if __name__ == "__main__":
    main()
