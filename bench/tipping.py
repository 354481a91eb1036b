"""Does a term of protection and accountability tip a district into the good basin? Read where the city goes after.

    uv run python bench/tipping.py [--runs 100] [--quarters 100] [--workers 2] [--write-docs] [--set NAME=VALUE]

Issue 12 item 3 asks that protection plus accountability tip a district into the good basin within a term. The
claims tables read a proxy at the term's end (i6: the worst district below half its starting control by quarter
12). A basin is where the city goes when nobody pushes it, so this bench asks that directly: the `concentrated` and
`spread` bots play the level's term and then stop (no new measure after the last quarter of the term), and the
game goes on, with the events, for `--quarters` quarters in all. What the term built fades as the model fades it:
protection, vetting and transparency slowly (5% a quarter toward the level's start), a campaign at once. By quarter
100 they are back at the start's values (within about 1% of what the term added), so a district still held low
then is held by the city's own state, at the same parameters and levers as the status quo's, in which the same
district sits high: two basins, and the term moved it from one to the other.

Three more readings separate the causes. **Dismantled:** at the term's end every lever (protection, vetting,
transparency, campaigns, lighting, police…) is put back to the level's start and held there, as if the term's
institutions were shut the day it ended: what the term's own changes to the city (control, corruption, reporting,
beliefs) can hold without them. **eta = 0:** information reaching honest enforcement no longer pushes control back
(the mechanism behind the tipping, an ablation). The status quo is played on the same seeds.

Each cell: the worst district's median control (the district where control was highest at the start) and the share
of games where it is below half its start, at the term's end, 8 quarters later, and at the last quarter.
"""

from __future__ import annotations

import argparse
import functools
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
from game.runs.batch import run_batch  # noqa: E402
from game.sim import levers  # noqa: E402

BEGIN, END = "<!-- tipping:begin -->", "<!-- tipping:end -->"
LEVERS = levers.CAMPAIGN + levers.FAST + levers.SLOW


# (label, bot, dismantle the levers at the term's end, parameter overrides)
ARMS = (
    ("status quo", "status_quo", False, ()),
    ("spread, then nothing", "spread", False, ()),
    ("concentrated, then nothing", "concentrated", False, ()),
    ("concentrated, then dismantled", "concentrated", True, ()),
    ("concentrated, then nothing; eta = 0", "concentrated", False, (("eta", 0.0),)),
)


@functools.cache
def _content(paths: tuple[str, ...]):
    """The content of these files (an author's level with the shipped content; none: the shipped content), loaded
    once per process (each worker plays several arms)."""
    return level_files.reload(list(paths) or None)


def play(
    level: str,
    bot: str,
    dismantle: bool,
    overrides: tuple,
    runs: int,
    quarters: int,
    settings: tuple,
    paths: tuple[str, ...] = (),
    role: str = "official",
):
    """The worst district's control after each quarter, (quarters, runs), its starting value, the term and where
    each lever stands at the last quarter (its mean over games); `paths`: the content's files (none: the shipped
    ones); `role`: whose term it is (the official's, unless the level offers only the organizer's)."""
    content = _content(paths)
    term = content.levels[level].turns
    box: dict = {}
    path: list[np.ndarray] = []

    def on_start(session) -> None:
        box.setdefault("model", session.model)
        box.setdefault("worst", int(np.argmax(session.model.state.start["district.oc_control"][0])))

    def on_turn(turn: int) -> None:
        s = box["model"].state
        if dismantle and turn >= term:
            for name in LEVERS:
                s.values[name] = s.start[name].copy()
        path.append(s["district.oc_control"][:, box["worst"]].copy())

    run_batch(
        content,
        level,
        role,
        bot,
        list(range(runs)),
        turns=quarters,
        overrides=dict(settings + overrides) or None,
        on_start=on_start,
        on_turn=on_turn,
        acts_until=term,  # the bot stops after the term (the status quo stops from the start anyway)
    )
    state = box["model"].state
    start = float(state.start["district.oc_control"][0, box["worst"]])
    held = {name: float(np.mean(state[name])) for name in LEVERS}  # where the levers stand at the last quarter
    return np.array(path), start, term, held


def cell(path: np.ndarray, start: float, quarter: int) -> str:
    at = path[quarter - 1]
    return f"{np.median(at):.3f} ({np.mean(at < start / 2):.0%})"


def level_table(level: str, role: str, results: list, quarters: int, runs: int) -> str:
    term = results[0][2]
    later = min(term + 8, quarters)
    rows = [
        f"### {level}: the worst district after a term of protection and accountability ({runs} games, "
        f"{quarters} quarters{level_files.played_as(role)})",
        "",
        f"| arm | control at the term's end, quarter {term} (share below half its start) | quarter {later} | "
        f"quarter {quarters} | levers at quarter {quarters}: largest gap to the status quo's |",
        "|---|---|---|---|---|",
    ]
    base = results[0][3]
    for (label, *_), (path, start, _, held) in zip(ARMS, results, strict=True):
        name = max(held, key=lambda n: abs(held[n] - base[n]))
        gap = f"{name} {held[name] - base[name]:+.3f}" if label != ARMS[0][0] else "-"
        rows.append(
            f"| {label} | {cell(path, start, term)} | {cell(path, start, later)} | {cell(path, start, quarters)} | "
            f"{gap} |"
        )
    rows.append(f"\nStart: {results[0][1]:.3f}.")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--level", action="append", help=level_files.HELP)
    parser.add_argument("--runs", type=int, default=100, help="games per arm (default 100)")
    parser.add_argument("--quarters", type=int, default=100, help="quarters in all, the term included (default 100)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--write-docs", action="store_true", help="replace the block in docs/model.md")
    add_set_argument(parser)
    args = parser.parse_args(argv)
    loaded = level_files.load(args.level, "bench/tipping.py", args.write_docs)
    if loaded is None:
        return 2
    content, named = loaded
    settings = tuple(read_settings(parser, args, content).items())
    start = time.perf_counter()
    levels = named or level_files.playable(content)
    paths = tuple(content.source_paths)
    role = {level: content.levels[level].roles.offered()[0] for level in levels}
    jobs = [
        (level, bot, dismantle, over, args.runs, args.quarters, settings, paths, role[level])
        for level in levels
        for _, bot, dismantle, over in ARMS
    ]
    with ProcessPoolExecutor(args.workers) as pool:
        done = list(pool.map(play, *zip(*jobs, strict=True)))
    parts = []
    for i, level in enumerate(levels):
        results = done[i * len(ARMS) : (i + 1) * len(ARMS)]
        parts.append(level_table(level, role[level], results, args.quarters, args.runs))
        print(parts[-1] + "\n", flush=True)
    finish(
        start,
        args.workers,
        parts,
        lambda wall: (
            f"Made by `uv run python bench/tipping.py --write-docs` ({args.runs} games per arm, {args.quarters} "
            f"quarters, {wall:.0f} s on {args.workers} processes)."
        ),
        (ROOT / "docs" / "model.md", BEGIN, END) if args.write_docs else None,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
