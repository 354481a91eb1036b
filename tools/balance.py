"""The balance table: every level × role × bot played N times, written as docs/balance.md.

    uv run python tools/balance.py                 # 100 games per level, role and bot → docs/balance.md
    uv run python tools/balance.py --runs 300 --out /tmp/balance.md

For each level and each role it offers, every bot of `game.bots.BOTS` plays the same N seeds (run r uses seed r),
with `game.runs.batch.run_batch`. The file lists each bot's mean end-of-term metrics with the best bot per
metric marked (the direction comes from `game.session.meaning`), says whether one bot is best on
every key metric (the content should not let one), lists the events that never fired and each event's fire rate,
and counts the content. The seeds are fixed and nothing in the file depends on the date, the machine or the
number of worker processes, so unchanged content gives the same file.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import level_files  # noqa: E402
from game.bots import BOTS  # noqa: E402
from game.bots.base import summary_in  # noqa: E402
from game.cli_support import is_level_path  # noqa: E402
from game.content.checks import reachable_events  # noqa: E402
from game.content.dynamics import DYNAMICS, NAMES, dynamic_of  # noqa: E402
from game.content.loader import ContentSet, load_content  # noqa: E402
from game.roles import ROLES  # noqa: E402
from game.runs.batch import run_batch  # noqa: E402
from game.session import meaning  # noqa: E402

DEFAULT_RUNS = 100
DEFAULT_OUT = ROOT / "docs" / "balance.md"
# Shown and ranked besides the debrief's key metrics (lower is better for each), but not part of the verdict.
EXTRA_METRICS = ("petty_crime", "victimisation", "corruption")
KEY_METRICS = meaning.shipped().key_metrics()  # the debrief's, as the shipped content declares them
HIGHER_IS_BETTER = meaning.shipped().higher_is_better()  # of the key metrics: the extra ones are all lower
COLUMNS = KEY_METRICS + EXTRA_METRICS
RARE_MARK = "# rare on purpose:"
HEADINGS = {  # short column headings
    "organized_crime": "organized crime",
    "fear": "fear",
    "victimisation_gap": "victim. gap",
    "retaliations": "retaliations",
    "trust_in_government": "trust in gov.",
    "social_trust": "social trust",
    "cifra_negra": "cifra negra",
    "militia_capture": "militia capture",
    "petty_crime": "petty crime",
    "victimisation": "victimisation",
    "corruption": "corruption",
}


@dataclass
class Cell:
    """N games of one level, role and bot."""

    level: str
    role: str
    bot: str
    runs: int
    values: dict[str, list[float]]  # metric -> one value per game
    fired: dict[str, int]  # event -> games in which it fired at least once

    def mean(self, metric: str) -> float:
        return float(np.mean(self.values[metric]))

    def se(self, metric: str) -> float:
        v = np.asarray(self.values[metric], dtype=float)
        return float(v.std(ddof=1) / math.sqrt(len(v))) if len(v) > 1 else 0.0


def play_cell(content: ContentSet, level: str, role: str, bot: str, runs: int, turns: int | None) -> Cell:
    result = run_batch(content, level, role, bot, list(range(runs)), turns=turns)
    return Cell(
        level,
        role,
        bot,
        runs,
        {m: [float(x) for x in result.metrics[m]] for m in COLUMNS},
        {event: len(first) for event, first in result.fired.items()},
    )


_WORKER: list[ContentSet] = []


def _start_worker(paths: list[str], content_hash: str) -> None:
    loaded = load_content(paths).content
    if loaded.content_hash != content_hash:
        raise RuntimeError("the content changed on disk while the balance table was being made")
    _WORKER[:] = [loaded]


def _play_in_worker(level: str, role: str, bot: str, runs: int, turns: int | None) -> Cell:
    return play_cell(_WORKER[0], level, role, bot, runs, turns)


def jobs(content: ContentSet, levels: list[str] | None = None) -> list[tuple[str, str, str]]:
    """Every (level, role, bot), levels in the game's order, roles official first, bots in BOTS order."""
    chosen = [content.levels[i] for i in levels] if levels else content.levels.values()
    levels = sorted(chosen, key=lambda lv: (lv.order, lv.id))
    return [(lv.id, role, bot) for lv in levels for role in lv.roles.offered() for bot in BOTS]


def play_all(
    content: ContentSet,
    runs: int,
    turns: int | None = None,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    levels: list[str] | None = None,
) -> list[Cell]:
    todo = jobs(content, levels)
    if workers <= 1:
        cells = []
        for i, (level, role, bot) in enumerate(todo):
            cells.append(play_cell(content, level, role, bot, runs, turns))
            if progress:
                progress(i + 1, len(todo))
        return cells
    with ProcessPoolExecutor(
        workers, initializer=_start_worker, initargs=(content.source_paths, content.content_hash)
    ) as pool:
        futures = [pool.submit(_play_in_worker, level, role, bot, runs, turns) for level, role, bot in todo]
        cells = []
        for i, future in enumerate(futures):
            cells.append(future.result())
            if progress:
                progress(i + 1, len(todo))
        return cells


# --- the document ----------------------------------------------------------------------------------------------


def _num(metric: str, value: float) -> str:
    text = f"{value:.2f}" if metric == "retaliations" else f"{value:.3f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _better(metric: str, a: float, b: float) -> bool:
    return a > b if metric in HIGHER_IS_BETTER else a < b


def best_bots(cells: list[Cell], metric: str) -> tuple[set[str], bool]:
    """The bots best on a metric (ties at the shown precision all count) and whether the lead is clear of noise:
    the runner-up's mean is more than 1.96 standard errors of the difference away."""
    shown = {c.bot: float(_num(metric, c.mean(metric))) for c in cells}
    top = max(shown.values()) if metric in HIGHER_IS_BETTER else min(shown.values())
    best = {b for b, v in shown.items() if v == top}
    others = [c for c in cells if c.bot not in best]
    if not others:
        return best, False
    lead = next(c for c in cells if c.bot in best)
    runner = others[0]
    for c in others[1:]:
        if _better(metric, c.mean(metric), runner.mean(metric)):
            runner = c
    gap = abs(lead.mean(metric) - runner.mean(metric))
    return best, gap > 1.96 * math.hypot(lead.se(metric), runner.se(metric))


def role_section(level_id: str, role: str, cells: list[Cell]) -> list[str]:
    out = [f"### {level_id} · {role}", ""]
    bests = {m: best_bots(cells, m) for m in COLUMNS}
    out.append(
        "| bot | "
        + " | ".join(HEADINGS[m] + (" ↑" if m in HIGHER_IS_BETTER else " ↓") for m in COLUMNS)
        + " | best on |"
    )
    out.append("|---|" + "---:|" * len(COLUMNS) + "---:|")
    wins = {c.bot: [m for m in KEY_METRICS if c.bot in bests[m][0]] for c in cells}
    for c in cells:
        row = []
        for m in COLUMNS:
            text = _num(m, c.mean(m))
            best, clear = bests[m]
            if c.bot in best:
                text = f"**{text}**" + ("" if clear else "~")
            row.append(text)
        out.append(f"| {c.bot} | " + " | ".join(row) + f" | {len(wins[c.bot])}/{len(KEY_METRICS)} |")
    out.append("")
    everything = [b for b, w in wins.items() if len(w) == len(KEY_METRICS)]
    per_metric = "; ".join(f"{HEADINGS[m]}: {', '.join(sorted(bests[m][0]))}" for m in KEY_METRICS)
    if everything:
        out.append(
            f"**One bot is best on every key metric: {', '.join(everything)}.** The content lets one "
            f"policy win on every count ({per_metric})."
        )
    else:
        top = max(len(w) for w in wins.values())
        leaders = sorted(b for b, w in wins.items() if len(w) == top)
        out.append(
            f"No single bot is best on every key metric (most: {', '.join(leaders)}, "
            f"{top} of {len(KEY_METRICS)}). Best per key metric — {per_metric}."
        )
    out.append("")
    return out


def rare_reason(content: ContentSet, event_id: str) -> str | None:
    """The text after `# rare on purpose:` on the line above the event's `- id:`, if the file says so."""
    origin = content.origins.get(("event", event_id))
    if origin is None:
        return None
    where = origin.location()
    try:
        lines = Path(where.path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    above = lines[where.line - 2].strip() if where.line >= 2 else ""
    if not above.startswith(RARE_MARK):
        return None
    return above[len(RARE_MARK) :].strip() or "(no reason given)"


def _rate(fired: int, games: int) -> str:
    if fired == 0:
        return "0%"
    pct = 100 * fired / games
    return f"{pct:.1f}%" if pct < 10 else f"{pct:.0f}%"


def _dynamic_order(content: ContentSet):
    order = {d: i for i, d in enumerate(DYNAMICS)}

    def key(e: str) -> tuple:
        d = dynamic_of(content.events[e]) if e in content.events else None
        return (order.get(d, len(order)), e)

    return key


def fired_where(cells: list[Cell]) -> dict[str, list[str]]:
    """event -> the levels in which it fired in some game, in the order they were played."""
    out: dict[str, list[str]] = {}
    for c in cells:
        for event, n in c.fired.items():
            if n and c.level not in out.setdefault(event, []):
                out[event].append(c.level)
    return out


def _verdict(content: ContentSet, event: str, elsewhere: list[str]) -> str:
    reason = rare_reason(content, event)
    if reason:
        return f"rare on purpose: {reason}"
    if elsewhere:
        return "fires in " + ", ".join(elsewhere)
    return "**never fires in any level: check it**"


def never_fired_section(content: ContentSet, cells: list[Cell]) -> list[str]:
    """Events no game of any level, role and bot met: the ones the content issue says must be fixed or marked."""
    played = {c.level for c in cells}
    where = fired_where(cells)
    reachable: set[str] = set()
    for level_id in played:
        level = content.levels[level_id]
        for role in ROLES:
            if level.roles.get(role):
                reachable |= reachable_events(content, level, role)
    key = _dynamic_order(content)
    out = ["## Events that never fired", ""]
    never = sorted(reachable - set(where), key=key)
    if never:
        out += ["Reachable in some level, but no game of any level, role and bot met them:", ""]
        out += [
            f"- `{e}` ({dynamic_of(content.events[e]) or 'no dynamic'}) — {_verdict(content, e, [])}" for e in never
        ]
    else:
        out.append("Every event that some level can reach fired in at least one game.")
    unreachable = sorted(set(content.events) - reachable, key=key)
    if unreachable:
        out += [
            "",
            "No level played here can reach these (no pool, measure or follow-up leads to them): "
            + ", ".join(f"`{e}`" for e in unreachable)
            + ".",
        ]
    out.append("")
    return out


def events_section(
    content: ContentSet, level_id: str, cells: list[Cell], where: dict[str, list[str]] | None = None
) -> list[str]:
    level = content.levels[level_id]
    roles = level.roles.offered()
    reachable = {r: reachable_events(content, level, r) for r in roles}
    fired = {r: {} for r in roles}
    games = {r: 0 for r in roles}
    for c in cells:
        games[c.role] += c.runs
        for event, n in c.fired.items():
            fired[c.role][event] = fired[c.role].get(event, 0) + n
    events = set().union(*reachable.values(), *(set(f) for f in fired.values()))
    key = _dynamic_order(content)
    where = where or {}

    out = [f"### {level_id} · events", ""]
    never = sorted((e for e in events if not any(fired[r].get(e) for r in roles)), key=key)
    if never:
        out.append("Never fired here under any role and bot:")
        out.append("")
        for e in never:
            out.append(f"- `{e}` — {_verdict(content, e, [lv for lv in where.get(e, []) if lv != level_id])}")
    else:
        out.append("Every event this level can reach fired at least once.")
    out.append("")
    out.append(
        "Share of games in which each event fired at least once, over all bots (— : the role cannot meet it here):"
    )
    out.append("")
    out.append("| event | dynamic | " + " | ".join(roles) + " |")
    out.append("|---|---|" + "---:|" * len(roles))
    for e in sorted(events, key=key):
        d = (dynamic_of(content.events[e]) if e in content.events else None) or "—"
        rates = [_rate(fired[r].get(e, 0), games[r]) if e in reachable[r] or fired[r].get(e) else "—" for r in roles]
        out.append(f"| `{e}` | {d} | " + " | ".join(rates) + " |")
    out.append("")
    return out


def counts_section(content: ContentSet) -> list[str]:
    levels = sorted(content.levels.values(), key=lambda lv: (lv.order, lv.id))
    out = [
        "## Content",
        "",
        "| level | title | turns | districts | roles | in the menu |",
        "|---|---|---:|---:|---|---|",
    ]
    for lv in levels:
        roles = ", ".join(lv.roles.offered())
        out.append(
            f"| `{lv.id}` | {lv.title.en} | {lv.turns} | {len(lv.districts)} | {roles} | "
            f"{'yes' if lv.listed else 'no'} |"
        )
    out += ["", f"{len(levels)} levels, {len(content.events)} events, {len(content.measures)} measures.", ""]
    by_dynamic: dict[str | None, list] = {}
    for event in content.events.values():
        by_dynamic.setdefault(dynamic_of(event), []).append(event)
    out += ["| dynamic | events | of which follow-ups only |", "|---|---:|---:|"]
    for d in (*DYNAMICS, None):
        found = by_dynamic.get(d, [])
        if d is None and not found:
            continue
        name = f"{d} ({NAMES[d]})" if d else "no dynamic (no tag, or a first tag that is none)"
        out.append(f"| {name} | {len(found)} | {sum(e.triggered_only for e in found)} |")
    out += ["", "| role | measures |", "|---|---:|"]
    for role in ROLES:
        out.append(f"| {role} | {sum(m.role == role for m in content.measures.values())} |")
    out.append("")
    return out


def render(content: ContentSet, cells: list[Cell], runs: int, turns: int | None, command: str) -> str:
    bots = list(BOTS)
    out = [
        "# Balance table",
        "",
        f"Generated by `{command}` from content `{content.content_hash}`: every level × role × bot, "
        f"{runs} games each" + (f" of {turns} turns" if turns else "") + f"; run r of every cell uses seed r "
        f"(0–{runs - 1}), the same seeds for every bot, so bots differ by policy, not by luck. Do not edit by hand: "
        "after changing content, run the command again (unchanged content gives the same file).",
        "",
        "How to read it:",
        "",
        "- Each table gives the bots' **mean end-of-term metrics** (definitions in [model.md](model.md)). ↓: lower is "
        "better, ↑: higher is better. The best bot on each metric is in **bold** (every bot, when several tie at "
        "the shown precision); **bold~** means the runner-up is within the noise (less than 1.96 standard errors "
        "of the difference away), so the lead is not clear.",
        f"- *best on* counts the {len(KEY_METRICS)} key metrics a bot is best on — those of the debrief: "
        + ", ".join(HEADINGS[m] for m in KEY_METRICS)
        + ". The last three columns are shown for context and are "
        "not counted. The line under each table says whether one bot is best on every key metric: the content "
        "should not let any policy win on every count.",
        "- The bots:",
        *(f"  - `{b}`: {summary_in(b, content.strings, 'en')}" for b in bots),
        "- Events: an event listed as never fired can be reached (a pool, a measure or a follow-up leads to it) "
        "but no game of any bot met it. One that fires in no level at all must be fixed (its conditions, weight "
        "or pools) or marked with a `# rare on purpose: <why>` comment on the line above its `- id:`; one that "
        "fires in other levels only may be fine. Fire rates are shares of all games of the role (all bots "
        "together).",
        "",
    ]
    out += never_fired_section(content, cells)
    where = fired_where(cells)
    by_level: dict[str, list[Cell]] = {}
    for c in cells:
        by_level.setdefault(c.level, []).append(c)
    for level_id, level_cells in by_level.items():
        level = content.levels[level_id]
        note = "" if level.listed else " (not in the game's menu)"
        out += [f"## {level_id} — {level.title.en}{note}", ""]
        for role in ROLES:
            role_cells = [c for c in level_cells if c.role == role]
            if role_cells:
                out += role_section(level_id, role, role_cells)
        out += events_section(content, level_id, level_cells, where)
    out += counts_section(content)
    return "\n".join(out).rstrip() + "\n"


def command_line(runs: int, turns: int | None, levels: list[str] | None) -> str:
    """The command that makes the same file (the number of workers does not change it)."""
    return (
        "uv run python tools/balance.py"
        + ("" if runs == DEFAULT_RUNS else f" --runs {runs}")
        + (f" --turns {turns}" if turns else "")
        + "".join(f" --level {lv}" for lv in levels or [])
    )


def build(
    content: ContentSet,
    runs: int,
    turns: int | None = None,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    levels: list[str] | None = None,
    named: list[str] | None = None,
) -> str:
    """Play every cell (of every level, or of the levels named) and return the document; `named`: the levels as
    the command line gave them (a level file by its path), for the command the document says made it."""
    command = command_line(runs, turns, named or levels)
    cells = play_all(content, runs, turns, workers, progress, levels)
    return render(content, cells, runs, turns, command)


def _content(names: list[str]) -> tuple[ContentSet | None, list[str]]:
    """The content and the levels named (ids or files, read as bench/level_files reads them; the reason printed when
    one cannot be read), or every shipped one when none is named."""
    if names:
        found = level_files.load(names, "tools/balance.py")
        return (None, []) if found is None else found
    loaded = load_content()
    if not loaded.ok:
        print("balance: the content has errors; run `uv run plaza validate` first", file=sys.stderr)
        return None, []
    return loaded.content, []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the balance table (every level × role × bot) as Markdown.")
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, metavar="N", help="games per level, role and bot")
    parser.add_argument("--turns", type=int, default=None, metavar="T", help="default: each level's own length")
    parser.add_argument(
        "--level",
        action="append",
        metavar="ID|FILE",
        help="only this level (repeatable): a level id, or a level file of your own, read with the YAML files beside "
        "it as `plaza simulate FILE` reads it (then give --out); default: every shipped level, listed or not",
    )
    parser.add_argument("--out", default=str(DEFAULT_OUT), metavar="FILE", help="default: docs/balance.md")
    parser.add_argument(
        "--workers",
        type=int,
        default=min(2, os.cpu_count() or 1),
        metavar="W",
        help="worker processes (1: play in this process); the file does not depend on it",
    )
    args = parser.parse_args(argv)
    if args.runs < 2:
        parser.error("--runs must be at least 2")
    content, levels = _content(args.level or [])
    if content is None:
        return 1
    if any(is_level_path(name) for name in args.level or []) and Path(args.out) == DEFAULT_OUT:
        # docs/balance.md holds the shipped levels' table: an author's level is written where they say
        parser.error("a level file's table is not written into docs/balance.md: give --out FILE")
    start = time.monotonic()

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(
                f"\rbalance: {done}/{total} cells, {time.monotonic() - start:.0f} s",
                end="",
                file=sys.stderr,
                flush=True,
            )

    try:
        text = build(content, args.runs, args.turns, args.workers, progress, levels or None, args.level)
    except BrokenProcessPool as exc:  # a worker found other content on disk: files changed while it ran
        print(
            f"\nbalance: a worker process failed ({exc}); did content files change while it ran? "
            "Run it again, or with --workers 1",
            file=sys.stderr,
        )
        return 1
    if sys.stderr.isatty():
        print(file=sys.stderr)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"balance: wrote {out} in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
