"""Levels nobody has seen: do the paper's claims hold on cities the model was never settled or balanced for?

The claims tables (bench/fidelity.py) read the four shipped levels, each settled and balanced by hand. A reader who
writes a level of their own meets the model without that care. This bench makes such levels, each from a seed:

- 3 to 7 districts, at least one rich, one poor and one rural (so every claim's bots have something to act on),
  the others drawn from rich, middle, poor and rural; borders a random tree plus a few more ties;
- each district's starting values and structure (wealth, police, lighting, households...) drawn uniformly from the
  range the shipped levels' districts of its kind span, widened by a fifth of that range on each side (clipped to
  the value's bounds); the city's the same way from the shipped cities;
- the template level's roles, objectives and measures (every measure the bots use);
- then **settled** as an author would (`plaza settle`: 64 games × 64 quarters of the rules alone, twice).

Beside them it judges the shipped template (levels/template.yaml), the level authors copy: settled when it was
shipped, never balanced for any claim (`--no-template` leaves it out).

On each level it judges every claim's headline experiment (the ones bench/fidelity.py sweeps over the Latin
hypercube) with the claims tables' own rule, at 12 quarters with its ablation and at 40, and reads the status quo's
calibration at 40 quarters. Nothing here is fitted to these levels.

    uv run python bench/unseen_levels.py                      # 8 levels, 40 paired seeds
    uv run python bench/unseen_levels.py --levels 12 --runs 60 --write-docs

Arms run in worker processes (`--workers`); results do not depend on how many.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.docs_block import MODEL_DOC, finish  # noqa: E402
from bench.fidelity import HEADLINE, NOT_OFFERED, arm_keys, batches, play_batch, playable, unjudged  # noqa: E402
from game.content.loader import ContentSet, load_content  # noqa: E402
from game.content.schemas import Level  # noqa: E402
from game.runs.settle import settle, with_start  # noqa: E402
from tests.fidelity.claims import BY_ID  # noqa: E402
from tests.fidelity.lab import Lab  # noqa: E402
from tests.fidelity.statistics import STATISTICS  # noqa: E402
from tests.fidelity.targets import TARGETS  # noqa: E402

KINDS = ("rich", "middle", "poor", "rural")
REQUIRED = ("rich", "poor", "rural")
WIDEN = 0.2  # each drawn range is the shipped levels' widened by this share of its span on each side
EXTRA_TIE = 0.25  # chance of a border between two districts beyond the random tree that connects them
SHIPPED_EXCLUDED = ("template",)
MADE = "unseen_"  # the id prefix of a made level: never read as a shipped one
BEGIN, END = "<!-- unseen:begin -->", "<!-- unseen:end -->"
_CONTENT: list[ContentSet] = []


# --- making a level ---------------------------------------------------------------------------------------------


def shipped_ranges(content: ContentSet) -> tuple[dict[str, dict[str, tuple[float, float, float]]], dict]:
    """For each district kind, each starting value the shipped levels declare for it: (low, high, the share of that
    kind's districts declaring it); households too. The same for the city."""
    levels = [lv for key, lv in content.levels.items() if key not in SHIPPED_EXCLUDED and not key.startswith(MADE)]
    by_kind: dict[str, dict[str, list[float]]] = {k: {} for k in KINDS}
    counts = dict.fromkeys(KINDS, 0)
    for level in levels:
        for d in level.districts:
            if d.kind not in by_kind:
                continue
            counts[d.kind] += 1
            for name, value in {**d.initial, "households": d.households}.items():
                if isinstance(value, bool):
                    continue
                by_kind[d.kind].setdefault(name, []).append(float(value))
    district = {
        kind: {name: (min(v), max(v), len(v) / counts[kind]) for name, v in values.items()}
        for kind, values in by_kind.items()
    }
    city: dict[str, list[float]] = {}
    for level in levels:
        for name, value in level.city.initial.items():
            if not isinstance(value, bool):
                city.setdefault(name, []).append(float(value))
    return district, {name: (min(v), max(v), 1.0) for name, v in city.items()}


def _draw(rng: np.random.Generator, lo: float, hi: float, bounds: tuple[float | None, float | None]) -> float:
    span = hi - lo
    value = rng.uniform(lo - WIDEN * span, hi + WIDEN * span)
    low, high = bounds
    value = max(value, low) if low is not None else value
    value = min(value, high) if high is not None else value
    return round(float(value), 3)


def _bounds(content: ContentSet, scope: str, name: str) -> tuple[float | None, float | None]:
    decl = content.state[scope].get(name)
    low = getattr(decl, "min", None) if decl is not None else None
    return (low if low is not None else 0.0), (getattr(decl, "max", None) if decl is not None else None)


def _values(content, rng, scope: str, ranges: dict[str, tuple[float, float, float]]) -> dict[str, float]:
    out = {}
    for name, (lo, hi, share) in sorted(ranges.items()):
        if name == "households" or rng.random() >= share:
            continue
        out[name] = _draw(rng, lo, hi, _bounds(content, scope, name))
    return out


def _borders(rng: np.random.Generator, n: int) -> list[set[int]]:
    ties: list[set[int]] = [set() for _ in range(n)]
    for i in range(1, n):  # a random tree: every district reachable
        j = int(rng.integers(0, i))
        ties[i].add(j)
        ties[j].add(i)
    for i in range(n):
        for j in range(i + 1, n):
            if j not in ties[i] and rng.random() < EXTRA_TIE:
                ties[i].add(j)
                ties[j].add(i)
    return ties


def make_level(content: ContentSet, seed: int) -> Level:
    """An unsettled level from `seed`, on the template's roles, objectives and measures."""
    rng = np.random.default_rng([20261206, seed])
    district_ranges, city_ranges = shipped_ranges(content)
    template = content.levels["template"]
    n = int(rng.integers(3, 8))
    kinds = list(REQUIRED) + [str(k) for k in rng.choice(KINDS, n - len(REQUIRED))]
    kinds = [kinds[i] for i in rng.permutation(n)]
    ids = [f"d{i + 1}_{kind}" for i, kind in enumerate(kinds)]
    ties = _borders(rng, n)
    model = template.districts[0]
    districts = []
    for i, kind in enumerate(kinds):
        lo, hi, _ = district_ranges[kind]["households"]
        name = {"en": f"District {i + 1} ({kind})", "es": f"Colonia {i + 1} ({kind})"}
        districts.append(
            model.model_copy(
                update={
                    "id": ids[i],
                    "kind": kind,
                    "name": model.name.model_copy(update=name),
                    "households": int(rng.integers(int(lo), int(hi) + 1)),
                    "initial": _values(content, rng, "district", district_ranges[kind]),
                    "borders": [ids[j] for j in sorted(ties[i])],
                    "computed_start": {},
                }
            )
        )
    initial = _values(content, rng, "city", city_ranges)
    shares = [k for k in initial if k.endswith("_share")]  # the budget's shares sum to one, as the model keeps them
    total = sum(initial[k] for k in shares)
    initial |= {k: round(initial[k] / total, 3) for k in shares}
    city = template.city.model_copy(update={"initial": initial, "computed_start": {}})
    return template.model_copy(update={"id": f"{MADE}{seed}", "districts": districts, "city": city})


def settled_level(content: ContentSet, seed: int) -> Level:
    level = make_level(content, seed)
    return with_start(level, settle(content, level, rounds=2))


def with_levels(content: ContentSet, levels: dict[str, Level]) -> ContentSet:
    return dataclasses.replace(content, levels={**content.levels, **levels})


# --- judging ----------------------------------------------------------------------------------------------------


def _init(levels: dict[str, Level]) -> None:
    _CONTENT[:] = [with_levels(load_content().content, levels)]


def _arms(batch: list[tuple]) -> list[tuple[tuple, dict]]:
    return play_batch(_CONTENT[0], batch, {})


def run_jobs(jobs: list[tuple], workers: int, levels: dict[str, Level]) -> dict[tuple, dict]:
    """Every job's outcome, its arms played in batches as bench/fidelity.py plays them."""
    pieces = batches(jobs)
    if workers > 1:
        with ProcessPoolExecutor(workers, initializer=_init, initargs=(levels,)) as pool:
            return {job: out for done in pool.map(_arms, pieces, chunksize=1) for job, out in done}
    _init(levels)
    return {job: out for piece in pieces for job, out in _arms(piece)}


def describe(level: Level, lab: Lab) -> str:
    """One line a reader can picture: the districts' kinds and the settled city's main figures."""
    sq = lab.arm("official", "status_quo")
    kinds = ", ".join(d.kind for d in level.districts)
    start = level.city.initial
    oc = np.mean([d.initial.get("oc_control", 0.0) for d in level.districts])
    return (
        f"{len(level.districts)} districts ({kinds}); settled start: corruption {start.get('corruption', 0):.2f}, "
        f"mean criminal control {oc:.2f}; status quo at 12 quarters: fear {np.mean(sq['fear']):.2f}, "
        f"OC reporting {np.mean(sq['reporting_rate_organized']):.3f}"
    )


def judge_levels(content: ContentSet, levels: dict[str, Level], runs: int, workers: int) -> list[str]:
    seeds = tuple(range(runs))
    experiments = [BY_ID[x] for x in HEADLINE if x in BY_ID]
    jobs = []
    for key in levels:
        mine = [e for e in experiments if playable(content, key, e)]
        jobs += [(k, seeds, 12, key) for k in arm_keys(mine, True)]
        jobs += [(k, seeds, 40, key) for k in arm_keys(mine, False)]
    labs = {(key, turns): Lab(content, seeds, turns, key) for key in levels for turns in (12, 40)}
    for (arm, _, turns, key), outcome in run_jobs(jobs, workers, levels).items():
        labs[(key, turns)].store(arm, outcome)

    names = list(levels)
    lines = [
        f"### The levels ({len(levels)}, each settled; {runs} paired seeds per arm)",
        "",
        "| level | what it is |",
        "|---|---|",
    ]
    lines += [f"| {key} | {describe(levels[key], labs[(key, 12)])} |" for key in names]
    lines += [
        "",
        f"### Claims on levels nobody has seen ({runs} paired seeds, 12 quarters with the ablation, and 40)",
        "",
        "| experiment | expected | " + " | ".join(names) + " | holds at 12 | holds at 40 |",
        "|---|---|" + "---|" * len(names) + "---|---|",
    ]
    for exp in experiments:
        cells, held12, held40, judged = [], 0, 0, 0
        for key in names:
            lab12, lab40 = labs[(key, 12)], labs[(key, 40)]
            missing = NOT_OFFERED if not playable(content, key, exp) else unjudged(lab12, exp)
            if missing:
                cells.append(missing)
                continue
            j12, j40 = lab12.judge(exp), lab40.judge(exp, ablation=False)
            judged += 1
            held12 += j12.holds
            held40 += j40.holds
            removed = " ✓" if j12.holds and j12.vanishes else ""
            cells.append(
                f"{j12.full.mean:+.4f}{'' if j12.holds else ' ✗'}{removed} / {j40.full.mean:+.4f}"
                f"{'' if j40.holds else ' ✗'}"
            )
        share = f"{held12} of {judged}" if judged else "-"
        late = f"{held40} of {judged}" if judged else "-"
        lines.append(f"| ({exp.claim}) {exp.id} | {exp.expect} | " + " | ".join(cells) + f" | {share} | {late} |")
    lines += [
        "",
        "Each cell: the mean paired effect at 12 quarters / at 40. ✗: the claim does not hold there (its interval "
        "reaches 0 or points the other way); ✓: it holds and switching off its mechanism removes it (shrinks it, where "
        "the claims tables expect only a smaller effect).",
        "",
        f"### Calibration on levels nobody has seen (status quo, official, {runs} runs, quarter 40)",
        "",
        "| target | band | " + " | ".join(names) + " |",
        "|---|---|" + "---|" * len(names),
    ]
    for t in TARGETS:
        cells = []
        for key in names:
            v = np.asarray(t.read(labs[(key, 40)].arm("official", "status_quo")), dtype=float)
            share = float(np.mean((v >= t.lo) & (v <= t.hi)))
            cells.append(f"{v.mean():.3f} ({share:.0%})")
        lines.append(f"| {t.text} | {t.lo:g}-{t.hi:g} | " + " | ".join(cells) + " |")
    lines += ["", "Each cell: the mean over the runs, and the share of runs inside the band."]
    detail = {exp.id: STATISTICS[exp.statistic].text for exp in experiments}
    lines += ["", "What each experiment reads:", ""] + [f"- {k}: {v}" for k, v in detail.items()]
    return ["\n".join(lines)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--levels", type=int, default=8, help="how many levels to make (default 8)")
    parser.add_argument("--first", type=int, default=1, help="the first level's seed (default 1)")
    parser.add_argument("--runs", type=int, default=40, help="paired seeds per arm (default 40)")
    parser.add_argument("--no-template", action="store_true", help="leave out the shipped template level")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--write-docs", action="store_true", help="replace the tables in docs/model.md")
    args = parser.parse_args(argv)
    if args.levels < 1 or args.runs < 2:
        print("bench/unseen_levels.py: --levels must be at least 1 and --runs at least 2", file=sys.stderr)
        return 2
    start = time.perf_counter()
    content = load_content().content
    # The template authors copy is judged beside the made levels: settled when shipped, never balanced for a claim.
    levels = {} if args.no_template else {"template": content.levels["template"]}
    for seed in range(args.first, args.first + args.levels):
        level = settled_level(content, seed)
        levels[level.id] = level
        print(f"settled {level.id}: {len(level.districts)} districts", flush=True)
    content = with_levels(content, levels)
    parts = judge_levels(content, levels, args.runs, max(1, args.workers))
    print("\n\n".join(parts) + "\n")
    finish(
        start,
        args.workers,
        parts,
        lambda wall: (
            f"Made by `uv run python bench/unseen_levels.py --write-docs` ({args.levels} levels from seed "
            f"{args.first}{'' if args.no_template else ' and the template'}, {args.runs} paired seeds per arm; "
            f"{wall / 60:.0f} minutes on {args.workers} processes)."
        ),
        (MODEL_DOC, BEGIN, END) if args.write_docs else None,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
