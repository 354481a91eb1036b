"""The projector in ordinary rooms (issue 16).

The debrief draws the class's trajectory on the level's first measurable objective: on a 1920×1080 projector its
title, ticks and legend are at the projector's sizes (39 px there, never under 28), its axis starts at 0%, and each
point is the objective's value read from the game's turn records; at 1024×768, where a chart would leave the text
no room, the text stands alone. And at 1024×768 the vote card keeps room for its text beside Students join (S).
Both languages; nothing cut or overlapping."""

from __future__ import annotations

import pygame
import pytest
from pygame_gui.elements import UIButton

from game.session import objectives
from game.ui.layout_check import problems
from game.ui.scenes.projector import look
from tests.ui.harness import Driver
from tests.ui.test_classroom_ui import start_projected_game
from tests.ui.test_projector_zero_votes import first_vote


def play_to_debrief(drv: Driver, quarters: int) -> None:
    """Play `quarters` quarters of the projected game (the teacher picks the last open option), then go to the
    debrief."""
    play = drv.app.play
    for _ in range(200):
        name = drv.scene_name
        if name == "projector_debrief":
            return
        if name == "vote_card":
            if play.turn > quarters:
                drv.press("vote_debrief")
                drv.press("confirm_yes")
                continue
            open_ = [i for i, ok in enumerate(drv.scene.vote.open) if ok]
            drv.key(pygame.K_a + open_[-1])
            drv.press("vote_pick")
            drv.key(pygame.K_RETURN)
        elif name == "city":
            drv.press("end_quarter")
        else:
            drv.key(pygame.K_RETURN)
    raise AssertionError(f"stuck on {drv.scene_name}")


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_objectives_line_is_drawn_at_projector_sizes(tmp_path, language):
    drv = Driver(tmp_path, size=(1920, 1080), language=language)
    start_projected_game(drv, turns=4)
    play_to_debrief(drv, 3)
    drv.key(pygame.K_3)
    drv.frames(2)
    scene = drv.scene
    assert scene.chart_kind == "objective"
    path = scene.trajectory
    session = drv.app.play.session
    assert len(path.values) == len(session.records) + 1 == 4
    # the line starts and ends where the city screen's objective does (game.session.objectives.progress)
    track = next(o.track for o in session.level.roles.get(session.role).objectives if o.track is not None)
    ids = [d.id for d in session.level.districts]
    columns = [ids.index(d) for d in track.districts]
    first = objectives.progress(session)[0]
    assert first.value == track.value
    assert (path.values[0], path.values[-1]) == (pytest.approx(first.start), pytest.approx(first.now))
    assert path.values[-2] == pytest.approx(first.previous)
    painted = dict((text, px) for px, text in scene.painted_px)
    title = [text for text in painted if scene.t.pick(session.level.districts[columns[0]].name) in text]
    assert title and painted[title[0]] >= look.px(drv.app) >= 39
    assert painted["0%"] >= 39 and painted[scene.t("projector.objective_line")] >= 39
    assert min(px for px, _ in scene.painted_px) >= 28
    assert problems(drv.app) == []
    drv.shot(f"projector-objective-{language}-1920")


def test_at_1024_by_768_the_text_stands_alone(tmp_path):
    drv = Driver(tmp_path, size=(1024, 768))
    start_projected_game(drv, turns=3)
    play_to_debrief(drv, 2)
    drv.key(pygame.K_3)
    drv.frames(2)
    assert drv.scene.trajectory is not None and drv.scene.chart_kind == ""
    assert problems(drv.app) == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_vote_card_keeps_room_for_its_text_at_1024_by_768(tmp_path, language):
    """With Students join (S) among the buttons, the card's text still shows seven lines: the buttons pack tighter
    (two rows in English), and the keys' help gives way when three rows are needed (Spanish)."""
    drv = Driver(tmp_path, size=(1024, 768), language=language)
    start_projected_game(drv, turns=3)
    first_vote(drv)
    card = drv.scene
    rows = {
        e.relative_rect.y for e in card.elements if isinstance(e, UIButton) and e.relative_rect.y > card.status_rect.y
    }
    assert len(rows) == (2 if language == "en" else 3)
    lines = card.body.relative_rect.height / look.font(drv.app, "card").get_linesize()
    print(language, "button rows:", len(rows), "card text lines:", round(lines, 1))
    assert lines >= 7
    assert problems(drv.app) == []
