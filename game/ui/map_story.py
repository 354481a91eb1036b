"""A district's story this term, for the map's card on hover or keyboard focus: no pygame, words only.

Its four map values now beside where they stood when the term began, the events met there (this quarter first,
then earlier quarters of the term), and the player's measures acting or planned there. Every word comes from
content/ui/city.yaml in the player's language; event titles and measure names come from the content.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.events.world import render
from game.ui import indicators as ind
from game.ui import map_marks
from game.ui.texts import Texts

MAX_EVENTS = 4  # lines of events on the card; the rest are counted


@dataclass(frozen=True)
class Story:
    title: str
    values: list[str]  # "Criminal control: 31% (start of term: 28%) ▲"
    events: list[str]  # "Q3 · Retaliation against an informer"
    measures: list[str]  # "Street lighting (2 quarters left)"


def _start(play, name: str, district: int) -> float | None:
    first = play.history[0] if play.history else {}
    value = first.get(name)
    if isinstance(value, list) and district < len(value):
        return float(value[district])
    return None


def story(play, t: Texts, district: int, name: str, kind: str) -> Story:
    content = play.content
    session = play.session
    district_id = session.world.district_ids[district]
    values = play.values(district)
    lines = []
    for layer in ind.layers(content):
        spec = layer.spec
        now = float(values[spec.name])
        start = _start(play, spec.name, district)
        label = ind.label(content, spec.name, t)
        if start is None or (play.turn <= 1 and not session.records):
            lines.append(t("city.map_story_value_now", name=label, now=ind.fmt(t, spec.unit, now)))
            continue
        shown_now, shown_start = ind.fmt(t, spec.unit, now), ind.fmt(t, spec.unit, start)
        # the arrow agrees with the two numbers as written: "=" only when they read the same
        arrow = "=" if shown_now == shown_start else ("▲" if now > start else "▼")
        lines.append(t("city.map_story_value", name=label, now=shown_now, start=shown_start, arrow=arrow))
    lang = t.lang
    names = session.world.names(lang, district)
    met: list[tuple[int, str]] = []
    turns = [(r.turn, r.events) for r in session.records]
    if session.current is not None:
        turns.append((session.current.turn, session.current.events))
    for turn, events in turns:
        for event in events:
            if event.get("district") == district_id and event["event"] in content.events:
                met.append((turn, render(content.events[event["event"]].title, lang, names)))
    met.reverse()  # the latest first
    events = [t("city.map_story_event", turn=turn, title=title) for turn, title in met[:MAX_EVENTS]]
    if len(met) > MAX_EVENTS:
        events.append(t("city.map_story_more", n=len(met) - MAX_EVENTS))
    if not events:
        events = [t("city.map_story_no_events")]
    measures = []
    for active in session.active:
        if active.district == district_id:
            m = content.measures[active.measure]
            measures.append(t("city.map_story_measure", name=t.pick(m.name), left=ind.quarters(t, active.turns_left)))
    if play.stage == "plan":
        for command in play.planned:
            if command.district == district_id:
                measures.append(t("city.map_story_planned", name=t.pick(content.measures[command.measure].name)))
    if not measures:
        measures = [t("city.map_story_no_measures")]
    return Story(t("city.map_story_title", name=name, kind=kind), lines, events, measures)


def city_marks_text(play, t: Texts) -> str:
    """What acts on the whole city, for the line under the map: "Whole city: 1 event, 2 measures"."""
    totals = map_marks.totals(map_marks.marks(play).get(None, []))
    parts = []
    if totals[map_marks.EVENT]:
        parts.append(t("city.map_count_events", n=totals[map_marks.EVENT]))
    if totals[map_marks.MEASURE]:
        parts.append(t("city.map_count_measures", n=totals[map_marks.MEASURE]))
    if totals[map_marks.PLANNED]:
        parts.append(t("city.map_count_planned", n=totals[map_marks.PLANNED]))
    return t("city.map_whole_city", what=", ".join(parts)) if parts else ""
