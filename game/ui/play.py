"""The game as the screens see it: one `Play` wraps a GameSession and walks a quarter step by step.

No pygame here: scenes read `Play` and call its methods (the commands); tests drive it directly too.

A quarter, as the player meets it:
  stage "events"  — turn-start events, one card at a time (`pending` is the card, `answer(option)` the choice);
  stage "plan"    — choose measures (`plan`, `unplan`, `check`), then `end_turn()`;
  stage "events"  — after-measures events, the city moves one quarter, then the turn-end events;
  stage "report"  — `report` holds what changed and why; `next_turn()` starts the next quarter,
  stage "over"    — after the last quarter's report: the debrief.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from game.content.loader import ContentSet
from game.events.engine import Occurrence
from game.events.trace import TurnTrace
from game.session import readings
from game.session.commands import AdoptMeasure
from game.session.headlines import Headline
from game.session.refusals import AlreadyPlanned, Refusal
from game.session.session import GameSession

Autosave = Callable[[GameSession], None]
# Writes one finished turn to the decision log: (the turn record, the class's ballots on that turn's cards — None
# when the game has no class vote).
TurnLogger = Callable[[object, list[dict] | None], None]


@dataclass
class FiredEvent:
    """One event of the quarter, as the report tells it."""

    event: str
    district: str | None
    option: str | None
    hook: str
    title: dict[str, str]  # rendered, per language
    why: list[str]
    paper: str
    held: tuple = ()  # the event's conditions that held, typed (game.content.condition_parts)
    chance: float | None = None  # drawn from a pool with this chance
    follow_up_of: str | None = None  # the cause that scheduled it


@dataclass
class Quarter:
    """Everything the turn report shows about one finished quarter."""

    turn: int
    before: dict
    after: dict
    causes: dict[tuple[str, int | None], list[tuple[str, float]]]  # (value name, district index) -> terms
    events: list[FiredEvent] = field(default_factory=list)
    commands: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    ended: list[dict] = field(default_factory=list)
    trace: TurnTrace | None = None  # the event engine's record, worded when the F3 overlay shows it
    refusals: list[Refusal] = field(default_factory=list)  # the typed reasons behind `rejected`
    headlines: list[Headline] = field(default_factory=list)  # the session's record: the biggest story first


class Play:
    def __init__(
        self,
        session: GameSession,
        autosave: Autosave | None = None,
        initial: dict | None = None,
        logger: TurnLogger | None = None,
    ):
        self.session = session
        self.content: ContentSet = session.content
        self.autosave = autosave
        self.logger = logger  # every finished turn goes to the decision log (App opens it)
        # a class session (game.classfiles.session.ClassSession), its group label and mode, when this is a class
        # game; the projector's class votes, per turn: the `votes` entries of the decision log
        self.classroom = None
        self.group: str | None = None
        self.mode: str | None = None
        self.ballots: dict[int, list[dict]] = {}
        self.stopped = False  # the game was ended before its term (stop)
        # turn 0 is the city as the level sets it; a loaded game rebuilds it from a fresh session
        if initial is None:
            initial = (
                session.model.indicators(session.run)
                if not session.records
                else GameSession(
                    session.content, session.level.id, session.role, session.seed, explain=False
                ).model.indicators()
            )
        self.history: list[dict] = [initial] + [r.indicators for r in session.records]
        self.planned: list[AdoptMeasure] = []
        self.report: Quarter | None = None
        self.reports: list[Quarter] = []
        self._runs: list = []  # hook runs still to play this quarter, in order
        self._run = None
        self._shown: tuple[Occurrence, Occurrence] | None = None  # the card waiting, and the card as offered
        self._before: dict = {}
        self._fired: list[FiredEvent] = []
        self.stage = "over" if session.finished else "idle"
        # in-game hints (game/ui/hints.py): ids dismissed with "Got it", and the switch that turns them all off;
        # kept for this game only, not in saves
        self.hints_dismissed: set[str] = set()
        self.hints_off = False

    # --- reading ---------------------------------------------------------------------------------------

    @property
    def world(self):
        return self.session.world

    @property
    def turn(self) -> int:
        return self.session.turn

    @property
    def pending(self) -> Occurrence | None:
        """The event card waiting for an answer, if any, as this player meets it: options the content keeps to the
        other role (`roles:` on an option, the engine's RoleOnly) belong to the other actor and are not offered at
        all. The same card is the same object until it is answered."""
        occ = self._run.pending if self._run is not None else None
        if occ is None:
            return None
        if self._shown is None or self._shown[0] is not occ:
            offered = [state for state in occ.options if state.closed is None]
            self._shown = (occ, dataclasses.replace(occ, options=offered))
        return self._shown[1]

    def values(self, district: int | None = None):
        return self.world.values(district)

    def spent(self) -> dict[str, float]:
        """Resources the planned measures would cost: nothing once the quarter is closed, when the session has paid
        them out of the world's values (the end-of-quarter cards and the report would otherwise subtract them twice).
        """
        out: dict[str, float] = {}
        if self.stage != "plan":
            return out
        for cmd in self.planned:
            for resource, amount in self.content.measures[cmd.measure].cost.items():
                out[resource] = out.get(resource, 0.0) + amount
        return out

    def check(self, command: AdoptMeasure) -> Refusal | None:
        """Why this measure cannot be planned now (None when it can); game.ui.refusal_text says it."""
        if command in self.planned:
            return AlreadyPlanned(command.measure, command.district)
        return self.session.check(command, self.spent())

    # --- commands --------------------------------------------------------------------------------------

    def start(self) -> None:
        """Begin the next quarter: its turn-start events come first."""
        if self.stage not in ("idle", "report"):
            raise RuntimeError(f"cannot start a quarter during {self.stage}")
        if self.session.finished:
            self.stage = "over"
            return
        self._before = self.session.model.indicators(self.session.run)
        self._fired = []
        self.planned = []
        self._run = self.session.begin_turn()
        self.stage = "events"
        self._settle(after="plan")

    def plan(self, command: AdoptMeasure) -> Refusal | None:
        refusal = self.check(command)
        if refusal is None:
            self.planned.append(command)
        return refusal

    def unplan(self, command: AdoptMeasure) -> None:
        if command in self.planned:
            self.planned.remove(command)

    def end_turn(self) -> None:
        if self.stage != "plan":
            raise RuntimeError(f"cannot end the turn during {self.stage}")
        self._run = self.session.submit(list(self.planned))
        self.stage = "events"
        self._settle(after="advance")

    @property
    def class_vote(self) -> bool:
        return self.mode == "class_vote"

    def answer(self, option_id: str | None, ballot: dict | None = None) -> None:
        """Take an option on the waiting card; `ballot` is the class vote that chose it (game.ui.vote)."""
        occ = self.pending
        if occ is None:
            raise RuntimeError("no event is waiting for an answer")
        if ballot is not None:
            self.ballots.setdefault(self.session.turn, []).append(dict(ballot))
        lang_titles = {lang: occ.title(lang, self.world) for lang in ("en", "es")}
        self._run.choose(option_id)
        self._fired.append(
            FiredEvent(
                occ.event.id,
                occ.district_id,
                option_id,
                self._run.hook,
                lang_titles,
                list(occ.why),
                occ.event.paper,
                occ.held,
                occ.chance,
                occ.follow_up_of,
            )
        )
        self._settle(after=self._after)

    def next_turn(self) -> None:
        if self.stage != "report":
            raise RuntimeError(f"no report to leave during {self.stage}")
        if self.session.finished:
            self.stage = "over"
        else:
            self.start()

    def stop(self) -> None:
        """End the game now (a class jumps to its debrief): the quarter under way is dropped — it was not logged
        — and the debrief covers the quarters finished so far."""
        self._run = None
        self.planned = []
        self.stopped = True
        self.stage = "over"

    # --- internals -------------------------------------------------------------------------------------

    def _settle(self, after: str) -> None:
        """Show the next card of the current hook, or move on once the hook has none left."""
        self._after = after
        while True:
            if self._run is not None and self._run.next() is not None:
                return  # a card is waiting
            if after == "plan":
                self.stage = "plan"
                self._run = None
                return
            if after == "advance":
                self._run = self.session.advance()
                after = self._after = "finish"
                continue
            self._finish()
            return

    def _finish(self) -> None:
        session = self.session
        model = session.model
        record = session.finish_turn()
        causes = (  # the session reads them when it explains (it keeps them with its headlines)
            record.causes
            if session.explain
            else readings.causes(
                model.ledger, readings.explained(self.content), session.run, len(session.world.district_ids)
            )
        )
        self.report = Quarter(
            record.turn,
            self._before,
            record.indicators,
            causes,
            self._fired,
            list(record.commands),
            list(record.rejected),
            list(record.ended),
            session.engine.trace,
            list(record.refusals),
            list(record.headlines),
        )
        self.reports.append(self.report)
        self.history.append(record.indicators)
        self._run = None
        self.stage = "report"
        if self.logger is not None:
            self.logger(record, list(self.ballots.get(record.turn, [])) if self.class_vote else None)
        if self.autosave is not None:
            self.autosave(session)
