"""A vote nobody voted in (issue 16, honest data): on the projector, Enter with no votes entered is not a tie of
every option; the teacher either decides (K, logged as the teacher's decision) or opens the vote again (V), in
both languages, at 1024×768 and 1920×1080."""

from __future__ import annotations

import pygame
import pytest

from game.session.log import read_log
from game.ui.layout_check import problems
from tests.ui.harness import Driver
from tests.ui.test_classroom_ui import _few_comparison_games, start_projected_game  # noqa: F401 (fixture)


def first_vote(drv: Driver) -> None:
    for _ in range(60):
        if drv.scene_name == "vote_card" and sum(drv.scene.vote.open) >= 2:
            return
        if drv.scene_name == "vote_card":  # one open option: take it, not what this test is about
            drv.press("vote_pick")
            drv.key(pygame.K_RETURN)
        elif drv.scene_name == "city":
            drv.press("end_quarter")
        else:
            drv.key(pygame.K_RETURN)
    raise AssertionError("no vote with two open options")


@pytest.mark.parametrize(("language", "size"), [("en", (1024, 768)), ("es", (1920, 1080))])
def test_nobody_voted_the_teacher_decides_or_reopens(tmp_path, language, size):
    drv = Driver(tmp_path, size=size, language=language)
    start_projected_game(drv, turns=3)
    first_vote(drv)
    card, vote = drv.scene, drv.scene.vote
    # WHEN the teacher presses Enter with no vote entered
    drv.key(pygame.K_RETURN)
    # THEN nothing is adopted and it is not called a tie: the projector offers Decide (K) and Vote again (V)
    assert not vote.done and not vote.tied and card.nobody_voted
    said = " ".join(drv.texts())
    decide, again = card.shown_key("vote_decide"), card.shown_key("vote_reopen")
    assert card.t("projector.nobody", key=decide, again=again) in said
    assert card.t("projector.reopen", key=again) in said and card.t("projector.decide", key=decide, letter="A") in said
    assert problems(drv.app) == []
    drv.shot(f"projector-nobody-voted-{language}-{size[0]}")
    # V opens the vote again: counting as at the start
    drv.press("vote_reopen")
    assert not card.nobody_voted and not vote.locked and not vote.revealed and not vote.done
    assert card.t("projector.adopt", key="Enter") in " ".join(drv.texts())
    # still nobody: Enter again, then B and K: the teacher's decision
    drv.key(pygame.K_RETURN)
    assert card.nobody_voted
    second = [i for i, ok in enumerate(vote.open) if ok][1]  # the second open option (closed ones cannot be picked)
    drv.key(pygame.K_a + second)
    drv.press("vote_decide")
    assert vote.done and vote.source == "teacher" and vote.adopted == vote.options[second]
    assert card.t("projector.adopted.nobody", letter="ABCDEF"[second], label="")[:10] in " ".join(drv.texts())
    drv.shot(f"projector-nobody-decided-{language}-{size[0]}")
    turn = drv.app.play.turn
    drv.key(pygame.K_RETURN)  # Continue
    for _ in range(40):  # play on to the end of the quarter: other votes picked by the teacher
        if drv.app.play.turn != turn or drv.scene_name == "report":
            break
        if drv.scene_name == "vote_card":
            drv.press("vote_pick")
        if drv.scene_name == "city":
            drv.press("end_quarter")
        else:
            drv.key(pygame.K_RETURN)
    # AND the log says the teacher decided (a format the exports and the report already read)
    _, turns = read_log(drv.app.log.path)
    ballots = [v for t in turns for v in t.get("votes", [])]
    nobody = next(b for b in ballots if b["event"] == vote.event)
    assert nobody["source"] == "teacher" and sum(nobody["tally"].values()) == 0
