"""What `plaza replay` prints, in the user's language. Loaded only when a log is replayed (`plaza replay`), so
the other commands do not import the replay's or the screens' wording modules."""

from __future__ import annotations

from game import __version__
from game.cli_language import CliTexts
from game.session.replay import Divergence, ReplayResult
from game.session.session import GameSession
from game.ui import refusal_text
from game.ui.texts import Texts


def replay_report(result: ReplayResult, t: CliTexts) -> str:
    """What `plaza replay` prints, in the user's language: one line for a match, the first difference otherwise
    (the English is ReplayResult.report's, word for word)."""
    h = result.header
    game = t("cli.replay.game", level=h["level"], role=h["role"], seed=h["seed"])
    lines = [t("cli.replay.truncated", detail=result.truncated)] if result.truncated else []
    n = result.turns_checked
    d = result.first_divergence
    if d is None:
        line = t("cli.replay.nothing", game=game) if n == 0 else t.count("cli.replay.identical", n, game=game)
        if n < h["turns"]:
            line += t("cli.replay.stops", n=n, turns=h["turns"])
        return "\n".join([*lines, line])
    if d.turn > 2:
        same = t("cli.replay.same_until", last=d.turn - 1)
    else:
        same = t("cli.replay.same_first" if d.turn == 2 else "cli.replay.first_differs")
    lines.append(t("cli.replay.different", game=game, turn=d.turn, same=same))
    lines.append("  " + (d.message if t.lang == "en" else _divergence(d, t, result.session)))
    if h.get("plaza") != __version__:
        lines.append("  " + t("cli.replay.versions", made=h.get("plaza"), this=__version__))
    return "\n".join(lines)


def _divergence(d: Divergence, t: CliTexts, session: GameSession | None = None) -> str:
    """The first difference in the user's words; the ids (events, indicators, districts) are the log's own. A
    refusal is told from its typed data (the game window's own sentences), never from the session's English."""
    if d.what == "event":
        logged, replayed = _event_words(d.logged, t), _event_words(d.replayed, t)
        if d.reason:
            return t("cli.replay.option_refused", turn=d.turn, event=logged, reason=_option_words(d, t, session))
        if d.replayed is None:
            return t("cli.replay.not_fired", turn=d.turn, event=logged)
        return t("cli.replay.fired_instead", turn=d.turn, event=replayed, expected=logged)
    if d.what == "command":
        if d.reason:
            return t("cli.replay.measures_refused", turn=d.turn, reason=_refusal_words(d, t, session))
        return t("cli.replay.measures_differ", turn=d.turn)
    if d.logged is None or d.replayed is None:
        key = "cli.replay.log_no_indicator" if d.logged is None else "cli.replay.plaza_no_indicator"
        return t(key, turn=d.turn, name=d.what)
    name = t("cli.replay.in_place", name=d.what, place=d.place) if d.place else d.what
    return t("cli.replay.value", turn=d.turn, name=name, logged=repr(d.logged), replayed=repr(d.replayed))


def _refusal_words(d: Divergence, t: CliTexts, session: GameSession | None) -> str:
    """Why the logged measure is refused now, as the game window says it: "<measure>: <why>", the district by its
    name in the level."""
    if session is None or d.refusal is None:
        return d.reason
    content = session.content
    words = Texts(content, t.lang)
    measure = content.measures.get(d.refusal.measure)
    name = words.pick(measure.name) if measure is not None else d.refusal.measure
    where = getattr(d.refusal, "district", None)
    place = next((words.pick(x.name) for x in session.level.districts if x.id == where), where)
    return f"{name}: {refusal_text.refusal(content, words, d.refusal, place)}"


def _option_words(d: Divergence, t: CliTexts, session: GameSession | None) -> str:
    """Why the logged option cannot be taken now; an option the event does not have at all is said so."""
    option = d.logged.get("option") if isinstance(d.logged, dict) else None
    if d.option is None:
        return t("cli.replay.no_such_option" if option is not None else "cli.replay.option_missing", option=option)
    if session is None:
        return d.reason
    words = Texts(session.content, t.lang)
    return refusal_text.option_closed(session.content, words, d.option) or t("cli.replay.option_closed")


def _event_words(event: dict | None, t: CliTexts) -> str:
    if not event:
        return t("cli.replay.no_event")
    key = "cli.replay.event_in" if event.get("district") else "cli.replay.event"
    return t(key, event=event.get("event"), district=event.get("district"), hook=event.get("hook"))
