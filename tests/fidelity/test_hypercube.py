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
