"""The text of the projector debrief's pages about the class's own game: the timeline of its choices, how the
class split on each vote (text bars), the questions to discuss, and which vote was the closest. A mixin of
ProjectorDebriefScene: it reads the scene's `app`, `t`, `found` and `played`.
"""

from __future__ import annotations

from game.events.world import placeholder_names, render
from game.ui.scenes.debrief.analysis import pct, question_keys, questions_html
from game.ui.texts import markup
from game.ui.vote import letter

BAR_CELLS = 20  # the text bars of the debrief's split page


def closest_vote(ballots: dict[int, list[dict]], turns: int) -> tuple[int, dict, str] | None:
    """The vote the class was most divided on (the smallest lead of the adopted option over the runner-up, the
    latest such vote on a tie), and the runner-up option: (turn, vote, runner-up option id)."""
    best = None
    for turn in sorted(ballots):
        if turn > turns:
            continue
        for vote in ballots[turn]:
            adopted = vote.get("adopted")
            others = sorted(((n, o) for o, n in vote["tally"].items() if o != adopted), reverse=True)
            if adopted is None or not others:
                continue
            lead = vote["tally"].get(adopted, 0) - others[0][0]
            if best is None or lead <= best[0]:
                best = (lead, turn, vote, others[0][1])
    return None if best is None else best[1:]


class ClassDebriefTexts:
    """The HTML of the timeline, split and questions pages, and the names of the events and options in it."""

    def option_label(self, event_id: str, option_id: str | None) -> tuple[str, str]:
        """(letter, label) of an option of an event."""
        event = self.app.play.content.events.get(event_id)
        if event is None or option_id is None:
            return "", option_id or ""
        for i, option in enumerate(event.options):
            if option.id == option_id:
                return letter(i), self.t.pick(option.label)
        return "", option_id

    def title_of(self, turn: int, event_id: str, district) -> str:
        play = self.app.play
        session = play.session
        event = play.content.events.get(event_id)
        if event is None:
            return event_id
        if isinstance(district, str):
            ids = list(session.world.district_ids)
            district = ids.index(district) if district in ids else None
        lang = self.t.lang
        return render(event.title, lang, placeholder_names(session.level, session.role, turn, lang, district))

    def votes_of(self, turn: int) -> list[dict]:
        return self.app.play.ballots.get(turn, [])

    def timeline_html(self) -> str:
        t, play = self.t, self.app.play
        content = play.content
        out = [markup(t("projector.timeline_intro"))]
        if not play.session.records:
            out.append(markup(t("projector.nothing_played")))
        for record in play.session.records:
            lines = [f"<b>{markup(t('projector.quarter', turn=record.turn))}</b>"]
            votes = {(v["event"], v["district"]): v for v in self.votes_of(record.turn)}
            ids = list(play.session.world.district_ids)
            for e in record.events:
                title = self.title_of(record.turn, e["event"], e.get("district"))
                if e.get("option") is None:
                    lines.append(f"• {markup(t('projector.event_no_choice', title=title))}")
                    continue
                mark, label = self.option_label(e["event"], e["option"])
                district = ids.index(e["district"]) if e.get("district") in ids else None
                vote = votes.get((e["event"], district))
                how = (
                    t(
                        f"projector.how.{vote['source']}",
                        votes=vote["tally"].get(e["option"], 0),
                        total=sum(vote["tally"].values()),
                    )
                    if vote
                    else ""
                )
                lines.append(f"• {markup(t('projector.event_choice', title=title, letter=mark, label=label, how=how))}")
            measures = []
            for c in record.commands:
                m = content.measures.get(c["measure"])
                name = t.pick(m.name) if m is not None else c["measure"]
                if c.get("district"):
                    d = next((x for x in play.session.level.districts if x.id == c["district"]), None)
                    name = t("projector.measure_in", measure=name, district=t.pick(d.name) if d else c["district"])
                measures.append(name)
            lines.append(
                markup(
                    t("projector.measures", measures="; ".join(measures) if measures else t("projector.no_measures"))
                )
            )
            out.append("<br>".join(lines))
        return "<br><br>".join(out)

    def split_html(self) -> str:
        t, pal = self.t, self.app.palette
        out = [markup(t("projector.split_intro"))]
        closest = closest_vote(self.app.play.ballots, self.played)
        any_vote = False
        for turn in range(1, self.played + 1):
            for vote in self.votes_of(turn):
                any_vote = True
                total = sum(vote["tally"].values())
                head = t(
                    "projector.split_head",
                    turn=turn,
                    title=self.title_of(turn, vote["event"], vote["district"]),
                    total=total,
                )
                lines = [f"<b>{markup(head)}</b>"]
                for option, count in vote["tally"].items():
                    mark, label = self.option_label(vote["event"], option)
                    share = count / total if total else 0.0
                    cells = round(share * BAR_CELLS)
                    bar = "█" * cells + "░" * (BAR_CELLS - cells)
                    text = t("projector.split_row", letter=mark, label=label, count=count, percent=pct(share))
                    row = f"<font color='{pal.accent}'>{bar}</font> {markup(text)}"
                    if option == vote.get("adopted"):
                        adopted = t(f"projector.split_adopted.{vote['source']}")
                        row = f"<b>{row} {markup(adopted)}</b>"
                    lines.append(row)
                if closest is not None and closest[0] == turn and closest[1] is vote:
                    lines.append(f"<font color='{pal.muted}'>{markup(t('projector.split_closest'))}</font>")
                out.append("<br>".join(lines))
        if not any_vote:
            out.append(markup(t("projector.no_votes")))
        return "<br><br>".join(out)

    def class_questions_html(self) -> str:
        seen = [d.id for d in self.found if d.seen]
        keys = ["projector.q.minority", "projector.q.take_back", *question_keys(self.app.play.session.role, seen)[:4]]
        return questions_html(self.t, keys)
