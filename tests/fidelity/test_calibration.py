"""The status quo reproduces the empirical figures it was calibrated to (anchors-model §2), within stated bands.

The status_quo bot plays the 12 turns of `border_city` in both roles; each target's mean over runs must lie in its
band (tests/fidelity/targets.py TARGETS gives each figure and its source). A band is the ENVIPE range (or single
figure) widened by about ±0.02–0.03 — ±0.01 for OC reporting, whose figure is small, and not at all for
victimisation, whose range already spans 2017–2023. A missed target is an xfail(strict=True) that says why:

  cifra negra 0.90–0.95 (ENVIPE 92.4–93.7%); trust in municipal police 0.45–0.52 (48.2%); OC reporting 0.02–0.04
  (extortion cifra negra 96.7–97.9%); petty reporting 0.09–0.12 (10.5%); fear 0.68–0.77 (perceived insecurity
  70–75%); households victimised in a year 0.275–0.36 (27.5–35.6%); watch 0.08–0.14 (11.2%); corruption 0.63–0.72
  (64.7–69.1%); households that gave up the street 0.553–0.621 (ENVIPE 2011: no going out at night 55.3%, the
  children kept in 62.1%; model version 27).
"""

import pytest

from game.content.loader import load_content
from tests.fidelity.lab import simulate
from tests.fidelity.targets import TARGETS, calibration

QUICK_SEEDS = list(range(50))
SLOW_SEEDS = list(range(1000, 1200))


@pytest.fixture(scope="module")
def content():
    return load_content().content


@pytest.fixture(scope="module")
def status_quo(content):
    runs = {}

    def get(role: str, seeds: tuple[int, ...]):
        if (role, seeds) not in runs:
            runs[role, seeds] = dict(
                (t.name, row)
                for t, row in zip(TARGETS, calibration(simulate(content, role, "status_quo", list(seeds))), strict=True)
            )
        return runs[role, seeds]

    return get


def check(status_quo, role, target, seeds):
    _, mean, p5, p95, ok = status_quo(role, tuple(seeds))[target.name]
    assert ok, (
        f"{target.text}: status quo ({role}) {mean:.4f} (5–95% of runs {p5:.4f}–{p95:.4f}) outside "
        f"{target.lo:g}–{target.hi:g}; figure {target.value} ({target.source})"
    )


# Misses of one role only, with the figure measured (50 seeds, 12 quarters).
ROLE_MISSES: dict[tuple[str, str], str] = {}


def cases() -> list:
    return [
        pytest.param(t, id=t.name, marks=[pytest.mark.xfail(strict=True, reason=t.xfail)] if t.xfail else [])
        for t in TARGETS
    ]


def role_cases() -> list:
    out = []
    for t in TARGETS:
        for role in ("official", "organizer"):
            reason = t.xfail or ROLE_MISSES.get((t.name, role), "")
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(role, t, id=f"{t.name}-{role}", marks=marks))
    return out


@pytest.mark.parametrize(("role", "target"), role_cases())
def test_status_quo_matches_the_target(status_quo, role, target):
    check(status_quo, role, target, QUICK_SEEDS)


@pytest.mark.slow
@pytest.mark.parametrize("role", ["official", "organizer"])
@pytest.mark.parametrize("target", cases())
def test_status_quo_matches_the_target_full(status_quo, role, target):
    check(status_quo, role, target, SLOW_SEEDS)


# Issue 12: 40 quarters of each level's status quo (the game with its events, nobody acting) keep the city's means
# inside the ENVIPE bands. Where a level's own structure holds it elsewhere, the xfail says so (figures from 20
# seeds; bench/fidelity.py prints the share of runs in band for each level at 12 and 40 quarters).
LEVEL_MISSES = {
    # Figures: the 20 games below, quarter 40, model version 30, the status quo answering events as a status quo
    # would since 8 December 2026 (no protection, transparency or vetting added; docs/model.md §6). Until then its
    # answers pulled corruption down over 40 quarters: hot_valley's and metropolis' out of their bands (0.629, 0.594)
    # and metropolis' OC reporting over its own (0.045), while they held first_steps' corruption (0.696) and trust
    # (0.466) and hot_valley's trust (0.470) inside theirs. Now those sit where the town's and the valley's rules
    # hold them: outside the national bands by their make-up (docs/model.md §3, "One parameter set cannot hold
    # every level in band").
    ("hot_valley", "reporting_rate_organized"): "the valley sits deep in the bad basin: OC reporting 0.009",
    ("hot_valley", "fear"): "the valley sits deep in the bad basin: fear 0.894",
    ("hot_valley", "victimised_per_year"): "the valley sits deep in the bad basin: 46.7% of households victimised "
    "in a year",
    ("hot_valley", "watch"): "the valley's neighbours barely trust each other and few watch: 0.038 of households",
    ("hot_valley", "retreat"): "the valley's fear (0.89) keeps more of its households in: 0.756, over the band",
    ("hot_valley", "trust_in_government"): "the valley's police are trusted less than the nation's: 0.434",
    ("first_steps", "trust_in_government"): "the town's police are trusted less than the nation's: 0.441",
    ("first_steps", "reporting_rate_organized"): "the town reports organized crime less than the nation: 0.013",
    ("first_steps", "watch"): "fewer of the town's households watch than the nation's: 0.077",
    ("first_steps", "corruption"): "the town's police are more corrupt than the nation's: 0.745, over the band",
    ("first_steps", "retreat"): "the town's fear keeps more of its households in: 0.648, over the band",
}
LEVEL_SEEDS = list(range(20))


@pytest.fixture(scope="module")
def forty(content):
    cache = {}

    def get(level: str):
        if level not in cache:
            from tests.fidelity.lab import simulate

            cache[level] = simulate(content, "official", "status_quo", LEVEL_SEEDS, 40, (), level)
        return cache[level]

    return get


def level_cases(misses: dict[tuple[str, str], str] | None = None) -> list:
    """Each level and target, marked xfail with its reason where `misses` (default: LEVEL_MISSES) has one."""
    misses = LEVEL_MISSES if misses is None else misses
    cases = []
    for level in ("first_steps", "border_city", "hot_valley", "metropolis"):
        for t in TARGETS:
            reason = misses.get((level, t.name), "")
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(level, t, id=f"{level}-{t.name}", marks=marks))
    return cases


@pytest.mark.parametrize(("level", "target"), level_cases())
def test_each_level_holds_its_status_quo_for_40_quarters(forty, level, target):
    import numpy as np

    v = np.asarray(target.read(forty(level)), dtype=float)
    assert target.lo <= v.mean() <= target.hi, f"{level} {target.text}: {v.mean():.3f} at quarter 40"


# Issue 12, item 1 as written: every stock in its band in at least 90% of games at quarter 40, not only on average.
# Measured on the same 20 games as above (LEVEL_SEEDS); a share under 90% is an xfail that gives it. Why it is
# short (docs/model.md, "What does not work yet": for several targets the games spread wider than the band itself,
# and until the status quo answered events as itself the answers moved the played city away from where the rules
# alone hold it) is the same everywhere; hot_valley
# and first_steps also start deeper in the bad basin than the bands (LEVEL_MISSES). The shares of these 20 games in
# band, where under 90% (model version 30 with the status quo answering as itself: 18 lines; 24 under version 29
# as every bot answered; 23 under version 28; 26 under version 27 with the retreat's;
# 22 under versions 24-26, 23 under version 23, 22 under version 22, 21 under version 21, 20 under version 20, each
# district of its declared size; 23 under 19, 24 under versions 15-18, 23 under 14); one game is 5 points of a share.
SHARE_NEEDED = 0.9
SHARE_IN_BAND: dict[str, dict[str, int]] = {
    "first_steps": {
        "trust_in_government": 35,
        "reporting_rate_organized": 15,
        "reporting_rate_petty": 85,
        "fear": 45,
        "victimised_per_year": 80,
        "watch": 50,
        "corruption": 10,
        "retreat": 30,
    },
    "border_city": {
        "fear": 70,
        "retreat": 65,
    },
    "hot_valley": {
        "trust_in_government": 15,
        "reporting_rate_organized": 0,
        "fear": 0,
        "victimised_per_year": 0,
        "watch": 0,
        "retreat": 0,
    },
    "metropolis": {
        "fear": 85,
        "retreat": 80,
    },
}
SHARE_MISSES = {
    (level, target): f"{share}% of 20 games in band at quarter 40 (model version 30, the status quo as itself)"
    for level, shares in SHARE_IN_BAND.items()
    for target, share in shares.items()
}


@pytest.mark.parametrize(("level", "target"), level_cases(SHARE_MISSES))
def test_each_game_holds_its_status_quo_in_band_for_40_quarters(forty, level, target):
    import numpy as np

    v = np.asarray(target.read(forty(level)), dtype=float)
    share = float(np.mean((v >= target.lo) & (v <= target.hi)))
    assert share >= SHARE_NEEDED, f"{level} {target.text}: {share:.0%} of games in band at quarter 40"
