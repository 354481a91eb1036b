"""Which screen the game shows next: whatever the game in progress is waiting for.

Every scene that moves the game on (a card answered, a turn ended, a report closed, a game loaded) calls
`show_current(app)` instead of choosing the next scene itself, so the order of screens lives in one place:
  plan → the city;  events → the city with the event card over it;  report → the turn report;
  over → the debrief.
A projected class-vote game (game.ui.scenes.projector) shows the class's vote card instead of the event card and
the projector debrief instead of the debrief.
"""

from __future__ import annotations


def show_current(app) -> None:
    from game.ui.scenes.city import CityScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.event_card import EventCardScene
    from game.ui.scenes.report import ReportScene

    play = app.play
    if play is None:
        from game.ui.scenes.title import TitleScene

        app.replace(TitleScene(app))
        return
    if play.stage == "idle":
        play.start()
    if play.stage == "plan":
        app.replace(CityScene(app))
    elif play.stage == "events":
        app.replace(CityScene(app))
        if play.class_vote:
            from game.ui.scenes.projector import VoteCardScene

            app.push(VoteCardScene(app))
        else:
            app.push(EventCardScene(app))
    elif play.stage == "report":
        app.replace(ReportScene(app))
    elif play.class_vote:
        from game.ui.scenes.projector import ProjectorDebriefScene

        app.replace(ProjectorDebriefScene(app))
    else:
        app.replace(DebriefScene(app))
