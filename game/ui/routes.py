"""Every screen by name: the one place that imports all the scene modules (issue 14).

A scene that opens another asks the app for it by name (`app.open("history")`, `app.replace("title")`,
`app.open("message", title, text)`), and `flow.show_current` routes the game's stage the same way, so the scene
modules do not import each other and nothing imports a scene module to open it. `App.scene` looks names up here;
each scene module is imported the first time one of its screens opens (the city and the debrief load numpy).

A name is the scene's `name` (what `PROJECTED` and the tests see), except the class briefing, whose `name` is
"briefing" like the briefing it extends.
"""

from __future__ import annotations

import importlib

from game.ui.scene import Scene

# name -> (module, class). A scene module is imported the first time one of its screens is asked for, so the
# title appears without loading the city's and the debrief's numpy-heavy readings (tests/ui/test_routes.py checks
# that every entry resolves to a scene whose `name` is its key).
WHERE: dict[str, tuple[str, str]] = {
    "title": ("game.ui.scenes.title", "TitleScene"),
    "recovery": ("game.ui.scenes.title", "RecoveryDialog"),
    "setup": ("game.ui.scenes.setup", "SetupScene"),
    "briefing": ("game.ui.scenes.briefing", "BriefingScene"),
    "load": ("game.ui.scenes.load", "LoadScene"),
    "settings": ("game.ui.scenes.settings", "SettingsScene"),
    "classroom": ("game.ui.scenes.classroom.scene", "ClassroomScene"),
    "class_briefing": ("game.ui.scenes.classroom.scene", "ClassBriefingScene"),
    "city": ("game.ui.scenes.city.scene", "CityScene"),
    "leave": ("game.ui.scenes.city.leave", "LeaveScene"),
    "event_card": ("game.ui.scenes.event_card", "EventCardScene"),
    "report": ("game.ui.scenes.report", "ReportScene"),
    "history": ("game.ui.scenes.history", "HistoryScene"),
    "debrief": ("game.ui.scenes.debrief.scene", "DebriefScene"),
    "glossary": ("game.ui.scenes.glossary", "GlossaryScene"),
    "message": ("game.ui.scenes.overlays", "MessageOverlay"),
    "diagnostics": ("game.ui.scenes.overlays", "DiagnosticsOverlay"),
    "trace": ("game.ui.scenes.overlays", "TraceOverlay"),
    "vote_card": ("game.ui.scenes.projector.vote_card", "VoteCardScene"),
    "pause": ("game.ui.scenes.projector.pause", "PauseScene"),
    "confirm_debrief": ("game.ui.scenes.projector.pause", "ConfirmDebriefScene"),
    "projector_debrief": ("game.ui.scenes.projector.debrief", "ProjectorDebriefScene"),
}

# Screens a projected class-vote game shows at the largest text size (the game's screens and its debrief).
PROJECTED = frozenset(
    {
        "city",
        "event_card",
        "vote_card",
        "report",
        "history",
        "trace",
        "debrief",
        "pause",
        "projector_debrief",
        "confirm_debrief",
        "message",
        "glossary",
    }
)


def scene_class(name: str) -> type[Scene]:
    """The scene class of the screen called `name`; KeyError for a name that is not routed here."""
    if name not in WHERE:
        raise KeyError(f"no scene called {name!r}: add it to game/ui/routes.py")
    module, cls = WHERE[name]
    return getattr(importlib.import_module(module), cls)
