"""Class votes as the class data reports them: a vote nobody voted in was the teacher's decision, and the what-if
only replays an option some group took or some students voted for."""

from __future__ import annotations

import csv
import json

import pytest

from game.classfiles.export import export_session
from game.classfiles.logs import read_class_logs, write_bot_class
from game.classfiles.session import new_session
from game.classroom.report_data import gather
from game.classroom.report_whatif import _whatif_candidates


@pytest.fixture(scope="module")
def projected(content, tmp_path_factory):
    """One projected class (class_vote), its first vote emptied as the game logs a vote nobody voted in."""
    folder = tmp_path_factory.mktemp("votes")
    session = new_session(content, "first_steps", "official", seed=9, groups=["3B"], mode="class_vote")
    (path,) = write_bot_class(content, session, folder, seats=24)
    lines = path.read_text("utf-8").splitlines()
    turn = json.loads(lines[1])
    vote = turn["votes"][0]
    vote["tally"] = dict.fromkeys(vote["tally"], 0)
    vote["source"] = "tie_break"  # what the projector logs when Enter finds every option tied at 0
    lines[1] = json.dumps(turn, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return session, folder, vote


def test_a_vote_nobody_voted_in_is_the_teachers_decision(content, projected, tmp_path):
    session, folder, vote = projected
    logs, _ = read_class_logs(folder, content)
    export_session(logs, session, content, tmp_path / "out")
    with open(tmp_path / "out" / "decisions.csv", encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["turn"] == "1" and r["event_id"] == vote["event"]]
    decision, ballot = rows
    assert (decision["decision_source"], decision["teacher_flag"]) == ("teacher", "1")
    assert (ballot["option_id"], ballot["adopted"], ballot["n_ballots"]) == ("", "false", "0")
    statements = [json.loads(x) for x in (tmp_path / "out" / "statements.jsonl").read_text("utf-8").splitlines()]
    assert "tie_break" not in {
        s["context"]["extensions"]["https://plaza.invalid/xapi/ext/decision-source"] for s in statements[:2]
    }
    scenarios, _ = gather(logs, content, [])
    split = scenarios[0].splits()[vote["event"]]
    assert split.sources["teacher"] >= 1
    assert split.sources["tie_break"] == sum(
        v["source"] == "tie_break" and sum(v["tally"].values()) > 0
        for g in logs
        for v in g.votes
        if v["event"] == vote["event"]
    )


def test_the_what_if_never_replays_an_option_nobody_chose(content, projected, tmp_path):
    _, folder, _ = projected
    logs, _ = read_class_logs(folder, content)
    scenarios, _ = gather(logs, content, [])
    s = scenarios[0]
    s.assign_codes()
    splits = s.splits()
    candidates = list(_whatif_candidates(content, s, splits))
    assert candidates
    for sp, _game, _turn, instead in candidates:
        assert instead in {d.option for d in sp.decisions} or sp.ballots[instead] > 0, (sp.event, instead)
    # a unanimous class: every vote went to the option adopted, so the only other choice to replay on a card is
    # one the class adopted when the same card came back at another quarter
    (path,) = folder.rglob("*.jsonl")
    lines = path.read_text("utf-8").splitlines()
    turns = [json.loads(x) for x in lines[1:]]
    for turn in turns:
        for v in turn.get("votes", []):
            v["tally"] = {o: (5 if o == v["adopted"] else 0) for o in v["tally"]}
            v["source"] = "majority"
    unanimous = tmp_path / "unanimous" / path.name
    unanimous.parent.mkdir()
    unanimous.write_text("\n".join([lines[0], *(json.dumps(t) for t in turns)]) + "\n", "utf-8")
    logs, _ = read_class_logs(unanimous.parent, content)
    (s,) = gather(logs, content, [])[0]
    s.assign_codes()
    adopted: dict[str, set[str]] = {}
    for turn in turns:
        for v in turn.get("votes", []):
            adopted.setdefault(v["event"], set()).add(v["adopted"])
    candidates = list(_whatif_candidates(content, s, s.splits()))
    for sp, _game, _turn, instead in candidates:
        assert instead in adopted[sp.event], (sp.event, instead, adopted[sp.event])
    once = {event for event, options in adopted.items() if len(options) == 1}
    assert not [c for c in candidates if c[0].event in once]
