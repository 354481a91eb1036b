"""The students' server through Starlette's TestClient: join, a wrong code, one vote per device, rate limits,
oversized bodies, lock and reveal, and the WebSocket's live state. Loopback only, no network."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from game.classweb.app import create_app
from game.classweb.limits import MAX_BODY, Limits
from game.classweb.room import Room
from tests.web.helpers import CODE, GROUPS, ROOMY, STRINGS, card, report


def make(limits: Limits = ROOMY) -> tuple[Room, TestClient]:
    room = Room(CODE, GROUPS, limits)
    return room, TestClient(create_app(room, STRINGS), client=("127.0.0.1", 50000))


def join(client: TestClient, group: str = "A", lang: str = "en", code: str = CODE) -> str:
    r = client.post("/join", json={"code": code, "group": group, "lang": lang})
    assert r.status_code == 200, r.text
    return r.json()["token"]


def test_page_and_strings_are_served_with_headers_that_keep_it_to_itself():
    _, client = make()
    page = client.get("/")
    assert page.status_code == 200 and "student.js" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/student.js").headers["content-type"].startswith("text/javascript")
    data = client.get("/strings").json()
    assert data["groups"] == GROUPS and data["strings"]["es"]["students.page.join"] == "Entrar"
    # nothing else of the machine is reachable
    for path in ("/../pyproject.toml", "/static/student.js", "/student.html", "/etc/passwd", "/game/classweb/app.py"):
        assert client.get(path).status_code == 404, path


def test_join_needs_the_code_and_a_group_of_the_session():
    room, client = make()
    assert client.post("/join", json={"code": "ZZZZ-ZZZZ-ZZZZ", "group": "A", "lang": "en"}).json() == {
        "error": "bad_code"
    }
    assert client.post("/join", json={"code": CODE, "group": "Z", "lang": "en"}).status_code == 400
    assert client.post("/join", json={"code": CODE, "group": "A", "lang": "fr"}).status_code == 400
    token = join(client, code="abcdefghjk12")  # case and dashes do not matter
    assert room.presence() == (1, {"A": (0, 1)})
    again = client.post("/join", json={"code": CODE, "group": "B", "lang": "es", "token": token}).json()
    assert again["token"] == token and again["state"]["group"] == "B"  # the same device, not a second one
    assert room.presence()[0] == 1


def test_one_vote_per_device_per_round_and_the_projector_drains_them():
    room, client = make()
    a, b = join(client, "A"), join(client, "B", "es")
    assert client.post("/vote", json={"token": a, "round": 0, "option": "audit"}).json() == {"error": "closed"}
    rnd = room.open_round(card())
    assert client.post("/vote", json={"token": a, "round": rnd, "option": "audit"}).status_code == 200
    assert client.post("/vote", json={"token": a, "round": rnd, "option": "patrols"}).json() == {"error": "already"}
    assert client.post("/vote", json={"token": b, "round": rnd, "option": "militia"}).json() == {"error": "bad_option"}
    assert client.post("/vote", json={"token": "forged", "round": rnd, "option": "audit"}).status_code == 401
    state = client.post("/vote", json={"token": b, "round": rnd, "option": "patrols"}).json()["state"]
    assert state["voted"] == "patrols" and state["card"]["title"] == "Se reúne el cabildo"
    assert "shares" not in state  # hidden until the teacher reveals
    drained = room.drain()
    assert [(x.device, x.group, x.option) for x in drained] == [("d1", "A", "audit"), ("d2", "B", "patrols")]
    assert room.drain() == []
    assert room.presence() == (2, {"A": (1, 1), "B": (1, 1)})
    # the next round: each device votes again
    rnd2 = room.open_round(card("next"))
    assert client.post("/vote", json={"token": a, "round": rnd2, "option": "patrols"}).status_code == 200
    assert client.post("/vote", json={"token": a, "round": rnd, "option": "patrols"}).json() == {"error": "closed"}


def test_lock_reveal_and_close_as_the_teacher_sets_them():
    room, client = make()
    a, b = join(client), join(client, "C")
    rnd = room.open_round(card())
    client.post("/vote", json={"token": a, "round": rnd, "option": "audit"})
    room.set(locked=True)
    assert client.post("/vote", json={"token": b, "round": rnd, "option": "audit"}).json() == {"error": "locked"}
    room.set(revealed=True)
    state = client.get("/state", params={"token": b}).json()["state"]
    assert state["phase"] == "locked" and state["shares"] == {"patrols": 0.0, "audit": 1.0, "militia": 0.0}
    assert state["voted"] is None  # a phone never learns who voted what, only the shares after a reveal
    room.set(shares={"patrols": 0.5, "audit": 0.5, "militia": 0.0})  # the projector's bars (with typed hands)
    assert client.get("/state", params={"token": b}).json()["state"]["shares"]["patrols"] == 0.5
    room.close_round("audit")
    room.show_report(report())
    state = client.get("/state", params={"token": a}).json()["state"]
    assert state["phase"] == "closed" and state["adopted"] == "audit"
    assert state["report"]["decisions"] == ["The council meets: Audit the police"]


def test_bodies_are_bounded_and_bad_json_is_refused():
    _, client = make()
    big = b'{"code": "' + b"x" * MAX_BODY + b'"}'
    r = client.post("/join", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json() == {"error": "too_big"}
    assert client.post("/join", content=b"{not json", headers={"content-type": "application/json"}).status_code == 400
    assert client.post("/join", json=["a"]).status_code == 400
    assert client.post("/join", json={"code": "x" * 100, "group": "A", "lang": "en"}).status_code == 400


def test_rates_are_bounded_per_address_per_device_and_for_wrong_codes():
    _, client = make(Limits(per_address=1000, per_device=3, wrong_codes=2))
    for _ in range(2):
        assert client.post("/join", json={"code": "0000-0000-0000", "group": "A", "lang": "en"}).status_code == 403
    assert client.post("/join", json={"code": "0000-0000-0000", "group": "A", "lang": "en"}).status_code == 429
    token = join(client)  # the right code still goes through
    codes = [client.get("/state", params={"token": token}).status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
    _, client = make(Limits(per_address=3))
    assert [client.get("/strings").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_the_websocket_pushes_the_state_when_the_room_changes():
    room, client = make()
    token = join(client)
    with client.websocket_connect(f"/live?token={token}") as ws:
        assert ws.receive_json()["phase"] == "waiting"
        room.open_round(card())
        assert ws.receive_json()["phase"] == "voting"
        room.set(locked=True)
        assert ws.receive_json()["phase"] == "locked"
    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/live?token=nobody") as ws:
        ws.receive_json()
