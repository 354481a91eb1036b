"""The model's speed and memory: a single game's turn, and `plaza simulate LEVEL --runs 1000`.

Targets on a 2-core machine: a turn (model + events) at most 2 ms; 1,000 twelve-turn runs at most 5 s; the
start-up (`plaza simulate LEVEL --runs 1`, a whole process) at most 0.3 s, printed beside an empty Python start
measured in the same run (bench/startup.py).

    uv run python bench/simulate.py [--level border_city] [--runs 1000] [--bot citizen_campaign]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.peak import run_plaza  # noqa: E402
from bench.startup import child_env, startup_figures, startup_text  # noqa: E402
from game.content.loader import load_content  # noqa: E402
from game.session.session import GameSession  # noqa: E402


def turn_times(content, level: str, role: str, games: int, explain: bool = True) -> tuple[list[float], list[float]]:
    """Per turn: the model's step alone, and the whole turn (events answered with their first option)."""
    model, whole = [], []
    for seed in range(games):
        session = GameSession(content, level, role, seed, explain=explain)
        step = session.model.step

        def timed_step(step=step):
            start = time.perf_counter()
            result = step()
            model.append(time.perf_counter() - start)
            return result

        session.model.step = timed_step
        for _ in range(session.turns):
            start = time.perf_counter()
            session.play_turn([], chooser=lambda occ, rng: occ.enabled[0].id if occ.enabled else None)
            whole.append(time.perf_counter() - start)
    return model, whole


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--level", default="border_city")
    parser.add_argument("--role", default="official")
    parser.add_argument("--bot", default="citizen_campaign")
    parser.add_argument("--runs", type=int, default=1000)
    args = parser.parse_args()
    content = load_content().content
    for explain, label in ((False, "decisions only, as bots play"), (True, "full explanations, as the game shows")):
        model, whole = turn_times(content, args.level, args.role, 20, explain)
        print(
            f"one game, {args.level} ({len(content.levels[args.level].districts)} districts), 20 games × "
            f"{len(whole) // 20} turns, {label}: model step median {statistics.median(model) * 1000:.2f} ms; "
            f"model + events median {statistics.median(whole) * 1000:.2f} ms, "
            f"95th pct {sorted(whole)[int(len(whole) * 0.95)] * 1000:.2f} ms"
        )
    code, wall, main_mb, worker_mb = run_plaza(
        ["simulate", args.level, "--role", args.role, "--bot", args.bot, "--runs", str(args.runs), "--json"]
    )
    print(
        f"`plaza simulate {args.level} --role {args.role} --bot {args.bot} --runs {args.runs} --json`: exit "
        f"{code}, wall {wall:.1f} s; peak memory: main process {main_mb:.0f} MB, largest worker "
        f"{worker_mb:.0f} MB (workers run side by side, one per core)"
    )
    with tempfile.TemporaryDirectory(prefix="plaza-bench-startup-") as home:
        now, baseline = startup_text(startup_figures(args.level, 5, child_env(Path(home))))
    load = os.getloadavg()[0]
    print(f"`plaza simulate {args.level} --runs 1` (start-up, medians of 5): {now}; beside {baseline}; load {load:.2f}")


if __name__ == "__main__":
    main()
