"""The illustrated city map: its geography follows each level's borders, is the same every time, marks where this
quarter's events happened and where measures act, tells a district's story on hover or focus, eases changed
colours for a moment only, and fits the city screen."""

from __future__ import annotations

import itertools

import numpy as np
import pygame
import pytest
from scipy import ndimage

from game.session.commands import AdoptMeasure
from game.session.session import GameSession
from game.ui import citymap, indicators, layout_check, map_icons, map_layout, map_marks
from game.ui.flow import show_current
from game.ui.play import Play
from game.ui.theme import PALETTES, contrast, luminance
from tests.ui.harness import Driver, city_screen, play_until, shipped_content

LEVELS = sorted(shipped_content().levels)
SIZES = [(150, 70), (90, 90), (60, 110)]  # grid cells: a wide map, a square one, a tall one


@pytest.mark.parametrize("level_id", LEVELS)
def test_districts_border_exactly_as_the_level_declares(level_id):
    level = shipped_content().levels[level_id]
    declared = set(map_layout.border_pairs(level))
    for cols, rows in SIZES:
        lay = map_layout.partition(level, cols, rows)
        # THEN the border graph was drawn flat (no border lines crossing: every shipped level is planar) …
        assert lay.crossings == 0, f"{level_id}: {lay.crossings} border lines cross"
        # … districts that border share an edge, districts that do not never do
        assert map_layout.adjacency(lay.labels) == declared, f"{level_id} at {cols}x{rows}"
        for d in range(len(level.districts)):  # and each district is one piece, big enough for its name
            pieces = ndimage.label(lay.labels == d)[1]
            assert pieces == 1, f"{level_id}: {lay.ids[d]} in {pieces} pieces"
            assert (lay.labels == d).sum() > 0.02 * cols * rows


def test_the_layout_is_the_same_every_time():
    level = shipped_content().levels["border_city"]
    first = map_layout.partition(level, 120, 68)
    labels = first.labels.copy()
    map_layout._partition.cache_clear()  # computed afresh, not read from the cache
    map_layout._seeds.cache_clear()
    again = map_layout.partition(level, 120, 68)
    assert again is not first
    assert np.array_equal(again.labels, labels)
    assert np.array_equal(again.poles, first.poles)


def test_the_map_marks_the_district_of_an_event_and_of_a_measure():
    content = shipped_content()
    # GIVEN a game whose first quarter brings an event in a district (the first seed that does)
    for seed in range(40):
        play = Play(GameSession(content, "border_city", "official", seed, explain=False))
        play_until(play, lambda p: p.stage != "events")
        play.plan(next_district_measure(play))
        play.end_turn()
        play_until(play, lambda p: p.stage != "events")
        events = [e for e in play.session.records[-1].events if e.get("district")]
        if events:
            break
    else:
        pytest.skip("no district event in the first quarter of 40 seeds")
    # WHEN the quarter is over (its report shows) THEN the map marks the event's district with that event …
    marks = map_marks.marks(play)
    first = events[0]
    assert any(m.kind == map_marks.EVENT and m.source == first["event"] for m in marks[first["district"]])
    # … and the district where the measure acts
    acting = play.session.active[0]
    assert any(m.kind == map_marks.MEASURE and m.source == acting.measure for m in marks[acting.district])
    # and the next quarter's map still shows what happened in the quarter just told
    play.next_turn()
    play_until(play, lambda p: p.stage != "events")
    marks = map_marks.marks(play)
    assert any(m.kind == map_marks.EVENT and m.source == first["event"] for m in marks[first["district"]])


def next_district_measure(play):
    for measure in play.session.offered():
        if measure.target == "district":
            command = AdoptMeasure(measure.id, play.world.district_ids[2])
            if play.check(command) is None:
                return command
    raise AssertionError("no district measure can be planned")


@pytest.mark.parametrize(
    "size,lang,scale", [((1280, 720), "es", 150), ((1024, 768), "en", 200), ((1920, 1080), "es", 100)]
)
def test_the_map_fits_the_city_screen(tmp_path, size, lang, scale):
    drv = city_screen(tmp_path, size=size, language=lang, scale=scale)
    scene = drv.scene
    # THEN no cut or overlapping text, every district's label inside the map and apart from the others
    assert layout_check.problems(drv.app) == []
    labels = [tile.rect for tile in scene.tiles]
    assert all(scene.map_area.contains(r) for r in labels)
    assert not any(a.colliderect(b) for i, a in enumerate(labels) for b in labels[i + 1 :])
    # and the map keeps its room: at least a third of the window's width and of its height (it was a strip of
    # boxes in a short window at 150%)
    assert scene.map_area.width >= size[0] // 3 and scene.map_area.height >= size[1] // 3
    # every district shows its value on the map
    layer = scene.layer
    assert layer == "control"
    for i in range(len(scene.tiles)):
        value = drv.app.play.values(i)["district.oc_control"]
        assert indicators.fmt(scene.t, "share", value) in drv.texts()  # as the map writes it: 5.8%, 25%


def test_every_level_map_fits_a_short_window_at_150(tmp_path):
    drv = Driver(tmp_path, size=(1280, 720), language="es", scale=150)
    for level_id in LEVELS:
        # GIVEN each level, a quarter played so the map has marks
        play = drv.app.new_game(level_id, "official", 3)
        play_until(play, lambda p: p.stage == "plan" and p.turn >= 2)
        show_current(drv.app)
        drv.frames(2)
        # THEN the city screen has no cut or overlapping text and every label is on the map
        assert layout_check.problems(drv.app) == [], level_id
        assert all(drv.scene.map_area.contains(tile.rect) for tile in drv.scene.tiles), level_id


@pytest.mark.parametrize("seed", [1, 2])
def test_nine_districts_leave_most_of_a_short_map_to_see(tmp_path, seed):
    # GIVEN metropolis (nine districts) in Spanish at 150% in a 1280×720 window: a map of about 640×290 px, where
    # labels of a name over its value covered 41% of it on these seeds
    drv = Driver(tmp_path, size=(1280, 720), language="es", scale=150)
    play = drv.app.new_game("metropolis", "official", seed)
    play_until(play, lambda p: p.stage == "plan" and p.turn >= 3)
    show_current(drv.app)
    drv.frames(2)
    # THEN the labels take one row each where they must, and leave the map readable (layout_check.CROWDED)
    assert layout_check.problems(drv.app) == []
    assert any(tile.row for tile in drv.scene.tiles)


def test_hover_and_focus_tell_a_districts_story(tmp_path):
    drv = city_screen(tmp_path)
    scene = drv.scene
    tile = scene.tiles[2]  # Centro
    title = f"{tile.name} · {tile.kind}"
    assert title not in drv.texts()
    # WHEN the mouse rests on the district
    drv.move_mouse(tile.rect.center, frames=2)
    # THEN its story shows: its values against the start of the term, its events, the measures there
    texts = drv.texts()
    assert title in texts
    assert "What happened here this term" in texts and "Your measures here" in texts
    # WHEN the mouse leaves the map and the keyboard focus reaches the district instead
    drv.move_mouse((2, 2), frames=2)
    assert title not in drv.texts()
    for _ in range(60):
        drv.key(pygame.K_TAB, frames=1)
        focused = drv.scene.focused()
        if focused is not None and focused.element.get_abs_rect() == drv.scene.tiles[2].rect:
            break
    drv.frames(1)
    assert title in drv.texts()
    assert layout_check.problems(drv.app) == []


def test_a_changed_colour_eases_then_the_map_rests(tmp_path):
    drv = city_screen(tmp_path)
    scene = drv.scene
    assert scene.update(0) is False  # nothing moving: the loop may wait for input
    # WHEN the layer changes, the districts' colours change
    drv.key(pygame.K_2, frames=1)
    scene = drv.scene
    assert scene.easing, "the colours ease to the new layer"
    assert scene.update(0) is True  # the loop keeps drawing while they move
    drv.frames(20, dt=0.05)  # a second of frames
    assert scene.update(0) is False  # and rests once they are there


def test_a_new_quarter_eases_from_the_last_quarters_map(tmp_path):
    drv = city_screen(tmp_path)
    play = drv.app.play
    before = [tile.value for tile in drv.scene.tiles]
    # WHEN the quarter is played and the city shows again
    play.end_turn()
    play_until(play, lambda p: p.stage == "plan")
    show_current(drv.app)
    drv.frames(1)
    scene = drv.scene
    # THEN the districts whose values moved start from last quarter's number and ease to this one's
    moved = {tile.index for tile, old in zip(scene.tiles, before, strict=True) if tile.value != old}
    assert moved and set(scene.easing) == moved
    assert all(scene.easing[i][1] == before[i] for i in moved)
    drv.frames(20, dt=0.05)
    assert scene.update(0) is False


def test_the_map_palette_gets_darker_as_things_get_worse():
    # the five colours, least concern first, for each palette (standard and colour-blind safe): each darker than
    # the one before, so the order reads without hue
    for palette in PALETTES.values():
        lum = [luminance(c) for c in citymap.ramp(palette)]
        assert all(a > b for a, b in itertools.pairwise(lum)), palette.name
        # and the legend's range is readable on every swatch
        assert all(contrast(citymap.ink(palette, c), c) >= 4.5 for c in citymap.ramp(palette))


def test_landmarks_are_the_same_for_the_same_district():
    assert map_icons.landmarks("centro", "middle", 3) == map_icons.landmarks("centro", "middle", 3)
    assert map_icons.landmarks("valle", "rural", 2)[0] == "field"
    assert citymap.ease(0) == 0 and citymap.ease(1) == 1
