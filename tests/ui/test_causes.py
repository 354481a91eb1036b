"""Words for causes, conditions and changes (game/ui/causes.py): no window needed."""

from __future__ import annotations

import pytest

from game.ui import causes
from game.ui.play import Quarter
from game.ui.texts import Texts
from tests.ui.harness import shipped_content


@pytest.fixture(scope="module")
def content():
    return shipped_content()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_cause_key_has_a_name(content, lang):
    # GIVEN each kind of key the model's ledger records
    term = causes.cause_name(content, "term.retaliation_heard", lang)
    event = causes.cause_name(content, "event:tip_about_lookouts/advise_silence", lang)
    bare = causes.cause_name(content, "event:tip_about_lookouts", lang)
    measure_id = next(iter(content.measures))
    measure = causes.cause_name(content, f"measure:{measure_id}", lang)
    # THEN each reads as words in that language
    assert term == content.strings["term.retaliation_heard"].get(lang)
    assert event == (
        f"{content.events['tip_about_lookouts'].title.get(lang)} — "
        f"{content.events['tip_about_lookouts'].options[2].label.get(lang)}"
    )
    assert bare == content.events["tip_about_lookouts"].title.get(lang)
    assert measure == content.measures[measure_id].name.get(lang)
    # AND an unknown key is shown as it is rather than hidden
    assert causes.cause_name(content, "event:nope", lang) == "event:nope"


def test_every_term_the_model_can_name_is_in_both_languages(content):
    terms = [k for k in content.strings if k.startswith("term.")]
    assert terms
    for key in terms:
        assert causes.cause_name(content, key, "en") and causes.cause_name(content, key, "es")


def test_numbers_carry_an_arrow_and_a_real_minus(content):
    t = Texts(content, "en")
    assert causes.fmt_delta(content, "district.fear", -0.025, t) == "▼\u00a0−2.5\u00a0pts"
    assert causes.fmt_delta(content, "district.fear", 0.01, t, arrow=False) == "+1.0\u00a0pts"
    assert causes.fmt_value(content, "district.fear", 0.553, t) == "55%"
    assert causes.fmt_value(content, "city.budget", 1500.4, t) == "1,500"
    assert causes.judgement(content, "district.fear", 0.1) == 1
    assert causes.judgement(content, "district.gov_trust", 0.1) == -1
    assert causes.judgement(content, "district.militia", 0.1) == 0  # declared `good_when: neither`


def test_city_mean_is_weighted_by_households():
    assert causes.city_mean([0.0, 1.0], [100, 300]) == pytest.approx(0.75)
    assert causes.city_mean([0.2, 0.4], [0, 0]) == pytest.approx(0.3)
    history = [{"district.fear": [0.0, 1.0], "city.corruption": 0.5}, {"district.fear": [1.0, 1.0]}]
    by_snapshot = [[1, 3], [3, 1]]  # each snapshot weighs its districts by its own households
    weigh = lambda snapshot: by_snapshot[history.index(snapshot)]  # noqa: E731
    assert causes.series(history, "district.fear", None, weigh) == [pytest.approx(0.75), pytest.approx(1.0)]
    history[1]["district.fear"] = [0.0, 1.0]
    assert causes.series(history, "district.fear", None, weigh) == [pytest.approx(0.75), pytest.approx(0.25)]
    assert causes.series(history, "district.fear", 0, weigh) == [0.0, 0.0]
    assert causes.series(history, "city.corruption", None, weigh) == [0.5, None]


def test_summary_says_where_things_moved(content):
    # GIVEN a quarter where fear fell in two of three districts and rose in one, and corruption rose
    before = {"district.fear": [0.5, 0.5, 0.5], "city.corruption": 0.6}
    after = {"district.fear": [0.45, 0.48, 0.52], "city.corruption": 0.62}
    quarter = Quarter(1, before, after, {})
    t = Texts(content, "en")
    moves = causes.moves(content, quarter, lambda snapshot: [1, 1, 1])
    assert [m.name for m in moves] == ["district.fear", "city.corruption"]
    assert moves[0].districts == [(0, 0.5, 0.45), (1, 0.5, 0.48), (2, 0.5, 0.52)]
    lines = causes.summary(content, quarter, t, ["North", "Centre", "South"], lambda snapshot: [1, 1, 1])
    assert lines[0].startswith("Fear rose in 1 and fell in 2 of 3 districts") and "North" in lines[0]
    assert lines[1] == "Police corruption: 60% → 62% (▲\u00a0+2.0\u00a0pts)."
    es = causes.summary(content, quarter, Texts(content, "es"), ["Norte", "Centro", "Sur"], lambda snapshot: [1, 1, 1])
    assert es[0].startswith("Miedo: subió en 1 y bajó en 2 de 3 colonias")
