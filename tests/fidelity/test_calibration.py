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
    # Figures: the 20 games below, quarter 40, model version 29 (news of a reprisal heard from someone known makes a
    # household reconsider at once; the free parameters fitted again; every level settled anew). Since 29
    # first_steps' watch is in band (0.082), hot_valley's corruption (0.629) and metropolis' OC reporting (0.045)
    # are not: the events pull both further over 40 quarters.
    ("hot_valley", "reporting_rate_organized"): "the valley sits deep in the bad basin: OC reporting 0.012",
    ("hot_valley", "fear"): "the valley sits deep in the bad basin: fear 0.884",
    ("hot_valley", "victimised_per_year"): "the valley sits deep in the bad basin: 44.1% of households victimised "
    "in a year",
    ("hot_valley", "watch"): "the valley's neighbours barely trust each other and few watch: 0.042 of households",
    ("hot_valley", "retreat"): "the valley's fear (0.88) keeps more of its households in: 0.744, over the band",
    ("hot_valley", "corruption"): "corruption 0.629, a hair under the band: the valley's events pull it down over 40 "
    "quarters",
    ("metropolis", "corruption"): "corruption 0.594, under the band: the metropolis' events (audits, the "
    "statistics scandals) pull it down over 40 quarters",
    ("metropolis", "reporting_rate_organized"): "OC reporting 0.045, over the band: with corruption pulled down by "
    "the events, fewer reports leak",
    ("first_steps", "reporting_rate_organized"): "the town reports organized crime less than the nation: 0.016",
    ("first_steps", "retreat"): "the town's fear keeps more of its households in: 0.647, over the band",
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
# and the events move the played city away from where the rules alone hold it) is the same everywhere; hot_valley
# and first_steps also start deeper in the bad basin than the bands (LEVEL_MISSES). The shares of these 20 games in
# band, where under 90% (model version 29: 24 lines; 23 under version 28; 26 under version 27 with the retreat's;
# 22 under versions 24-26, 23 under version 23, 22 under version 22, 21 under version 21, 20 under version 20, each
# district of its declared size; 23 under 19, 24 under versions 15-18, 23 under 14); one game is 5 points of a share.
SHARE_NEEDED = 0.9
SHARE_IN_BAND: dict[str, dict[str, int]] = {
    "first_steps": {
        "trust_in_government": 70,
        "reporting_rate_organized": 30,
        "fear": 45,
        "victimised_per_year": 65,
        "watch": 55,
        "retreat": 35,
    },
    "border_city": {
        "trust_in_government": 55,
        "reporting_rate_organized": 75,
        "fear": 45,
        "corruption": 70,
        "retreat": 30,
    },
    "hot_valley": {
        "trust_in_government": 75,
        "reporting_rate_organized": 0,
        "fear": 0,
        "victimised_per_year": 0,
        "watch": 0,
        "corruption": 50,
        "retreat": 0,
    },
    "metropolis": {
        "trust_in_government": 40,
        "reporting_rate_organized": 25,
        "fear": 45,
        "watch": 75,
        "corruption": 20,
        "retreat": 55,
    },
}
SHARE_MISSES = {
    (level, target): f"{share}% of 20 games in band at quarter 40 (model version 29)"
    for level, shares in SHARE_IN_BAND.items()
    for target, share in shares.items()
}


@pytest.mark.parametrize(("level", "target"), level_cases(SHARE_MISSES))
def test_each_game_holds_its_status_quo_in_band_for_40_quarters(forty, level, target):
    import numpy as np

    v = np.asarray(target.read(forty(level)), dtype=float)
    share = float(np.mean((v >= target.lo) & (v <= target.hi)))
    assert share >= SHARE_NEEDED, f"{level} {target.text}: {share:.0%} of games in band at quarter 40"
