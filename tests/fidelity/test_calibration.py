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
    # Figures: the 20 games below, quarter 40, model version 26 (a group's arms mended; every level settled anew).
    ("hot_valley", "trust_in_government"): "the valley sits deep in the bad basin: trust in the police 0.443, "
    "under the band",
    ("hot_valley", "reporting_rate_organized"): "the valley sits deep in the bad basin: OC reporting 0.013",
    ("hot_valley", "fear"): "the valley sits deep in the bad basin: fear 0.904",
    ("hot_valley", "victimised_per_year"): "the valley sits deep in the bad basin: 45.4% of households victimised "
    "in a year",
    ("hot_valley", "watch"): "the valley's neighbours barely trust each other and few watch: 0.044 of households",
    ("metropolis", "fear"): "the metropolis' poor periphery is deep in the bad basin: fear 0.788",
    ("metropolis", "watch"): "the periphery's watches stay small: 0.077 of households, under the band",
    ("metropolis", "corruption"): "corruption 0.608, under the band: the metropolis' events (audits, the "
    "statistics scandals) pull it down over 40 quarters",
    ("first_steps", "reporting_rate_organized"): "settled anew since model version 11, the town reports organized "
    "crime less: 0.013",
    ("first_steps", "trust_in_government"): "settled anew since model version 12, the town trusts its police a "
    "little less: 0.436, under the band",
    ("first_steps", "fear"): "settled anew since model version 11, the town is more afraid: fear 0.819, over the band",
    ("first_steps", "watch"): "settled anew in model version 13, fewer of the town's households watch: 0.074, under "
    "the band",
    ("metropolis", "victimised_per_year"): "settled anew since model version 25, a hair over the band: 36.2% of "
    "households victimised in a year (0.3619, band to 0.36)",
    # model version 27: the retreat follows the fear these levels start with (fitted on border_city)
    ("hot_valley", "retreat"): "the valley's fear (0.90) keeps more of its households in: 0.695, over the band",
    ("first_steps", "retreat"): "the town's fear (0.82) keeps more of its households in: 0.642, over the band",
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
# short (docs/model.md, "What does not work yet": for several targets the games spread wider than the band itself)
# is the same everywhere: no centring of the means could bring every game inside; hot_valley and metropolis also
# start deeper in the bad basin than the bands (LEVEL_MISSES). The shares of these 20 games in band, where under
# 90% (model version 26: 22 lines; 22 under versions 24 and 25, 23 under version 23, 22 under version 22, 21 under
# version 21, 20 under version 20, each district of its declared size; 23 under 19, 24 under versions 15-18, 23 under
# 14); one game is 5 points of a share.
SHARE_NEEDED = 0.9
SHARE_IN_BAND: dict[str, dict[str, int]] = {
    "first_steps": {
        "trust_in_government": 30,
        "reporting_rate_organized": 15,
        "fear": 20,
        "victimised_per_year": 65,
        "watch": 45,
        "corruption": 55,
        "retreat": 25,
    },
    "border_city": {
        "trust_in_government": 80,
        "reporting_rate_organized": 80,
        "fear": 65,
        "victimised_per_year": 75,
        "watch": 80,
        "retreat": 55,
    },
    "hot_valley": {
        "trust_in_government": 35,
        "reporting_rate_organized": 0,
        "fear": 0,
        "victimised_per_year": 0,
        "watch": 0,
        "corruption": 85,
        "retreat": 0,
    },
    "metropolis": {
        "trust_in_government": 85,
        "fear": 25,
        "victimised_per_year": 45,
        "watch": 35,
        "corruption": 20,
        "retreat": 75,
    },
}
SHARE_MISSES = {
    (level, target): f"{share}% of 20 games in band at quarter 40 (model version {27 if target == 'retreat' else 26})"
    for level, shares in SHARE_IN_BAND.items()
    for target, share in shares.items()
}


@pytest.mark.parametrize(("level", "target"), level_cases(SHARE_MISSES))
def test_each_game_holds_its_status_quo_in_band_for_40_quarters(forty, level, target):
    import numpy as np

    v = np.asarray(target.read(forty(level)), dtype=float)
    share = float(np.mean((v >= target.lo) & (v <= target.hi)))
    assert share >= SHARE_NEEDED, f"{level} {target.text}: {share:.0%} of games in band at quarter 40"
