"""`plaza simulate`: many games of one level, role and bot, summarised with confidence intervals.

Run r plays with seed `seed + r`, so any run can be replayed alone (its log records its seed). Runs are played in
batches of `chunk` to bound memory; results do not depend on the chunk size.

Besides the end-of-game mean and its interval, the summary gives each metric's path over the game (per quarter, the
mean over runs and the 10th and 90th percentiles) and every run's end value, so a spread or a bimodal outcome
shows, not only the mean.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np

from game.content.follow_up_graph import reachable_events
from game.content.loader import ContentSet
from game.runs.batch import run_batch
from game.session.session import GameSession
from game.sim.metrics import METRICS

# One chunk's end-of-game metrics (metric -> one value per run), first turns fired (event -> one per run where it
# fired) and paths (metric -> (turns + 1, runs)), as run_batch gives them.
Chunk = tuple[dict[str, np.ndarray], dict[str, list[int]], dict[str, np.ndarray]]


def summarise(values: np.ndarray) -> dict:
    """Mean and a 95% confidence interval for the mean (normal approximation over runs)."""
    values = np.asarray(values, dtype=float)
    mean = float(values.mean())
    half = 1.96 * float(values.std(ddof=1)) / math.sqrt(len(values)) if len(values) > 1 else 0.0
    return {"mean": round(mean, 6), "ci95": [round(mean - half, 6), round(mean + half, 6)]}


def spread(paths: np.ndarray) -> dict:
    """Per quarter (rows of `paths`, runs along the columns): the mean over runs and the 10th and 90th percentiles
    (numpy's linear interpolation between runs)."""
    paths = np.asarray(paths, dtype=float)
    if paths.shape[1] == 1 and np.isfinite(paths).all():
        # One run: both percentiles are its own values, as np.percentile says; whose sort imports numpy.ma, a
        # twentieth of `plaza simulate LEVEL --runs 1`'s start
        p10 = p90 = paths[:, 0]
    else:
        p10, p90 = np.percentile(paths, [10, 90], axis=1)
    return {"mean": _rounded(paths.mean(axis=1)), "p10": _rounded(p10), "p90": _rounded(p90)}


def _rounded(values: np.ndarray) -> list[float]:
    return [round(v, 6) for v in np.asarray(values, dtype=float).tolist()]


def simulate(
    content: ContentSet,
    level_id: str,
    role: str,
    bot: str,
    runs: int,
    *,
    turns: int | None = None,
    seed: int = 0,
    chunk: int = 250,
    log_dir: Path | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Play `runs` games in chunks, spread over the machine's cores; the result does not depend on either."""
    level = content.levels[level_id]
    turns = turns or level.turns
    jobs = [
        (level_id, role, bot, [seed + r for r in range(start, min(start + chunk, runs))], turns, log_dir)
        for start in range(0, runs, chunk)
    ]
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    results: list[Chunk | None] = [None] * len(jobs)
    done = 0
    if workers > 1:
        # only here: the process pool's modules (multiprocessing and more) are a fiftieth of a one-game command
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(workers, initializer=_set_content, initargs=(content.source_paths,)) as pool:
            futures = {pool.submit(_chunk, None, *job): i for i, job in enumerate(jobs)}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                done += len(jobs[futures[future]][3])
                if progress:
                    progress(done * turns, runs * turns)
    else:
        for i, job in enumerate(jobs):

            def report(turn: int, before: int = done, size: int = len(job[3])) -> None:
                if progress:
                    progress(before * turns + turn * size, runs * turns)

            results[i] = _chunk(content, *job, on_turn=report)
            done += len(job[3])
    played = [r for r in results if r is not None]
    assert len(played) == len(jobs)  # every chunk was played, in a worker or here
    metrics = {name: np.concatenate([r[0][name] for r in played]) for name in METRICS}
    paths = {name: np.concatenate([r[2][name] for r in played], axis=1) for name in METRICS}  # (turns + 1, runs)
    first_turns: dict[str, list[int]] = {}
    for _, fired, _ in played:
        for event, turn_list in fired.items():
            first_turns.setdefault(event, []).extend(turn_list)
    possible = reachable_events(content, level, role)
    return {
        "level": level_id,
        "role": role,
        "bot": bot,
        "run_count": runs,
        "turns": turns,
        "seed": seed,
        "metrics": {name: summarise(values) for name, values in metrics.items()},
        "trajectory": {name: spread(values) for name, values in paths.items()},
        "runs": {name: _rounded(values) for name, values in metrics.items()},  # each run's end value (issue 12)
        "events": {
            event: {"fired_runs": len(t), "mean_first_turn": round(float(np.mean(t)), 3)}
            for event, t in sorted(first_turns.items())
        },
        "never_fired": sorted(possible - set(first_turns)),
    }


_WORKER_CONTENT: list[ContentSet] = []  # one per worker process, set once by its initializer


def _set_content(paths: list[str]) -> None:
    from game.content.content_cache import load_checked

    _WORKER_CONTENT[:] = [load_checked(paths).content]  # the content the command checked, from the user's cache


def _chunk(
    content: ContentSet | None,
    level_id: str,
    role: str,
    bot: str,
    seeds: list[int],
    turns: int,
    log_dir: Path | None,
    on_turn: Callable[[int], None] | None = None,
) -> Chunk:
    content = content or _WORKER_CONTENT[0]
    result = run_batch(
        content, level_id, role, bot, seeds, turns=turns, keep_sessions=log_dir is not None, on_turn=on_turn
    )
    if log_dir is not None:
        write_logs(result.sessions, log_dir, bot)
    return result.metrics, result.fired, result.trajectory


def write_logs(sessions: list[GameSession], log_dir: Path, bot: str) -> list[Path]:
    """One decision log per run, named by level, role, bot and seed; existing files are never overwritten."""
    from game.session.log import DecisionLog

    log_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for session in sessions:
        name = f"{session.level.id}-{session.role}-{bot}-seed{session.seed}.jsonl"
        with DecisionLog.open(log_dir / name, session, bot=bot) as log:  # writes the header and every turn
            paths.append(Path(log.path))
    return paths
