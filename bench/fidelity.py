"""Fidelity to Payan (2015), full run: every claim's experiment and ablation, and the calibration targets.

Prints two tables: claim | bots compared | metric | expected | effect (mean paired difference, 95% bootstrap CI) |
ablation | effect under ablation (CI) | verdict; and target | figure | band | level start | status quo | status.
The experiments and targets are those of tests/fidelity/claims.py, the same ones the fidelity tests run on fewer
seeds. Arms are spread over the machine's cores; results do not depend on how.

    uv run python bench/fidelity.py [--runs 400] [--turns 40] [--seed 0] [--markdown] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.loader import load_content  # noqa: E402
from tests.fidelity.claims import (  # noqa: E402
    EXPERIMENTS,
    LEVEL,
    STATISTICS,
    TARGETS,
    Judgement,
    Lab,
    calibration,
    fmt,
    simulate,
    start_values,
)

_CONTENT = []  # one per worker process


def _init() -> None:
    _CONTENT[:] = [load_content().content]


def _arm(key: tuple, seeds: list[int], turns: int | None):
    role, bot, overrides = key
    return key, simulate(_CONTENT[0], role, bot, seeds, turns, overrides)


def run(runs: int, turns: int | None, seed: int, workers: int) -> tuple[list[Judgement], list, dict, float]:
    content = load_content().content
    seeds = list(range(seed, seed + runs))
    lab = Lab(content, seeds, turns)
    keys: list[tuple] = []
    for exp in EXPERIMENTS:
        for ablated in (False, True) if exp.ablation else (False,):
            for key in Lab.arm_keys(exp, ablated):
                if key not in keys:
                    keys.append(key)
    for role in ("official", "organizer"):
        if (role, "status_quo", ()) not in keys:
            keys.append((role, "status_quo", ()))
    start = time.perf_counter()
    if workers > 1:
        with ProcessPoolExecutor(workers, initializer=_init) as pool:
            for key, outcome in pool.map(_arm, keys, [seeds] * len(keys), [turns] * len(keys)):
                lab.store(key, outcome)
    else:
        _init()
        for key in keys:
            lab.store(*_arm(key, seeds, turns))
    judgements = [lab.judge(exp) for exp in EXPERIMENTS]
    calib = {role: calibration(lab.arm(role, "status_quo")) for role in ("official", "organizer")}
    starts = {role: calibration(start_values(content, role, seeds)) for role in ("official",)}
    calib["start"] = starts["official"]
    return judgements, calib, {"arms": len(keys), "seeds": seeds}, time.perf_counter() - start


def fidelity_rows(judgements: list[Judgement]) -> list[list[str]]:
    rows = []
    for j in judgements:
        x = j.exp
        ablation = ", ".join(f"{k}={v:g}" for k, v in x.ablation) if x.ablation else "—"
        rows.append([f"({x.claim}) {x.id}", x.title, x.arms, STATISTICS[x.statistic].text, x.expect,
                     fmt(j.full), ablation, fmt(j.ablated) if j.ablated else "—", j.verdict])
    return rows


FIDELITY_HEAD = ["claim", "what", "bots compared (role)", "metric", "expected", "effect, 95% CI", "ablation",
                 "effect under ablation, 95% CI", "verdict"]
CALIBRATION_HEAD = ["target", "figure (source)", "band", "level start", "status quo, official (5–95%)",
                    "status quo, organizer", "status"]


def calibration_rows(calib: dict) -> list[list[str]]:
    rows = []
    for i, t in enumerate(TARGETS):
        _, m, p5, p95, ok = calib["official"][i]
        _, m2, _, _, ok2 = calib["organizer"][i]
        _, s, _, _, _ = calib["start"][i]
        rows.append([t.text, f"{t.value} ({t.source})", f"{t.lo:g}–{t.hi:g}", f"{s:.3f}",
                     f"{m:.3f} ({p5:.3f}–{p95:.3f})", f"{m2:.3f}", "in band" if ok and ok2 else "OUT OF BAND"])
    return rows


def markdown(head: list[str], rows: list[list[str]]) -> str:
    esc = lambda c: c.replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def plain(head: list[str], rows: list[list[str]], skip: tuple[int, ...] = ()) -> str:
    cols = [i for i in range(len(head)) if i not in skip]
    widths = [max(len(head[i]), *(len(r[i]) for r in rows)) for i in cols]
    line = lambda r: "  ".join(r[i].ljust(w) for i, w in zip(cols, widths, strict=True)).rstrip()  # noqa: E731
    return "\n".join([line(head), "  ".join("-" * w for w in widths), *(line(r) for r in rows)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=400, help="paired seeds per arm (default 400)")
    parser.add_argument("--turns", type=int, default=None, help="quarters per game (default: the level's, 12)")
    parser.add_argument("--seed", type=int, default=0, help="first seed (seeds are seed, seed+1, …)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    args = parser.parse_args(argv)
    if args.runs < 2:
        print("bench/fidelity.py: --runs must be at least 2", file=sys.stderr)
        return 2
    judgements, calib, info, wall = run(args.runs, args.turns, args.seed, max(1, args.workers))
    turns = args.turns or load_content().content.levels[LEVEL].turns
    header = (f"Fidelity of the model to Payan (2015): level {LEVEL}, {args.runs} paired seeds "
              f"({args.seed}–{args.seed + args.runs - 1}) per arm, {turns} turns, {info['arms']} arms, "
              f"{wall:.0f} s on {max(1, args.workers)} process(es).")
    reproduced = sum(j.holds for j in judgements)
    summary = (f"{reproduced} of {len(judgements)} experiments reproduced; "
               f"{sum(1 for j in judgements if j.ablated is not None and j.holds and j.vanishes)} of "
               f"{sum(1 for j in judgements if j.ablated is not None)} ablations remove or shrink their effect.")
    if args.markdown:
        print(header + "\n")
        print(markdown(FIDELITY_HEAD, fidelity_rows(judgements)))
        print("\n" + summary + "\n")
        print(markdown(CALIBRATION_HEAD, calibration_rows(calib)))
    else:
        print(header + "\n")
        print(plain(FIDELITY_HEAD, fidelity_rows(judgements), skip=(1, 3)))
        print("\n" + summary + "\n")
        print(plain(CALIBRATION_HEAD, calibration_rows(calib), skip=(1,)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
