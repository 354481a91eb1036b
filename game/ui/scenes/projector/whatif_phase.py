"""The projector debrief's "what if" page: the class's closest vote replayed with the runner-up option, in a
background thread (game.runs.whatif, from the game's decision log), and the key metrics of both games side by
side. A mixin of ProjectorDebriefScene: it reads the scene's `app`, `t`, `played` and `whatif_state` (the
thread, its result or error, and the vote it replays), and names events, options and metrics with the scene's
`title_of`, `option_label` (ClassDebriefTexts) and `format_metric` (the debrief's DebriefTexts).
"""

from __future__ import annotations

import threading
from types import SimpleNamespace

from game.runs.whatif import whatif
from game.session import meaning
from game.session.log import read_log
from game.ui.scenes.projector.debrief_texts import closest_vote
from game.ui.texts import markup


class WhatIfPhase:
    """The what-if page's text, and the replay behind it."""

    def whatif_html(self) -> str:
        t, pal = self.t, self.app.palette
        target = closest_vote(self.app.play.ballots, self.played)
        prompt = markup(t("projector.whatif_prompt"))
        if target is None:
            return f"{markup(t('projector.whatif_intro'))}<br><br>{prompt}<br><br>{markup(t('projector.no_votes'))}"
        turn, vote, other = target
        title = self.title_of(turn, vote["event"], vote["district"])
        a_mark, a_label = self.option_label(vote["event"], vote["adopted"])
        b_mark, b_label = self.option_label(vote["event"], other)
        head = t(
            "projector.whatif_head",
            turn=turn,
            title=title,
            letter=a_mark,
            label=a_label,
            other=b_mark,
            other_label=b_label,
        )
        out = [markup(t("projector.whatif_intro")), f"<b>{markup(head)}</b>"]
        state = self.whatif_state
        if state.get("target") != (turn, vote["event"], other):
            self.start_whatif(turn, vote["event"], other)
        if state.get("thread") is not None:
            out.append(f"<font color='{pal.muted}'>{markup(t('projector.whatif_running'))}</font>")
        elif state.get("error"):
            out.append(f"<font color='{pal.muted}'>{markup(t('projector.whatif_unavailable'))}</font>")
        elif state.get("result") is not None:
            out.append(self.whatif_table(state["result"], b_mark))
        out.append(prompt)
        return "<br><br>".join(out)

    def whatif_table(self, result, other: str) -> str:
        t = self.t
        played = result.original.end
        instead = result.alternative.end
        rows = [markup(t("projector.whatif_columns", other=other))]
        for name in meaning.key_metrics(self.app.content):  # the debrief's key metrics, as content declares
            if name not in played or name not in instead:
                continue
            a, b = played[name], instead[name]
            shown_a, shown_b = self.format_metric(name, a), self.format_metric(name, b)
            arrow = "=" if shown_a == shown_b else "▲" if b > a else "▼"
            rows.append(
                markup(
                    t(
                        "projector.whatif_row",
                        name=t(f"debrief.metric.{name}.name"),
                        played=shown_a,
                        instead=shown_b,
                        arrow=arrow,
                    )
                )
            )
        first = result.first_difference()
        rows.append(markup(t("projector.whatif_same") if first is None else t("projector.whatif_first", turn=first)))
        return "<br>".join(rows)

    def start_whatif(self, turn: int, event_id: str, option_id: str) -> None:
        """Replay this game with the other option, in the background (two games of the model)."""
        state = self.whatif_state
        state.update(target=(turn, event_id, option_id), result=None, error="")
        play, app = self.app.play, self.app
        log_path = app.log.path if app.log is not None else None
        if log_path is None:
            state["error"] = "no log"
            return

        def run() -> None:
            try:
                found = read_log(log_path)
                log = SimpleNamespace(path=log_path, header=found.header, turns=found.turns, group=play.group or "")
                state["result"] = whatif(play.content, log, turn, event_id, option_id)
            except Exception as exc:  # shown as "not available": never a crash of the debrief
                state["error"] = str(exc) or type(exc).__name__
            app.dirty = True

        thread = threading.Thread(target=run, daemon=True)
        state["thread"] = thread
        thread.start()

    def whatif_ready(self) -> bool:
        thread = self.whatif_state.get("thread")
        return thread is None or not thread.is_alive()
