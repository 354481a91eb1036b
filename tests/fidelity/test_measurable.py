"""An experiment whose metric a level cannot measure is said to be so, not counted as a failed claim.

d2 reads social trust in the districts whose criminal control starts at or below 0.2: border_city has two (its
rich districts), first_steps none, so there every game's value is NaN and `Lab.measurable` is false; the fidelity
tables (bench/fidelity.py, bench/unseen_levels.py) then write "not measurable here" and leave it out of the counts.
"""

import numpy as np
import pytest

from bench.fidelity import NOT_MEASURABLE, NOT_OFFERED, UNJUDGED, unjudged
from game.content.loader import load_content
from tests.fidelity.claims import BY_ID
from tests.fidelity.lab import Lab


@pytest.fixture(scope="module")
def content():
    return load_content().content


@pytest.mark.parametrize(("level", "expected"), [("border_city", True), ("first_steps", False)])
def test_d2_is_measurable_only_where_trust_starts_low_somewhere(content, level, expected):
    lab = Lab(content, range(2), 2, level)
    exp = BY_ID["d2"]
    assert lab.measurable(exp) is expected
    values = lab.values(exp)
    assert bool(np.isnan(values).all()) is not expected


def test_a_measurable_experiment_stays_measurable(content):
    lab = Lab(content, range(2), 2, "first_steps")
    assert lab.measurable(BY_ID["d1"])


def test_the_tables_say_why_a_row_is_not_judged(content):
    """What both fidelity tables write, and leave out of their counts: d2 cannot be measured on first_steps, c1 is
    not offered there (no rich district to gate), d1 is judged."""
    lab = Lab(content, range(2), 2, "first_steps")
    assert unjudged(lab, BY_ID["d2"]) == NOT_MEASURABLE and "not measurable here" in UNJUDGED[NOT_MEASURABLE]
    assert unjudged(lab, BY_ID["c1"]) == NOT_OFFERED
    assert unjudged(lab, BY_ID["d1"]) is None
    assert unjudged(Lab(content, range(2), 2, "border_city"), BY_ID["d2"]) is None
