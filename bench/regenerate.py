"""Every generated table of the docs, made again with one command: what to run after a change to the model, a level
or an event, once the levels are settled (`uv run python tools/calibrate.py settle`).

    uv run python bench/regenerate.py                    # every table: about 80-90 minutes on a 2-core machine
    uv run python bench/regenerate.py --list             # the steps, in order, with the command each one runs
    uv run python bench/regenerate.py --only militia_test,basins      # some steps
    uv run python bench/regenerate.py --skip fidelity                 # all but some

Two lanes run side by side, as a 2-core machine is best used: the fidelity tables (bench/fidelity.py, which keeps
its two worker processes busy for most of the run) in one, and every other step, one after the other at a lower
priority (nice 10), in the other, so that they take up what fidelity leaves idle rather than slowing it down. Each
step writes its own block of docs/model.md (or docs/balance.md); the blocks are written under a lock
(bench/docs_block.py), so two steps finishing together lose nothing. Each step's output goes to a log file in
`--logs` (a new temporary folder by default); the command prints when each step starts and ends, how long it took,
and exits with 1 if any step failed (its log says why) or 2 on a bad command line.

What stays by hand: the prose around the tables (docs/model.md's "What it says" paragraphs, the item list of "Where
issue 12 stands"), and the tests' known misses, whose figures come from the tables (see docs/model.md, §8).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Step:
    name: str
    args: tuple[str, ...]  # the script and its arguments, run with this Python from the repository's root
    writes: str

    def command(self) -> list[str]:
        return [sys.executable, *self.args]


FIDELITY = Step("fidelity", ("bench/fidelity.py", "--write-docs"), "docs/model.md: calibration, claims, robustness")
# The other lane, in the order the docs read them; each is minutes at most.
OTHERS = (
    Step("param_table", ("tools/param_table.py",), "docs/model.md: the parameter appendix"),
    Step("militia_test", ("bench/militia_test.py", "--write-docs"), "docs/model.md: militias game by game"),
    Step("unseen_levels", ("bench/unseen_levels.py", "--write-docs"), "docs/model.md: levels nobody has seen"),
    Step("people_variation", ("bench/people_variation.py", "--write-docs"), "docs/model.md: games differ by people"),
    Step("visible_effects", ("bench/visible_effects.py", "--write-docs"), "docs/model.md: effects a player can see"),
    Step("tipping", ("bench/tipping.py", "--write-docs"), "docs/model.md: tipping a district"),
    Step("displacement", ("bench/displacement.py", "--write-docs"), "docs/model.md: displacement"),
    Step(
        "basins",
        ("tools/basins.py", "--level", "border_city", "--seeds", "6", "--write-docs"),
        "docs/model.md: two basins; docs/figures/basins.png, hysteresis.png",
    ),
    Step("district_size", ("bench/district_size.py", "--write-docs"), "docs/model.md: a district's size"),
    Step("balance", ("tools/balance.py",), "docs/balance.md"),
    Step("chilling_test", ("bench/chilling_test.py", "--write-docs"), "docs/model.md: the chill game by game"),
)
STEPS = (FIDELITY, *OTHERS)


@dataclass
class Outcome:
    step: Step
    code: int
    seconds: float
    log: Path


def _names(text: str, parser: argparse.ArgumentParser) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in {s.name for s in STEPS}]
    if unknown:
        parser.error(f"no step called {', '.join(unknown)}; the steps are {', '.join(s.name for s in STEPS)}")
    return names


def run_lane(steps: list[Step], logs: Path, nice: bool, done: list[Outcome], say) -> None:
    """Run the steps one after the other, each into its own log; record each outcome as it ends."""
    for step in steps:
        log = logs / f"{step.name}.log"
        say(f"start  {step.name}: {' '.join(step.args)}")
        start = time.perf_counter()
        with open(log, "w", encoding="utf-8") as out:
            child = subprocess.Popen(step.command(), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
            if nice and hasattr(os, "setpriority"):  # the side lane yields to fidelity's workers (theirs inherit it)
                with contextlib.suppress(OSError):  # (it may have ended already)
                    os.setpriority(os.PRIO_PROCESS, child.pid, 10)
            code = child.wait()
        seconds = time.perf_counter() - start
        done.append(Outcome(step, code, seconds, log))
        verdict = "done  " if code == 0 else "FAILED"
        say(f"{verdict} {step.name}: {seconds:.0f} s" + ("" if code == 0 else f", see {log}"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--list", action="store_true", help="print the steps and exit")
    parser.add_argument("--only", metavar="A,B", help="run only these steps (names as --list prints them)")
    parser.add_argument("--skip", metavar="A,B", help="run every step but these")
    parser.add_argument("--logs", type=Path, help="the folder for each step's log (default: a new temporary folder)")
    args = parser.parse_args(argv)
    if args.list:
        for step in STEPS:
            lane = "lane 1" if step is FIDELITY else "lane 2"
            print(f"{step.name:17} {lane}  uv run python {' '.join(step.args)}\n{'':25} writes {step.writes}")
        return 0
    chosen = _names(args.only, parser) if args.only else [s.name for s in STEPS]
    skipped = set(_names(args.skip, parser)) if args.skip else set()
    steps = [s for s in STEPS if s.name in chosen and s.name not in skipped]
    if not steps:
        parser.error("no step left to run")
    logs = args.logs or Path(tempfile.mkdtemp(prefix="plaza-regenerate-"))
    logs.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    lock = threading.Lock()

    def say(text: str) -> None:
        with lock:
            print(f"[{time.perf_counter() - start:6.0f} s] {text}", flush=True)

    say(f"{len(steps)} step(s); logs in {logs}")
    done: list[Outcome] = []
    side = [s for s in steps if s is not FIDELITY]
    lanes = []
    if FIDELITY in steps:
        lanes.append(threading.Thread(target=run_lane, args=([FIDELITY], logs, False, done, say)))
    # Without fidelity, nothing else needs the processors: the other steps run at normal priority.
    lanes.append(threading.Thread(target=run_lane, args=(side, logs, FIDELITY in steps, done, say)))
    try:
        for lane in lanes:
            lane.start()
        for lane in lanes:
            lane.join()
    except KeyboardInterrupt:
        say("interrupted: the steps under way stop with this command (their blocks keep their last tables)")
        return 130
    failed = [o for o in done if o.code != 0]
    say(f"{len(done) - len(failed)} of {len(steps)} step(s) done in {time.perf_counter() - start:.0f} s")
    for o in failed:
        print(f"  {o.step.name} failed (exit {o.code}): {o.log}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
