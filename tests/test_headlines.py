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
from game.session.commands import AdoptMeasure
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


def make(before, after, causes, events=(), acting=(), acted_before=()):
    level = content().levels[LEVEL]
    return headlines.make(
        content(),
        level,
        ROLE,
        before,
        after,
        causes,
        list(events),
        acting=list(acting),
        acted_before=list(acted_before),
    )


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
    moved(after, "district.social_trust", MERCADO, 0.04)  # under TIPPING_SIZE: no tipping story tells it instead
    moved(after, "district.fear", LADERA, 0.004)
    causes = {
        ("district.social_trust", MERCADO): [
            ("event:families_leave/support_those_who_stay", 0.02),
            ("term.programmes", 0.02),
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


def hotline_quarter(retaliations: dict[int, int], reporting: float = -0.06) -> tuple[dict, dict, dict]:
    """The model punished people who had reported (no event told of it): `retaliations` per district; reporting
    in La Ladera moved by `reporting`, fear in Los Álamos fell further (a tipping district without a choice)."""
    before, after = quarter()
    for district, count in retaliations.items():
        moved(after, "district.retaliations", district, count)
    moved(after, "district.report_oc", LADERA, reporting)
    moved(after, "district.fear", ALAMOS, -0.30)
    causes = {
        ("district.report_oc", LADERA): [("term.reporting_decisions", reporting)],
        ("district.fear", ALAMOS): [("term.fear_fades", -0.30)],
    }
    return before, after, causes


def test_a_reporting_measure_where_people_were_punished_leads_without_protection():
    # GIVEN the tip line acts in La Ladera, two people who had reported there were punished, reporting fell 6 points
    before, after, causes = hotline_quarter({LADERA: 2})
    found = make(before, after, causes, acting=[("anonymous_hotline", "la_ladera"), ("street_lighting", "el_mercado")])
    # THEN the tip line's story leads: its place, reporting's fall, the two punished, no protection behind it
    first = found[0]
    assert first.kind == headlines.RETALIATION and first.story
    assert (first.district, first.value, first.count) == (LADERA, "district.report_oc", 2)
    assert first.change == pytest.approx(-0.06) and first.good is False and not first.small
    assert first.choice == "measure:anonymous_hotline"
    assert first.chain == ("measure:anonymous_hotline", headlines.PUNISHED)
    assert first.protected is False


def test_with_witness_protection_acting_the_story_says_it_had_protection():
    before, after, causes = hotline_quarter({LADERA: 1}, reporting=0.002)
    acting = [("anonymous_hotline", "la_ladera"), ("witness_protection", None)]
    first = make(before, after, causes, acting=acting)[0]
    assert first.choice == "measure:anonymous_hotline" and first.protected is True and first.count == 1
    assert first.small  # reporting barely moved: the story is the one punished


def test_last_quarters_tip_line_is_behind_this_quarters_punishments_but_not_last_quarters_protection():
    # GIVEN the tip line and witness protection acted last quarter, and nothing acts this quarter
    before, after, causes = hotline_quarter({LADERA: 2})
    before_ = [("anonymous_hotline", "la_ladera"), ("witness_protection", None)]
    first = make(before, after, causes, acted_before=before_)[0]
    # THEN the tip line's story leads (a leak is punished the quarter after), and no protection is claimed
    assert first.choice == "measure:anonymous_hotline" and first.protected is False
    # AND with protection acting this quarter, it had protection
    now = make(before, after, causes, acting=[("witness_protection", None)], acted_before=before_[:1])[0]
    assert now.choice == "measure:anonymous_hotline" and now.protected is True


def test_no_reporting_measure_there_no_measure_story():
    # GIVEN retaliations in La Ladera but the tip line acts in El Mercado, and lighting in La Ladera
    before, after, causes = hotline_quarter({LADERA: 2})
    acting = [("anonymous_hotline", "el_mercado"), ("street_lighting", "la_ladera")]
    found = make(before, after, causes, acting=acting)
    # THEN no measure is blamed for it
    assert all(h.choice is None for h in found)
    assert all(h.protected is None for h in found)


def test_one_story_per_measure_where_most_were_punished():
    before, after, causes = hotline_quarter({LADERA: 1, MERCADO: 3})
    acting = [("anonymous_hotline", "la_ladera"), ("anonymous_hotline", "el_mercado")]
    found = make(before, after, causes, acting=acting)
    told = [h for h in found if h.choice == "measure:anonymous_hotline"]
    assert [(h.district, h.count) for h in told] == [(MERCADO, 3)]


def test_an_event_the_measure_scheduled_tells_the_story_once():
    # GIVEN the tip line's own follow-up fired in La Ladera (an informer exposed), on top of the model's retaliation
    before, after, causes = hotline_quarter({LADERA: 2})
    exposed = Fired("informer_exposed", "la_ladera", "keep_quiet", follow_up_of="measure:anonymous_hotline")
    found = make(before, after, causes, [exposed], acting=[("anonymous_hotline", "la_ladera")])
    told = [h for h in found if h.kind == headlines.RETALIATION]
    assert len(told) == 1 and told[0].event == "informer_exposed" and told[0].protected is False
    assert told[0].chain == ("measure:anonymous_hotline", "event:informer_exposed/keep_quiet")


def hotline_game(seed: int) -> list:
    """first_steps as the official, the tip line in La Ladera in the first quarter, nothing else; its records."""
    session = GameSession(content(), LEVEL, ROLE, seed=seed)
    records = [session.play_turn([AdoptMeasure("anonymous_hotline", "la_ladera")])]
    while not session.finished:
        records.append(session.play_turn([]))
    return records


def test_the_session_records_its_headlines_each_quarter():
    # GIVEN real games with the tip line in La Ladera, until one where someone who had reported is punished there
    for seed in range(40):
        records = hotline_game(seed)
        told = [h for r in records for h in r.headlines if h.choice == "measure:anonymous_hotline"]
        if any(h.kind == headlines.RETALIATION for h in told):
            break
    else:
        raise AssertionError("no seed below 40 punishes a tip-line caller in La Ladera")
    # THEN every record carries the causes and headlines the report shows, made by the session
    assert all(r.causes for r in records)
    # AND the tip line's story is told in La Ladera, without protection (the official never adopted it)
    assert all(h.district == LADERA for h in told)
    assert all(h.protected is False for h in told if h.kind == headlines.RETALIATION)
    # AND a session that does not explain (a batch) records none
    quiet = GameSession(content(), LEVEL, ROLE, seed=3, explain=False)
    assert quiet.play_turn([]).headlines == []
