"""What happened in the game, read from its history, for the debrief (and the projector's debrief): every
district at the start and the end of the term, the dynamics of the paper that showed up, the questions to discuss,
and the number formats they are told in. No pygame: tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.content.dynamics import dynamic_of as content_dynamic_of
from game.session.weights import city_mean, living
from game.ui.texts import markup

KINDS = ("rich", "middle", "poor", "rural")

# The district values the debrief compares; which way is good for residents is declared in content
# (game.session.meaning).
DISTRICT_VALUES = (
    "district.victimisation",
    "district.fear",
    "district.oc_control",
    "district.social_trust",
    "district.gov_trust",
    "district.militia",
)
SAME = 0.005  # changes smaller than half a point read as "about the same"

DYNAMICS = ("retaliation", "exclusion", "distrust", "militia", "fear", "responsibility", "crowding", "pressure")
# The debrief tells the content's nine dynamics (game.content.dynamics: an event's first tag) as the paper's eight:
# betrayal by infiltrated police with retaliation, programmes and costs as responsibility shifted onto citizens —
# except costs to the public budget (the `budget` tag), which are security spending crowding out the rest.
DEBRIEF_DYNAMIC = {
    "retaliation": "retaliation",
    "infiltration": "retaliation",
    "exclusion": "exclusion",
    "distrust": "distrust",
    "militia": "militia",
    "fear": "fear",
    "programmes": "responsibility",
    "costs": "responsibility",
    "pressure": "pressure",
}


def dynamic_of(event) -> str | None:
    """The debrief dynamic of an event: its content dynamic, told as one of the paper's eight (same grouping as the
    class report's)."""
    found = content_dynamic_of(event)
    if found == "costs" and "budget" in (event.tags or ()):
        return "crowding"
    return DEBRIEF_DYNAMIC.get(found)


def city_average(play, snapshot: dict, name: str) -> float:
    """A district value as one city figure at `snapshot`, weighted by the households living in each district then."""
    return city_mean([float(v) for v in snapshot[name]], living(play.session, snapshot))


@dataclass
class DistrictOutcome:
    index: int
    id: str
    name: dict  # {en, es}
    kind: str
    start: dict[str, float]
    end: dict[str, float]

    @property
    def change(self) -> float:
        return self.end["district.victimisation"] - self.start["district.victimisation"]

    @property
    def verdict(self) -> str:
        return "protected" if self.change < -SAME else "exposed" if self.change > SAME else "same"


def district_outcomes(play) -> list[DistrictOutcome]:
    first, last = play.history[0], play.history[-1]
    out = []
    for i, d in enumerate(play.session.level.districts):
        out.append(
            DistrictOutcome(
                i,
                d.id,
                {"en": d.name.en, "es": d.name.es},
                d.kind,
                {name: float(first[name][i]) for name in DISTRICT_VALUES},
                {name: float(last[name][i]) for name in DISTRICT_VALUES},
            )
        )
    return out


def kind_average(play, snapshot: dict, name: str, kind: str) -> float | None:
    districts = play.session.level.districts
    weights = living(play.session, snapshot)
    pairs = [(float(snapshot[name][i]), weights[i]) for i, d in enumerate(districts) if d.kind == kind]
    if not pairs:
        return None
    return city_mean([v for v, _ in pairs], [w for _, w in pairs])


def victimisation_gap(play, snapshot: dict) -> float | None:
    poor = kind_average(play, snapshot, "district.victimisation", "poor")
    rich = kind_average(play, snapshot, "district.victimisation", "rich")
    return None if poor is None or rich is None else poor - rich


@dataclass
class Dynamic:
    id: str
    events: list[tuple[int, str, int | None]] = field(default_factory=list)  # (turn, event id, district index)
    evidence: dict[str, float] = field(default_factory=dict)  # numbers for its evidence sentence
    by_figures: bool = False  # the end-of-term figures show it

    @property
    def seen(self) -> bool:
        return bool(self.events) or self.by_figures


def dynamics(play, mine: dict[str, float]) -> list[Dynamic]:
    """Every dynamic, with the events of this game that belong to it and what the figures say."""
    content, session = play.content, play.session
    found = {d: Dynamic(d) for d in DYNAMICS}
    ids = list(session.world.district_ids)
    for record in session.records:
        for e in record.events:
            event = content.events.get(e["event"])
            dynamic = dynamic_of(event) if event is not None else None
            if dynamic is not None:
                district = ids.index(e["district"]) if e.get("district") in ids else None
                found[dynamic].events.append((record.turn, e["event"], district))
    first, last = play.history[0], play.history[-1]

    def avg(snapshot: dict, name: str) -> float:
        return city_average(play, snapshot, name)

    def city(snapshot: dict, name: str) -> float:
        return float(snapshot.get(name, 0.0))

    f = found["retaliation"]
    f.evidence = {"count": mine["retaliations"]}
    f.by_figures = mine["retaliations"] >= 1
    gap0, gap1 = victimisation_gap(play, first), victimisation_gap(play, last)
    if gap0 is not None and gap1 is not None:
        found["exclusion"].evidence = {"start": gap0, "end": gap1}
        found["exclusion"].by_figures = gap1 > gap0 + SAME
    t0, t1 = avg(first, "district.social_trust"), avg(last, "district.social_trust")
    found["distrust"].evidence = {"start": t0, "end": t1}
    found["distrust"].by_figures = t1 < t0 - 2 * SAME
    found["militia"].evidence = {"strength": mine["militia_strength"], "capture": mine["militia_capture"]}
    found["militia"].by_figures = mine["militia_strength"] > 0.05 and mine["militia_capture"] > 0.1
    fear0, fear1 = avg(first, "district.fear"), avg(last, "district.fear")
    v0, v1 = avg(first, "district.victimisation"), avg(last, "district.victimisation")
    found["fear"].evidence = {
        "hidden": mine["cifra_negra"],
        "fear_start": fear0,
        "fear_end": fear1,
        "crime_start": v0,
        "crime_end": v1,
    }
    found["fear"].by_figures = (fear1 < fear0 - SAME and v1 > v0 - SAME) or mine["cifra_negra"] > 0.8
    a0, a1 = city(first, "city.attribution"), city(last, "city.attribution")
    found["responsibility"].evidence = {"start": a0, "end": a1}
    found["responsibility"].by_figures = a1 < a0 - 4 * SAME
    s0, s1 = city(first, "city.security_share"), city(last, "city.security_share")
    i0, i1 = city(first, "city.investment_share"), city(last, "city.investment_share")
    found["crowding"].evidence = {"sec_start": s0, "sec_end": s1, "inv_start": i0, "inv_end": i1}
    found["crowding"].by_figures = s1 > s0 + 4 * SAME or i1 < i0 - 4 * SAME
    p0, p1 = city(first, "city.pressure"), city(last, "city.pressure")
    found["pressure"].evidence = {"start": p0, "end": p1}
    found["pressure"].by_figures = abs(p1 - p0) > 10 * SAME
    return [found[d] for d in DYNAMICS]


def questions_html(t, keys: list[str]) -> str:
    """The questions to discuss (string keys), numbered, under the debrief's heading and introduction."""
    items = [f"<b>{i}.</b> {markup(t(k))}" for i, k in enumerate(keys, 1)]
    return f"<b>{markup(t('debrief.discuss'))}</b><br>{markup(t('debrief.q.intro'))}<br><br>" + "<br><br>".join(items)


def question_keys(role: str, seen: list[str]) -> list[str]:
    """Four to six questions: first those about dynamics that showed up, then general ones."""
    keys = [f"debrief.q.{role}.{d}" for d in seen[:4]]
    keys += [f"debrief.q.{role}.general_1", f"debrief.q.{role}.general_2"]
    for d in ("fear", "pressure", "exclusion"):
        if len(keys) >= 4:
            break
        key = f"debrief.q.{role}.{d}"
        if key not in keys:
            keys.append(key)
    return keys[:6]


def pct(value: float, digits: int = 0) -> str:
    return f"{value * 100:.{digits}f}%".replace("-", "−")


def points(value: float) -> str:
    return f"{value * 100:.1f}".replace("-", "−")


def points_signed(value: float) -> str:
    return f"{value * 100:+.1f}".replace("-", "−")
