"""The discussion asks about what came of an event, and only what the replayed numbers show.

Before, a prompt fired whenever a group met an event of a dynamic ("Groups asked people to report… what protected
the people who did?"), whatever the figures did next. Now each dynamic met gets one typed outcome (the metric the
paper says it moves, before and after), and its sentence says fell, rose or held as the numbers did.
"""

from __future__ import annotations

import pytest

from game.classfiles.logs import read_class_logs, write_bot_class
from game.classfiles.session import new_session
from game.classroom.report_data import Names, gather
from game.classroom.report_outcomes import FELL, HELD, ROSE, WATCH, direction, outcomes
from game.classroom.report_phases import discuss
from game.content.dynamics import DYNAMICS


@pytest.fixture(scope="module")
def scenario(tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("outcomes")
    session = new_session(content, "border_city", "official", seed=7, groups=["3A", "3B", "3C"], mode="class_vote")
    write_bot_class(content, session, folder / "logs")
    logs, problems = read_class_logs([folder / "logs"], content)
    scenarios, _ = gather(logs, content, problems)
    s = scenarios[0]
    s.assign_codes()
    return s


def test_every_dynamic_watches_a_metric_the_games_record():
    assert set(WATCH) == set(DYNAMICS)
    assert direction("share", 0.30, 0.305) == HELD
    assert direction("share", 0.30, 0.25) == FELL
    assert direction("count", 10, 12) == ROSE


def test_each_outcome_says_what_the_replayed_numbers_did(content, scenario):
    found = outcomes(content, scenario)
    assert found
    games = {g.group: g for g in scenario.games}
    for o in found:
        metrics = games[o.group].trajectory.metrics
        assert o.before == metrics[o.turn - 1][o.metric] and o.after == metrics[o.until][o.metric]
        if o.direction == FELL:
            assert o.after < o.before
        elif o.direction == ROSE:
            assert o.after > o.before
        assert o.as_said == (o.direction == WATCH[o.dynamic][1])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_prompts_use_the_outcome_strings_with_the_real_figures(content, scenario, lang):
    n = Names(content, lang)
    d = discuss(n, scenario, scenario.splits(), None)
    assert d.outcomes
    for key, values, question in d.outcomes:
        text = n.t(key, **values) + " " + n.t(question)
        assert "⟨" not in text and "{" not in text, text
        assert values["before"] in text and values["after"] in text and values["group"] in text
        way = key.rsplit(".", 1)[1]
        dyn = question.split(".")[2]
        said = question.endswith(".as_said")
        assert said == (way == WATCH[dyn][1]), (key, question)
