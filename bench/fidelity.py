"""Fidelity to Payan (2015), full run: the calibration and claims tables for every level, and their robustness.

For each level (default: every playable level) it prints

- the **calibration table**: each ENVIPE target, its band, and the status quo (mean and 5-95% of runs) at 12 and
  at 40 quarters, with the share of runs inside the band;
- the **claims table**: each experiment of tests/fidelity/claims.py (claim, bots compared, metric, expectation),
  its effect at 12 and at 40 quarters (mean paired difference with a 95% bootstrap interval), whether the claim
  still holds at 40 quarters (the same criterion), the effect under its ablation and the verdict (at 12 quarters,
  or at 40 for an experiment the brief reads there), with a count of the experiments that hold at 12 and at 40;
  each on `--runs` paired seeds, or on more where the experiment needs them (`Experiment.runs`, as in the CI test:
  the chilling experiments, 200);

and, for every level (or the `--lhs-level` ones), the **robustness** of each claim's headline experiment over a
Latin hypercube of parameter points: every parameter not fixed by data (its source names no ENVIPE or INEGI figure,
and it is not the network's seed or size) drawn within ±25% of its value (scipy.stats.qmc, each parameter's
column seeded by its name, so a parameter added to the model leaves the others' points as they were), `--lhs-seeds`
paired seeds per point (more for an experiment that declares it needs more, `Experiment.lhs_seeds`: the chilling
experiments, 120), 12 quarters (an arm that only statistics of the first quarters read, the chill's, is played only
that far: its tables are the same). A claim is *supported* where its sign holds with the interval excluding 0 in at
least 80% of points. The share is a column of the level's claims table (headline experiments; "-" for the others) and a
table of its own, beside the share of points where the sign alone holds: a claim whose sign holds almost everywhere
but whose interval often reaches 0 needs more seeds per point (`--lhs-seeds`), not another mechanism.

    uv run python bench/fidelity.py                        # every level, 60 seeds, LHS 200 points x 20 seeds
    uv run python bench/fidelity.py --level border_city --runs 20 --lhs 40 --lhs-seeds 10    # quicker
    uv run python bench/fidelity.py --write-docs           # also replace the tables in docs/model.md
    uv run python bench/fidelity.py --robustness-only --lhs-level border_city --lhs 100 --lhs-seeds 60   # power
    uv run python bench/fidelity.py --robustness-only --lhs-level hot_valley --lhs 40 --lhs-seeds 80 \
        --experiment c1 --experiment d1                    # some headline experiments alone, at more seeds a point
    uv run python bench/fidelity.py --robustness-only --lhs-level hot_valley --experiment a1-official --sensitivity
        # and the parameters each swept effect ranks with over the points (bench/sensitivity.py)

Arms run in batches, the arms of one role, setting and length together (`batches`), in worker processes
(`--workers`); results depend on neither.
"""

from __future__ import annotations

import argparse
import hashlib
import math
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
from bench.sensitivity import lines as sensitivity_lines  # noqa: E402
from bench.settings import add_set_argument, read_settings  # noqa: E402
from game.content.loader import ContentSet  # noqa: E402
from game.roles import ROLES  # noqa: E402
from tests.fidelity.claims import BY_ID, EXPERIMENTS  # noqa: E402
from tests.fidelity.experiment import Experiment  # noqa: E402
from tests.fidelity.judging import SIGN, fmt  # noqa: E402
from tests.fidelity.lab import Lab, simulate_arms  # noqa: E402
from tests.fidelity.statistics import STATISTICS  # noqa: E402
from tests.fidelity.targets import TARGETS  # noqa: E402

HEADLINE = [
    "a1-official",
    "b1-official",
    "b4-chill-official",
    "b4-chill-local-official",
    "b4-chill-organizer",
    "b4-chill-local-organizer",
    "c1",
    "d1",
    "e4-predation",
    "e4-deputized",
    "f1-official",
    "g5-official",
    "h1",
    "i5-concentrated",
    "i6-tipped",
]
BEGIN, END = "<!-- fidelity:begin -->", "<!-- fidelity:end -->"
NOT_OFFERED, NOT_MEASURABLE = "not offered", "not measurable"
# What a row says when an experiment cannot be judged on a level (the short form heads a cell of a wide table)
UNJUDGED = {
    NOT_OFFERED: "not offered here (both arms play the same games: the level offers none of the bot's measures)",
    NOT_MEASURABLE: "not measurable here (the level has none of the districts the metric reads)",
}


def unjudged(lab: Lab, exp: Experiment) -> str | None:
    """Why an experiment cannot be judged on this level (NOT_OFFERED or NOT_MEASURABLE: its row says so, and no
    count includes it), or None."""
    if lab.same_games(exp):
        return NOT_OFFERED
    return None if lab.measurable(exp) else NOT_MEASURABLE


_CONTENT: list[ContentSet] = []
_BASE: dict[str, float] = {}  # `--set` values: every arm starts from them; an experiment's own settings win


def _init(base: dict[str, float], paths: list[str] | None = None) -> None:
    _CONTENT[:] = [level_files.reload(paths)]
    _BASE.clear()
    _BASE.update(base)


# Games in one batch at most: the arms of a role, setting and length share a batch (a batch's fixed cost is paid
# once, and one seed's games share their starting city), in pieces small enough to keep memory and both processes busy.
BATCH_RUNS = 720


def batches(jobs: list[tuple]) -> list[list[tuple]]:
    """The jobs (arm key, seeds, quarters, level) as batches: arms of the same role, setting, length and level
    together, at most BATCH_RUNS games each (an arm is never split), the costliest first so that the processes
    finish together. Results do not depend on how arms are batched: a game plays the same in any batch."""
    groups: dict[tuple, list[list[tuple]]] = {}
    for job in jobs:
        (role, _, overrides), seeds, turns, level = job
        pieces = groups.setdefault((role, overrides, turns, level), [[]])
        if pieces[-1] and sum(len(j[1]) for j in pieces[-1]) + len(seeds) > BATCH_RUNS:
            pieces.append([])
        pieces[-1].append(job)
    out = [piece for pieces in groups.values() for piece in pieces]
    return sorted(out, key=lambda piece: -sum(len(j[1]) * j[2] for j in piece))


def play_batch(content: ContentSet, batch: list[tuple], base: dict[str, float]) -> list[tuple[tuple, dict]]:
    """Each job of one of `batches`' batches with its outcome; `base` settings under each arm's own."""
    (role, _, overrides), _, turns, level = batch[0]
    merged = tuple(sorted({**base, **dict(overrides)}.items()))
    arms = [(key[1], list(seeds)) for key, seeds, _, _ in batch]
    return list(zip(batch, simulate_arms(content, role, arms, turns, merged, level), strict=True))


def _arms(batch: list[tuple]) -> list[tuple[tuple, dict]]:
    return play_batch(_CONTENT[0], batch, _BASE)


def run_jobs(
    jobs: list[tuple], workers: int, base: dict[str, float] | None = None, paths: list[str] | None = None
) -> dict[tuple, dict]:
    """Every job's outcome, the jobs played in batches (see `batches`) in `workers` processes, each reading the
    content from `paths` (the content's `source_paths`: an author's level file with the shipped content)."""
    base = base or {}
    pieces = batches(jobs)
    if workers > 1:
        with ProcessPoolExecutor(workers, initializer=_init, initargs=(base, paths)) as pool:
            return {job: out for done in pool.map(_arms, pieces, chunksize=1) for job, out in done}
    _init(base, paths)
    return {job: out for piece in pieces for job, out in _arms(piece)}


def arm_keys(experiments: list[Experiment], ablations: bool, roles: tuple[str, ...] = ROLES) -> list[tuple]:
    """The arms the experiments play (their ablations' too, with `ablations`), and the status quo of each of the
    level's `roles`, which the calibration table reads."""
    keys: list[tuple] = []
    for exp in experiments:
        for ablated in (False, True) if ablations and exp.ablation else (False,):
            for key in Lab.arm_keys(exp, ablated):
                if key not in keys:
                    keys.append(key)
    for role in roles:
        if (role, "status_quo", ()) not in keys:
            keys.append((role, "status_quo", ()))
    return keys


def playable(content: ContentSet, level: str, exp: Experiment) -> bool:
    roles = content.levels[level].roles
    return getattr(roles, exp.role) is not None and getattr(roles, exp.versus_role or exp.role) is not None


def level_tables(
    content: ContentSet,
    level: str,
    runs: int,
    workers: int,
    base: dict[str, float],
    support: dict[str, tuple[float, float]],
) -> str:
    """The level's calibration and claims tables; `support`: the Latin-hypercube share of each swept experiment."""
    experiments = [e for e in EXPERIMENTS if playable(content, level, e)]
    roles = tuple(content.levels[level].roles.offered())
    # An experiment small against its noise is judged on the seeds it needs (Experiment.runs, as the CI test does)
    counts = sorted({runs} | {seeds_per_arm(e, runs) for e in experiments})
    labs = {(turns, n): Lab(content, tuple(range(n)), turns, level) for turns in (12, 40) for n in counts}
    jobs = []
    for n in counts:
        group = [e for e in experiments if seeds_per_arm(e, runs) == n]
        seeds = tuple(range(n))
        jobs += [(key, seeds, 12, level) for key in arm_keys([e for e in group if e.quarter == 12], True, roles)]
        # every experiment at 40, and the ablations of those the brief reads there; one read inside the first
        # quarters is the same at 40 as at 12, so its arms are not played again (the calibration's status quo is)
        whole = [e for e in group if not STATISTICS[e.statistic].within_term]
        late = arm_keys(whole, False, roles) if whole or n == runs else []
        late += [key for key in arm_keys([e for e in whole if e.quarter == 40], True, roles) if key not in late]
        jobs += [(key, seeds, 40, level) for key in late]
    for (key, seeds, turns, _), outcome in run_jobs(jobs, workers, base, content.source_paths).items():
        labs[(turns, len(seeds))].store(key, outcome)
    for exp in experiments:  # read inside the first quarters: at 40, their 12-quarter games (the same quarters)
        if STATISTICS[exp.statistic].within_term:
            n = seeds_per_arm(exp, runs)
            for key in Lab.arm_keys(exp):
                labs[(40, n)].borrow(key, labs[(12, n)])
    lines = [
        f"### {level}: calibration (status quo, {runs} runs)",
        "",
        "| target | band | role | quarter 12: mean (5-95%) | in band | quarter 40: mean (5-95%) | in band |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in TARGETS:
        for role in roles:
            cells = []
            for turns in (12, 40):
                v = np.asarray(t.read(labs[(turns, runs)].arm(role, "status_quo")), dtype=float)
                share = float(np.mean((v >= t.lo) & (v <= t.hi)))
                mark = "" if t.lo <= v.mean() <= t.hi else " ✗"
                cells += [
                    f"{v.mean():.3f}{mark} ({np.percentile(v, 5):.3f}-{np.percentile(v, 95):.3f})",
                    f"{share:.0%}",
                ]
            lines.append(f"| {t.text} | {t.lo:g}-{t.hi:g} | {role} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"### {level}: claims ({runs} paired seeds; more where an experiment names them)",
        "",
        "| experiment | bots (role) | metric | expected | effect at 12 quarters | at 40 | holds at 40 | ablation | "
        "effect under ablation (12) | verdict (12) | Latin-hypercube support (12) |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    held: dict[int, list[str]] = {12: [], 40: []}
    judged = {12: 0, 40: 0}
    for exp in experiments:
        n = seeds_per_arm(exp, runs)
        name = f"({exp.claim}) {exp.id}" + (f" ({n} seeds)" if n != runs else "")
        missing = unjudged(labs[(12, n)], exp)
        if missing:  # neither counted as held nor as failed
            lines.append(
                f"| {name} | {exp.arms} | {STATISTICS[exp.statistic].text} | {exp.expect} | - | - | "
                f"- | - | - | {UNJUDGED[missing]} | - |"
            )
            continue
        # The same criterion at the end of a 40-quarter game (the brief asks for both); the ablation where the
        # brief reads the claim (12 quarters, or 40 for Experiment.quarter = 40)
        j12 = labs[(12, n)].judge(exp, ablation=exp.quarter == 12)
        j40 = labs[(40, n)].judge(exp, ablation=exp.quarter == 40)
        main = j12 if exp.quarter == 12 else j40
        for turns, judgement in ((12, j12), (40, j40)):
            if turns >= exp.quarter:
                judged[turns] += 1
                if judgement.holds:
                    held[turns].append(exp.id)
        ablation = ", ".join(f"{k}={v:g}" for k, v in exp.ablation) or "-"
        ablated = fmt(main.ablated) + ("" if exp.quarter == 12 else " (at 40)") if main.ablated else "-"
        verdict = main.verdict + ("" if exp.quarter == 12 else " (read at 40, as the brief does)")
        lines.append(
            f"| {name} | {exp.arms} | {STATISTICS[exp.statistic].text} | {exp.expect} | "
            f"{fmt(j12.full)} | {fmt(j40.full)} | {'yes' if j40.holds else '**no**'} | {ablation} | "
            f"{ablated} | {verdict} | {support_cell(support.get(exp.id))} |"
        )
    lost = [x for x in held[12] if x not in held[40]]
    gained = [x for x in held[40] if x not in held[12] and BY_ID[x].quarter == 12]
    lines += [
        "",
        f"{level}: {len(held[12])} of {judged[12]} experiments hold at 12 quarters, {len(held[40])} of {judged[40]} "
        f"at 40 (those the brief reads at 40 are judged there only). Held at 12 and not at 40: "
        f"{', '.join(lost) or 'none'}. Held at 40 only: {', '.join(gained) or 'none'}.",
    ]
    return "\n".join(lines)


def support_cell(shares: tuple[float, float] | None) -> str:
    """The share of points where the claim holds (its verdict), then where its sign alone holds: a claim whose
    sign holds nearly everywhere but whose interval often reaches 0 is short of seeds, not of a mechanism."""
    if shares is None:
        return "-"
    share, sign = shares
    return f"{percent(share)} ({'supported' if share >= 0.8 else 'not supported'}; sign {percent(sign)})"


def percent(share: float) -> str:
    """A share of points in whole percent, rounded down: 159 of 200 points is 79%, never the 80% that would read as
    supported beside a verdict that says it is not."""
    return f"{math.floor(share * 100 + 1e-9)}%"


def free_parameters(content: ContentSet) -> dict[str, float]:
    """Parameters not fixed by data: ±25% in the robustness sweep."""
    out = {}
    for name, p in content.parameters.items():
        fixed = any(k in p.source for k in ("ENVIPE", "INEGI")) or name.startswith("network_")
        if not fixed and p.value != 0:
            out[name] = float(p.value)
    return out


def hypercube(names: list[str], points: int) -> np.ndarray:
    """A Latin hypercube, points x parameters in [0, 1), whose column for each parameter depends on its name alone:
    each column is a 1-D Latin sample (one point in each of `points` equal strata, in random order) seeded by the
    name. Independent columns make a Latin hypercube as scipy's unoptimised one does, and adding a parameter to the
    model leaves every other parameter's values at every point as they were, so the support shares of two model
    versions are read at the same points."""
    from scipy.stats import qmc

    def seed(name: str) -> int:
        return int.from_bytes(hashlib.sha256(f"plaza-hypercube:{name}".encode()).digest()[:8], "little")

    return np.column_stack([qmc.LatinHypercube(1, seed=seed(name)).random(points)[:, 0] for name in names])


def hypercube_points(free: dict[str, float], count: int) -> list[dict[str, float]]:
    """`count` parameter points, each parameter within ±25% of its value in `free`, on the name-seeded hypercube."""
    names = list(free)
    return [{n: free[n] * (0.75 + 0.5 * u) for n, u in zip(names, row, strict=True)} for row in hypercube(names, count)]


def seeds_per_arm(exp: Experiment, runs: int) -> int:
    """Paired seeds for an experiment in the claims table: `--runs`, or more where the experiment needs more (a
    small, noisy effect: Experiment.runs, which the CI test gives it too)."""
    return max(runs, exp.runs)


def seeds_per_point(exp: Experiment, seeds: int) -> int:
    """Paired seeds at each hypercube point: `--lhs-seeds`, or more where the experiment needs more (a small, noisy
    effect: Experiment.lhs_seeds)."""
    return max(seeds, exp.lhs_seeds)


def robustness_jobs(experiments: list[Experiment], points: list[dict[str, float]], seeds: int, level: str) -> list:
    """The arms the sweep plays: each experiment's two arms at every point, with its seeds; an arm two experiments
    share at the same seeds is played once, as far as the furthest of them reads (12 quarters, or the last quarter
    of the chill's window where only such statistics read it: a game's first quarters do not depend on its length).
    """
    turns: dict[tuple, int] = {}
    for exp in experiments:
        seed_list = tuple(range(seeds_per_point(exp, seeds)))
        read = STATISTICS[exp.statistic].read_until or 12
        for point in points:
            for key in Lab.arm_keys(exp):
                arm = (point_key(key, point), seed_list)
                turns[arm] = max(turns.get(arm, 0), read)
    return [(key, seed_list, quarters, level) for (key, seed_list), quarters in turns.items()]


def point_key(key: tuple, point: dict[str, float]) -> tuple:
    """An arm's key at a hypercube point: the point's values over the arm's own settings."""
    role, bot, ov = key
    return role, bot, tuple(sorted({**dict(ov), **point}.items()))


def robustness(
    content: ContentSet,
    level: str,
    points: int,
    seeds: int,
    workers: int,
    base: dict[str, float],
    only: list[str] | None = None,
    sensitivity: bool = False,
) -> tuple[str, dict[str, tuple[float, float]]]:
    """The level's robustness table, and for each headline experiment (or those of `only`) the share of points where
    it holds and the share where its sign alone holds."""
    free = {n: base.get(n, v) for n, v in free_parameters(content).items()}  # centred on the `--set` values
    chosen = only or HEADLINE
    experiments = [BY_ID[x] for x in chosen if x in BY_ID and playable(content, level, BY_ID[x])]
    point = hypercube_points(free, points)
    jobs = robustness_jobs(experiments, point, seeds, level)
    played = run_jobs(jobs, workers, base, content.source_paths)
    results = {(job[0], len(job[1])): outcome for job, outcome in played.items()}
    more = sorted({seeds_per_point(e, seeds) for e in experiments} - {seeds})
    lines = [
        f"### {level}: robustness over {points} Latin-hypercube points (±25% on {len(free)} parameters) x "
        f"{seeds} seeds" + "".join(f" ({n} where the experiment says so)" for n in more) + ", 12 quarters",
        "",
        "| experiment | expected | share of points where its sign holds | share where it holds (interval "
        "excludes 0) | supported (>= 80%) |",
        "|---|---|---|---|---|",
    ]
    shares: dict[str, tuple[float, float]] = {}
    notes: list[str] = []
    for exp in experiments:
        n = seeds_per_point(exp, seeds)
        name = f"({exp.claim}) {exp.id}" + (f" ({n} seeds a point)" if n != seeds else "")

        def lab_at(i: int, exp: Experiment = exp, n: int = n) -> Lab:
            lab = Lab(content, list(range(n)), 12, level)
            for key in Lab.arm_keys(exp):
                lab.store(key, results[(point_key(key, point[i]), n)])
            return lab

        missing = unjudged(lab_at(0), exp)
        if missing:
            lines.append(f"| {name} | {exp.expect} | {UNJUDGED[missing]} | - | - |")
            continue
        held = signed = 0
        effects = []
        for i in range(points):
            judged = lab_at(i).judge(exp, ablation=False)
            effects.append(judged.full.mean)
            held += judged.holds
            # a sign only where the claim predicts a direction; "unchanged" and "not lower" have the verdict alone
            signed += judged.full.mean * SIGN[exp.expect] > 0 if exp.expect in SIGN else judged.holds
        share, sign = held / points, signed / points
        shares[exp.id] = (share, sign)
        lines.append(
            f"| {name} | {exp.expect} | {percent(sign)} | {percent(share)} | {'yes' if share >= 0.8 else 'NO'} |"
        )
        if sensitivity:
            notes += sensitivity_lines(exp.id, point, effects)
    return "\n".join(lines + (["", *notes] if notes else [])), shares


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--level", action="append", help=level_files.HELP)
    # 60: the tables docs/model.md carries (an experiment that needs more seeds names them: Experiment.runs)
    parser.add_argument("--runs", type=int, default=60, help="paired seeds per arm (default 60)")
    parser.add_argument("--lhs", type=int, default=200, help="Latin-hypercube points (0: skip; default 200)")
    parser.add_argument(
        "--lhs-seeds",
        type=int,
        default=20,
        help="paired seeds per point (default 20; an experiment that needs more, such as the chill, takes its own)",
    )
    parser.add_argument(
        "--lhs-level", action="append", help="a level to sweep (repeatable; default: every level in the tables)"
    )
    parser.add_argument(
        "--robustness-only",
        action="store_true",
        help="only the Latin-hypercube tables (for a sweep with more seeds a point; not with --write-docs)",
    )
    parser.add_argument(
        "--experiment",
        action="append",
        choices=HEADLINE,
        help="with --robustness-only: sweep this headline experiment alone (repeatable; default: every one)",
    )
    parser.add_argument(
        "--sensitivity",
        action="store_true",
        help="with --robustness-only: name the parameters each swept effect ranks with (bench/sensitivity.py)",
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--write-docs", action="store_true", help="replace the tables in docs/model.md")
    add_set_argument(parser)
    args = parser.parse_args(argv)
    if args.robustness_only and (args.write_docs or not args.lhs):
        print("bench/fidelity.py: --robustness-only needs --lhs above 0 and cannot write the docs", file=sys.stderr)
        return 2
    if (args.experiment or args.sensitivity) and not args.robustness_only:
        print(
            "bench/fidelity.py: --experiment and --sensitivity go with --robustness-only (not the docs' tables)",
            file=sys.stderr,
        )
        return 2
    loaded = level_files.load([*(args.level or []), *(args.lhs_level or [])], "bench/fidelity.py", args.write_docs)
    if loaded is None:
        return 2
    content, named = loaded
    base = read_settings(parser, args, content)
    given = len(args.level or [])
    levels = named[:given] or level_files.playable(content)
    swept = (named[given:] or levels) if args.lhs else []
    if args.runs < 2:
        print("bench/fidelity.py: --runs must be at least 2", file=sys.stderr)
        return 2
    start = time.perf_counter()
    parts, robust, support = [], [], {}
    for level in swept:  # first, so that each claims table can carry its share
        t0 = time.perf_counter()
        table, support[level] = robustness(
            content, level, args.lhs, args.lhs_seeds, max(1, args.workers), base, args.experiment, args.sensitivity
        )
        robust.append(table)
        print(table + f"\n\n({level} robustness: {time.perf_counter() - t0:.0f} s)\n", flush=True)
    for level in [] if args.robustness_only else levels:
        t0 = time.perf_counter()
        parts.append(level_tables(content, level, args.runs, max(1, args.workers), base, support.get(level, {})))
        print(parts[-1] + f"\n\n({level}: {time.perf_counter() - t0:.0f} s)\n", flush=True)
    parts += robust
    finish(
        start,
        args.workers,
        parts,
        lambda wall: (
            f"Made by `uv run python bench/fidelity.py --write-docs` ({args.runs} paired seeds per arm; "
            f"{wall / 60:.0f} minutes on {args.workers} processes)."
        ),
        (ROOT / "docs" / "model.md", BEGIN, END) if args.write_docs else None,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
