"""Every figure of issue 17 (speed), each beside a bare baseline measured in the same run, and how cost grows.

    uv run python bench/speed.py            # every row: about ten minutes on a quiet 2-core machine
    uv run python bench/speed.py --quick    # fewer repeats and games: a rough picture in a few minutes
    uv run python bench/speed.py --rows startup,idle   # some rows (names: see ROWS at the bottom)

Commands are timed as whole processes, from start to exit, medians over repeats (5; --quick: 2), the processor
time of the process and its workers beside the wall time. Every child gets a private PLAZA_HOME and may write
its compiled bytecode (as an installed game has it); one untimed run warms the caches first, so the start-up
rows are a player's second start (the start-up row also gives a first start, with an empty cache: it parses and
checks the content, then keeps it; bench/startup.py prints that row alone). The game's figures run
under the dummy video driver (bench/ui.py's scripts). Timings stay out of the tests; this prints them.
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import sweep as sweep_bench  # noqa: E402
from bench import ui as ui_bench  # noqa: E402
from bench.report import write_class  # noqa: E402
from bench.simulate import turn_times  # noqa: E402
from bench.startup import EMPTY, PLAZA, run_once, startup_figures, startup_text  # noqa: E402

PROBE = "PLAZA_FIRST_FRAME_PROBE"  # game.ui.app: print a line once the title's first frame is drawn, then end

BARE_WINDOW = """
import os, re, sys
import pygame
pygame.display.init()
screen = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
screen.fill((200, 200, 200)); pygame.display.flip()
print("READY", flush=True)
if "--peak" in sys.argv:
    print("PEAK %s" % re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))
"""

BARE_LOOPS = """
import resource, sys, time
import pygame
pygame.display.init()
screen = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
seconds = float(sys.argv[1])
def share(wait):
    u0 = resource.getrusage(resource.RUSAGE_SELF); w0 = time.perf_counter()
    while time.perf_counter() - w0 < seconds:
        wait()
        screen.fill((200, 200, 200)); pygame.display.flip()
    u1 = resource.getrusage(resource.RUSAGE_SELF)
    return (u1.ru_utime - u0.ru_utime + u1.ru_stime - u0.ru_stime) / (time.perf_counter() - w0) * 100
clock = pygame.time.Clock()
print("LOOPS %.3f %.3f" % (share(lambda: clock.tick(30)), share(lambda: pygame.event.wait(1000))))
"""

# The random numbers 1,000 games of a level need, and nothing else: each game's own generator fills the quarter's
# uniform draws for every household slot (DRAWS blocks a quarter over the term, 7 a quarter over the warm-up), as
# game.sim.randomness does. A batched model that plays each game as it plays alone cannot use less: the floor.
BARE_DRAWS = """
import resource, sys
import numpy as np
from game.content.content_cache import load_checked
from game.sim.model import DRAWS, WARM_UP
level = load_checked().content.levels[sys.argv[1]]
games = int(sys.argv[2])
slots = len(level.districts) * max(d.households for d in level.districts)
gens = [np.random.default_rng(np.random.SeedSequence(s).spawn(3)[0]) for s in range(games)]
u0 = resource.getrusage(resource.RUSAGE_SELF)
for blocks, quarters in ((7, WARM_UP), (DRAWS, level.turns)):
    out = np.empty((games, blocks * slots), dtype=np.float32)
    for _ in range(quarters):
        for r, g in enumerate(gens):
            g.random(dtype=np.float32, out=out[r])
u1 = resource.getrusage(resource.RUSAGE_SELF)
print("DRAWS %.3f" % (u1.ru_utime - u0.ru_utime + u1.ru_stime - u0.ru_stime))
"""

# The city screen waiting for a player who has just stopped moving the mouse: a move, then the real loop for the
# given seconds (pygame_gui still draws its buttons' hover states lazily then), then as long again with no input.
IDLE = (
    ui_bench.CITY
    + """
def waiting(move):
    if move:
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(640, 360), rel=(1, 1), buttons=(0, 0, 0),
                                             touch=False))
    pygame.time.set_timer(pygame.QUIT, int(SECONDS * 1000), loops=1)
    u0 = resource.getrusage(resource.RUSAGE_SELF); w0 = time.perf_counter(); f0 = app.frames_drawn
    app.running = True
    app.run()
    u1 = resource.getrusage(resource.RUSAGE_SELF); w1 = time.perf_counter()
    cpu = (u1.ru_utime - u0.ru_utime) + (u1.ru_stime - u0.ru_stime)
    return "%.3f %.3f %d" % (cpu, w1 - w0, app.frames_drawn - f0)
pygame.quit = lambda: None  # run() ends with it; the second window needs the display
print("IDLE", waiting(True), waiting(False))
"""
)


@dataclass
class Row:
    figure: str
    now: str
    target: str
    baseline: str = "—"


@dataclass
class Bench:
    repeats: int
    games: int  # games per batch in the in-process scale rows
    home: Path
    simulate_1000: float | None = None  # the first row's wall time, reused by the scale rows

    def env(self, **more: str) -> dict[str, str]:
        env = {**ui_bench.ENV, "PLAZA_HOME": str(self.home), **more}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return env


def timed(b: Bench, argv: list[str], repeats: int | None = None, warm: bool = True) -> tuple[float, float]:
    """Median wall and processor seconds over `repeats` whole processes, after one untimed run when `warm`."""
    if warm:
        run_once(argv, b.env())
    runs = [run_once(argv, b.env()) for _ in range(repeats or b.repeats)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def empty_start(b: Bench) -> str:
    wall, cpu = timed(b, EMPTY)
    return f"empty Python start {wall:.3f} s ({cpu:.3f} s cpu)"


def until_line(argv: list[str], env: dict[str, str], mark: str) -> tuple[float, float]:
    """Seconds from starting a process to the line containing `mark` on its output, and the processor seconds of
    the whole process (it ends by itself after that line: the launch probe, the scripts here)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    wall = next((time.perf_counter() - start for line in proc.stdout if mark in line), None)
    proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if wall is None:
        sys.exit(f"bench: {mark!r} never came (exit {proc.returncode})")
    return wall, usage.ru_utime + usage.ru_stime


# --- the rows of the issue's table -----------------------------------------------------------------------------


def simulate_1000(b: Bench) -> list[Row]:
    wall, cpu = timed(b, [*PLAZA, "simulate", "border_city", "--runs", "1000"])
    b.simulate_1000 = wall
    draws = statistics.median(
        float(ui_bench.child(BARE_DRAWS, "border_city", "1000", env=b.env()).split()[1]) for _ in range(b.repeats)
    )
    cores = os.cpu_count() or 1
    return [
        Row(
            "`plaza simulate border_city --runs 1000` (wall)",
            f"{wall:.2f} s ({cpu:.1f} s cpu)",
            "≤ 1.0 s",
            f"{empty_start(b)}; the games' random draws alone (each game's generator, every household, every "
            f"quarter and the warm-up) {draws:.2f} s cpu, {draws / cores:.2f} s over {cores} cores",
        )
    ]


def startup(b: Bench) -> list[Row]:
    now, baseline = startup_text(startup_figures("border_city", b.repeats, b.env()))
    help_wall, _ = timed(b, [*PLAZA, "simulate", "--list-bots"])
    return [
        Row(
            "`plaza simulate border_city --runs 1` (start-up cost)",
            f"{now}; `plaza simulate --list-bots`: {help_wall:.2f} s",
            "≤ 0.3 s",
            baseline,
        )
    ]


def comparison(b: Bench) -> list[Row]:
    pool = float(ui_bench.child(ui_bench.COMPARISON, env=b.env()).split()[1])
    alone = float(ui_bench.child(ui_bench.COMPARISON, env=b.env(PLAZA_COMPARISON_WORKERS="0")).split()[1])
    return [
        Row(
            "debrief comparison of 1,000 games (game.runs.comparison.simulate_games)",
            f"{pool:.2f} s with its worker processes; {alone:.2f} s in one process",
            "≤ 1.0 s, no worker pool needed",
        )
    ]


def turn(b: Bench) -> list[Row]:
    from game.content.loader import load_content

    content = load_content().content
    games = max(2, b.games // 50)
    shown = [
        statistics.median(turn_times(content, "border_city", "official", games, e)[1]) * 1000 for e in (True, False)
    ]
    return [
        Row(
            f"one turn, model + events, with explanations (border_city, median of {games} games)",
            f"{shown[0]:.2f} ms ({shown[1]:.2f} ms without)",
            "≤ 1 ms",
        )
    ]


def launch(b: Bench) -> list[Row]:
    env = b.env(**{PROBE: "1"})

    def median_until(argv: list[str], mark: str) -> str:
        until_line(argv, env, mark)  # warm the caches
        runs = [until_line(argv, env, mark) for _ in range(b.repeats)]
        return f"{statistics.median(r[0] for r in runs):.2f} s ({statistics.median(r[1] for r in runs):.2f} s cpu)"

    # the App and its title built by hand, as bench/ui.py does (the figure a tree without the probe can give)
    by_hand = median_until([sys.executable, "-c", ui_bench.LAUNCH], "READY")
    shown = f"App() and the title by hand, a fresh PLAZA_HOME each time (a first start, empty cache): {by_hand}"
    if PROBE in (ROOT / "game" / "ui" / "app.py").read_text(encoding="utf-8"):
        shown = f"`plaza` itself {median_until(PLAZA, 'first frame')}; " + shown
    bare = median_until([sys.executable, "-c", BARE_WINDOW], "READY")
    return [
        Row(
            "launch to the first interactive frame (process start to the title's first frame)",
            shown,
            "≤ 0.5 s",
            f"bare pygame window opened and flipped {bare}",
        )
    ]


def idle(b: Bench, seconds: float = 10.0) -> list[Row]:
    figures = [float(x) for x in ui_bench.child(IDLE, str(seconds), env=b.env()).split()[1:]]
    naive, waiting = ui_bench.child(BARE_LOOPS, str(seconds), env=b.env()).split()[1:]
    (cpu, wall, drawn), (cpu2, wall2, drawn2) = figures[:3], figures[3:]
    return [
        Row(
            f"processor while the city screen waits (dummy driver): {seconds:.0f} s after a mouse move, then "
            f"{seconds:.0f} s more",
            f"{cpu / wall * 100:.2f}% of a core ({drawn:.0f} frames drawn), then {cpu2 / wall2 * 100:.2f}% "
            f"({drawn2:.0f} frames)",
            "< 1%",
            f"bare fill-and-flip at 30 fps {float(naive):.2f}%; bare loop on SDL's event wait {float(waiting):.2f}%",
        )
    ]


def memory(b: Bench) -> list[Row]:
    game, bare = (
        _peak_mb(ui_bench.child(code, *more, env=b.env()))
        for code, *more in ((ui_bench.MEMORY,), (BARE_WINDOW, "--peak"))
    )
    return [
        Row(
            "peak memory over a whole game, both roles (the game's process, debrief comparisons included)",
            f"{game:.0f} MB",
            "< 150 MB",
            f"bare pygame window {bare:.0f} MB",
        )
    ]


def _peak_mb(output: str) -> float:
    found = re.search(r"PEAK (\d+)", output)
    if found is None:
        sys.exit(f"bench: no peak memory reported:\n{output[-2000:]}")
    return int(found.group(1)) / 1024


def validate(b: Bench) -> list[Row]:
    warm, cpu = timed(b, [*PLAZA, "validate"])
    cold = statistics.median(
        run_once([*PLAZA, "validate"], b.env(PLAZA_CACHE_DIR=tempfile.mkdtemp(prefix="plaza-bench-cold-")))[0]
        for _ in range(b.repeats)
    )
    return [
        Row(
            "`plaza validate`, all shipped content (command)",
            f"{warm:.2f} s ({cpu:.2f} s cpu; empty cache: {cold:.2f} s)",
            "≤ 0.3 s",
            empty_start(b),
        )
    ]


def report(b: Bench, groups: int = 40) -> list[Row]:
    from game.content.loader import load_content

    folder = b.home / "class-logs"
    if not folder.exists():
        write_class(load_content().content, folder, groups, "border_city", "official", "groups", 7)
    out = b.home / "report-out"
    wall, cpu = timed(b, [*PLAZA, "report", str(folder), "--out", str(out)])
    return [Row(f"`plaza report`, {groups} groups", f"{wall:.2f} s ({cpu:.2f} s cpu)", "≤ 1.0 s", empty_start(b))]


# --- how cost grows --------------------------------------------------------------------------------------------


def sweep(b: Bench) -> list[Row]:
    points = 200 if b.games >= 1000 else 40  # --quick: a fifth of the sweep
    wall, cpu, one = sweep_bench.sweep(points, 20, 40, 2)
    return [
        Row(
            f"parameter sweep, {points} Latin-hypercube points × 20 seeds × 40 quarters, 2 processes (bench/sweep.py)",
            f"{wall:.1f} s wall ({cpu:.0f} s cpu)",
            "< 1 minute for 200 points",
            f"one point alone in this process {one:.2f} s cpu",
        )
    ]


def scale_games(b: Bench) -> list[Row]:
    rows = []
    for n in (10, 100, 1000, 10000):
        if n == 1000 and b.simulate_1000 is not None:
            wall = b.simulate_1000
        else:
            wall, _ = timed(b, [*PLAZA, "simulate", "border_city", "--runs", str(n)], repeats=1, warm=n == 10)
        rows.append(Row(f"scale: `plaza simulate border_city --runs {n}` (wall)", f"{wall:.2f} s", "—"))
    return rows


def level_file(folder: Path, districts: int) -> Path:
    """border_city with its first `districts` districts, or its districts copied over again up to that many."""
    level = yaml.safe_load((ROOT / "levels" / "border_city.yaml").read_text(encoding="utf-8"))
    level["id"] = f"bench_{districts}"
    level["districts"] = grown_districts(level["districts"], districts)
    kept = {d["id"] for d in level["districts"]}
    for role in level["roles"].values():
        for objective in (role or {}).get("objectives", []) if isinstance(role, dict) else []:
            track = objective.get("track") if isinstance(objective, dict) else None
            if track and "districts" in track:
                track["districts"] = [d for d in track["districts"] if d in kept] or sorted(kept)[:1]
    path = folder / f"bench_{districts}.yaml"
    path.write_text(yaml.safe_dump(level, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    return path


def grown_districts(districts: list[dict], count: int) -> list[dict]:
    out = []
    for round_ in range(-(-count // len(districts))):
        for d in districts:
            suffix = f"_{round_}" if round_ else ""
            grown = copy.deepcopy(d)  # no shared parts: YAML would write them as anchors, which levels refuse
            out.append({**grown, "id": d["id"] + suffix, "borders": [x + suffix for x in d.get("borders", [])]})
    out = out[:count]
    kept = {d["id"] for d in out}
    for i, d in enumerate(out):
        d["borders"] = [x for x in d["borders"] if x in kept] or ([out[i - 1]["id"]] if i else [])
    return out


def scale_districts(b: Bench) -> list[Row]:
    from game.content.loader import load_content
    from game.runs.batch import run_batch

    rows = []
    folder = b.home / "levels"
    content = load_content().content
    for n in (3, 7, 20):
        folder.mkdir(exist_ok=True)
        for old in folder.glob("*.yaml"):
            old.unlink()
        path = level_file(folder, n)
        code = subprocess.run([*PLAZA, "validate", str(path)], cwd=ROOT, env=b.env(), capture_output=True, text=True)
        if code.returncode == 0:
            wall, _ = timed(b, [*PLAZA, "simulate", str(path), "--runs", "1000"], repeats=1)
            whole = f"`plaza simulate FILE --runs 1000` {wall:.2f} s"
        else:
            why = next((ln for ln in code.stdout.splitlines() if " E" in ln), "refused").split(": ", 1)[-1]
            whole = f"as a level file: refused ({why[:70]})"
        # in one process, over the batch API, with the level built in memory (no 12-district limit there)
        base = content.levels["border_city"]
        plain = [{"id": d.id, "borders": list(d.borders), "of": i} for i, d in enumerate(base.districts)]
        grown = [
            base.districts[g["of"]].model_copy(update={"id": g["id"], "borders": g["borders"]})
            for g in grown_districts(plain, n)
        ]
        content.levels[f"bench_{n}"] = base.model_copy(update={"id": f"bench_{n}", "districts": grown})
        start = time.perf_counter()
        run_batch(content, f"bench_{n}", "official", "status_quo", list(range(b.games)))
        batch = time.perf_counter() - start
        rows.append(Row(f"scale: {n} districts", f"{whole}; run_batch of {b.games} games {batch:.2f} s", "—"))
    return rows


ROWS = {
    "simulate": simulate_1000,
    "startup": startup,
    "comparison": comparison,
    "turn": turn,
    "launch": launch,
    "idle": idle,
    "memory": memory,
    "validate": validate,
    "report": report,
    "sweep": sweep,
    "games": scale_games,
    "districts": scale_districts,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and games")
    parser.add_argument("--rows", default=",".join(ROWS), help=f"comma-separated, of: {', '.join(ROWS)}")
    args = parser.parse_args()
    wanted = [r.strip() for r in args.rows.split(",") if r.strip()]
    unknown = [r for r in wanted if r not in ROWS]
    if unknown:
        parser.error(f"unknown rows: {', '.join(unknown)}; rows: {', '.join(ROWS)}")
    started = time.perf_counter()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="plaza-bench-speed-") as home:
        b = Bench(repeats=2 if args.quick else 5, games=100 if args.quick else 1000, home=Path(home))
        for name in wanted:
            for row in ROWS[name](b):
                rows.append(row)
                print(f"{row.figure}: {row.now} (target {row.target}; baseline: {row.baseline})", flush=True)
    load = os.getloadavg()
    print("\n| figure | now | target | bare baseline |\n|---|---|---|---|")
    for row in rows:
        print(f"| {row.figure} | {row.now} | {row.target} | {row.baseline} |")
    print(
        f"\n{os.cpu_count()} cores, load average {load[0]:.2f} at the end; {time.perf_counter() - started:.0f} s; "
        f"peak memory of this bench {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
