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

Each cell shows the wall time and, after a slash, the processor time (user + system) the command used, as the
operating system counted it for the child process: on a busy machine the wall time grows with the other work,
the processor time much less.

A cold or edited run parses in a second process while it imports the checker when a core is free
(game/content/parse_ahead.py); --ahead 0 or 1 turns that off or on whatever the load.

"With bytecode" runs use a warmed private bytecode folder (PYTHONPYCACHEPREFIX); "without" point
PYTHONPYCACHEPREFIX at an empty folder and set PYTHONDONTWRITEBYTECODE=1, so every module is compiled from
source, as on a machine that never writes bytecode. Medians over --runs runs.
"""

from __future__ import annotations

import argparse
import os
import resource
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


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _run(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall time and processor time of one run of `argv`."""
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=False)
    return time.perf_counter() - start, _children_cpu() - cpu


EDITED = Path("content") / "events" / "fear.yaml"  # the file the `edited` state changes


def _copy_tree(into: Path) -> Path:
    """The parts of the source tree `plaza validate` reads, copied (caches and bytecode left behind)."""
    tree = into / "tree"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("game", "content", "levels"):
        shutil.copytree(ROOT / name, tree / name, ignore=skip)
    shutil.copy2(ROOT / "main.py", tree / "main.py")
    return tree


def commands(runs: int, ahead: str) -> None:
    python = sys.executable
    rows: dict[str, dict[str, tuple[float, float]]] = {}
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
            if ahead != "auto":
                env["PLAZA_PARSE_AHEAD"] = ahead
            if bytecode:
                env.pop("PYTHONDONTWRITEBYTECODE", None)
                _run(validate, env, tree)  # writes the bytecode
            else:
                env["PYTHONDONTWRITEBYTECODE"] = "1"
            times: dict[str, list[tuple[float, float]]] = {k: [] for k in states}
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
                k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in times.items()
            }
    print(f"`plaza validate` command including interpreter start, median of {runs} runs, ms of wall / processor time:")
    print(f"{'':18}" + "".join(f"{k if k != 'bare' else 'python -c pass':>16}" for k in states))
    for label, t in rows.items():
        print(f"{label:18}" + "".join(f"{_cell(*t[k]):>16}" for k in states))


def _cell(wall: float, cpu: float) -> str:
    return f"{wall * 1000:.0f} / {cpu * 1000:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=10, help="in-process loads")
    parser.add_argument("--runs", type=int, default=5, help="command runs per cell")
    parser.add_argument(
        "--ahead",
        choices=("auto", "0", "1"),
        default="auto",
        help="PLAZA_PARSE_AHEAD for the command: auto (when a core is free), 0 never, 1 always",
    )
    args = parser.parse_args()
    in_process(args.repeat)
    commands(args.runs, args.ahead)
    if hasattr(os, "getloadavg"):
        print("load average during the runs (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
