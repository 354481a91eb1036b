"""The robustness sweep's Latin hypercube (bench/fidelity.py): a Latin sample in every column, and each
parameter's column its own, so a parameter added to the model moves no other parameter's points."""

import numpy as np

from bench.fidelity import hypercube


def test_each_column_has_one_point_in_each_stratum():
    sample = hypercube(["a1", "chi", "k_buy", "eta"], 200)
    assert sample.shape == (200, 4)
    for column in sample.T:
        assert np.array_equal(np.sort(np.floor(column * 200)), np.arange(200))


def test_a_new_parameter_leaves_the_others_points_as_they_were():
    before = hypercube(["chi", "k_buy", "eta"], 200)
    after = hypercube(["chi", "oversight_load", "k_buy", "eta"], 200)
    assert np.array_equal(before, after[:, [0, 2, 3]])
    assert not np.array_equal(after[:, 0], after[:, 1])  # columns are not copies of each other


def test_the_sweep_plays_each_experiment_at_its_own_seeds():
    from bench.fidelity import HEADLINE, robustness_jobs, seeds_per_arm, seeds_per_point
    from tests.fidelity.claims import BY_ID
    from tests.fidelity.experiment import CHILL_LHS_SEEDS

    chill, other = BY_ID["b4-chill-local-official"], BY_ID["d1"]
    assert seeds_per_point(chill, 20) == CHILL_LHS_SEEDS > 20 and seeds_per_point(other, 20) == 20
    assert seeds_per_point(chill, 500) == 500  # a minimum, not a cap
    # the claims table likewise judges it on the seeds the CI test gives it
    assert seeds_per_arm(chill, 60) == chill.runs > 60 and seeds_per_arm(other, 60) == 60
    points = [{"chi": 1.0}, {"chi": 1.1}]
    jobs = robustness_jobs([chill, BY_ID["b4-chill-official"], other], points, 20, "border_city")
    by_seeds = {}
    for key, seeds, turns, level in jobs:
        assert (turns, level) == (12, "border_city") and seeds == tuple(range(len(seeds)))
        by_seeds.setdefault(len(seeds), set()).add(key[:2])
    # the two chill experiments share their arms (played once each point), d1's are its own, at 20 seeds
    assert by_seeds[CHILL_LHS_SEEDS] == {("official", "reporting_drive"), ("official", "status_quo")}
    assert len(jobs) == len(points) * (2 + len({k[:2] for k in by_seeds[20]}))
    assert all(dict(key[2])["chi"] in (1.0, 1.1) for key, *_ in jobs)
    # every swept chill experiment asks for the larger count
    assert {x for x in HEADLINE if "chill" in x and BY_ID[x].lhs_seeds == CHILL_LHS_SEEDS} == {
        x for x in HEADLINE if "chill" in x
    }


def test_a_share_just_short_of_support_never_reads_as_80_percent():
    from bench.fidelity import percent, support_cell

    assert percent(159 / 200) == "79%" and percent(160 / 200) == "80%" and percent(1.0) == "100%"
    assert support_cell((159 / 200, 0.94)) == "79% (not supported; sign 94%)"
