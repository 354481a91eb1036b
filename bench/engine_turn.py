"""Event-engine time per turn on each shipped level, with full explanations (the game) and without (bots).

The world here is the plain `DictWorld`; the city model's own step is measured by its own benchmark.

    uv run python bench/engine_turn.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.content.loader import load_content
from game.content.schemas import HOOKS
from game.events.engine import EventEngine
from game.events.world import DictWorld


def play(content, level, role: str, seed: int, explain: bool) -> tuple[list[float], int]:
    world = DictWorld(content, level, role)
    engine = EventEngine(content, level, role, explain=explain)
    rng = np.random.default_rng(seed)
    times, fired = [], 0
    for turn in range(1, level.turns + 1):
        world.turn = turn
        start = time.perf_counter()
        engine.begin_turn(turn)
        for hook in HOOKS:
            fired += len(engine.run_hook_auto(hook, world, rng))
        times.append(time.perf_counter() - start)
    return times, fired


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    content = load_content().content
    for level in content.levels.values():
        for role in ("official", "organizer"):
            if level.roles.get(role) is None:
                continue
            for explain in (True, False):
                times, fired = [], 0
                for seed in range(args.runs):
                    t, f = play(content, level, role, seed, explain)
                    times += t
                    fired += f
                mode = "full explanations" if explain else "fast (bots)     "
                print(
                    f"{level.id:14} {role:10} {mode}: median {statistics.median(times) * 1000:.2f} ms/turn, "
                    f"95th pct {np.percentile(times, 95) * 1000:.2f} ms; {fired / args.runs:.1f} events per "
                    f"{level.turns}-turn game ({args.runs} games)"
                )


if __name__ == "__main__":
    main()
