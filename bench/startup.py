"""Whole `plaza` processes timed from start to exit, and the start-up row: `plaza simulate LEVEL --runs 1` beside
an empty Python start (`python -c pass`) measured in the same run (shared by bench/speed.py and bench/simulate.py).

    uv run python bench/startup.py [--level border_city] [--repeats 7]

Every child may write its compiled bytecode (PYTHONDONTWRITEBYTECODE is removed from its environment, as an
installed game has its bytecode); one untimed run first. The second start is a player's usual start (the checked
content comes from the cache); the first start has an empty cache folder (it loads and checks the content, then
keeps it). Medians of processor time (user + system, the process and the workers it waited for) and wall time;
on a machine shared with other work, compare the processor times.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAZA = [sys.executable, "-c", "import sys; from game.cli import main; sys.exit(main())"]  # as the `plaza` script
EMPTY = [sys.executable, "-c", "pass"]


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, processor seconds of the process and the workers it waited for) of one whole process."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):  # 1: validate with warnings only says 0; a report with notes says 1
            err.seek(0)
            sys.exit(f"bench: {' '.join(argv[3:])} failed (exit {proc.returncode}):\n{err.read().decode()[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def child_env(home: Path, **more: str) -> dict[str, str]:
    env = {**os.environ, "PLAZA_HOME": str(home), **more}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def startup_figures(level: str, repeats: int, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """(wall, processor) medians: `second start` (cache filled by an untimed run), `first start` (an empty cache
    folder each time) and `empty Python` (`python -c pass`), all in this run."""
    argv = [*PLAZA, "simulate", level, "--runs", "1"]
    run_once(argv, env)
    run_once(EMPTY, env)
    second = [run_once(argv, env) for _ in range(repeats)]
    empty = [run_once(EMPTY, env) for _ in range(repeats)]
    first = [
        run_once(argv, {**env, "PLAZA_CACHE_DIR": tempfile.mkdtemp(prefix="plaza-bench-cold-")}) for _ in range(repeats)
    ]
    return {"second start": medians(second), "first start": medians(first), "empty Python": medians(empty)}


def startup_text(figures: dict[str, tuple[float, float]]) -> tuple[str, str]:
    """(the command's figures, the baseline's), as printed by the bench scripts."""
    (wall, cpu), (cold_wall, cold_cpu) = figures["second start"], figures["first start"]
    empty_wall, empty_cpu = figures["empty Python"]
    now = f"{wall:.2f} s ({cpu:.2f} s cpu; first start, empty cache: {cold_wall:.2f} s, {cold_cpu:.2f} s cpu)"
    return now, f"empty Python start {empty_wall:.3f} s ({empty_cpu:.3f} s cpu)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--level", default="border_city")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="plaza-bench-startup-") as home:
        now, baseline = startup_text(startup_figures(args.level, args.repeats, child_env(Path(home))))
    load = os.getloadavg()
    print(f"`plaza simulate {args.level} --runs 1` (start-up cost, target ≤ 0.3 s): {now}")
    print(f"baseline, same run: {baseline}")
    print(f"medians of {args.repeats}; {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
