"""A change in reporting is told by its causes: the reporting a campaign persuades (growing as it starts, wearing
off where reports lead nowhere), the organized-crime reporting that fear of reprisal holds back (the chilling
effect), and the rest (victims deciding on trust and on their neighbours). The parts add up to the change, and
telling them changes no game."""

from __future__ import annotations

import numpy as np
import pytest

from game.runs.batch import run_batch
from tests.ui.harness import shipped_content

CAMPAIGN, REPRISAL = "term.reporting_campaign", "term.reporting_reprisal"


@pytest.fixture(scope="module")
def content():
    return shipped_content()


def quarters(
    content, bot: str, turns: int, role: str = "official", seeds=(0, 1, 2, 3), overrides: dict | None = None
) -> list[dict]:
    """Each quarter's terms of district OC and petty reporting, and the rates before and after, per game."""
    sessions: list = []
    out: list[dict] = []
    before: dict = {}

    def started(session) -> None:
        sessions.append(session)
        if len(sessions) == 1:
            before.update({k: session.model.state[k].copy() for k in ("district.report_oc", "district.report_petty")})

    def ended(_turn: int) -> None:
        model = sessions[0].model
        row = {"terms": {k: dict(model.ledger.terms.get(k, {})) for k in before}}
        row["before"] = dict(before)
        row["after"] = {k: model.state[k].copy() for k in before}
        out.append(row)
        before.update(row["after"])

    run_batch(
        content,
        "border_city",
        role,
        bot,
        list(seeds),
        turns=turns,
        overrides=overrides,
        on_start=started,
        on_turn=ended,
        explain=True,
    )
    return out


def test_the_parts_add_up_to_the_change(content):
    for q in quarters(content, "reporting_drive", 8):
        for name, terms in q["terms"].items():
            total = sum(terms.values())
            assert np.allclose(total, q["after"][name] - q["before"][name], atol=1e-12), name


def test_a_drive_persuades_at_first_and_the_reprisal_heard_of_holds_reporting_back(content):
    """The official's hotline in the two worst districts for a year, without protection: in its first quarter the
    campaign's part of OC reporting rises there; in the quarters after, fear of reprisal holds more victims back
    (its part is negative in the median game somewhere in quarters 2-8)."""
    rows = quarters(content, "reporting_drive", 8, seeds=range(12))
    first = rows[0]["terms"]["district.report_oc"][CAMPAIGN]
    assert (first.max(axis=-1) > 0.002).all(), first
    reprisal = np.array([r["terms"]["district.report_oc"].get(REPRISAL, np.zeros_like(first)) for r in rows[1:]])
    assert np.median(reprisal.min(axis=-1), axis=-1).min() < -0.001, reprisal.min(axis=-1)


def test_a_campaign_kept_up_in_a_corrupt_city_wears_off(content):
    """The citizen campaign's hotline for 12 quarters in border_city (police corruption near 0.69): the campaign's
    part of OC reporting, summed over the term (the reporting it persuades at its end), is smaller than on the same
    seeds where households never learn what reports achieve (campaign_learning = 0, model version 29's rule), as
    households learn that most reports go nowhere (model version 30)."""

    def persuaded(overrides: dict | None) -> np.ndarray:
        rows = quarters(content, "citizen_campaign", 12, seeds=range(16), overrides=overrides)
        return np.array([r["terms"]["district.report_oc"][CAMPAIGN].sum(axis=-1) for r in rows]).sum(axis=0)

    learned, unlearned = persuaded(None), persuaded({"campaign_learning": 0.0})
    assert np.median(learned) < np.median(unlearned), (learned, unlearned)
    assert (learned < unlearned).mean() >= 0.75, (learned, unlearned)


def test_a_batch_nobody_explains_plays_the_same_games_without_the_finer_causes(content):
    models: dict[bool, object] = {}
    results = {}
    for explain in (True, False):
        results[explain] = run_batch(
            content,
            "border_city",
            "official",
            "reporting_drive",
            [0, 1, 2],
            turns=6,
            explain=explain,
            on_start=lambda session, e=explain: models.setdefault(e, session.model),
        )
    for name, values in results[True].metrics.items():
        assert np.array_equal(values, results[False].metrics[name]), name
    explained, bare = models[True].ledger.terms, models[False].ledger.terms
    assert CAMPAIGN in explained["district.report_oc"] and REPRISAL in explained["district.report_oc"]
    assert CAMPAIGN not in bare["district.report_oc"] and REPRISAL not in bare["district.report_oc"]
    assert "term.reporting_decisions" in bare["district.report_oc"]  # the change still has its one term


def test_no_campaign_no_campaign_part(content):
    for q in quarters(content, "status_quo", 6):
        for name in q["terms"]:
            assert not np.any(q["terms"][name].get(CAMPAIGN, 0.0)), name
