"""A vote with phones is logged so that its round replays (issue 16): each phone's vote by device and group, each
count the teacher typed over them, each lock and reveal, in order; game.classfiles.logs.replay_round rebuilds the
tally from them. A vote counted by hand keeps the record it always had."""

from __future__ import annotations

from game.classfiles.logs import replay_round
from game.session.log import check_votes
from game.ui.vote import Vote


def test_a_round_with_phones_replays_to_its_tally():
    vote = Vote("council", 1, ["a", "b", "c"])
    assert vote.add_phone("a", "d1", "A", 0.5) and vote.add_phone("b", "d2", "B", 0.9)
    assert vote.add_phone("a", "d3", "A", 1.2)
    assert not vote.add_phone("zz", "d4", "A", 1.3)  # not an option of the card
    vote.select(1)
    vote.type_digit(4)  # the teacher counts four hands for B (an override of the phones' one)
    vote.toggle_lock()
    vote.toggle_reveal()
    assert vote.adopt_majority() == "b"
    record = vote.record()
    check_votes([record], "test")  # still a valid `votes` entry of a decision log
    assert [s["do"] for s in record["round"]["steps"]] == ["phone", "phone", "phone", "set", "lock", "reveal"]
    assert record["round"]["steps"][0] == {"do": "phone", "option": "a", "device": "d1", "group": "A", "at": 0.5}
    assert replay_round(record) == record["tally"] == {"a": 2, "b": 4, "c": 0}


def test_a_vote_counted_by_hand_keeps_its_record_and_has_no_round():
    vote = Vote("council", None, ["a", "b"])
    vote.type_digit(3)
    vote.adopt_majority()
    record = vote.record()
    assert "round" not in record and replay_round(record) is None
