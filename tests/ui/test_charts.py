"""History charts follow the content's declarations: an axis that stays inside a value's bounds and never repeats a
label, and district lines coloured by where they stand (worse off warm, better off cool)."""

from __future__ import annotations

from game.session import meaning as meanings
from game.ui.charts import share_format, y_axis
from game.ui.scenes.history import ALL, HistoryScene
from game.ui.theme import palette
from tests.ui.harness import Driver
from tests.ui.test_report import new_game, play_until


def test_a_nearly_flat_share_gets_distinct_labels_not_five_times_the_same():
    # GIVEN criminal control moving from 39.66% to 39.58% (the chart labelled every tick "39.6%" or "39.7%")
    lo, hi, ticks = y_axis([0.3966, 0.3958], bounds=(0.0, 1.0), min_span=0.02)
    labels = [share_format(ticks)(v) for v in ticks]
    # THEN the labels are all different and the axis spans at least two points
    assert len(set(labels)) == len(labels) >= 2 and hi - lo >= 0.02


def test_a_value_that_cannot_be_negative_has_no_axis_below_zero():
    for values in ([0.0, 0.004, 0.01], [0.0, 0.0], [2.0, 0.5]):
        lo, _, ticks = y_axis(values, bounds=(0.0, 1.0 if values[0] < 1 else 50.0), min_span=0.02)
        assert lo >= 0 and min(ticks) >= 0, (values, lo, ticks)
    # and none above a declared ceiling either
    _, hi, ticks = y_axis([0.99, 1.0], bounds=(0.0, 1.0), min_span=0.02)
    assert hi <= 1.0 and max(ticks) <= 1.0


def test_district_lines_are_warm_where_worse_off_and_the_city_is_neutral(tmp_path):
    # GIVEN the history after two quarters, all districts, criminal control (good when lower)
    drv = Driver(tmp_path, start_title=False)
    play = new_game(drv)
    play_until(drv, stage="report")
    play.next_turn()
    play_until(drv, stage="report")
    scene = drv.app.push(HistoryScene(drv.app, "district.oc_control"))
    scene.choose_place(ALL)
    assert meanings.good_when(play.content, "district.oc_control") == meanings.LOWER
    series = scene.series()
    pal = palette("standard")
    # THEN the city line is the neutral text colour, the most controlled district the warmest, the least the coolest
    city, districts = series[0], series[1:]
    assert city[2] == pal.text
    last = {name: values[-1] for name, values, _ in districts}
    colour = {name: c for name, _, c in districts}
    assert colour[max(last, key=last.get)] == pal.standing[-1]
    assert colour[min(last, key=last.get)] == pal.standing[0]
    # and a good-when-higher value turns it round: the most trusting district is the coolest
    scene.pick("district.gov_trust")
    trust = {name: (values[-1], c) for name, values, c in scene.series()[1:]}
    assert min(trust.values())[1] == pal.standing[-1] and max(trust.values())[1] == pal.standing[0]
