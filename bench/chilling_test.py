"""The brief's own chilling test, game by game (anchors-mechanisms §10 T2), on every level and for both roles.

    uv run python bench/chilling_test.py [--runs 200] [--write-docs] [--set NAME=VALUE]

T2 asks that a year's reporting drive without protection raise OC reporting to at least 1.3 times its start within
the first five quarters, and then bring it to at most 0.9 times its start in quarters 5-8, **in at least 80% of
seeds**. The claims tables (bench/fidelity.py) judge the *mean* paired effect (b4-chill-*); this judges single
games. Each game is read twice: where the drive ran (the two districts where control was highest at the start, the
same districts in every arm) and city-wide. The status quo is read the same way, on the same seeds: the share of
its games that "pass" is what the test gives with no drive at all, from the households' own noise, and a test is
worth something only where the drive's share stands well above it.

A second table per level reads the brief's other expectations of (b) under the citizen campaign kept up for 40
quarters: households retreat to passive protection, paired by seed against the status quo and again with reports
never leaking, where a retreat that rests on reprisals should go; and the cifra negra stays at 0.90 or more in at
least 80% of games (anchors-model §4 (b)), read again with households that never learn what their reports achieve
(`campaign_learning` = 0, model version 30's mechanism switched off: a campaign then persuades as much in its
fortieth quarter as in its first). The retreat is read twice: hardened homes (the brief's H) and, since model
version 27, the households that gave up the street (ENVIPE's habit changes, the brief's "retreat" indicator); it
holds when either reading rises and vanishes without leaks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import level_files  # noqa: E402
from bench.docs_block import print_tables  # noqa: E402
from bench.settings import add_set_argument, read_settings  # noqa: E402
from tests.fidelity.experiment import Experiment  # noqa: E402
from tests.fidelity.judging import fmt  # noqa: E402
from tests.fidelity.lab import Lab, simulate  # noqa: E402

PEAK, LOW, SHARE = 1.3, 0.9, 0.8  # the brief's pass criterion
TURNS = 8
BEGIN, END = "<!-- chilling-test:begin -->", "<!-- chilling-test:end -->"
ARMS = ("reporting_drive", "status_quo")
READINGS = (("local_", "where the drive ran"), ("", "city-wide"))


def passes(outcome: dict[str, np.ndarray], prefix: str) -> np.ndarray:
    """Per game: the peak of quarters 1-5 at least 1.3 times the start, and the low of quarters 5-8 at most 0.9."""
    return (outcome[f"{prefix}oc_reporting_peak"] >= PEAK) & (outcome[f"{prefix}oc_reporting_low"] <= LOW)


def level_table(content, level: str, seeds: list[int], overrides: dict[str, float]) -> str:
    rows = [
        f"### {level}: T2 game by game ({len(seeds)} seeds, {TURNS} quarters)",
        "",
        "| role | read | drive: median peak / low | drive: games that pass | status quo: games that pass | verdict |",
        "|---|---|---|---|---|---|",
    ]
    for role in content.levels[level].roles.offered():
        arms = {arm: simulate(content, role, arm, seeds, TURNS, tuple(overrides.items()), level) for arm in ARMS}
        for prefix, read in READINGS:
            drive = arms["reporting_drive"]
            shares = {arm: float(passes(o, prefix).mean()) for arm, o in arms.items()}
            peak = float(np.median(drive[f"{prefix}oc_reporting_peak"]))
            low = float(np.median(drive[f"{prefix}oc_reporting_low"]))
            verdict = "passes" if shares["reporting_drive"] >= SHARE else "**fails**"
            rows.append(
                f"| {role} | {read} | {peak:.2f} / {low:.2f} | {shares['reporting_drive']:.0%} | "
                f"{shares['status_quo']:.0%} | {verdict} |"
            )
    return "\n".join(rows)


CAMPAIGN_TURNS = 40
NO_LEAKS = (("lambda0", 0.0), ("lambda1", 0.0))
NO_LEARNING = (("campaign_learning", 0.0),)
ARMS_B = ("citizen_campaign", "status_quo")


def campaign_table(content, level: str, seeds: list[int], overrides: dict[str, float]) -> str:
    """The brief's other expectations of (b) under the citizen campaign (CIT) kept up for 40 quarters: households
    retreat to passive protection (the share with hardened homes rises), and the cifra negra stays at 0.90 or more
    in at least 80% of games. The retreat is an experiment judged as the claims tables judge theirs: with reports
    never leaking it should go, if it rests on the reprisals."""
    rows = [
        f"### {level}: the citizen campaign for {CAMPAIGN_TURNS} quarters, the brief's other checks of (b) "
        f"({len(seeds)} seeds)",
        "",
        "| role | hardened homes H, campaign minus status quo | the same, reports never leak | households that "
        "stay in, campaign minus status quo | the same, reports never leak | cifra negra >= 0.90: campaign's games "
        "| the same, households never learn what reports achieve | status quo's games | verdict |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    lab = Lab(content, seeds, CAMPAIGN_TURNS, level)
    setting = tuple(sorted(overrides.items()))
    for role in content.levels[level].roles.offered():
        readings = [
            lab.judge(
                Experiment(
                    f"b-retreat-{statistic}-{role}",
                    "b",
                    "households retreat to passive protection",
                    role,
                    "citizen_campaign",
                    "status_quo",
                    statistic,
                    "higher",
                    setting=setting,
                    ablation=NO_LEAKS,
                )
            )
            for statistic in ("hardened", "retreat")
        ]
        dark = {bot: float((lab.arm(role, bot, setting)["cifra_negra"] >= 0.9).mean()) for bot in ARMS_B}
        unlearned = tuple(sorted({**dict(setting), **dict(NO_LEARNING)}.items()))
        dark_unlearned = float((lab.arm(role, "citizen_campaign", unlearned)["cifra_negra"] >= 0.9).mean())
        retreats = any(r.holds and bool(r.vanishes) for r in readings)
        holds = retreats and dark["citizen_campaign"] >= SHARE
        cells = " | ".join(f"{fmt(r.full)} | {fmt(r.ablated)}" for r in readings)
        rows.append(
            f"| {role} | {cells} | {dark['citizen_campaign']:.0%} | {dark_unlearned:.0%} | {dark['status_quo']:.0%} | "
            f"{'passes' if holds else '**fails**'} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--level", action="append", help=level_files.HELP)
    parser.add_argument("--runs", type=int, default=200, help="seeds per arm (default 200)")
    parser.add_argument("--write-docs", action="store_true", help="replace the block in docs/model.md")
    add_set_argument(parser)
    args = parser.parse_args(argv)
    loaded = level_files.load(args.level, "bench/chilling_test.py", args.write_docs)
    if loaded is None:
        return 2
    content, named = loaded
    overrides = read_settings(parser, args, content)
    levels = named or level_files.playable(content)
    seeds = list(range(args.runs))
    tables = (table(content, level, seeds, overrides) for level in levels for table in (level_table, campaign_table))
    print_tables(tables, "chilling_test.py", f"{args.runs} seeds per arm", (BEGIN, END), args.write_docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
