"""Options the content keeps to the other role (`roles:` on an option) are not offered on the player's card."""

from __future__ import annotations

from types import SimpleNamespace

from game.session.session import GameSession
from game.ui.play import Play
from tests.test_option_roles import content as content  # the fixture: `protect` kept to the official
from tests.test_option_roles import fire_threat
from tests.ui.harness import shipped_content


def _play_with_card(content, role: str) -> Play:
    play = Play(GameSession(shipped_content(), "border_city", role, 1))
    _, _, _, occ = fire_threat(content, role)
    play._run = SimpleNamespace(pending=occ)  # the card as the engine fired it, options closed to the role included
    return play


def test_the_organizer_is_not_offered_the_officials_option(content):
    # GIVEN a card whose `protect` option is kept to the official
    play = _play_with_card(content, "organizer")
    # WHEN the organizer's card is read
    card = play.pending
    # THEN only the option open to both roles is offered, and the same card stays the same object
    assert [s.option.id for s in card.options] == ["ignore"]
    assert play.pending is card


def test_the_official_meets_both(content):
    play = _play_with_card(content, "official")
    assert [s.option.id for s in play.pending.options] == ["protect", "ignore"]
