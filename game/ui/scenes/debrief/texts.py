"""The text of the debrief's tabs, as pygame_gui HTML in the player's language: the districts, the dynamics
with their events and evidence, the comparison with simulated games (a metric in its declared unit, a little
histogram per metric) and the questions. A mixin of DebriefScene: it reads the scene's `app`, `t`, `outcomes`,
`found`, `comparer` and `placements`.
"""

from __future__ import annotations

from game.events.world import placeholder_names, render
from game.session import meaning
from game.ui.scenes.debrief.analysis import (
    DISTRICT_VALUES,
    KINDS,
    SAME,
    Dynamic,
    kind_average,
    pct,
    points,
    points_signed,
    question_keys,
    questions_html,
    victimisation_gap,
)
from game.ui.texts import markup

MAX_EVENTS = 5  # events listed per dynamic before "and N more"

STRIP = "▁▂▃▄▅▆▇█"
MARK = "┃"


class DebriefTexts:
    """The HTML of each tab, built from what the scene found when it opened."""

    def colour(self, text: str, good: bool | None) -> str:
        pal = self.app.palette
        if good is None:
            return markup(text)
        return f"<font color='{pal.good if good else pal.bad}'>{markup(text)}</font>"

    def muted(self, text: str) -> str:
        return f"<font color='{self.app.palette.muted}'>{markup(text)}</font>"

    def districts_html(self) -> str:
        t = self.t
        play = self.app.play
        state = play.content.state["district"]
        out = []
        ordered = sorted(self.outcomes, key=lambda o: o.change)
        protected = [o for o in ordered if o.verdict == "protected"]
        exposed = [o for o in reversed(ordered) if o.verdict == "exposed"]

        def names(items):
            return ", ".join(
                t("debrief.districts.change", name=t.pick(o.name), change=points_signed(o.change)) for o in items
            )

        if protected:
            out.append(f"<b>{markup(t('debrief.districts.protected'))}</b> {markup(names(protected))}.")
        else:
            out.append(f"<b>{markup(t('debrief.districts.none_protected'))}</b>")
        if exposed:
            out.append(f"<b>{markup(t('debrief.districts.exposed'))}</b> {markup(names(exposed))}.")
        else:
            out.append(f"<b>{markup(t('debrief.districts.none_exposed'))}</b>")
        first, last = play.history[0], play.history[-1]
        kinds = []
        for kind in KINDS:
            a = kind_average(play, first, "district.victimisation", kind)
            b = kind_average(play, last, "district.victimisation", kind)
            if a is not None:
                kinds.append(
                    markup(
                        t("debrief.districts.by_kind", kinds=t(f"debrief.kinds.{kind}"), start=pct(a, 1), end=pct(b, 1))
                    )
                )
        out.append("<br>".join(kinds))
        gap0, gap1 = victimisation_gap(play, first), victimisation_gap(play, last)
        if gap0 is not None:
            which = "grew" if gap1 > gap0 + SAME else "shrank" if gap1 < gap0 - SAME else "same"
            out.append(
                self.colour(
                    t(f"debrief.districts.gap_{which}", start=points(gap0), end=points(gap1)),
                    None if which == "same" else which == "shrank",
                )
            )
        out.append(self.muted(t("debrief.districts.legend")))
        for o in self.outcomes:
            verdict = t(f"debrief.districts.verdict_{o.verdict}")
            head = t(
                "debrief.districts.heading", name=t.pick(o.name), kind=t(f"debrief.kind.{o.kind}"), verdict=verdict
            )
            good = {"protected": True, "exposed": False}.get(o.verdict)
            lines = []
            for name in DISTRICT_VALUES:
                a, b = o.start[name], o.end[name]
                delta = b - a
                arrow = "=" if abs(delta) < SAME else "▲" if delta > 0 else "▼"
                better = None if arrow == "=" else meaning.is_better(play.content, name, delta)
                label = t.pick(state[name.split(".", 1)[1]].label)
                text = t("debrief.districts.value", label=label, start=pct(a, 1), end=pct(b, 1), arrow=arrow)
                lines.append(self.colour(text, better))
            out.append(f"<b>{self.colour(head, good)}</b><br>" + "<br>".join(lines))
        meanings = [
            f"<b>{markup(t.pick(state[n.split('.', 1)[1]].label))}</b>: "
            f"{markup(t.pick(state[n.split('.', 1)[1]].meaning))}"
            for n in DISTRICT_VALUES
        ]
        out.append(f"<b>{markup(t('debrief.districts.meanings'))}</b><br>" + "<br>".join(meanings))
        return "<br><br>".join(out)

    def event_title(self, turn: int, event_id: str, district: int | None) -> str:
        play = self.app.play
        session = play.session
        event = play.content.events[event_id]
        lang = self.t.lang
        return render(event.title, lang, placeholder_names(session.level, session.role, turn, lang, district))

    def dynamics_html(self) -> str:
        t = self.t
        out = [markup(t("debrief.dyn.intro"))]
        seen = [d for d in self.found if d.seen]
        for d in seen:
            key = f"debrief.dyn.{d.id}"
            parts = [f"<b>{markup(t(key + '.name'))}</b>"]
            if d.events:
                items = [
                    t("debrief.dyn.event", turn=turn, title=self.event_title(turn, e, district))
                    for turn, e, district in d.events[:MAX_EVENTS]
                ]
                if len(d.events) > MAX_EVENTS:
                    items.append(t("debrief.dyn.more_events", count=len(d.events) - MAX_EVENTS))
                parts.append(markup(t("debrief.dyn.events")) + " " + markup("; ".join(items)) + ".")
            if d.evidence:
                parts.append(markup(t(key + ".evidence", **self.evidence_values(d))))
            parts.append(markup(t(key + ".explain")))
            parts.append(
                f"{self.muted(t(key + '.passage'))}<br>{markup(t('debrief.dyn.source', section=t(key + '.section')))}"
            )
            out.append("<br>".join(parts))
        unseen = [t(f"debrief.dyn.{d.id}.name") for d in self.found if not d.seen]
        if not seen:
            out.append(markup(t("debrief.dyn.none")))
        if unseen:
            out.append(self.muted(t("debrief.dyn.not_seen", names=", ".join(unseen))))
        return "<br><br>".join(out)

    @staticmethod
    def evidence_values(d: Dynamic) -> dict[str, str]:
        e = d.evidence
        if d.id == "retaliation":
            return {"count": f"{e['count']:.0f}"}
        if d.id == "exclusion":
            return {"start": points(e["start"]), "end": points(e["end"])}
        if d.id == "militia":
            return {"strength": pct(e["strength"]), "capture": pct(e["capture"])}
        return {k: pct(v, 1 if k.startswith("crime") else 0) for k, v in e.items()}

    def format_metric(self, name: str, value: float) -> str:
        """A metric in its declared unit: a percentage, percentage points, a count of cases, or a number."""
        unit = meaning.unit(self.app.play.content, name)
        if unit == "points":
            return self.t("debrief.cmp.points", value=points(value))
        if unit == "count":
            return self.t("debrief.cmp.cases", value=f"{value:.1f}".removesuffix(".0"))
        if unit == "share":
            return pct(value, 1)
        return f"{value:.2f}".replace("-", "−")

    def strip_html(self, p) -> str:
        """A little histogram of the simulated games, from the lowest value to the highest, with a heavy bar ┃ in
        the accent colour just before the bin where the player's game fell."""
        pal = self.app.palette
        top = max(p.histogram) or 1
        bars = "".join(STRIP[min(len(STRIP) - 1, round(count / top * (len(STRIP) - 1)))] for count in p.histogram)
        before, after = bars[: p.player_bin], bars[p.player_bin :]
        return (
            f"{markup(self.format_metric(p.metric, p.lo))} <font color='{pal.muted}'>{before}</font>"
            f"<font color='{pal.accent}'><b>{MARK}</b></font><font color='{pal.muted}'>{after}</font> "
            f"{markup(self.format_metric(p.metric, p.hi))}"
        )

    def comparison_html(self) -> str:
        t = self.t
        c = self.comparer
        if c is not None and c.error:
            return markup(t("debrief.cmp.failed", error=c.error))
        if self.placements is None:
            return ""
        session = self.app.play.session
        sim = c.result
        out = [
            markup(
                t(
                    "debrief.cmp.intro",
                    runs=f"{sim.runs:,}",
                    city=t.pick(session.level.city.name),
                    role=t.pick(session.level.roles.get(session.role).title),
                    turns=sim.turns,
                    bots=len(sim.bots),
                    each=round(sim.runs / max(1, len(sim.bots))),
                )
            ),
            self.muted(t("debrief.cmp.strip_legend")),
        ]
        for p in self.placements:
            direction = t("debrief.cmp.higher_better" if p.good_when == meaning.HIGHER else "debrief.cmp.lower_better")
            name = t(f"debrief.metric.{p.metric}.name")
            lines = [
                f"<b>{markup(name)}</b> ({markup(direction)}): {markup(t(f'debrief.metric.{p.metric}.meaning'))}",
                self.strip_html(p),
                "<b>"
                + markup(
                    t("debrief.cmp.yours", value=self.format_metric(p.metric, p.player), better=f"{p.better_than:.0f}%")
                )
                + "</b>",
                markup(
                    t(
                        "debrief.cmp.range",
                        median=self.format_metric(p.metric, p.median),
                        p10=self.format_metric(p.metric, p.p10),
                        p90=self.format_metric(p.metric, p.p90),
                    )
                ),
                markup(
                    t(
                        "debrief.cmp.best",
                        bot=t(f"debrief.bot.{p.best_bot}"),
                        median=self.format_metric(p.metric, p.best_bot_median),
                    )
                ),
            ]
            out.append("<br>".join(lines))
        return "<br><br>".join(out)

    def questions_html(self) -> str:
        return questions_html(self.t, question_keys(self.app.play.session.role, [d.id for d in self.found if d.seen]))
