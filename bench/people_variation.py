"""Games differ by their people (issue 12 item 2: "between-game variation comes from people as much as events").

For each level, the status quo on the same seeds twice: under the rules alone (no events, no player: every game
begins from the same city, so all that differs between games is what its households draw) and as played (the
level's events on, the official doing nothing). For each end-of-term metric it prints the spread between games,
the standard deviation over seeds, in both, and their ratio: 1 means people alone spread the games as far as people
and events together; near 0, the events make the differences.

    uv run python bench/people_variation.py                          # every level, 60 seeds, quarters 12 and 40
    uv run python bench/people_variation.py --level hot_valley --seeds 200
    uv run python bench/people_variation.py --write-docs             # also replace the tables in docs/model.md
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import level_args, level_files  # noqa: E402
from game.content.loader import ContentSet  # noqa: E402
from game.runs.batch import run_batch  # noqa: E402
from game.runs.settle import status_quo_model  # noqa: E402
from game.sim.metrics import metrics  # noqa: E402

QUARTERS = (12, 40)
METRICS = (
    "organized_crime",
    "fear",
    "trust_in_government",
    "reporting_rate_organized",
    "corruption",
    "militia_strength",
    "militia_capture",
    "predation",
)
BEGIN, END = "<!-- people_variation:begin -->", "<!-- people_variation:end -->"


def spreads(
    content: ContentSet, level_id: str, role: str, seeds: list[int], quarters: int
) -> dict[str, tuple[float, float]]:
    """Each metric's standard deviation over the seeds at `quarters`: (rules alone, as played by `role`)."""
    alone = metrics(status_quo_model(content, content.levels[level_id], seeds, quarters).state)
    played = run_batch(content, level_id, role, "status_quo", seeds, turns=quarters).metrics
    return {name: (float(np.std(alone[name])), float(np.std(played[name]))) for name in METRICS}


def table(content: ContentSet, level_id: str, seeds: int) -> str:
    seed_list = list(range(seeds))
    role = content.levels[level_id].roles.offered()[0]  # the official's, where the level offers it
    by_quarter = {q: spreads(content, level_id, role, seed_list, q) for q in QUARTERS}
    head = " | ".join(f"quarter {q}: people alone / with events (ratio)" for q in QUARTERS)
    lines = [
        f"### {level_id}: spread between games, status quo ({seeds} seeds{level_files.played_as(role)})",
        "",
        f"| metric | {head} |",
        "|---|" + "---|" * len(QUARTERS),
    ]
    for name in METRICS:
        cells = []
        for q in QUARTERS:
            alone, played = by_quarter[q][name]
            ratio = f"{alone / played:.2f}" if played > 0 else "-"
            cells.append(f"{alone:.4f} / {played:.4f} ({ratio})")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return level_args.run_tables(
        argv,
        __doc__ or "",
        "people_variation.py",
        ("seeds", 60),
        lambda c, x: True,
        "a city",
        table,
        lambda n: f"{n} seeds",
        (BEGIN, END),
    )


if __name__ == "__main__":
    sys.exit(main())
