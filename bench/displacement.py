"""Displacement when the rich close their streets (anchors-mechanisms §10 T5; anchors-model §4 claim (c): "report δ*").

The brief's test: gate the rich district; its petty crime P falls; the poor neighbours' P rises if displacement
outweighs the diffusion of benefits; the poor/rich victimisation ratio rises at every δ (the share of deterred
offending that relocates rather than desists); report the δ at which total crime is unchanged.

Here the gate is the mechanism alone, with no bot and no events: every household of the level's rich districts lives
behind its closed streets all term (held so each quarter: by their own rules those who cannot afford the dues would
leave the gate, and the settled start already gates every rich household that can), and the city plays 12 quarters
of its rules. The other arm is the same games without the closing. How far offenders go is
`travel` (the opportunity a household sees next door, as a share of its own district's); the table sweeps it.
The model has no single δ: offending saturates with the opportunity in reach (`desist`), so the share that
relocates is measured, per seed, as the part of the rich districts' fall in petty crimes that reappears elsewhere
(δ = 1 − fall in the city's crimes / fall in the rich districts'). Paired seeds, 95% bootstrap intervals.

    uv run python bench/displacement.py                          # every level with rich districts, 40 seeds
    uv run python bench/displacement.py --level metropolis --seeds 100
    uv run python bench/displacement.py --write-docs             # also replace the tables in docs/model.md
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import level_args  # noqa: E402
from game.content.loader import ContentSet  # noqa: E402
from game.runs.settle import status_quo_model  # noqa: E402
from game.sim.model import CityModel  # noqa: E402
from tests.fidelity.judging import Effect  # noqa: E402

QUARTERS = 12
TRAVEL = (0.0, 0.25, 0.5, 0.75, 1.0)
BEGIN, END = "<!-- displacement:begin -->", "<!-- displacement:end -->"


def _close_rich_streets(model: CityModel) -> None:
    rich = np.array(model.state.district_kinds) == "rich"
    hh = model.state.households
    hh.gated[:, rich, :] = hh.present[:, rich, :]


def _crimes(model: CityModel) -> np.ndarray:
    """Petty crimes this quarter in each district: (runs, districts), rate times households."""
    s = model.state
    return s["district.petty_crime"] * s.households.present.sum(axis=-1)


def play_arm(content, level, seeds: list[int], travel: float, closed: bool) -> dict[str, np.ndarray]:
    model = status_quo_model(content, level, seeds, 0, {"travel": travel})
    kinds = np.array(model.state.district_kinds)
    totals = {"rich": 0.0, "poor": 0.0, "city": 0.0}
    gated = []
    for turn in range(1, QUARTERS + 1):
        model.begin_turn(turn)
        if closed:  # held closed all term: the households' own choice (and its dues) would reopen it
            _close_rich_streets(model)
        hh = model.state.households
        gated.append(
            (hh.gated * hh.present)[:, kinds == "rich"].sum((1, 2)) / hh.present[:, kinds == "rich"].sum((1, 2))
        )
        model.step()
        crimes = _crimes(model)
        for key in totals:
            totals[key] = totals[key] + crimes[:, kinds == key if key != "city" else slice(None)].sum(axis=-1)
    victim = model.state["district.victimisation"]
    gap = victim[:, kinds == "poor"].mean(axis=-1) - victim[:, kinds == "rich"].mean(axis=-1)
    return totals | {
        "gap": gap,
        "poor_victim": victim[:, kinds == "poor"].mean(axis=-1),
        "rich_victim": victim[:, kinds == "rich"].mean(axis=-1),
        "gated": np.mean(gated, axis=0),
    }


def _cell(effect: Effect, digits: int = 1) -> str:
    return f"{effect.mean:+.{digits}f} [{effect.lo:+.{digits}f}, {effect.hi:+.{digits}f}]"


def has_rich_and_poor(content: ContentSet, level_id: str) -> bool:
    return {"rich", "poor"} <= {d.kind for d in content.levels[level_id].districts}


def table(content: ContentSet, level_id: str, seeds: int) -> str:
    level = content.levels[level_id]
    seed_list = list(range(seeds))
    lines = [
        f"### {level_id}: the rich districts close their streets ({seeds} paired seeds, {QUARTERS} quarters, rules "
        "alone)",
        "",
        "| travel | rich households gated, mean over the term (open → closed) | petty crimes in the rich "
        "districts | in the poor districts | in the city | share relocated δ | poor minus rich victimisation | "
        "poor / rich victimisation (open → closed) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for travel in TRAVEL:
        open_, closed = (play_arm(content, level, seed_list, travel, c) for c in (False, True))
        d = {k: closed[k] - open_[k] for k in ("rich", "poor", "city", "gap")}
        # the ratio of the arms' means (a game's own ratio has a rich victimisation of 0 in some games)
        ratio = [arm["poor_victim"].mean() / max(arm["rich_victim"].mean(), 1e-9) for arm in (open_, closed)]
        fell = -d["rich"]
        relocated = 1 - (-d["city"]) / np.where(fell > 0, fell, np.nan)
        relocated = relocated[np.isfinite(relocated)]
        lines.append(
            f"| {travel:g} | {open_['gated'].mean():.2f} → {closed['gated'].mean():.2f} | "
            f"{_cell(Effect.of(d['rich']))} | {_cell(Effect.of(d['poor']))} | {_cell(Effect.of(d['city']))} | "
            f"{_cell(Effect.of(relocated), 2) if relocated.size > 1 else '-'} | {_cell(Effect.of(d['gap']), 4)} | "
            f"{ratio[0]:.2f} → {ratio[1]:.2f} |"
        )
    lines += [
        "",
        "Crimes are summed over the 12 quarters (households × quarterly rate), the change is the closed arm minus the "
        "open one on the same seed. The victimisation columns are at quarter 12; the ratio is that of the arms' "
        "means. δ is the share of the rich districts' fall in crimes that the city does not lose.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    return level_args.run_tables(
        argv,
        __doc__ or "",
        "displacement.py",
        ("seeds", 40),
        has_rich_and_poor,
        "rich and poor districts",
        table,
        lambda n: f"{n} paired seeds",
        (BEGIN, END),
    )


if __name__ == "__main__":
    sys.exit(main())
