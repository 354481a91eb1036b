"""`plaza simulate`: many games of one level, role and bot, summarised with confidence intervals.

Run r plays with seed `seed + r`, so any run can be replayed alone (its log records its seed). Runs are played in
batches of `chunk` to bound memory; results do not depend on the chunk size.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import numpy as np

from game.content.checks import reachable_events
from game.content.loader import ContentSet
from game.session.batch import run_batch
from game.sim.metrics import METRICS


def summarise(values: np.ndarray) -> dict:
    """Mean and a 95% confidence interval for the mean (normal approximation over runs)."""
    values = np.asarray(values, dtype=float)
    mean = float(values.mean())
    half = 1.96 * float(values.std(ddof=1)) / math.sqrt(len(values)) if len(values) > 1 else 0.0
    return {"mean": round(mean, 6), "ci95": [round(mean - half, 6), round(mean + half, 6)]}


def simulate(content: ContentSet, level_id: str, role: str, bot: str, runs: int, *, turns: int | None = None,
             seed: int = 0, chunk: int = 250, log_dir: Path | None = None,
             progress: Callable[[int, int], None] | None = None) -> dict:
    level = content.levels.get(level_id)
    turns = turns or (level.turns if level else None)
    collected: dict[str, list[np.ndarray]] = {m: [] for m in METRICS}
    first_turns: dict[str, list[int]] = {}
    done = 0
    for start in range(0, runs, chunk):
        seeds = [seed + r for r in range(start, min(start + chunk, runs))]

        def report(turn: int, before: int = done, size: int = len(seeds)) -> None:
            if progress:
                progress(before * turns + turn * size, runs * turns)

        result = run_batch(content, level_id, role, bot, seeds, turns=turns, keep_sessions=log_dir is not None,
                           on_turn=report)
        done += len(seeds)
        for name in METRICS:
            collected[name].append(result.metrics[name])
        for event, turns_list in result.fired.items():
            first_turns.setdefault(event, []).extend(turns_list)
        if log_dir is not None:
            write_logs(result.sessions, log_dir, bot)
    level = content.levels[level_id]
    possible = reachable_events(content, level, role)
    return {
        "level": level_id, "role": role, "bot": bot, "runs": runs, "turns": turns, "seed": seed,
        "metrics": {name: summarise(np.concatenate(parts)) for name, parts in collected.items()},
        "events": {event: {"fired_runs": len(t), "mean_first_turn": round(float(np.mean(t)), 3)}
                   for event, t in sorted(first_turns.items())},
        "never_fired": sorted(possible - set(first_turns)),
    }


def write_logs(sessions, log_dir: Path, bot: str) -> list[Path]:
    """One decision log per run, named by level, role, bot and seed; existing files are never overwritten."""
    from game.session.log import DecisionLog

    log_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for session in sessions:
        name = f"{session.level.id}-{session.role}-{bot}-seed{session.seed}.jsonl"
        with DecisionLog.open(log_dir / name, session, bot=bot) as log:  # writes the header and every turn
            paths.append(Path(log.path))
    return paths
