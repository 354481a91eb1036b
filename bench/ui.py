"""Desktop game figures at 1280×720 under the dummy video driver (targets from issue 4).

    uv run python bench/ui.py            # all five
    uv run python bench/ui.py frames     # or one of: frames idle launch memory games
    uv run python bench/ui.py games 5 --trace   # games in one sitting, with what each game left behind

- frames: 95th-percentile frame time of the busiest screens (city, event card, report, history, debrief), each
  frame fully redrawn with a mouse move processed, beside a bare fill-and-flip in the same run (target ≤ 8 ms);
- idle: processor time used by the real loop while the city screen waits for the player (target < 5% of a core);
- launch: from starting the process to the first drawn, interactive title frame (target < 1 s);
- memory: peak memory of the game's process over a whole game, title to debrief, in both roles (target < 200 MB),
  and of the largest worker process the debrief's comparison used.
- games: the process's memory (resident, after a collection) after each of several whole games played in one
  sitting, title to debrief and back to the title, alternating roles and languages (issue 15: it must not grow
  from game to game; target < 200 MB after five games); --trace adds tracemalloc's biggest growths between the
  second game and the last, and the objects by type that each game adds.
Each figure is measured in a child process, so one measurement does not disturb the next.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {
    **os.environ,
    "SDL_VIDEODRIVER": "dummy",
    "SDL_AUDIODRIVER": "dummy",
    "PYGAME_HIDE_SUPPORT_PROMPT": "1",
    "PYTHONWARNINGS": "ignore",
}

PRELUDE = """
import os, sys, time, tempfile, re
os.environ["PLAZA_HOME"] = tempfile.mkdtemp(prefix="plaza-bench-")
os.environ.setdefault("PLAZA_COMPARISON_RUNS", "1000")
import pygame
from game.ui.app import App
from game.ui.flow import show_current
from game.ui.settings import Settings

def to_stage(app, stages):
    play = app.play
    while play.stage not in stages:
        if play.stage == "events":
            play.answer(next((o.option.id for o in play.pending.options if o.enabled), None))
        elif play.stage == "plan":
            for m in play.session.offered()[:2]:
                from game.session.commands import AdoptMeasure
                play.plan(AdoptMeasure(m.id, play.world.district_ids[0] if m.target == "district" else None))
            play.end_turn()
        elif play.stage == "report":
            play.next_turn()
    show_current(app)

def whole_game(app, level, role, seed, on_plan=None, wait=120):
    # one game through the screens, title to the debrief with its comparison in
    app.new_game(level, role, seed)
    app.play.start()
    while app.play.stage != "over":
        to_stage(app, ("events", "plan", "report", "over"))
        app.frame([], 0.05)
        if app.play.stage == "events":
            app.play.answer(next((o.option.id for o in app.play.pending.options if o.enabled), None))
        elif app.play.stage == "plan":
            if on_plan is not None:
                on_plan(app)
            app.play.end_turn()
        elif app.play.stage == "report":
            app.play.next_turn()
    show_current(app)
    deadline = time.time() + wait
    while time.time() < deadline:
        app.frame([], 0.05)
        if getattr(app.top, "comparison_ready", lambda: True)():
            break
        time.sleep(0.05)
    app.frame([], 0.05)
"""

FRAMES = (
    PRELUDE
    + """
app = App(size=(1280, 720), settings=Settings(window=(1280, 720)))
screen = app.screen
def frame_times(n, draw):
    out = []
    for i in range(n):
        t = time.perf_counter(); draw(i); out.append(time.perf_counter() - t)
    out.sort(); return out[int(0.95 * len(out))] * 1000, out[len(out) // 2] * 1000
def bare(i):
    screen.fill((200, 200, 200)); pygame.display.flip()
def busy(i):
    pos = (200 + (i * 37) % 800, 150 + (i * 23) % 450)
    app.dirty = True
    app.frame([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0), touch=False)],
              1 / 60)
app.new_game("border_city", "official", 3)
app.play.start()
screens = []
to_stage(app, ("events",)); screens.append(("event card", app.top.name))
busy_p95 = {}
for label, stages in (("event card", ("events",)), ("city", ("plan",)), ("report", ("report",))):
    to_stage(app, stages)
    busy_p95[label] = frame_times(300, busy)
from game.ui.scenes.history import HistoryScene
app.push(HistoryScene(app)); busy_p95["history"] = frame_times(300, busy); app.pop()
to_stage(app, ("over",))
deadline = time.time() + 60
while time.time() < deadline and app.top.update(0.05) is not None:
    app.frame([], 0.05)
    if getattr(app.top, "comparison_ready", lambda: True)():
        break
busy_p95["debrief"] = frame_times(300, busy)
bare_p95 = frame_times(300, bare)
print("BARE %.2f %.2f" % bare_p95)
for k, (p95, med) in busy_p95.items():
    print("SCREEN %s %.2f %.2f" % (k, p95, med))
"""
)

# The city screen of a new game, drawn once; SECONDS from the command line (bench/speed.py shares it).
CITY = (
    PRELUDE
    + """
import resource
app = App(size=(1280, 720), settings=Settings(window=(1280, 720)))
app.new_game("border_city", "official", 3)
app.play.start()
to_stage(app, ("plan",))
app.frame([], 0.05)
SECONDS = float(sys.argv[1])
"""
)

IDLE = (
    CITY
    + """
pygame.time.set_timer(pygame.QUIT, int(SECONDS * 1000), loops=1)
# let the post-input drawing period pass inside the measured window, as a player who stops moving the mouse
u0 = resource.getrusage(resource.RUSAGE_SELF); w0 = time.perf_counter()
app.run()
u1 = resource.getrusage(resource.RUSAGE_SELF); w1 = time.perf_counter()
cpu = (u1.ru_utime - u0.ru_utime) + (u1.ru_stime - u0.ru_stime)
print("IDLE %.3f %.3f %d" % (cpu, w1 - w0, app.frames_drawn))
"""
)

LAUNCH = """
import os, tempfile
os.environ["PLAZA_HOME"] = tempfile.mkdtemp(prefix="plaza-bench-")
from game.ui.app import App
from game.ui.scenes.title import TitleScene
app = App()
app.replace(TitleScene(app))
app.frame([], 0.0)
print("READY", flush=True)
"""

MEMORY = (
    PRELUDE
    + """
app = App(size=(1280, 720), settings=Settings(window=(1280, 720)))
for role in ("official", "organizer"):
    whole_game(app, "border_city", role, 3)
peak = re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read())
print("PEAK %d" % int(peak.group(1)))
"""
)

GAMES = (
    PRELUDE
    + """
import gc
from collections import Counter
TRACE = "--trace" in sys.argv
GAMES_N = int(sys.argv[1])
if TRACE:
    import tracemalloc
    tracemalloc.start(12)
def rss():
    gc.collect()
    return int(re.search(r"VmRSS:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)) / 1024
def types():
    return Counter(type(o).__name__ for o in gc.get_objects())
from game.ui.scenes.history import HistoryScene
def history(app):
    app.push(HistoryScene(app)); app.frame([], 0.05); app.pop()
app = App(size=(1280, 720), settings=Settings(window=(1280, 720)))
app.replace("title"); app.frame([], 0.05)
print("GAME 0 %.1f" % rss(), flush=True)
snap = counts = None
for n in range(1, GAMES_N + 1):
    role = ("official", "organizer")[n % 2]
    lang = ("en", "es")[(n // 2) % 2]
    if app.settings.language != lang:
        app.apply_settings(Settings(**{**app.settings.__dict__, "language": lang}))
    whole_game(app, "border_city", role, 100 + n, on_plan=history, wait=180)
    for page in getattr(app.top, "pages", lambda: [])():
        app.top.show_page(page); app.frame([], 0.05)
    app.replace("title"); app.frame([], 0.05)
    print("GAME %d %.1f" % (n, rss()), flush=True)
    if TRACE and n == 2:
        snap, counts = tracemalloc.take_snapshot(), types()
if TRACE and snap is not None:
    gc.collect()
    for stat in tracemalloc.take_snapshot().compare_to(snap, "traceback")[:12]:
        print("GROWTH %+.1f KB %d blocks" % (stat.size_diff / 1024, stat.count_diff))
        for line in stat.traceback.format()[-8:]:
            print("   ", line)
    grown = types(); grown.subtract(counts)
    print("TYPES", [(k, v) for k, v in grown.most_common(25) if v > 0])
peak = re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read())
print("PEAK %d" % int(peak.group(1)))
"""
)

COMPARISON = """
import os, resource, tempfile, time
os.environ["PLAZA_HOME"] = tempfile.mkdtemp(prefix="plaza-bench-")
from game.content.loader import load_content
from game.runs.comparison import simulate_games
if __name__ == "__main__":
    content = load_content().content
    start = time.perf_counter()
    simulate_games(content, "border_city", "official", 12, 1000)
    # a worker's peak; it was forked from this small process, so the pages it shared before starting count little
    print("COMPARISON %.2f %d" % (time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
"""


def child(code: str, *args: str, timeout: float = 600, env: dict[str, str] | None = None) -> str:
    """Run `code` in a fresh interpreter under the dummy drivers (`env` adds variables) and return its output."""
    proc = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env={**ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        sys.exit(f"bench child failed:\n{proc.stderr[-3000:]}")
    return proc.stdout


def frames() -> None:
    out = child(FRAMES)
    bare = re.search(r"BARE ([\d.]+) ([\d.]+)", out)
    print(f"bare fill+flip: p95 {bare.group(1)} ms (median {bare.group(2)} ms)")
    for name, p95, med in re.findall(r"SCREEN (.+?) ([\d.]+) ([\d.]+)", out):
        print(
            f"{name:>10}: p95 {p95} ms (median {med} ms), {float(p95) - float(bare.group(1)):+.2f} ms over "
            f"bare; target p95 ≤ 8 ms"
        )


def idle(seconds: float = 10.0) -> None:
    cpu, wall, drawn = child(IDLE, str(seconds)).split()[1:]
    share = float(cpu) / float(wall) * 100
    print(
        f"idle city screen: {float(cpu):.3f} s of processor in {float(wall):.1f} s = {share:.2f}% of one core, "
        f"{drawn} frames drawn; target < 5%"
    )


def launch(repeats: int = 5) -> None:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", LAUNCH],
            cwd=ROOT,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = proc.stdout.readline()
        times.append(time.perf_counter() - start)
        proc.wait()
        if "READY" not in line:
            sys.exit("launch bench: the title never drew")
    times.sort()
    print(
        f"launch to first interactive frame: median {times[len(times) // 2]:.3f} s, best {times[0]:.3f} s, "
        f"worst {times[-1]:.3f} s over {repeats}; target < 1 s"
    )


def memory() -> None:
    game = int(re.search(r"PEAK (\d+)", child(MEMORY)).group(1)) / 1024
    print(
        f"peak memory of the game over a whole game in both roles, debrief comparisons included: {game:.0f} MB; "
        "target < 200 MB"
    )
    seconds, worker = child(COMPARISON).split()[1:]
    print(
        f"debrief comparison of 1,000 games: {float(seconds):.1f} s in worker processes, the largest of which "
        f"peaked at {int(worker) / 1024:.0f} MB"
    )


def games(count: int = 5, trace: bool = False) -> None:
    out = child(GAMES, str(count), *(["--trace"] if trace else []), timeout=3600)
    figures = [(int(n), float(mb)) for n, mb in re.findall(r"GAME (\d+) ([\d.]+)", out)]
    for n, mb in figures:
        print(f"after game {n}: {mb:.0f} MB resident" + (" (title screen, no game yet)" if n == 0 else ""))
    if len(figures) > 2:
        per_game = (figures[-1][1] - figures[1][1]) / (len(figures) - 2)
        print(f"growth per game after the first: {per_game:+.1f} MB; target: none, and < 200 MB after five games")
    peak = re.search(r"PEAK (\d+)", out)
    print(f"peak: {int(peak.group(1)) / 1024:.0f} MB" if peak else "peak: not reported")
    for line in out.splitlines():
        if line.startswith(("GROWTH", "    ", "TYPES")):
            print(line)


if __name__ == "__main__":
    wanted = [a for a in sys.argv[1:] if not a.startswith("-") and not a.isdigit()] or [
        "launch",
        "frames",
        "idle",
        "memory",
        "games",
    ]
    for name in wanted:
        if name == "games":
            number = next((int(a) for a in sys.argv[1:] if a.isdigit()), 5)
            games(number, "--trace" in sys.argv)
            continue
        {"frames": frames, "idle": idle, "launch": launch, "memory": memory}[name]()
