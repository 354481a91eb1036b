"""A quarter's headlines (game.session.headlines) on quarters built by hand: first_steps as the official, its city
as the level sets it, then only the changes, causes and events each test writes. No model step, no pygame."""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass

import numpy as np
import pytest

from game.content.loader import load_content
from game.session import headlines
from game.session.session import GameSession

LEVEL, ROLE = "first_steps", "official"
MERCADO, LADERA, ALAMOS = 0, 1, 2  # first_steps' districts, in the level's order


@dataclass
class Fired:
    event: str
    district: str | None
    option: str | None
    follow_up_of: str | None = None


@functools.cache
def content():
    return load_content().content


@functools.cache
def start() -> dict:
    session = GameSession(content(), LEVEL, ROLE, seed=1)
    assert [d.id for d in session.level.districts] == ["el_mercado", "la_ladera", "los_alamos"]
    return session.model.indicators(session.run)


def quarter() -> tuple[dict, dict]:
    """Before and after, equal: a quarter where nothing moved."""
    before = {k: np.array(v, dtype=float) if np.ndim(v) else float(v) for k, v in start().items()}
    return before, copy.deepcopy(before)


def moved(after: dict, name: str, district: int, by: float) -> None:
    after[name][district] += by


def make(before, after, causes, events=()):
    level = content().levels[LEVEL]
    return headlines.make(content(), level, ROLE, before, after, causes, list(events))


def test_a_quarter_where_nothing_notable_happened_has_no_headline():
    # GIVEN a quarter where every value stayed put but for moves under a point, with their small causes
    before, after = quarter()
    moved(after, "district.fear", LADERA, 0.004)
    causes = {("district.fear", LADERA): [("term.fear_fades", 0.004)]}
    # THEN nothing is invented
    assert make(before, after, causes) == []


def test_a_retaliation_leads_and_names_the_measure_behind_it_and_the_district():
    # GIVEN the hotline in La Ladera led to an informer being exposed there: reporting fell 6 points, one more
    # known retaliation; and elsewhere fear fell far more
    before, after = quarter()
    moved(after, "district.report_oc", LADERA, -0.06)
    moved(after, "district.retaliations", LADERA, 1)
    moved(after, "district.fear", ALAMOS, -0.30)
    causes = {
        ("district.report_oc", LADERA): [("event:informer_exposed", -0.01), ("term.retaliation", -0.05)],
        ("district.fear", ALAMOS): [("term.fear_fades", -0.30)],
    }
    exposed = Fired("informer_exposed", "la_ladera", "keep_quiet", follow_up_of="measure:anonymous_hotline")
    found = make(before, after, causes, [exposed])
    # THEN the retaliation comes first, with its place, value, change, count and the chain from the choice
    first = found[0]
    assert first.kind == headlines.RETALIATION and first.story
    assert first.district == LADERA and first.value == "district.report_oc"
    assert first.change == pytest.approx(-0.06) and first.unit == "share" and first.good is False
    assert first.count == 1
    assert first.choice == "measure:anonymous_hotline"
    assert first.chain == ("measure:anonymous_hotline", "event:informer_exposed/keep_quiet")
    # AND the bigger move elsewhere follows as the district that tipped, with the mechanism behind it
    second = found[1]
    assert second.kind == headlines.TIPPING and second.district == ALAMOS and second.value == "district.fear"
    assert second.choice is None and second.chain == ("term.fear_fades",) and second.good is True


def test_a_militia_story_outranks_a_bigger_move():
    before, after = quarter()
    moved(after, "district.gov_trust", MERCADO, -0.02)
    moved(after, "district.fear", ALAMOS, 0.25)
    causes = {
        ("district.gov_trust", MERCADO): [("event:militia_captured", -0.02)],
        ("district.fear", ALAMOS): [("term.retaliation_heard", 0.25)],
    }
    found = make(before, after, causes, [Fired("militia_captured", "el_mercado", "look_away")])
    assert [h.kind for h in found] == [headlines.MILITIA, headlines.TIPPING]
    # the option was taken on the card itself: that is the choice
    assert found[0].choice == "event:militia_captured/look_away"


def test_the_objective_weighs_in_the_ranking():
    # GIVEN two equal moves by two measures: criminal control, which the official's objectives track, and fear
    before, after = quarter()
    moved(after, "district.fear", MERCADO, -0.03)
    moved(after, "district.oc_control", LADERA, -0.03)
    causes = {
        ("district.fear", MERCADO): [("measure:street_lighting", -0.03)],
        ("district.oc_control", LADERA): [("measure:witness_protection", -0.03)],
    }
    found = make(before, after, causes)
    # THEN both are measure headlines, the tracked value first, each naming its measure as the choice
    assert [(h.kind, h.value, h.choice) for h in found] == [
        (headlines.MEASURE, "district.oc_control", "measure:witness_protection"),
        (headlines.MEASURE, "district.fear", "measure:street_lighting"),
    ]
    assert found[0].score == pytest.approx(2 * found[1].score)


def test_an_event_headline_tells_only_its_own_part_and_only_when_notable():
    before, after = quarter()
    moved(after, "district.social_trust", MERCADO, 0.05)
    moved(after, "district.fear", LADERA, 0.004)
    causes = {
        ("district.social_trust", MERCADO): [
            ("event:families_leave/support_those_who_stay", 0.02),
            ("term.programmes", 0.03),
        ],
        ("district.fear", LADERA): [("event:tip_about_lookouts/advise_silence", 0.004)],
    }
    events = [
        Fired("families_leave", "el_mercado", "support_those_who_stay"),
        Fired("tip_about_lookouts", "la_ladera", "advise_silence"),  # moved fear by less than a point
    ]
    found = make(before, after, causes, events)
    told = [h for h in found if h.kind == headlines.EVENT]
    assert len(told) == 1
    assert told[0].event == "families_leave" and told[0].change == pytest.approx(0.02)
    assert told[0].choice == "event:families_leave/support_those_who_stay"


def test_at_most_three_headlines_one_per_value_and_place():
    before, after = quarter()
    causes = {}
    for i, name in enumerate(("district.fear", "district.oc_control", "district.extortion", "district.gov_trust")):
        moved(after, name, i % 3, -0.05)
        causes[(name, i % 3)] = [(f"measure:m{i}", -0.05)]
    found = make(before, after, causes)
    assert len(found) == 3
    assert len({(h.value, h.district) for h in found}) == 3


@pytest.mark.parametrize(
    ("event", "option", "kind"),
    [
        ("informer_exposed", "keep_quiet", headlines.RETALIATION),  # its on_fire adds a known retaliation
        ("complaint_against_the_group", "stand_by_her", headlines.RETALIATION),  # tagged militia too: retaliation wins
        ("militia_captured", "look_away", headlines.MILITIA),
        ("tip_about_lookouts", "report_to_police", headlines.EVENT),  # tagged retaliation, but nobody is punished yet
    ],
)
def test_the_kind_comes_from_the_events_declared_effects_and_tags(event, option, kind):
    assert headlines.kind_of(content().events[event], option) == kind
