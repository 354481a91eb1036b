"""Two basins and a hysteresis loop: the figures of docs/model.md §3, made from the model itself.

    uv run python tools/basins.py [--level border_city | --level FILE] [--seeds 8] [--out docs/figures] [--write-docs]

Corruption is held at a chosen value (its own rule switched off: c1 = c2 = c3 = 0) and everything else runs.

- **Basins.** For each corruption level on a grid, two starts play 200 quarters: the level's own start (low
  reporting, high criminal control) and a city where the group was pushed out (control 0.05, half the households
  willing to report, little fear of reprisal). Where the two end states differ, the city is bistable.
- **Hysteresis.** One slow ramp: corruption rises from 0.2 to 0.95 over 150 quarters, then falls back over 150, from
  the good start (150 quarters each way). One curve up and another down is the shape of Bauzá et al. 2020.

It prints the tables and writes basins.png and hysteresis.png (matplotlib, a development dependency); with
`--write-docs` it also puts the tables in docs/model.md ("Two basins"), saying which command made them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import level_files  # noqa: E402
from bench.docs_block import MODEL_DOC, write_block  # noqa: E402
from game.cli_support import is_level_path  # noqa: E402
from game.content.loader import ContentSet  # noqa: E402
from game.sim.common import city_mean  # noqa: E402
from game.sim.model import CityModel  # noqa: E402

FROZEN = {"c1": 0.0, "c2": 0.0, "c3": 0.0}


def model(content: ContentSet, level: str, seeds: list[int], good: bool, overrides: dict | None = None) -> CityModel:
    m = CityModel(
        content,
        content.levels[level],
        "official",
        [np.random.default_rng(s) for s in seeds],
        overrides={**FROZEN, **(overrides or {})},
    )
    if good:
        s, hh = m.state, m.state.households
        s.values["district.oc_control"][:] = 0.05
        hh.willing = (np.random.default_rng(1).random(hh.willing.shape) < 0.5).astype(float)
        hh.rho = np.full(hh.rho.shape, 0.05)
        hh.fear = hh.fear * 0.3
    return m


def reading(m: CityModel) -> tuple[np.ndarray, np.ndarray]:
    n = m.state.households.present.sum(axis=-1)
    return city_mean(m.state["district.report_oc"], n), city_mean(m.state["district.oc_control"], n)


def basins(
    content: ContentSet, level: str, seeds: int, grid: np.ndarray, quarters: int = 200, overrides: dict | None = None
) -> dict[str, np.ndarray]:
    """End reporting and control from both starts, for every corruption level (seeds × grid on the batch)."""
    out = {}
    runs = [s for s in range(seeds) for _ in grid]
    c = np.tile(grid, seeds)
    for name, good in (("bad", False), ("good", True)):
        m = model(content, level, runs, good, overrides)
        for turn in range(1, quarters + 1):
            m.state.values["city.corruption"][:] = c
            m.begin_turn(turn)
            m.step()
        r, o = reading(m)
        out[f"{name}_report"] = r.reshape(seeds, len(grid))
        out[f"{name}_control"] = o.reshape(seeds, len(grid))
    return out


def ramp(
    content: ContentSet,
    level: str,
    seeds: int,
    lo: float = 0.2,
    hi: float = 0.95,
    quarters: int = 150,
    overrides: dict | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    path = np.concatenate([np.linspace(lo, hi, quarters), np.linspace(hi, lo, quarters)])
    m = model(content, level, list(range(seeds)), True, overrides)
    reports, control = [], []
    for turn, c in enumerate(path, start=1):
        m.state.values["city.corruption"][:] = c
        m.begin_turn(turn)
        m.step()
        r, o = reading(m)
        reports.append(r.mean())
        control.append(o.mean())
    return path, np.array(reports), np.array(control)


def _basins_table(grid: np.ndarray, b: dict) -> str:
    lines = [
        "| corruption held at | OC reporting from the bad start | from the good start | control, bad | good |",
        "|---|---|---|---|---|",
    ]
    for i, c in enumerate(grid):
        lines.append(
            f"| {c:.2f} | {np.median(b['bad_report'][:, i]):.3f} | {np.median(b['good_report'][:, i]):.3f} | "
            f"{np.median(b['bad_control'][:, i]):.3f} | {np.median(b['good_control'][:, i]):.3f} |"
        )
    return "\n".join(lines)


def _ablation_table(content: ContentSet, level: str, seeds: int, grid: np.ndarray, b: dict) -> str:
    """For each mechanism switched off, the widest gap in control between the two starts, and where."""
    lines = [
        "| ablation | widest gap in control between the two starts (corruption held at) | bistable |",
        "|---|---|---|",
    ]
    for name, overrides in (
        ("none", {}),
        ("eta = 0 (information does not reach enforcement)", {"eta": 0.0}),
        ("b_s = 0 (no safety in numbers among neighbours)", {"b_s": 0.0}),
        (
            "s_heard = news_revise = 0 (retaliations heard change no belief and prompt no reconsidering)",
            {"s_heard": 0.0, "news_revise": 0.0},
        ),
    ):
        a = b if not overrides else basins(content, level, seeds, grid, overrides=overrides)
        gap = np.median(a["bad_control"], axis=0) - np.median(a["good_control"], axis=0)
        i = int(np.argmax(gap))
        lines.append(f"| {name} | {gap[i]:.3f} ({grid[i]:.2f}) | {'yes' if gap[i] > 0.05 else 'no'} |")
    return "\n".join(lines)


def _ramp_table(path: np.ndarray, reports: np.ndarray, control: np.ndarray, half: int) -> str:
    lines = [
        "| corruption (ramp) | reporting, rising | falling | control, rising | falling |",
        "|---|---|---|---|---|",
    ]
    for c in (0.3, 0.5, 0.7, 0.9):
        i, j = np.argmin(np.abs(path[:half] - c)), half + np.argmin(np.abs(path[half:] - c))
        lines.append(f"| {c:.1f} | {reports[i]:.3f} | {reports[j]:.3f} | {control[i]:.3f} | {control[j]:.3f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--level",
        default="border_city",
        help="a level id, or a level file of your own, read with the YAML files beside it (default border_city)",
    )
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--write-docs", action="store_true", help="also put the tables in docs/model.md")
    parser.add_argument(
        "--out", type=Path, help="where the figures go (default: docs/figures for a shipped level, else this folder)"
    )
    args = parser.parse_args()
    given = args.level
    loaded = level_files.load([given], "tools/basins.py")
    if loaded is None:
        return 2
    content, (args.level,) = loaded
    args.out = args.out or (Path.cwd() if is_level_path(given) else ROOT / "docs" / "figures")
    start = time.perf_counter()
    grid = np.round(np.linspace(0.1, 0.9, 9), 2)
    b = basins(content, args.level, args.seeds, grid)
    tables = [_basins_table(grid, b), _ablation_table(content, args.level, args.seeds, grid, b)]
    path, reports, control = ramp(content, args.level, args.seeds)
    half = len(path) // 2
    tables.append(_ramp_table(path, reports, control, half))
    print("\n\n".join(tables))
    if args.write_docs:
        if is_level_path(given):
            print("--write-docs writes the shipped levels' tables only; this level's are printed above")
        else:
            made_by = (
                f"Made by `uv run python tools/basins.py --level {args.level} --seeds {args.seeds} --write-docs` "
                f"({args.level}, median of {args.seeds} seeds, {time.perf_counter() - start:.0f} s)."
            )
            write_block(MODEL_DOC, "<!-- basins:begin -->", "<!-- basins:end -->", made_by, tables)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    args.out.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(1, 2, figsize=(10, 4))
    for name, style in (("bad", "o-"), ("good", "s--")):
        ax[0].plot(grid, np.median(b[f"{name}_report"], axis=0), style, label=f"from the {name} start")
        ax[1].plot(grid, np.median(b[f"{name}_control"], axis=0), style, label=f"from the {name} start")
    ax[0].set(xlabel="police corruption (held)", ylabel="organized-crime reporting after 200 quarters")
    ax[1].set(xlabel="police corruption (held)", ylabel="criminal control after 200 quarters")
    for a in ax:
        a.legend()
        a.grid(alpha=0.3)
    fig.suptitle(f"Two basins ({args.level}, median of {args.seeds} seeds)")
    fig.tight_layout()
    fig.savefig(args.out / "basins.png", dpi=110)
    fig, ax = plt.subplots(figsize=(5.5, 4))
    ax.plot(path[:half], reports[:half], "-", label="corruption rising")
    ax.plot(path[half:], reports[half:], "--", label="corruption falling")
    ax.set(xlabel="police corruption", ylabel="organized-crime reporting", title="Hysteresis (slow ramp)")
    ax.legend()
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(args.out / "hysteresis.png", dpi=110)
    print(f"wrote {args.out / 'basins.png'} and {args.out / 'hysteresis.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
