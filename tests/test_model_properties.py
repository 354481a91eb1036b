"""Property tests on the model: whatever a player does, every value stays finite and inside its declared range."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.loader import load_content
from game.session.commands import AdoptMeasure
from game.session.session import GameSession

CONTENT = load_content().content
LEVEL = CONTENT.levels["border_city"]
DISTRICTS = [d.id for d in LEVEL.districts]


def commands_for(role: str):
    setup = LEVEL.roles.get(role)
    measures = [CONTENT.measures[m] for m in setup.measures]
    one = st.sampled_from(measures).flatmap(
        lambda m: (
            st.sampled_from(DISTRICTS).map(lambda d, m=m: AdoptMeasure(m.id, d))
            if m.target == "district"
            else st.just(AdoptMeasure(m.id))
        )
    )
    return st.lists(one, max_size=3)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["official", "organizer"]).flatmap(
        lambda role: st.tuples(
            st.just(role), st.integers(0, 10_000), st.lists(commands_for(role), min_size=4, max_size=4)
        )
    )
)
def test_values_stay_finite_and_in_range(case):
    role, seed, plan = case
    session = GameSession(CONTENT, "border_city", role, seed, explain=False)
    for commands in plan:
        session.play_turn(commands, chooser=lambda occ, rng: occ.enabled[-1].id if occ.enabled else None)
    state = session.model.state
    for name, values in state.values.items():
        lo, hi = state.bounds[name]
        assert np.all(np.isfinite(values)), name
        assert np.all(values >= lo - 1e-9) and np.all(values <= hi + 1e-9), (name, values)
    hh = state.households
    assert np.all(np.isfinite(hh.wealth)) and np.all(hh.wealth > 0)
    for field in ("lock", "watch", "protest", "gated", "present"):
        assert set(np.unique(getattr(hh, field))) <= {0.0, 1.0}, field


@pytest.mark.parametrize("role", ["official", "organizer"])
def test_explanations_do_not_change_the_game(role):
    """The game (full explanations) and the bots (decisions only) play the same game from the same seed."""
    plan = [
        [AdoptMeasure("street_lighting", "riberas")]
        if role == "official"
        else [AdoptMeasure("neighborhood_watch", "riberas")],
        [],
        [],
        [],
    ]
    records = []
    for explain in (True, False):
        session = GameSession(CONTENT, "border_city", role, 21, explain=explain)
        for commands in plan:
            session.play_turn(commands)
        records.append([r.to_dict() for r in session.records])
    assert records[0] == records[1]
