"""The trace words why an event could not fire only when someone reads it (the F3 overlay, `--trace`): the words
must be those of the moment the engine judged, however far the city has moved since."""

from game.content.loader import load_content
from game.events.trace import PoolRoll, Unworded
from game.session.session import GameSession


def first_option(occ, rng):
    return occ.enabled[0].id if occ.enabled else None


def test_a_trace_read_later_says_what_it_said_at_the_time():
    content = load_content().content
    now = GameSession(content, "border_city", "official", 3)
    now.play_turn([], chooser=first_option)
    said_then = now.engine.trace.format()

    later = GameSession(content, "border_city", "official", 3)
    later.play_turn([], chooser=first_option)
    kept = later.engine.trace
    unworded = [
        reason
        for entry in kept.entries
        if isinstance(entry, PoolRoll)
        for candidate in entry.candidates
        for reason in candidate.said
        if isinstance(reason, Unworded)
    ]
    assert unworded, "the turn judged no condition lazily: this test would prove nothing"
    for _ in range(3):  # the city moves on: events change it, the model steps
        later.play_turn([], chooser=first_option)
    assert kept.format() == said_then


def test_conditions_left_unjudged_are_worded_only_if_they_fail():
    content = load_content().content
    session = GameSession(content, "border_city", "official", 5)
    session.play_turn([], chooser=first_option)
    for entry in session.engine.trace.entries:
        if not isinstance(entry, PoolRoll):
            continue
        for candidate in entry.candidates:
            for reason in candidate.said:
                if isinstance(reason, Unworded) and not reason.judged:
                    text = reason.text()
                    held = reason.cond.evaluate(reason.ctx)
                    assert (text is None) == held
                    if text is not None:
                        assert "✗" in text
