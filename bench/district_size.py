"""How a district's size moves the city: the same level simulated with more or fewer households per district.

A district's households are a sample of its people (docs/authoring.md: `households`), so the number a level declares
should change how long a game takes, not where the city goes. This plays a level's status quo under the rules alone
(no events, no player) with every district given the same number of households (`CityModel(households=N)`: the
level's counts scaled so its largest district has N), on the same seeds at each size, and prints the end-of-run
means of the figures the retaliations people hear of move: fear, organized-crime reporting, trust among neighbours
and in the government, and criminal control.

    uv run python bench/district_size.py [--level template | --level FILE] [--sizes 100,200,400,1600]
                                         [--seeds 16] [--quarters 24]
    uv run python bench/district_size.py --write-docs      # the table of docs/model.md (model version 24)
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
from game.content.loader import ContentSet  # noqa: E402
from game.sim.metrics import metrics  # noqa: E402
from game.sim.model import CityModel  # noqa: E402

FIGURES = ("fear", "reporting_rate_organized", "social_trust", "trust_in_government", "organized_crime")


def status_quo(content: ContentSet, level: str, households: int, seeds: int, quarters: int) -> dict[str, float]:
    """The level's rules alone, every district of `households` households: each figure's mean over the seeds."""
    rngs = [np.random.default_rng(np.random.SeedSequence(s).spawn(3)[0]) for s in range(seeds)]
    model = CityModel(content, content.levels[level], "official", rngs, households=households)
    for quarter in range(1, quarters + 1):
        model.begin_turn(quarter)
        model.step()
    return {name: float(np.mean(values)) for name, values in metrics(model.state).items()}


def table(content: ContentSet, level: str, sizes: list[int], seeds: int, quarters: int) -> str:
    lines = [
        f"### {level}: the status quo at each district size (rules alone, {seeds} seeds, {quarters} quarters)",
        "",
        "| households a district | " + " | ".join(FIGURES) + " |",
        "|---|" + "---|" * len(FIGURES),
    ]
    for size in sizes:
        end = status_quo(content, level, size, seeds, quarters)
        lines.append(f"| {size} | " + " | ".join(f"{end[name]:.3f}" for name in FIGURES) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--level",
        default="template",
        help="a level id, or a level file of your own read with the YAML files beside it as `plaza simulate FILE` "
        "reads it (default template)",
    )
    parser.add_argument("--sizes", default="100,200,400,1600", help="households a district, comma-separated")
    parser.add_argument("--seeds", type=int, default=16)
    parser.add_argument("--quarters", type=int, default=24)
    parser.add_argument("--write-docs", action="store_true", help="also put the table in docs/model.md")
    args = parser.parse_args(argv)
    loaded = level_files.load([args.level], "bench/district_size.py", args.write_docs)
    if loaded is None:
        return 2
    content, (level,) = loaded
    try:
        sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    except ValueError:
        parser.error(f"--sizes takes whole numbers separated by commas, not {args.sizes!r}")
    if not sizes or min(sizes) < 4 or args.seeds < 1 or args.quarters < 1:
        parser.error("--sizes needs at least one size of 4 households or more; --seeds and --quarters at least 1")
    start = time.perf_counter()
    text = table(content, level, sizes, args.seeds, args.quarters)
    print(text)
    wall = time.perf_counter() - start
    print(f"\n{wall:.0f} s")
    if args.write_docs:
        made_by = (
            f"Made by `uv run python bench/district_size.py --level {args.level} --sizes {','.join(map(str, sizes))} "
            f"--seeds {args.seeds} --quarters {args.quarters} --write-docs` ({wall:.0f} s)."
        )
        write_block(MODEL_DOC, "<!-- district-size:begin -->", "<!-- district-size:end -->", made_by, [text])
    return 0


if __name__ == "__main__":
    sys.exit(main())
