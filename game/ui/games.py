"""The game in play, for the App: starting one or loading a save (back into its class when it is a class game), its
decision log written turn by turn, and saving it. The App keeps only the calls (`new_game`, `load`, `save`).

The files are the session layer's (game.session.storage, `app.storage`: where they go, their formats, what can go
wrong); here a problem becomes a notice in the player's language, its English detail going to the error stream. The
session and model modules (and numpy) load when the first game starts or loads, so the title shows without them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from game.session.storage import Problem
from game.ui import classgame


def new_game(app, level_id: str, role: str, seed: int, *, turns: int | None, classroom, group: str | None):
    """A new game in play (App.new_game says what `classroom` and `group` do)."""
    from game.session.session import GameSession

    return _begin(app, GameSession(app.content, level_id, role, seed, turns=turns), classroom, group)


def load(app, path: Path) -> str:
    """Load a save into `app.play`; a message for the player when it cannot ("" on success)."""
    loaded = app.storage.load(app.content, path)
    if isinstance(loaded, Problem):
        return save_problem(app, loaded)
    session, header = loaded
    # a class game (after a crash, Continue): back into its class, its log and, if projected, its votes
    _begin(app, session, classgame.session_of_save(path, header), header.get("group"))
    return ""


def _begin(app, session, classroom, group: str | None):
    """`session` is the game in play now: in its class when it is a class game, projected for a class vote, logged."""
    from game.ui.play import Play

    play = app.play = Play(session, autosave=lambda done: autosave(app, done))
    if classroom is not None:
        play.classroom, play.group, play.mode = classroom, group, classroom.mode
    app.projector = play.class_vote  # the next screen (the city) themes for it: see App.replace
    start_log(app, play)
    return play


def start_log(app, play) -> None:
    """Every game writes its decision log, turn by turn (game.ui.classgame says where)."""
    path, extra = classgame.log_target(play)
    problem = app.storage.open_log(play.session, path, extra)
    if problem is None:
        play.logger = lambda record, votes: _log_turn(app, record, votes)
    else:
        _log_failed(app, problem)


def _log_turn(app, record, votes: list[dict] | None) -> None:
    problem = app.storage.write_turn(record, votes)
    if problem is not None:
        _log_failed(app, problem)


def _log_failed(app, problem: Problem) -> None:
    print(f"plaza: {problem.detail}", file=sys.stderr)
    app.say(app.texts("classroom.log_failed", error=problem.path.name))


def autosave(app, session) -> None:
    """After every finished turn (Play calls it)."""
    problem = app.storage.autosave(session, app.class_fields())
    if problem is not None:
        app.say(save_problem(app, problem))


def save(app, path: Path | None = None) -> Path | None:
    """Save now (the completed turns); returns where, or None with a notice saying why not."""
    if app.play is None:
        return None
    done = app.storage.save(app.play.session, path, app.class_fields())
    if isinstance(done, Problem):
        app.say(save_problem(app, done))
        return None
    app.say(app.texts("notice.saved", path=done.name))
    return done


def save_problem(app, problem: Problem) -> str:
    """What went wrong with a save, in the player's language; the English detail goes to the error stream."""
    print(f"plaza: {problem.detail}", file=sys.stderr)
    return app.texts(f"save_error.{problem.kind}", file=problem.path.name)
