"""A tour of every screen of the game, in play order, for the layout test and the screenshot tool.

`tour(app)` shows each screen in turn (it drives the game through Play's commands, as a player's clicks would)
and yields its name once the screen is drawn; the caller looks at it (layout check, screenshot) before asking
for the next one.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.ui import classgame
from game.ui.flow import show_current
from game.ui.vote import Vote


def _answer_first(play) -> None:
    play.answer(next((o.option.id for o in play.pending.options if o.enabled), None))


def walk_to(app, stages: tuple[str, ...], plan=None) -> None:
    """Play on (first available option of each card, `plan(play)` or nothing as measures) to one of `stages`."""
    play = app.play
    if play.stage == "idle":
        play.start()
    while play.stage not in stages:
        if play.stage == "events":
            _answer_first(play)
        elif play.stage == "plan":
            if plan is not None:
                plan(play)
            play.end_turn()
        elif play.stage == "report":
            play.next_turn()
        else:
            break
    show_current(app)


def _vote_first(play) -> None:
    """A class vote on the waiting card: most hands for the first open option, one for each other; adopted."""
    occ = play.pending
    vote = Vote(occ.event.id, occ.district, [s.option.id for s in occ.options], [s.enabled for s in occ.options])
    if not vote.any_open:
        play.answer(None)
        return
    for i, ok in enumerate(vote.open):
        if ok:
            vote.select(i)
            vote.type_digit(1)
    vote.select(next(i for i, ok in enumerate(vote.open) if ok))
    vote.bump(7)
    vote.adopt_majority()
    play.answer(vote.adopted, ballot=vote.record())


def vote_to(app, stages: tuple[str, ...]) -> None:
    """Like walk_to, for a class-vote game: every card is voted on (so the projector debrief has ballots)."""
    play = app.play
    if play.stage == "idle":
        play.start()
    while play.stage not in stages:
        if play.stage == "events":
            _vote_first(play)
        elif play.stage == "plan":
            play.end_turn()
        elif play.stage == "report":
            play.next_turn()
        else:
            break
    show_current(app)


def class_tour(app, shown, level: str, role: str, seed: int) -> Iterator[str]:
    """The class-session screens: Class session (home, create, the session's code, join with a mistyped code), and a
    projected class-vote game: the vote card (hidden tally, a tie, adopted), pause, the debrief confirmation and
    the projector debrief's six phases."""
    from game.classfiles.session import new_session, write_session

    session = new_session(app.content, level, role, seed=seed, turns=3, lang=app.settings.language, mode="class_vote")
    write_session(session, classgame.session_folder(session))
    scene = app.replace("classroom")
    yield shown("classroom")
    scene.go("create")
    yield shown("classroom-create")
    scene.go("session", session)
    yield shown("classroom-session")
    scene.go("join")
    scene.error = app.texts("classroom.code.mistyped")
    scene.rebuild()
    yield shown("classroom-join")
    app.new_game(
        session.level, session.role, session.seed, turns=session.turns, classroom=session, group=session.groups[0]
    )
    vote_to(app, ("events",))
    card = app.top
    vote = card.vote
    vote.type_digit(9)
    card.rebuild()
    yield shown("vote_card")
    open_ = [i for i, ok in enumerate(vote.open) if ok]
    if len(open_) > 1:
        vote.select(open_[1])
        vote.type_digit(9)
        vote.toggle_lock()
        vote.adopt_majority()
        card.rebuild()
        yield shown("vote_card-tie")
        vote.pick()
    else:
        vote.pick()
    card.rebuild()
    yield shown("vote_card-adopted")
    app.open("pause")
    yield shown("pause")
    app.pop()
    app.open("confirm_debrief")
    yield shown("confirm_debrief")
    app.pop()
    card.go_on()
    vote_to(app, ("over",))
    settle(app)
    yield shown("projector_debrief")
    for page in app.top.pages()[1:]:
        app.top.show_page(page)
        settle(app)
        yield shown(f"projector_debrief-{page}")
    # a group's game of a session joined by code: the ordinary screens, and the debrief with Export
    groups = new_session(app.content, level, role, seed=seed, turns=1, lang=app.settings.language)
    app.new_game(groups.level, groups.role, groups.seed, turns=groups.turns, classroom=groups, group="Equipo 2")
    walk_to(app, ("over",))
    settle(app)
    yield shown("debrief-class")


def settle(app, seconds: float = 60.0) -> None:
    """Let background work on the top screen finish (the debrief's comparison), then draw."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.frame([], 0.05)
        ready = getattr(app.top, "comparison_ready", None)
        if ready is None or ready():
            break
        time.sleep(0.02)
    app.dirty = True
    app.frame([], 0.05)


def tour(
    app, level: str = "border_city", role: str = "official", seed: int = 5, guided: str = "first_steps"
) -> Iterator[str]:
    def shown(name: str) -> str:
        app.dirty = True
        app.frame([], 0.05)
        return name

    app.replace("title")
    yield shown("title")
    app.open("glossary")
    yield shown("glossary")
    app.pop()
    app.open("settings")
    yield shown("settings")
    app.pop()
    app.open("load")
    yield shown("load")
    app.replace("setup")
    yield shown("setup")
    app.replace("briefing", level, role, seed)
    yield shown("briefing")
    app.new_game(level, role, seed)
    walk_to(app, ("events",))
    yield shown("event_card")
    walk_to(app, ("plan",))
    yield shown("city")
    app.open("history")
    yield shown("history")
    app.pop()
    walk_to(app, ("report",))
    yield shown("report")
    app.open("trace")
    yield shown("trace")
    app.pop()
    walk_to(app, ("over",))
    settle(app)
    yield shown("debrief")
    for page in getattr(app.top, "pages", lambda: [])()[1:]:
        app.top.show_page(page)
        yield shown(f"debrief-{page}")
    # the guided level: its hints on the event card, the city and the report; the glossary over a game
    if guided in app.content.levels:
        app.new_game(guided, role, seed)
        walk_to(app, ("events",))
        yield shown("hint-event_card")
        walk_to(app, ("plan",))
        yield shown("hint-city")
        app.open("glossary")
        yield shown("glossary-city")
        app.pop()
        walk_to(app, ("report",))
        yield shown("hint-report")
    yield from class_tour(app, shown, level, role, seed)
