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
        # the chill's arms are read in quarters 1-8 only, so they are played that far; d1's to the term's end
        assert (turns, level) == (8 if len(seeds) == CHILL_LHS_SEEDS else 12, "border_city")
        assert seeds == tuple(range(len(seeds)))
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


def test_a_chill_read_from_a_shorter_game_is_the_same():
    """The sweep plays the chill's arms only through the last quarter its statistics read, and the claims table
    reads their 12-quarter games for its 40-quarter column: both hold only if a game's first quarters do not depend
    on how long it goes on (no bot, event or rule may look at the game's end)."""
    from game.content.loader import load_content
    from tests.fidelity.claims import BY_ID
    from tests.fidelity.lab import simulate
    from tests.fidelity.statistics import STATISTICS

    content = load_content().content
    chill = [e for e in BY_ID.values() if STATISTICS[e.statistic].within_term]
    until = max(STATISTICS[e.statistic].read_until or 0 for e in chill)
    arms = {(e.role, e.bot) for e in chill} | {(e.versus_role or e.role, e.versus) for e in chill}
    for role, bot in sorted(arms):
        short = simulate(content, role, bot, list(range(6)), until)
        for turns in (12, 40):
            longer = simulate(content, role, bot, list(range(6)), turns)
            for exp in chill:
                statistic = STATISTICS[exp.statistic]
                assert np.array_equal(statistic.fn(short, longer), np.zeros(6)), (role, bot, turns, exp.id)


def test_the_sweep_batches_arms_of_one_role_setting_and_length():
    """bench/fidelity.py plays the arms of a role, setting, length and level in one batch (a batch's fixed cost
    paid once): every job in exactly one batch, an arm never split, no batch over BATCH_RUNS games unless one arm
    alone is, and each arm's outcome what it gives played alone."""
    from bench.fidelity import BATCH_RUNS, batches, play_batch, robustness_jobs
    from game.content.loader import load_content
    from tests.fidelity.claims import BY_ID
    from tests.fidelity.lab import simulate

    experiments = [BY_ID[x] for x in ("b4-chill-official", "d1", "f1-official", "c1")]
    jobs = robustness_jobs(experiments, [{"chi": 1.0}, {"chi": 1.1}], 300, "border_city")
    pieces = batches(jobs)
    assert sorted(map(repr, (job for piece in pieces for job in piece))) == sorted(map(repr, jobs))
    for piece in pieces:
        (role, _, overrides), _, turns, level = piece[0]
        assert {(k[0], k[2], t, lv) for k, _, t, lv in piece} == {(role, overrides, turns, level)}
        assert len(piece) == 1 or sum(len(seeds) for _, seeds, _, _ in piece) <= BATCH_RUNS
    assert any(len(piece) > 1 for piece in pieces) and any(len(piece) < 4 for piece in pieces)

    content = load_content().content
    small = [(("official", bot, (("chi", 1.1),)), (3, 4, 5), 3, "border_city") for bot in ("status_quo", "militia")]
    for job, outcome in play_batch(content, batches(small)[0], {"eta": 0.9}):
        (role, bot, overrides), seeds, turns, level = job
        alone = simulate(content, role, bot, list(seeds), turns, (("chi", 1.1), ("eta", 0.9)), level)
        assert outcome.keys() == alone.keys()
        assert all(np.array_equal(outcome[k], alone[k], equal_nan=True) for k in alone), bot
