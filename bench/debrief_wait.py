"""How long the debrief waits for its comparison with 1,000 simulated terms, after a term played through the city
screen, with the comparison started as the first quarter ends (game.ui.comparisons) and without.

    uv run python bench/debrief_wait.py                 # pauses of 0 and 0.5 s a quarter, both ways: about a minute
    uv run python bench/debrief_wait.py --pause 2

Each game starts with an empty cache (as a computer's first debrief of a level does), under the dummy video driver;
`--pause` is a player's thinking time each quarter, before ending it. Timings stay out of the tests.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def one_term(pause: float) -> tuple[float, float]:
    """In this process: (seconds the term took, seconds the debrief then waited for its comparison). The game is
    imported here, in the child alone: the parent only starts children and prints."""
    from game.runs import background
    from game.ui.flow import show_current
    from tests.ui.harness import Driver, answer_first_open

    drv = Driver(Path(tempfile.mkdtemp(prefix="plaza-bench-debrief-")))
    play = drv.app.new_game("border_city", "official", 3)
    show_current(drv.app)
    start = time.perf_counter()
    while play.stage != "over":
        if play.stage == "events":
            answer_first_open(play)
        elif play.stage == "plan":
            time.sleep(pause)
            drv.scene.end_turn()  # the city screen's own End turn, as a player's click
        else:
            play.next_turn()
        show_current(drv.app)
    drv.frames(2)
    term = time.perf_counter() - start
    if drv.scene_name != "debrief":
        sys.exit(f"bench/debrief_wait.py: the term ended on {drv.scene_name!r}, not the debrief")
    start = time.perf_counter()
    drv.scene.comparer.wait(600)
    waited = time.perf_counter() - start
    background.stop_all()
    return term, waited


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pause", type=float, action="append", help="seconds a quarter (repeatable; default 0, 0.5)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:  # one term, in a process of its own (a fresh cache, a fresh pool)
        term, waited = one_term(args.pause[0])
        print(f"RESULT {term:.2f} {waited:.2f}", flush=True)
        return 0
    print("| started as the first quarter ends | pause a quarter | term played in | the debrief waited |")
    print("|---|---|---|---|")
    for pause in args.pause or [0.0, 0.5]:
        for prefetch in ("0", "1"):
            env = {
                **os.environ,
                "SDL_VIDEODRIVER": "dummy",
                "SDL_AUDIODRIVER": "dummy",
                "PLAZA_HOME": tempfile.mkdtemp(prefix="plaza-bench-home-"),
                "PLAZA_CACHE_DIR": tempfile.mkdtemp(prefix="plaza-bench-cache-"),
                "PLAZA_COMPARISON_PREFETCH": prefetch,
                "PLAZA_COMPARISON_RUNS": "1000",
            }
            out = subprocess.run(
                [sys.executable, __file__, "--child", "--pause", str(pause)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            found = [line.split() for line in out.stdout.splitlines() if line.startswith("RESULT")]
            if out.returncode != 0 or not found:
                sys.exit(f"bench/debrief_wait.py: a term failed:\n{out.stderr[-2000:]}")
            term, waited = (float(x) for x in found[0][1:])
            print(f"| {'yes' if prefetch == '1' else 'no'} | {pause:g} s | {term:.1f} s | {waited:.2f} s |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
