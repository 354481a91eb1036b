"""Calibrate the city model to the ENVIPE figures, and settle each level at the model's own status quo.

    uv run python tools/calibrate.py fit [--points 256] [--seeds 16]  # search the free parameters; print the fit
    uv run python tools/calibrate.py fit --only watch_tau_mean         # refit some of them, the rest held
    uv run python tools/calibrate.py fit --write                      # ... and write the best into content/model.yaml
    uv run python tools/calibrate.py settle [LEVEL ...] [--rounds 5]  # write each level's settled starting stocks
    uv run python tools/calibrate.py table                            # the fit table (targets, model, residuals)
    uv run python tools/calibrate.py levels [--points 24] [LEVEL ...]  # can one parameter set hold every level in band?
    uv run python tools/calibrate.py --with-events table              # the status quo as a passive player plays it

By default the status quo is the model's rules alone: no events, no player. `--with-events` makes it the game a
player who adopts nothing plays as the official: the rules plus the level's events, answered as headless runs
answer them (by each option's `auto_weight`). Those events move the city a little every game (audits, recounts,
scandals), and the played status quo drifts slowly toward accountability (docs/model.md §3), so the fit and the
levels use the rules alone and the drift is reported, not hidden.

**fit** is a documented search, not an optimiser hidden in a loop: a scrambled Sobol sample (scipy.stats.qmc) of
`--points` parameter sets inside the ranges below, each played as the status quo of `border_city` for 48 quarters
on `--seeds` paired seeds. The loss is the sum over targets of
the squared distance from the band's centre in units of the band's half-width, read as the mean of quarters 24-48,
plus the same measure of drift between quarters 24 and 48 (a status quo must stay put by itself). Nelder-Mead then
refines the best point (`--refine` evaluations). It prints the best ten points; with `--write` the best goes into
content/model.yaml (three decimals; comments and layout kept), its residuals into docs/model.md by hand. Version 29
is two rounds of `fit --write` then `settle --rounds 5`, the second fitted from the levels the first settled: one
round left fear out of its band once the levels settled. `--only NAME` (repeatable) searches those parameters
alone, the others held at their values in content/model.yaml: how a parameter whose fitted value sat at the edge
of its search range is fitted again once the range is widened, without moving the rest.

**levels** asks whether the fit could hold every level in its band at once, rather than border_city alone: at
the parameters in content/model.yaml and at `--points` Sobol points across the same search ranges, it plays each
level's status quo (rules alone, `--seeds` seeds, 48 quarters, from the level's settled start) and prints, per
target, how far each level's late value (quarters 24-48) sits from border_city's, and at how many points every
level is in band together. A gap between two levels wider than the band at every point is the levels' make-up
(how many households live in districts the rules hold in the bad basin), which no parameter set removes.

**settle** plays each level's status quo for 64 quarters on 64 seeds and writes the median over seeds of the last
quarter's value of every stock the rules move back into the level file as its starting value (the structure an
author declares — wealth, police presence, lighting, public space, programmes — is left alone). Values the model
computes every quarter (`computed: true` in content/state.yaml) go to `computed_start:`, shown before the first
quarter; the rest to `initial:`. A level then starts where its own rules hold it: in the bad basin, with the story
its structure tells.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import level_files  # noqa: E402
from game.content.level_writer import write_parameter_values, write_start_values  # noqa: E402
from game.content.loader import ContentSet, load_content  # noqa: E402
from game.runs.batch import run_batch  # noqa: E402
from game.runs.settle import SETTLE_QUARTERS, SETTLE_SEEDS, settled_start, status_quo_model  # noqa: E402
from game.sim.metrics import metrics  # noqa: E402
from game.sim.model import CityModel  # noqa: E402

# The ENVIPE calibration targets (anchors-model.md §2; tests/fidelity/targets.py TARGETS): metric -> (lo, hi)
BANDS = {
    "cifra_negra": (0.90, 0.95),
    "trust_in_government": (0.45, 0.52),
    "reporting_rate_organized": (0.02, 0.04),
    "reporting_rate_petty": (0.09, 0.12),
    "fear": (0.68, 0.77),
    "victimisation": (0.079, 0.106),  # quarterly share of households victimised: 0.275-0.36 a year
    "watch": (0.08, 0.14),
    "corruption": (0.63, 0.72),
    # model version 27: households that gave up the street (ENVIPE 2011 habit changes: no going out at night 55.3%,
    # the children kept in 62.1%)
    "retreat": (0.553, 0.621),
}
# The free parameters and the ranges searched (each inside the range its source gives, content/model.yaml).
SEARCH = {
    "c0": (0.9, 1.8),
    "g0": (0.22, 0.34),
    "g_oc": (0.015, 0.04),
    "h_story": (0.15, 0.35),
    "m_fade": (0.1, 0.25),
    "a_oc": (0.04, 0.12),
    "c_petty": (0.9, 1.4),
    # 0.3-0.6 until model version 9: the fit put it at 0.599, the edge, with the watch share over its band
    "watch_tau_mean": (0.3, 0.9),
    # model version 11: households with nobody free for the watch in a quarter (fitted with watch_tau_mean)
    "watch_busy": (0.2, 0.6),
    "c1": (0.03, 0.1),
    "psi": (0.2, 1.5),
    # model version 14: street light no longer deters petty crime directly, and the petty crimes an offender
    # commits (fitted by hand to households victimised per year until then) are fitted here
    "petty_per_offender": (0.5, 1.2),
    # model version 27: how far feeling insecure makes a household stay in (nothing else reads the retreat, so it is
    # fitted alone: `fit --only retreat_fear`)
    "retreat_fear": (0.3, 1.0),
}


def watch_share(model: CityModel) -> np.ndarray:
    hh = model.state.households
    return (hh.watch * hh.present).sum((1, 2)) / hh.present.sum((1, 2))


EVENTS = {"on": False}  # --with-events switches the events on for every command


def status_quo(
    content: ContentSet, level: str, seeds: list[int], quarters: int, overrides: dict[str, float] | None = None
) -> tuple[CityModel, list[dict[str, np.ndarray]]]:
    """The level's status quo for `quarters` quarters; the city's figures after each quarter. By default the
    model's rules and nothing else; with --with-events the game a player who adopts nothing would play: the
    official's events fire, answered as headless runs answer them."""
    if EVENTS["on"]:
        return _played(content, level, seeds, quarters, overrides)
    rows: list[dict[str, np.ndarray]] = []
    model = status_quo_model(
        content,
        content.levels[level],
        seeds,
        quarters,
        overrides,
        on_quarter=lambda m: rows.append(metrics(m.state) | {"watch": watch_share(m)}),
    )
    return model, rows


def _played(
    content: ContentSet, level: str, seeds: list[int], quarters: int, overrides: dict[str, float] | None
) -> tuple[CityModel, list[dict[str, np.ndarray]]]:
    """The status quo as played: run_batch's own per-quarter metrics, plus the watch share it does not keep."""
    box: dict[str, CityModel] = {}
    watch: list[np.ndarray] = []

    def on_start(session) -> None:
        box.setdefault("model", session.model)

    result = run_batch(
        content,
        level,
        "official",
        "status_quo",
        seeds,
        turns=quarters,
        overrides=overrides,
        on_start=on_start,
        on_turn=lambda turn: watch.append(watch_share(box["model"])),
    )
    rows = [
        {name: path[q] for name, path in result.trajectory.items()} | {"watch": watch[q - 1]}
        for q in range(1, quarters + 1)
    ]
    return box["model"], rows


def score(rows: list[dict[str, np.ndarray]]) -> tuple[float, dict[str, float]]:
    loss, late = 0.0, {}
    for name, (lo, hi) in BANDS.items():
        centre, half = (lo + hi) / 2, (hi - lo) / 2
        series = np.array([r[name].mean() for r in rows])
        late[name] = float(series[len(series) // 2 :].mean())
        loss += ((late[name] - centre) / half) ** 2 + ((series[-1] - series[len(series) // 2]) / half) ** 2
    return loss, late


def search_box(names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The low and high ends of the search range of each parameter named."""
    return np.array([SEARCH[n][0] for n in names]), np.array([SEARCH[n][1] for n in names])


def sobol_settings(names: list[str], points: int) -> list[dict[str, float]]:
    """`points` parameter sets across the search ranges: the scrambled Sobol sample `fit` and `levels` both search
    (seed 12). Counts that are not powers of two are a choice here, so scipy's warning about them is not shown."""
    from scipy.stats import qmc

    if points <= 0:
        return []
    lo, hi = search_box(names)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        sample = qmc.Sobol(len(names), scramble=True, seed=12).random(points)
    return [dict(zip(names, (float(v) for v in x), strict=True)) for x in lo + sample * (hi - lo)]


def fit(
    content: ContentSet, points: int, seeds: int, refine: int = 0, only: list[str] | None = None
) -> dict[str, float]:
    """The search; prints the best ten points and returns the best."""
    names = only or list(SEARCH)
    lo, hi = search_box(names)
    results = []
    for i, overrides in enumerate(sobol_settings(names, points)):
        _, rows = status_quo(content, "border_city", list(range(seeds)), 48, overrides)
        loss, late = score(rows)
        results.append((loss, overrides, late))
        print(f"{i + 1}/{points} loss {loss:.2f}", file=sys.stderr)
    results.sort(key=lambda r: r[0])
    if refine:
        # Nelder-Mead from the best point, inside the ranges (a point outside costs its distance), on the same
        # seeds: common random numbers make the loss a deterministic function of the parameters.
        from scipy.optimize import minimize

        def loss_at(x: np.ndarray) -> float:
            outside = float(np.sum(np.clip(lo - x, 0, None) + np.clip(x - hi, 0, None)) * 100)
            overrides = dict(zip(names, (float(v) for v in np.clip(x, lo, hi)), strict=True))
            _, rows = status_quo(content, "border_city", list(range(seeds)), 48, overrides)
            return score(rows)[0] + outside

        start = np.array([results[0][1][n] for n in names])
        best = minimize(
            loss_at,
            start,
            method="Nelder-Mead",
            options={"maxfev": refine, "xatol": 1e-3, "fatol": 0.05, "initial_simplex": None},
        )
        overrides = dict(zip(names, (float(v) for v in np.clip(best.x, lo, hi)), strict=True))
        _, rows = status_quo(content, "border_city", list(range(seeds)), 48, overrides)
        loss, late = score(rows)
        results.insert(0, (loss, overrides, late))
        print(f"refined by Nelder-Mead ({best.nfev} evaluations):")
    for loss, overrides, late in results[:10]:
        print(f"loss {loss:.2f}  " + " ".join(f"{k}={v:.3f}" for k, v in overrides.items()))
        print("      " + " ".join(f"{k}={v:.3f}" for k, v in late.items()))
    return results[0][1]


def table(content: ContentSet, seeds: int = 16) -> str:
    """The fit table for docs/model.md: each target, its band, the model's status quo at 12 and 40 quarters."""
    _, rows = status_quo(content, "border_city", list(range(seeds)), 40)
    lines = [
        "| target | band | status quo, quarter 12 | quarter 40 | residual (q40 - band centre) |",
        "|---|---|---|---|---|",
    ]
    for name, (lo, hi) in BANDS.items():
        q12, q40 = rows[11][name].mean(), rows[39][name].mean()
        mark = "" if lo <= q40 <= hi else " ✗"
        lines.append(f"| {name} | {lo:g}–{hi:g} | {q12:.3f} | {q40:.3f}{mark} | {q40 - (lo + hi) / 2:+.3f} |")
    return "\n".join(lines)


def across_levels(content: ContentSet, levels: list[str], points: int, seeds: int) -> str:
    """The late status quo of every level at the fitted parameters and at `points` Sobol points (see `levels`)."""
    settings: list[dict[str, float] | None] = [None, *sobol_settings(list(SEARCH), points)]
    late = {level: [] for level in levels}  # level -> one {target: late value} per point
    for i, overrides in enumerate(settings):
        for level in levels:
            late[level].append(score(status_quo(content, level, list(range(seeds)), 48, overrides)[1])[1])
        print(f"{i + 1}/{len(settings)}", file=sys.stderr)
    base = levels[0]
    lines = [
        f"Late status quo (mean of quarters 24-48, {seeds} seeds, rules alone) at the fitted parameters and at "
        f"{points} Sobol points; the gap is each level's value minus {base}'s (min / median / max over points).",
        "",
        "| target | band | level | fitted | gap to " + base + " | points where this level is in band |",
        "|---|---|---|---|---|---|",
    ]
    for name, (lo_band, hi_band) in BANDS.items():
        for level in levels:
            values = np.array([row[name] for row in late[level]])
            gaps = values - np.array([row[name] for row in late[base]])
            inside = int(((values >= lo_band) & (values <= hi_band)).sum())
            gap = "-" if level == base else f"{gaps.min():+.3f} / {np.median(gaps):+.3f} / {gaps.max():+.3f}"
            lines.append(
                f"| {name} | {lo_band:g}-{hi_band:g} | {level} | {values[0]:.3f} | {gap} | {inside} of {len(values)} |"
            )
    together = sum(
        all(lo_b <= late[level][i][name] <= hi_b for level in levels for name, (lo_b, hi_b) in BANDS.items())
        for i in range(len(settings))
    )
    lines += ["", f"Points where every level has every target in band: {together} of {len(settings)}."]
    return "\n".join(lines)


def settle(content: ContentSet, level_id: str) -> None:
    """Where the level's status quo holds it (game/runs/settle.py: the median game after 64 quarters on 64 seeds),
    written into levels/LEVEL.yaml; with --with-events, the status quo as played."""
    model, _ = status_quo(content, level_id, list(range(SETTLE_SEEDS)), SETTLE_QUARTERS)
    start = settled_start(content, content.levels[level_id], model.state)
    write_start_values(ROOT / "levels" / f"{level_id}.yaml", start.districts, start.city)
    print(f"{level_id}: settled")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("fit")
    # the runs that made model versions 28 and 29's values (every free parameter): 256 Sobol points, 16 seeds,
    # 300 Nelder-Mead evaluations
    f.add_argument("--points", type=int, default=256)
    f.add_argument("--seeds", type=int, default=16)
    f.add_argument("--refine", type=int, default=300, help="Nelder-Mead evaluations from the best point (0: none)")
    f.add_argument(
        "--only",
        action="append",
        choices=list(SEARCH),
        help="search this parameter alone (repeatable); the others keep their content/model.yaml values",
    )
    f.add_argument("--write", action="store_true", help="write the best point into content/model.yaml (3 decimals)")
    s = sub.add_parser("settle")
    s.add_argument("levels", nargs="*")
    s.add_argument("--rounds", type=int, default=1, help="settle again from each round's start (versions 28-29: 5)")
    sub.add_parser("table")
    a = sub.add_parser("levels")
    a.add_argument("levels", nargs="*", help="levels to compare (default: every shipped level, border_city first)")
    a.add_argument("--points", type=int, default=24)
    a.add_argument("--seeds", type=int, default=8)
    parser.add_argument(
        "--with-events",
        action="store_true",
        help="the status quo as played: the rules plus the level's events (default: rules alone)",
    )
    args = parser.parse_args()
    EVENTS["on"] = args.with_events
    content = load_content().content
    if args.command == "fit":
        best = fit(content, args.points, args.seeds, args.refine, args.only)
        if args.write:
            write_parameter_values(ROOT / "content" / "model.yaml", {k: round(v, 3) for k, v in best.items()})
            print("written into content/model.yaml")
    elif args.command == "table":
        print(table(content))
    elif args.command == "levels":
        shipped = ["border_city", *sorted(x for x in level_files.playable(content) if x != "border_city")]
        unknown = [x for x in args.levels if x not in content.levels]
        if unknown or args.points < 0 or args.seeds < 1:
            levels = ", ".join(sorted(content.levels))
            problem = (
                f"no level called {unknown[0]!r} (levels: {levels})"
                if unknown
                else "--points must be 0 or more, --seeds 1 or more"
            )
            print(f"tools/calibrate.py levels: {problem}", file=sys.stderr)
            sys.exit(2)
        print(across_levels(content, args.levels or shipped, args.points, args.seeds))
    else:
        if args.rounds < 1:
            print("tools/calibrate.py settle: --rounds must be 1 or more", file=sys.stderr)
            sys.exit(2)
        for round_ in range(args.rounds):
            if round_:  # each round plays from the starts the one before wrote
                content = load_content().content
            for level in args.levels or level_files.playable(content):
                settle(content, level)


if __name__ == "__main__":
    main()
