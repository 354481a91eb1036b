"""The class vote's rules (game/ui/vote.py), without pygame: counts, lock, reveal, majority, ties, the teacher's pick,
and the ballot the decision log keeps."""

from __future__ import annotations

from game.session.log import check_votes
from game.ui.vote import Vote, letter


def vote(*options, open_=None) -> Vote:
    return Vote("market_cuota", 2, list(options), list(open_) if open_ else [])


def test_options_are_lettered_and_the_first_open_one_is_selected():
    v = vote("report", "pay", "organize", open_=[False, True, True])
    assert [letter(i) for i in range(3)] == ["A", "B", "C"]
    assert v.selected == 1
    # GIVEN a closed option THEN it cannot be selected
    assert not v.select_letter("a") and v.selected == 1
    assert v.select_letter("c") and v.selected == 2


def test_digits_replace_then_append_and_plus_minus_change_the_count():
    v = vote("a", "b")
    v.type_digit(1)
    v.type_digit(2)
    assert v.tally["a"] == 12
    v.select(1)
    v.type_digit(7)  # a fresh selection: the first digit replaces
    v.bump(1)
    v.bump(1)
    v.bump(-1)
    assert v.tally == {"a": 12, "b": 8}
    v.type_digit(5)  # after + / − the next digit starts the count again
    assert v.tally["b"] == 5
    v.erase_digit()
    assert v.tally["b"] == 0
    v.bump(-1)
    assert v.tally["b"] == 0  # never below zero


def test_a_locked_tally_does_not_change_until_unlocked():
    v = vote("a", "b")
    v.type_digit(4)
    v.toggle_lock()
    assert not v.bump(1) and not v.type_digit(9)
    assert v.tally["a"] == 4
    v.toggle_lock()
    assert v.bump(1) and v.tally["a"] == 5


def test_the_majority_is_adopted_and_the_tally_revealed():
    v = vote("a", "b", "c")
    v.select(0)
    v.type_digit(3)
    v.select(1)
    v.type_digit(9)
    assert not v.revealed
    assert v.adopt_majority() == "b"
    assert (v.adopted, v.source, v.revealed) == ("b", "majority", True)
    assert not v.bump(1) and v.pick(0) == "b"  # decided: nothing changes any more


def test_a_tie_leaves_the_choice_to_the_teacher():
    v = vote("a", "b", "c")
    v.type_digit(5)
    v.select(2)
    v.type_digit(5)
    assert v.adopt_majority() is None
    assert v.tied == ["a", "c"] and not v.done
    v.select(2)
    assert v.pick() == "c" and v.source == "tie_break"


def test_no_votes_is_a_tie_of_every_open_option():
    v = vote("a", "b", "c", open_=[True, False, True])
    assert v.adopt_majority() is None and v.tied == ["a", "c"]


def test_the_teacher_picks_directly_after_counting_hands():
    v = vote("a", "b")
    v.select(1)
    assert v.pick() == "b" and v.source == "teacher"


def test_the_record_is_a_valid_log_entry():
    v = vote("a", "b")
    v.type_digit(2)
    v.toggle_lock()
    v.adopt_majority()
    record = v.record()
    assert record == {
        "event": "market_cuota",
        "district": 2,
        "tally": {"a": 2, "b": 0},
        "adopted": "a",
        "source": "majority",
        "locked": True,
    }
    check_votes([record], "test")  # the log's own check accepts it


def test_moving_skips_closed_options():
    v = vote("a", "b", "c", open_=[True, False, True])
    v.move(1)
    assert v.selected == 2
    v.move(1)
    assert v.selected == 0
