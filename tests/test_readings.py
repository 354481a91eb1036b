"""The turn report's readings (game.session.readings): which values it explains, and causes that add up."""

from __future__ import annotations

import numpy as np
import pytest

from game.bots import BOTS
from game.content.loader import load_content
from game.session import meaning, readings
from game.session.session import GameSession


@pytest.fixture(scope="module")
def content():
    return load_content().content


def test_the_report_explains_the_declared_reported_values_of_the_city_and_its_districts(content):
    names = readings.explained(content)
    assert set(names) == {n for n in meaning.reported(content) if not n.startswith("player.")}
    assert "district.oc_control" in names and "city.corruption" in names
    first_city = next(i for i, n in enumerate(names) if n.startswith("city."))
    assert all(n.startswith("district.") for n in names[:first_city])


@pytest.mark.parametrize(
    ("level", "role", "bot"),
    [
        ("border_city", "official", "citizen_campaign"),
        ("border_city", "organizer", "militia"),
        ("hot_valley", "official", "accountability"),
        ("first_steps", "organizer", "gated"),
        ("metropolis", "official", "fear_management"),
    ],
)
def test_the_causes_of_every_change_add_up_to_the_change(content, level, role, bot):
    session = GameSession(content, level, role, seed=4)
    player = BOTS[bot]()
    rng = np.random.default_rng(4)
    names = readings.explained(content)
    districts = len(session.world.district_ids)
    checked = 0
    for _ in range(6):
        before = session.model.indicators(session.run)
        after = session.play_turn(player.decide(session, rng)).indicators
        found = readings.causes(session.model.ledger, names, session.run, districts, threshold=0.0)
        for name in names:
            for d in range(districts) if name.startswith("district.") else [None]:
                change = (after[name][d] - before[name][d]) if d is not None else after[name] - before[name]
                explained = sum(amount for _, amount in found.get((name, d), []))
                # indicators are rounded to 6 decimals; the causes are the exact terms
                assert explained == pytest.approx(change, abs=2e-6), (level, name, d, found.get((name, d)))
                checked += 1
    assert checked > 100


def test_small_terms_are_told_together(content):
    session = GameSession(content, "border_city", "official", seed=1)
    session.play_turn([])
    found = readings.causes(session.model.ledger, readings.explained(content), session.run, 7, top=1)
    assert any(len(terms) == 2 and terms[-1][0] == readings.OTHER for terms in found.values())
    assert all(len(terms) <= 2 for terms in found.values())


def test_every_districts_causes_at_once_are_each_districts_causes(content):
    # Ledger.causes_everywhere reads each term once for all districts: the same terms, amounts and order as asking
    # each district alone (Ledger.causes), zero terms left out
    session = GameSession(content, "border_city", "official", seed=6)
    player = BOTS["citizen_campaign"]()
    rng = np.random.default_rng(6)
    districts = len(session.world.district_ids)
    compared = 0
    for _ in range(3):
        session.play_turn(player.decide(session, rng))
        ledger = session.model.ledger
        for name in readings.explained(content):
            local = name.startswith("district.")
            everywhere = ledger.causes_everywhere(name, session.run, districts if local else None)
            for d, terms in zip(range(districts) if local else [None], everywhere, strict=True):
                alone = [(k, a) for k, a in ledger.causes(name, session.run, d, threshold=0.0) if a != 0.0]
                assert terms == alone, (name, d)
                compared += len(terms)
    assert compared > 100
