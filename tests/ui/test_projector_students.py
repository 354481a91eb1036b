"""Students join on the projector (issue 16): S starts the server (here on the loopback) and shows the QR, the
short address and the session code in the projector's sizes; phones join and vote over HTTP; the card counts them
live and says who voted by group; lock reaches the phones; the round is logged so replay_round rebuilds the tally;
O turns it off and nothing listens. en/es, 1024×768 and 1920×1080."""

from __future__ import annotations

import httpx
import pygame
import pytest

from game.classfiles.logs import replay_round
from game.ui.layout_check import problems
from game.ui.scenes.projector import students
from game.ui.scenes.projector.look import MIN_PX
from tests.ui.harness import Driver
from tests.ui.test_classroom_ui import _few_comparison_games, start_projected_game  # noqa: F401 (fixture)
from tests.ui.test_projector_rooms import text_px
from tests.ui.test_projector_zero_votes import first_vote
from tests.web.helpers import ROOMY


@pytest.mark.parametrize(("language", "size"), [("en", (1024, 768)), ("es", (1920, 1080))])
def test_students_join_vote_and_the_round_is_logged(tmp_path, language, size):
    drv = Driver(tmp_path, size=size, language=language)
    start_projected_game(drv, turns=3)
    first_vote(drv)
    card, vote = drv.scene, drv.scene.vote
    running = students.turn_on(drv.app, host="127.0.0.1", limits=ROOMY)  # tests stay on the loopback
    assert isinstance(running, students.StudentsJoin)
    try:
        drv.press("vote_students")  # the panel: QR, address, code
        said = " ".join(drv.texts())
        assert running.code in said and f"127.0.0.1:{running.server.port}" in said
        sizes = sorted(text_px(card))
        assert sizes[0][0] >= MIN_PX, sizes[:3]
        assert problems(drv.app) == []
        drv.shot(f"projector-students-join-{language}-{size[0]}")
        with httpx.Client(base_url=running.url, timeout=5) as phone:
            groups = running.room.groups
            tokens = [
                phone.post("/join", json={"code": running.code, "group": groups[i % len(groups)], "lang": "es"}).json()[
                    "token"
                ]
                for i in range(3)
            ]
            drv.frames(2)
            assert card.t("students.projector.joined", count=3) in " ".join(drv.texts())
            drv.key(pygame.K_RETURN)  # back to the card
            state = phone.get("/state", params={"token": tokens[0]}).json()["state"]
            assert state["phase"] == "voting" and state["card"]["event"] == vote.event
            open_ids = [o for o, ok in zip(vote.options, vote.open, strict=True) if ok]
            for token, option in zip(tokens[:2], [open_ids[0], open_ids[0]], strict=True):
                r = phone.post("/vote", json={"token": token, "round": state["round"], "option": option})
                assert r.status_code == 200, r.text
            drv.frames(2)
            assert vote.tally[open_ids[0]] == 2 and vote.total == 2  # counted live, without a key
            assert card.t("students.projector.phones", voted=2, joined=3) in " ".join(drv.texts())
            assert problems(drv.app) == []
            drv.shot(f"projector-students-card-{language}-{size[0]}")
            drv.press("vote_lock")  # the teacher locks: the last phone is refused
            r = phone.post("/vote", json={"token": tokens[2], "round": state["round"], "option": open_ids[1]})
            assert r.json() == {"error": "locked"}
            drv.key(pygame.K_RETURN)  # adopt the majority
            assert vote.adopted == open_ids[0]
            record = vote.record()
            assert [s["do"] for s in record["round"]["steps"]] == ["phone", "phone", "lock"]
            assert all("device" in s and "group" in s for s in record["round"]["steps"][:2])
            assert replay_round(record) == record["tally"]
            drv.key(pygame.K_RETURN)  # go on: the phones see the choice (or already the next card)
            after = phone.get("/state", params={"token": tokens[0]}).json()["state"]
            assert after["adopted"] == open_ids[0] or after["round"] == state["round"] + 1
    finally:
        students.turn_off(drv.app)
    with pytest.raises(httpx.ConnectError), httpx.Client(base_url=running.url, timeout=2) as phone:
        phone.get("/")  # switched off: nothing listens


def test_typed_counts_over_the_phones_are_overrides_in_the_log(tmp_path):
    drv = Driver(tmp_path, size=(1280, 720))
    start_projected_game(drv, turns=3)
    first_vote(drv)
    vote = drv.scene.vote
    running = students.turn_on(drv.app, host="127.0.0.1", limits=ROOMY)
    drv.frames(1)  # the card is drawn: its round opens for the phones
    try:
        with httpx.Client(base_url=running.url, timeout=5) as phone:
            token = phone.post("/join", json={"code": running.code, "group": running.room.groups[0], "lang": "en"})
            phone.post(
                "/vote", json={"token": token.json()["token"], "round": running.room.round, "option": vote.options[0]}
            )
        drv.frames(2)
        drv.key(pygame.K_a)
        drv.key(pygame.K_5)  # the teacher counts five hands for A over the one phone
        record = vote.record()
        assert record["tally"][vote.options[0]] == 5
        assert [s["do"] for s in record["round"]["steps"]] == ["phone", "set"]
        assert replay_round(record) == record["tally"]
    finally:
        students.turn_off(drv.app)
