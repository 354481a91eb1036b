"""A parameter sweep as the fidelity robustness runs it: Latin-hypercube points × seeds × quarters, timed whole.

    uv run python bench/sweep.py                       # 200 points × 20 seeds × 40 quarters on 2 processes
    uv run python bench/sweep.py --points 40 --workers 1

Issue 17 asks that a sweep of 200 points × 20 seeds × 40 quarters take under a minute on a 2-core machine. Each
point draws every parameter not fixed by data within ±25% of its value (bench/fidelity.py's `free_parameters`
and `hypercube_points`), and plays border_city's status quo on the same seeds in one batch (`run_batch`). Points run in
worker processes that load the content once. It prints the wall time, the processor time of this process and its
workers, and one point's cost alone in this process beside them.
"""

from __future__ import annotations

import argparse
import functools
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.fidelity import free_parameters, hypercube_points  # noqa: E402
from game.content.loader import load_content  # noqa: E402
from game.runs.batch import run_batch  # noqa: E402

LEVEL = "border_city"


@functools.cache
def _content():
    return load_content().content


def play_point(point: dict[str, float], seeds: int, quarters: int) -> float:
    """One point's games, in one batch; returns the mean criminal control at the end (so the work is used)."""
    result = run_batch(_content(), LEVEL, "official", "status_quo", list(range(seeds)), turns=quarters, overrides=point)
    return float(result.metrics["organized_crime"].mean())


def points(count: int) -> list[dict[str, float]]:
    return hypercube_points(free_parameters(_content()), count)  # the robustness sweep's own points


def cpu_seconds() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def sweep(count: int, seeds: int, quarters: int, workers: int) -> tuple[float, float, float]:
    """(wall seconds, processor seconds with the workers, one point's processor seconds alone here)."""
    todo = points(count)
    start = time.process_time()
    play_point(todo[0], seeds, quarters)
    one = time.process_time() - start
    wall, cpu = time.perf_counter(), cpu_seconds()
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(functools.partial(play_point, seeds=seeds, quarters=quarters), todo))
    else:
        for point in todo:
            play_point(point, seeds, quarters)
    return time.perf_counter() - wall, cpu_seconds() - cpu, one


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--quarters", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if min(args.points, args.seeds, args.quarters, args.workers) < 1:
        parser.error("--points, --seeds, --quarters and --workers must be at least 1")
    wall, cpu, one = sweep(args.points, args.seeds, args.quarters, args.workers)
    print(
        f"sweep of {args.points} points × {args.seeds} seeds × {args.quarters} quarters ({LEVEL}, status quo) on "
        f"{args.workers} processes: {wall:.1f} s wall, {cpu:.1f} s of processor; one point alone {one:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
