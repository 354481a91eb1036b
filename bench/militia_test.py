"""Militias game by game: the brief's test T4 (anchors-mechanisms §10, §5) and claim (e)'s capture (anchors-model §4).

T4 reads the total predation of a self-defense policy against the status quo's, on the same seeds, over 40 quarters:
a self-financed, unvetted group brings an early gain (predation at or under 0.95 of the status quo's within 8
quarters), then harm (over it by quarters 14-24); a subsidy without vetting is no better; vetting keeps predation
under the status quo's. Claim (e) adds that self-financed, low-vetting groups are captured (K over 0.5) by quarter 40
in at least half of the games, and issue 12 (item 4) that criminal control falls in the group's first quarters.

Each row is one policy on one level: the `militia` bot as the organizer (a group the neighbours form and pay for
themselves), as the official (groups deputized with a stipend, vetting left as it is) and `vetted_militia` (vetting,
pay and audits), each against the status quo of its own role. The ratio is the policy's city-wide total predation
over the status quo's in the same game; the table gives the median game's.

The brief's sketch reads T4 on a group that starts clean, where the `militia` bot grows the groups a settled level
already has. So a last row forms a new group: the organizer's "Form a self-defense group" in the first quarter, in
the district of highest control that has none and where the measure is open (none in hot_valley), against the same
games with nothing adopted (each played alone, events answered as the status quo answers them); its capture column
reads the new group's own.

    uv run python bench/militia_test.py                      # every level with militia measures, 200 seeds
    uv run python bench/militia_test.py --runs 50 --write-docs
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import level_args  # noqa: E402
from game.bots.base import Bot  # noqa: E402
from game.content.loader import ContentSet  # noqa: E402
from game.runs.batch import run_batch  # noqa: E402
from game.session.commands import AdoptMeasure  # noqa: E402
from game.session.session import GameSession  # noqa: E402

TURNS = 40
EARLY, LATE = range(1, 9), range(14, 25)  # T4's windows (quarters)
GAIN, CAPTURED, HALF = 0.95, 0.5, 0.5
BEGIN, END = "<!-- militia-test:begin -->", "<!-- militia-test:end -->"
SELF_FINANCED = "early gain (<= 0.95), harm by 14-24 (> 1), captured in >= 50% of games"
# (bot, role, kind of group, what the brief expects of it)
POLICIES = (
    ("militia", "organizer", "self-financed", SELF_FINANCED),
    ("militia", "official", "subsidised", "no better: harm by 14-24 and at 40 (> 1)"),
    ("vetted_militia", "official", "vetted", "less predation at 40 (< 1)"),
)


def offers_militias(content: ContentSet, level_id: str) -> bool:
    """Whether the level's districts can hold a group the bots would back (rural districts: where groups form)."""
    return any(d.kind == "rural" for d in content.levels[level_id].districts)


def trajectories(content: ContentSet, level: str, role: str, bot: str, seeds: list[int]) -> dict[str, np.ndarray]:
    """Each metric per quarter and game: (quarters + 1, games), quarter 0 the start."""
    return run_batch(content, level, role, bot, seeds, turns=TURNS).trajectory


FORM = "self_defense_group"  # the organizer's measure that forms (or grows) a district's group


def fresh_district(content: ContentSet, level: str) -> str | None:
    """Where the organizer could form a group that would be new (model version 21): the district of highest
    criminal control among those with no group at the start where the measure is open in the first quarter."""
    session = GameSession(content, level, "organizer", 0, explain=False)
    session.begin_turn()
    state = session.model.state
    order = np.argsort(-state["district.oc_control"][0], kind="stable")
    for i in order:
        district = state.district_ids[i]
        if state["district.militia"][0, i] < 1e-3 and session.check(AdoptMeasure(FORM, district), {}) is None:
            return district
    return None


class FormsAGroup(Bot):
    """The organizer who forms a self-defense group in one district in the first quarter and adopts nothing else;
    events are answered as the status quo answers them."""

    name = "forms_a_group"
    keeps_the_state = True

    def __init__(self, district: str):
        self.district = district

    def decide(self, session: GameSession, rng: np.random.Generator) -> list[AdoptMeasure]:
        return [AdoptMeasure(FORM, self.district)] if session.turn == 1 else []


def fresh_trajectories(
    content: ContentSet, level: str, district: str, seeds: list[int], form: bool
) -> dict[str, np.ndarray]:
    """The organizer's games forming a group in `district` in the first quarter (`form`) or adopting nothing: each
    metric per quarter and game, as `trajectories` gives them, and the new group's own capture (`group_capture`)."""
    sessions: list[GameSession] = []
    capture: list[np.ndarray] = []

    def read() -> None:
        state = sessions[0].model.state  # one model for the whole batch: row r is game r
        capture.append(state["district.militia_capture"][:, state.district_ids.index(district)].copy())

    def started(session: GameSession) -> None:
        sessions.append(session)
        if len(sessions) == 1:
            read()  # quarter 0

    bot = FormsAGroup(district) if form else "status_quo"
    result = run_batch(content, level, "organizer", bot, seeds, turns=TURNS, on_start=started, on_turn=lambda _: read())
    return {**result.trajectory, "group_capture": np.array(capture)}


def median_ratio(arm: dict[str, np.ndarray], status_quo: dict[str, np.ndarray]) -> np.ndarray:
    """Quarter by quarter, the median game's total predation over the status quo's in the same game."""
    return np.median(arm["predation"] / np.maximum(status_quo["predation"], 1e-9), axis=1)


def judge(kind: str, median: np.ndarray, capture: np.ndarray) -> tuple[list[str], bool]:
    """The cells the brief reads for this kind of policy (`median`: median_ratio's), and whether they all hold."""
    early = float(median[list(EARLY)].min())
    late = float(median[list(LATE)].max())
    end = float(median[TURNS])
    captured = float((capture[TURNS] > CAPTURED).mean())
    if kind == "self-financed":
        holds = early <= GAIN and late > 1 and captured >= HALF
    elif kind == "subsidised":
        holds = late > 1 and end > 1
    else:
        holds = end < 1
    return [f"{early:.2f}", f"{late:.2f}", f"{end:.2f}", f"{captured:.0%}"], holds


def table(content: ContentSet, level: str, seeds: list[int]) -> str:
    rows = [
        f"### {level}: militias against the status quo, game by game ({len(seeds)} seeds, {TURNS} quarters)",
        "",
        "| policy | the brief expects | predation / status quo's: lowest in quarters 1-8 | highest in 14-24 | at 40 "
        "| games with the group over half captured at 40 | criminal control at 8, against the status quo | verdict |",
        "|---|---|---|---|---|---|---|---|",
    ]
    roles = content.levels[level].roles.offered()
    base = {role: trajectories(content, level, role, "status_quo", seeds) for role in roles}
    for bot, role, kind, expects in POLICIES:
        if role not in roles:  # a level of one's own may offer one role
            continue
        arm = trajectories(content, level, role, bot, seeds)
        cells, holds = judge(kind, median_ratio(arm, base[role]), arm["militia_capture"])
        control = float(np.median(arm["organized_crime"][8] - base[role]["organized_crime"][8]))
        rows.append(
            f"| {bot} ({role}) | {expects} | " + " | ".join(cells) + f" | {control:+.3f} | "
            f"{'passes' if holds else '**fails**'} |"
        )
    # The brief's sketch starts a clean group: the same test on a group the organizer forms where there was none.
    district = fresh_district(content, level) if "organizer" in roles else None
    if district is not None:
        arm, still = (fresh_trajectories(content, level, district, seeds, form) for form in (True, False))
        cells, holds = judge("self-financed", median_ratio(arm, still), arm["group_capture"])
        control = float(np.median(arm["organized_crime"][8] - still["organized_crime"][8]))
        rows.append(
            f"| a new group in {district} (organizer) | {SELF_FINANCED} | " + " | ".join(cells) + f" | "
            f"{control:+.3f} | {'passes' if holds else '**fails**'} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    return level_args.run_tables(
        argv,
        __doc__ or "",
        "militia_test.py",
        ("runs", 200),
        offers_militias,
        "rural districts",
        lambda content, level, runs: table(content, level, list(range(runs))),
        lambda n: f"{n} seeds",
        (BEGIN, END),
    )


if __name__ == "__main__":
    sys.exit(main())
