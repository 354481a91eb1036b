"""Every screen by name: the one place that imports all the scene modules (issue 14).

A scene that opens another asks the app for it by name (`app.open("history")`, `app.replace("title")`,
`app.open("message", title, text)`), and `flow.show_current` routes the game's stage the same way, so the scene
modules do not import each other and nothing imports a scene module to open it. `App.scene` looks names up here;
the app imports this module on the first screen it opens, not when it is imported (the debrief loads numpy).

A name is the scene's `name` (what `PROJECTED` and the tests see), except the class briefing, whose `name` is
"briefing" like the briefing it extends.
"""

from __future__ import annotations

from game.ui.scene import Scene
from game.ui.scenes.briefing import BriefingScene
from game.ui.scenes.city import CityScene, LeaveScene
from game.ui.scenes.classroom import ClassBriefingScene, ClassroomScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.event_card import EventCardScene
from game.ui.scenes.glossary import GlossaryScene
from game.ui.scenes.history import HistoryScene
from game.ui.scenes.load import LoadScene
from game.ui.scenes.overlays import DiagnosticsOverlay, MessageOverlay, TraceOverlay
from game.ui.scenes.projector import ConfirmDebriefScene, PauseScene, ProjectorDebriefScene, VoteCardScene
from game.ui.scenes.report import ReportScene
from game.ui.scenes.settings import SettingsScene
from game.ui.scenes.setup import SetupScene
from game.ui.scenes.title import RecoveryDialog, TitleScene

SCENES: dict[str, type[Scene]] = {
    scene.name: scene
    for scene in (
        TitleScene,
        RecoveryDialog,
        SetupScene,
        BriefingScene,
        LoadScene,
        SettingsScene,
        ClassroomScene,
        CityScene,
        LeaveScene,
        EventCardScene,
        ReportScene,
        HistoryScene,
        DebriefScene,
        GlossaryScene,
        MessageOverlay,
        DiagnosticsOverlay,
        TraceOverlay,
        VoteCardScene,
        PauseScene,
        ConfirmDebriefScene,
        ProjectorDebriefScene,
    )
}
SCENES["class_briefing"] = ClassBriefingScene
