"""The city screen's presenter (no pygame): indicators, trends, map levels, resources and reasons in plain words."""

from __future__ import annotations

from game.session.commands import AdoptMeasure
from game.session.refusals import AlreadyPlanned, NotEnough
from game.session.session import GameSession
from game.ui import indicators as ind
from game.ui import refusal_text
from game.ui.play import Play
from game.ui.texts import Texts
from tests.ui.harness import shipped_content


def _play(role="official", seed=3) -> Play:
    play = Play(GameSession(shipped_content(), "border_city", role, seed))
    play.start()
    while play.stage == "events":
        enabled = [o.option.id for o in play.pending.options if o.enabled]
        play.answer(enabled[0] if enabled else None)
    return play


def _next_plan(play: Play) -> None:
    play.end_turn()
    while play.stage != "plan":
        if play.stage == "events":
            enabled = [o.option.id for o in play.pending.options if o.enabled]
            play.answer(enabled[0] if enabled else None)
        elif play.stage == "report":
            play.next_turn()


def test_every_indicator_is_declared_with_a_label_and_a_meaning_in_both_languages():
    content = shipped_content()
    layer_names = tuple(layer.spec.name for layer in ind.layers(content))
    for full in ind.DISTRICT + ind.CITY + (ind.OFFICIAL, ind.SURVEY) + layer_names:
        scope, _, name = full.partition(".")
        decl = content.state[scope][name]
        assert decl.label.en and decl.label.es and decl.meaning.en and decl.meaning.es, full


def test_first_quarter_readings_have_values_tooltips_and_no_trend_yet():
    # GIVEN the first quarter
    play = _play()
    t = Texts(play.content, "en")
    # WHEN the district panel is read
    rows = ind.district_readings(play, t, 0)
    # THEN every row has its label, a formatted value and a tooltip that explains it, and no trend yet
    fear = next(r for r in rows if r.name == "district.fear")
    assert fear.label == "Fear" and fear.text.endswith("%")
    assert "feel unsafe" in fear.tooltip and "Higher is worse" in fear.tooltip
    assert fear.change is None and fear.change_text == "—"
    assert {r.name for r in ind.city_readings(play, t)} >= {"city.corruption", "city.pressure", "city.budget"}


def test_trend_after_a_quarter_has_an_arrow_a_number_and_a_verdict_that_is_not_only_colour():
    # GIVEN a game one quarter in
    play = _play()
    _next_plan(play)
    t = Texts(play.content, "es")
    # WHEN the readings are read again
    rows = ind.district_readings(play, t, 4) + ind.city_readings(play, t)
    moved = [r for r in rows if r.change is not None and r.change_text not in ("—", t("city.no_change"))]
    # THEN a change shows an arrow, and a judged one a ✓ or ✗ that matches which way is good
    assert moved
    for r in moved:
        assert r.change_text[0] in "▲▼"
        spec = ind.spec(play.content, r.name)
        if spec.better == ind.MIXED:
            assert r.verdict == "neutral" and not r.change_text.endswith(("✓", "✗"))
        else:
            good = (r.change > 0) == (spec.better == ind.BETTER)
            assert r.verdict == ("good" if good else "bad")
            assert r.change_text.endswith("✓" if good else "✗")
        assert "Mejor" in r.tooltip or "Peor" in r.tooltip or spec.better == ind.MIXED


def test_map_levels_and_concern():
    trust = ind.layer_by_id(shipped_content(), "trust")
    fear = ind.layer_by_id(shipped_content(), "fear")
    # high trust is little concern; high fear is much
    assert ind.level_of(trust, 0.9) == 4 and ind.concern_of(trust, 0.9) == 0
    assert ind.level_of(fear, 0.9) == 4 and ind.concern_of(fear, 0.9) == 4
    assert ind.concern_of(fear, 0.0) == 0


def test_grid_fits_three_to_twelve_districts():
    for n in range(3, 13):
        cols, rows = ind.grid(n, 600, 500)
        assert cols * rows >= n and (cols - 1) * rows < n


def test_resources_show_what_the_role_spends_and_what_the_plan_would_cost():
    play = _play("official")
    t = Texts(play.content, "en")
    ids = [r.id for r in ind.resources(play, t)]
    # the official spends budget and capital; neighbours' time and funds are not theirs
    assert ids[:2] == ["budget", "political_capital"] and "volunteer_time" not in ids and "funds" not in ids
    assert play.plan(AdoptMeasure("police_vetting")) is None
    budget = next(r for r in ind.resources(play, t) if r.id == "budget")
    assert (budget.have, budget.planned, budget.left) == (300, 80, 220)
    assert "300" in budget.text and "220" in budget.text and "80" in budget.tooltip
    organizer = _play("organizer")
    assert {"volunteer_time", "funds"} <= {r.id for r in ind.resources(organizer, t)}


def test_each_role_sees_only_its_own_resources_as_its_measures_and_events_declare_them():
    # GIVEN the border city, whose level starts both roles with every resource (the official with reputation 50)
    t = Texts(shipped_content(), "en")
    # WHEN each role's header is read
    official = [r.id for r in ind.resources(_play("official"), t)]
    organizer = [r.id for r in ind.resources(_play("organizer"), t)]
    # THEN each shows what its own measures and its own events spend or risk, and nothing of the other's
    assert official == ["budget", "political_capital", "exposure"]
    assert organizer == ["volunteer_time", "funds", "reputation", "exposure"]  # what measures spend first


def test_reasons_are_in_plain_words_in_both_languages():
    play = _play("official")
    for lang in ("en", "es"):
        t = Texts(play.content, lang)
        # not enough budget
        text = refusal_text.refusal(play.content, t, NotEnough("street_lighting", "budget", 40, 20), "Centro")
        assert "40" in text and "20" in text and t.pick(play.content.state["player"]["budget"].label) in text
        # a condition that does not hold
        refused = play.check(AdoptMeasure("deputize_self_defense", "centro"))
        text = refusal_text.refusal(play.content, t, refused, "Centro")
        assert "Centro" in text and "5%" in text and "district." not in text
        planned = AlreadyPlanned("police_vetting", None)
        assert refusal_text.refusal(play.content, t, planned, None) == t("city.why_planned")
        assert refusal_text.refusal(play.content, t, None, None) == ""


def test_statistics_gap_is_told_honestly():
    play = _play()
    t = Texts(play.content, "en")
    gap = ind.statistics_gap(play, t)
    assert gap is not None and not gap.published
    assert 0 < gap.hidden_share < 1
    assert "not public" in gap.text and gap.official.text in gap.text and gap.survey.text in gap.text


def test_the_plan_is_paid_once_the_header_never_subtracts_it_again():
    # GIVEN a plan that costs 80 of the official's budget of 300
    play = _play("official")
    t = Texts(play.content, "en")
    assert play.plan(AdoptMeasure("police_vetting")) is None
    # WHEN the quarter is closed: the session pays the plan, then the after-measures and end-of-quarter cards
    play.end_turn()
    while True:
        # THEN on every card and on the report the header shows what is really left, nothing planned on top
        budget = next(r for r in ind.resources(play, t) if r.id == "budget")
        paid = float(play.values(None)["player.budget"])
        assert (budget.have, budget.planned, budget.left) == (paid, 0, paid) and budget.left >= 0
        assert "planned" not in budget.text
        if play.stage != "events":
            break
        enabled = [o.option.id for o in play.pending.options if o.enabled]
        play.answer(enabled[0] if enabled else None)
    assert play.stage == "report"


def test_a_share_just_under_ten_percent_is_written_as_ten_not_a_wider_ten_point_zero():
    t = Texts(shipped_content(), "en")
    assert [ind.fmt(t, "share", v) for v in (0.09996, 0.1, 0.0994, 0.0004, 0.0)] == ["10%", "10%", "9.9%", "0.0%", "0%"]
