"""Students join on the projector: the switch that starts the web server (game.classweb) for this game, what the
phones are shown (built from the same card the projector shows, in both languages), and the reconciliation each
frame between the phones' votes and the teacher's Vote.

The server belongs to the window while the switch is on (`app.students_join`); it stops when the teacher turns it
off, when the game ends (the debrief) or with the window. The teacher locks, reveals, overrides (types a count)
and adopts on the projector only: the phones follow (`sync`).
"""

from __future__ import annotations

import contextlib
import secrets

import pygame

from game.classweb.app import create_app
from game.classweb.limits import Limits
from game.classweb.qr import modules
from game.classweb.room import LANGS, Room
from game.classweb.server import ClassServer, classroom_address
from game.classweb.views import CardView, OptionView, ReportLine, ReportView
from game.ui import indicators
from game.ui.texts import Texts
from game.ui.vote import LETTERS, Vote, letter
from game.ui.widgets import letter as key_letter

WOKEN = pygame.event.custom_type()  # posted by the server's thread when a phone votes: the window wakes and draws
REPORT_LINES = 4  # headline values a phone shows between votes


class StudentsJoin:
    """The room, its server and what the projector shows about them."""

    def __init__(self, room: Room, server: ClassServer, code: str):
        self.room, self.server, self.code = room, server, code
        self.occ = None  # the card the room's round is about
        self.report = None  # the report the phones were last given
        self._qr: tuple[int, pygame.Surface] | None = None

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def short_address(self) -> str:
        return f"{self.server.host}:{self.server.port}"

    def qr(self, size: int) -> pygame.Surface:
        """The join address (with the code after #, so the page fills it in) as a crisp square of `size` px."""
        if self._qr is None or self._qr[0] != size:
            rows = modules(f"{self.url}#code={self.code}")
            n = len(rows)
            cell = max(1, size // n)
            image = pygame.Surface((n * cell, n * cell))
            image.fill((255, 255, 255))
            for y, row in enumerate(rows):
                for x, dark in enumerate(row):
                    if dark:
                        image.fill((0, 0, 0), pygame.Rect(x * cell, y * cell, cell, cell))
            self._qr = (size, image)
        return self._qr[1]

    def stop(self) -> None:
        self.server.stop()


def of(app) -> StudentsJoin | None:
    return getattr(app, "students_join", None)


def page_strings(content) -> dict[str, dict[str, str]]:
    return {k: {lang: getattr(v, lang) for lang in LANGS} for k, v in content.strings.items() if "students.page." in k}


def turn_on(app, host: str | None = None, limits: Limits | None = None) -> StudentsJoin | str:
    """Start the server for the game on the projector; the StudentsJoin, or what went wrong (for the teacher)."""
    if (running := of(app)) is not None:
        return running
    t, play = app.texts, app.play
    host = host or classroom_address()
    if host is None:
        return t("students.projector.no_network", key=key_letter(t, "vote_students"))
    session = play.classroom if play is not None else None
    code = (session.code if session is not None else "") or "-".join(secrets.token_hex(2).upper() for _ in range(2))
    groups = list(session.groups) if session is not None and session.groups else ["1"]
    room = Room(code, groups, limits)
    try:
        server = ClassServer(create_app(room, page_strings(app.content), t.lang), host)
        started = server.start()
    except OSError as exc:
        return t("students.projector.failed", reason=exc.strerror or str(exc))
    if not started:
        server.stop()
        return t("students.projector.failed", reason="uvicorn")
    room.listen(_wake)
    app.students_join = StudentsJoin(room, server, code)
    return app.students_join


def turn_off(app) -> None:
    running = of(app)
    if running is not None:
        running.stop()
        app.students_join = None


def _wake(token: str | None = None) -> None:
    with contextlib.suppress(pygame.error):  # the window is closing
        pygame.event.post(pygame.event.Event(WOKEN))


# --- what the phones are shown ---------------------------------------------------------------------------------------


def card_view(play, occ) -> CardView:
    """The card the projector shows (its Occurrence), as typed data in every language."""
    texts = {lang: Texts(play.content, lang) for lang in LANGS}
    level = play.session.level

    def each(get) -> dict[str, str]:
        return {lang: get(t) for lang, t in texts.items()}

    place = level.districts[occ.district].name if occ.district is not None else level.city.name
    options = tuple(
        OptionView(
            state.option.id,
            letter(i),
            each(lambda t, s=state: t.pick(s.option.label)),
            each(lambda t, s=state: t.pick(s.option.stakes)) if state.option.stakes is not None else None,
            bool(state.enabled),
        )
        for i, state in enumerate(occ.options[: len(LETTERS)])
    )
    return CardView(
        occ.event.id,
        each(lambda t: occ.title(t.lang, play.world)),
        each(lambda t: occ.text(t.lang, play.world)),
        each(lambda t: t.pick(place)),
        play.turn,
        play.session.turns,
        options,
    )


def report_view(play) -> ReportView | None:
    """The last finished quarter in short form: the decisions on its cards and the city's values that moved most."""
    if not play.reports:
        return None
    quarter = play.reports[-1]
    texts = {lang: Texts(play.content, lang) for lang in LANGS}
    decisions = []
    for fired in quarter.events:
        if fired.option is None:
            continue
        event = play.content.events.get(fired.event)
        option = next((o for o in getattr(event, "options", ()) if o.id == fired.option), None)
        label = {lang: t.pick(option.label) if option is not None else fired.option for lang, t in texts.items()}
        decisions.append({lang: f"{fired.title.get(lang, '')}: {label[lang]}" for lang in LANGS})
    readings = {lang: indicators.city_readings(play, t) for lang, t in texts.items()}
    # the values that got better or worse first (in the panel's order), then the others
    moved = sorted(range(len(readings["en"])), key=lambda i: readings["en"][i].verdict == "neutral")
    lines = tuple(
        ReportLine(
            {lang: readings[lang][i].label for lang in LANGS},
            {lang: readings[lang][i].text for lang in LANGS},
            {lang: readings[lang][i].change_text for lang in LANGS},
            readings["en"][i].verdict,
        )
        for i in moved[:REPORT_LINES]
    )
    return ReportView(quarter.turn, play.session.turns, tuple(decisions), lines)


# --- each frame ----------------------------------------------------------------------------------------------------


def sync(app, occ, vote: Vote | None) -> bool:
    """Bring the room and the teacher's vote together: a new card opens a round, the phones' new votes go into the
    tally, the teacher's lock, reveal and adoption go to the phones. True when the tally changed."""
    running = of(app)
    if running is None or vote is None or occ is None:
        return False
    room = running.room
    if running.occ is not occ:
        running.occ = occ
        room.open_round(card_view(app.play, occ))
        _tell_report(app, running)
    vote.log_steps = True
    added = False
    for ballot in room.drain():
        added = vote.add_phone(ballot.option, ballot.device, ballot.group, ballot.at) or added
    shares = {o: round(vote.share(o), 3) for o in vote.options} if vote.revealed else None
    if (room.locked, room.revealed) != (vote.locked, vote.revealed) or (shares and shares != room.shares):
        room.set(locked=vote.locked, revealed=vote.revealed, shares=shares)  # the phones show the projector's bars
    if vote.done and not room.closed:
        room.close_round(vote.adopted)
    return added


def answered(app) -> None:
    """The card was answered: the phones see the choice, and the report when the quarter just ended."""
    running = of(app)
    if running is not None:
        if not running.room.closed:
            running.room.close_round(None)
        _tell_report(app, running)


def _tell_report(app, running: StudentsJoin) -> None:
    play = app.play
    latest = play.reports[-1] if play is not None and play.reports else None
    if latest is not None and latest is not running.report:
        running.report = latest
        running.room.show_report(report_view(play))


def presence_line(app) -> str:
    """ "Phones: 18 of 24 voted" for the card's status ("" when the switch is off)."""
    running = of(app)
    if running is None:
        return ""
    joined, by_group = running.room.presence()
    voted = sum(v for v, _ in by_group.values())
    return app.texts("students.projector.phones", voted=voted, joined=joined)


def by_group_line(app) -> str:
    """Who has voted, by group (never by name): "A 6/8 · B 7/8"."""
    running = of(app)
    if running is None:
        return ""
    _, by_group = running.room.presence()
    t = app.texts
    return " · ".join(t("students.projector.group_count", group=g, voted=v, joined=j) for g, (v, j) in by_group.items())
