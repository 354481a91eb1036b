"""Which screen the game shows next: whatever the game in progress is waiting for.

Every scene that moves the game on (a card answered, a turn ended, a report closed, a game loaded) calls
`show_current(app)` instead of choosing the next scene itself, so the order of screens lives in one place:
  plan → the city;  events → the city with the event card over it;  report → the turn report;
  over → the debrief.
It asks the app for each screen by name (game.ui.routes), so it imports none of them.
A projected class-vote game (game.ui.scenes.projector) shows the class's vote card instead of the event card and
the projector debrief instead of the debrief.
"""

from __future__ import annotations


def show_current(app) -> None:
    play = app.play
    if play is None:
        app.replace("title")
        return
    if play.stage == "idle":
        play.start()
    if play.stage == "plan":
        app.replace("city")
    elif play.stage == "events":
        app.replace("city")
        app.open("vote_card" if play.class_vote else "event_card")
    elif play.stage == "report":
        app.replace("report")
    else:
        app.replace("projector_debrief" if play.class_vote else "debrief")
