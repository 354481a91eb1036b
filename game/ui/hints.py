"""Which of the level's hints is due on a screen now: the logic of in-game hints, without pygame.

A level may list `hints:` (game/content/schemas.py, `Hint`), each for one screen ("city", "event" or "report")
with optional conditions in city scope. On a screen, the game shows the first hint of the level, in the order the
level lists them, that is written for that screen, whose conditions all hold now, and that this game has not shown
and had dismissed ("Got it"). One at a time: dismissing it lets the next due one show. The player can also turn
hints off for the rest of the game.

Conditions are the ones compiled when the content loaded (`content.condition(source, "city")`), evaluated against
the same snapshot the event engine uses (`engine.context(world, None)`): turn, role, city.*, player.*, fired()
and flag(). Dismissed ids and the off switch live on `Play` (`hints_dismissed`, `hints_off`); they are not part
of a save, so a loaded game shows its due hints again.
"""

from __future__ import annotations

from game.content.schemas import HINT_SCREENS, Hint
from game.events.world import render


def hints_for(play, screen: str) -> list[Hint]:
    """The level's hints written for `screen`, in the level's order."""
    if screen not in HINT_SCREENS:
        raise ValueError(f"hints are shown on {', '.join(HINT_SCREENS)}, not on {screen!r}")
    return [h for h in play.session.level.hints if h.screen == screen]


def holds(play, hint: Hint) -> bool:
    """Do all of the hint's conditions hold now?"""
    if not hint.when:
        return True
    ctx = play.session.engine.context(play.world, None)
    return all(play.content.condition(source, "city").evaluate(ctx) for source in hint.when)


def due(play, screen: str) -> Hint | None:
    """The hint to show on `screen` now, or None (no game, hints off, none due)."""
    if play is None or getattr(play, "hints_off", False):
        return None
    dismissed = getattr(play, "hints_dismissed", set())
    for hint in hints_for(play, screen):
        if hint.id not in dismissed and holds(play, hint):
            return hint
    return None


def dismiss(play, hint: Hint | str) -> None:
    """ "Got it": this hint is not shown again in this game."""
    play.hints_dismissed.add(hint if isinstance(hint, str) else hint.id)


def turn_off(play) -> None:
    """No more hints in this game."""
    play.hints_off = True


def text(play, hint: Hint, lang: str) -> str:
    """The hint's text in `lang`, with {city}, {turn} and {role} filled in."""
    return render(hint.text, lang, play.world.names(lang, None))
