"""Effects a player can see (issue 12, item 6): does a term of each headline policy move the city visibly?

For every playable level and role it plays every bot for one term (12 quarters) on the same seeds (run r of every
bot uses seed r) and prints two tables:

- **headline dynamics**: for each of the paper's dynamics, the bot that should set it off against the status quo
  on the same seeds, and the indicator it should move. The effect is the *median game's* paired difference at
  the end of the term. It is visible when it goes the predicted way by at least 5 points (0.05 on a share) or
  25% of the status quo's value, whichever is smaller, and at least one point (for a count or money, 25%). The
  issue asks for the effect *within* a term, and some policies act early (a year's reporting drive), so the table
  also gives the median game's paired difference at the quarter where it went furthest the predicted way (the
  median taken quarter by quarter), and whether it was visible there: the end of the term is the stricter reading
  and the one the verdict counts; the best quarter is a maximum over 12 medians, so it leans a little toward
  showing an effect.
- **spread between bots**: on the level's objective and on each key metric, the best and the worst bot's mean at
  the end of the term, and the gap in points. The level's objectives are the role's objectives with `track:`
  (read by game.session.objectives, as the city screen shows them); the target (15 points between the best and the
  worst bot) is judged on each of the role's tracked objectives, in the level's order, or on organized-crime
  control for a role that tracks none.

    uv run python bench/visible_effects.py                   # every level, 40 seeds
    uv run python bench/visible_effects.py --runs 100 --write-docs   # also replace the tables in docs/model.md

Cells run in worker processes (`--workers`); results do not depend on how many.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import level_files  # noqa: E402
from bench.docs_block import finish  # noqa: E402
from bench.settings import add_set_argument, read_settings  # noqa: E402
from game.bots import BOTS  # noqa: E402
from game.content.loader import ContentSet  # noqa: E402
from game.runs.batch import run_batch  # noqa: E402
from game.session import meaning  # noqa: E402
from game.session.meaning import good_when, higher_is_better, key_metrics  # noqa: E402
from game.session.objectives import progress  # noqa: E402

TURNS = 12
SHARE = 0.05  # five points on a 0-1 scale
RELATIVE = 0.25
FLOOR = 0.01
OFFICIAL_SHARE = "official_share"  # city.official_crime / city.survey_crime at the end of the term
# (dynamic, bot, role or None for both, metric, predicted direction, unit: "share" or "count")
HEADLINES = [
    ("retaliation chills reporting", "reporting_drive", None, "reporting_rate_organized", "lower", "share"),
    ("retaliations follow reports", "reporting_drive", None, "retaliations", "higher", "count"),
    ("exclusion of the poor", "gated", "organizer", "victimisation_gap", "higher", "share"),
    ("distrust among neighbours", "citizen_campaign", None, "social_trust", "lower", "share"),
    ("militia capture", "militia", None, "militia_capture", "higher", "share"),
    ("militias: more total predation", "militia", None, "predation", "higher", "share"),
    ("fear falls, crime stays", "fear_management", None, "fear", "lower", "share"),
    ("statistics hidden", "fear_management", "official", "statistics_gap", "higher", "count"),
    # the brief's own reading of (f): official figures as a share of what a victim survey finds (Off/true)
    ("statistics hidden", "fear_management", "official", OFFICIAL_SHARE, "lower", "share"),
    ("security spending crowds out", "security_spending", "official", "wealth", "lower", "count"),
    ("pressure moves the state", "accountability", None, "corruption", "lower", "share"),
]
OBJECTIVE = "organized_crime"  # judged where a role tracks no objective of its own
WITHIN = "quarter by quarter:"  # a metric's trajectory, (quarters + 1, runs)
OWN = "level_objective"  # the role's tracked objectives (game.session.objectives), each judged, where there are any
BEGIN, END = "<!-- visible:begin -->", "<!-- visible:end -->"


@functools.cache
def _content(paths: tuple[str, ...]) -> ContentSet:
    """The content of these files (an author's level with the shipped content), read once per worker process."""
    return level_files.reload(list(paths))


def _cell(job: tuple) -> tuple[tuple[str, str, str], dict[str, np.ndarray]]:
    level, role, bot, runs, base, paths = job
    sessions: list = []
    result = run_batch(
        _content(tuple(paths)),
        level,
        role,
        bot,
        list(range(runs)),
        turns=TURNS,
        overrides=base,
        on_start=sessions.append,
    )
    ends = dict(result.metrics)
    for metric, path in result.trajectory.items():  # (quarters + 1, runs): quarter 0 is the start
        ends[f"{WITHIN}{metric}"] = path
    state = sessions[0].model.state  # one model for the whole batch: row r is run r
    ends[OFFICIAL_SHARE] = state["city.official_crime"] / np.maximum(state["city.survey_crime"], 1e-9)
    # The level's own objectives, read as the city screen reads them: each tracked objective of the role.
    tracked = [progress(session) for session in sessions]
    for i in range(min(len(p) for p in tracked)):
        ends[f"{OWN}_{i}"] = np.array([p[i].now for p in tracked])
    return (level, role, bot), ends


def objectives_of(content, level: str, role: str) -> list[tuple[str, str, str, str]]:
    """(English text, value, good_when, unit) of each of the role's tracked objectives, in the level's order."""
    setup = content.levels[level].roles.get(role)
    out = []
    for objective in setup.objectives if setup else []:
        if objective.track is not None:
            where = f" in {', '.join(objective.track.districts)}" if objective.track.districts else ""
            value = objective.track.value + where
            out.append(
                (
                    objective.en,
                    value,
                    good_when(content, objective.track.value),
                    meaning.unit(content, objective.track.value),
                )
            )
    return out


def _needed(base: float, unit: str) -> float:
    """The smallest visible effect: 25% of a count or an amount; on a share 5 points or 25% of the status quo,
    whichever is smaller, and never less than one point (a status quo at 0 would make any noise visible)."""
    return RELATIVE * abs(base) if unit == "count" else max(min(SHARE, RELATIVE * abs(base)), FLOOR)


def _visible(diff: float, base: float, unit: str, direction: str) -> bool:
    return (-1 if direction == "lower" else 1) * diff >= _needed(base, unit) > 0


def _within(arm: dict, status_quo: dict, metric: str, direction: str, unit: str) -> tuple[str, str]:
    """The median game's paired difference at the quarter of the term where it went furthest the predicted way,
    with that quarter, and whether it was visible there against the status quo's median at that quarter (cells
    of the table; empty where the metric has no trajectory)."""
    key = f"{WITHIN}{metric}"
    if key not in arm:
        return "", ""
    sign = -1 if direction == "lower" else 1
    diffs = np.median(arm[key][1:] - status_quo[key][1:], axis=1)  # quarters 1..T
    q = int(np.argmax(sign * diffs))
    base = float(np.median(status_quo[key][q + 1]))
    return f"{diffs[q]:+.3f} (q{q + 1})", "yes" if _visible(float(diffs[q]), base, unit, direction) else "**no**"


def offered(content, level: str, role: str, bot: str) -> bool:
    """Whether the level lets this role adopt any measure of the bot's plan (else its row measures nothing)."""
    setup = content.levels[level].roles.get(role)
    return setup is not None and any(m in setup.measures for m, _ in BOTS[bot].plan.get(role, []))


def tables(content, level: str, roles: list[str], ends: dict, runs: int) -> str:
    lines = [
        f"### {level}: headline dynamics against the status quo ({runs} paired seeds, {TURNS} quarters)",
        "",
        "| dynamic | bot (role) | indicator | status quo (median) | median game's effect | needed | visible | "
        "largest within the term (quarter) | visible within the term |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, bot, only, metric, direction, unit in HEADLINES:
        for role in roles:
            if (only and role != only) or (level, role, bot) not in ends:
                continue
            if not offered(content, level, role, bot):
                lines.append(f"| {name} | {bot} ({role}) | {metric} ({direction}) | | | | not offered here | | |")
                continue
            base = ends[level, role, "status_quo"][metric]
            diff = float(np.median(ends[level, role, bot][metric] - base))
            sq = float(np.median(base))
            need = _needed(sq, unit)
            mark = "yes" if _visible(diff, sq, unit, direction) else "**no**"
            within, early = _within(ends[level, role, bot], ends[level, role, "status_quo"], metric, direction, unit)
            lines.append(
                f"| {name} | {bot} ({role}) | {metric} ({direction}) | {sq:.3f} | {diff:+.3f} | "
                f"{'-' if direction == 'lower' else '+'}{need:.3f} | {mark} | {within} | {early} |"
            )
    lines += [
        "",
        f"### {level}: spread between the best and the worst bot at the end of the term (means of {runs} games)",
        "",
        "| role | metric | best bot | worst bot | gap (points) | 15 points on the objective |",
        "|---|---|---|---|---|---|",
    ]
    for role in roles:
        own = objectives_of(content, level, role)
        rows = [(m, m, m in higher_is_better(content), m == "retaliations") for m in key_metrics(content)]
        for i, (text, value, good, kind) in reversed(list(enumerate(own))):
            if all(f"{OWN}_{i}" in ends[level, role, b] for b in BOTS if (level, role, b) in ends):
                label = f"**objective {i + 1}**: {value} ({text})"
                rows.insert(0, (f"{OWN}_{i}", label, good == "higher", kind in ("count", "money")))
        for key, label, higher, count in rows:
            means = {bot: float(np.mean(ends[level, role, bot][key])) for bot in BOTS if (level, role, bot) in ends}
            order = sorted(means, key=means.get, reverse=higher)
            gap = abs(means[order[0]] - means[order[-1]])
            shown = f"{gap:.2f} (count)" if count else f"{100 * gap:.1f}"
            judged = key.startswith(OWN) or (not own and key == OBJECTIVE)
            # Points are shares: a count objective has no 15-point target to meet, only its gap to read.
            verdict = ("yes" if 100 * gap >= 15 else "**no**") if judged and not count else ""
            lines.append(
                f"| {role} | {label} | {order[0]} {means[order[0]]:.3f} | {order[-1]} {means[order[-1]]:.3f} | "
                f"{shown} | {verdict} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--level", action="append", help=level_files.HELP)
    parser.add_argument("--runs", type=int, default=40, help="games per bot (default 40)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--write-docs", action="store_true", help="replace the tables in docs/model.md")
    add_set_argument(parser)
    args = parser.parse_args(argv)
    loaded = level_files.load(args.level, "bench/visible_effects.py", args.write_docs)
    if loaded is None:
        return 2
    content, named = loaded
    base = read_settings(parser, args, content)
    levels = named or level_files.playable(content)
    if args.runs < 2:
        print("bench/visible_effects.py: --runs must be at least 2", file=sys.stderr)
        return 2
    start = time.perf_counter()
    jobs = [
        (level, role, bot, args.runs, base, content.source_paths)
        for level in levels
        for role in ("official", "organizer")
        if content.levels[level].roles.get(role) is not None
        for bot in BOTS
    ]
    with ProcessPoolExecutor(max_workers=max(1, args.workers)) as pool:
        ends = dict(pool.map(_cell, jobs))
    parts = []
    for level in levels:
        parts.append(tables(content, level, content.levels[level].roles.offered(), ends, args.runs))
        print(parts[-1] + "\n", flush=True)
    finish(
        start,
        args.workers,
        parts,
        lambda wall: (
            f"Made by `uv run python bench/visible_effects.py --write-docs` ({args.runs} games per bot, "
            f"{wall:.0f} s on {args.workers} processes)."
        ),
        (ROOT / "docs" / "model.md", BEGIN, END) if args.write_docs else None,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
