"""Refusals and option gates are typed data, said in the player's language: never condition code (issue 14).

Every measure and every event option of every shipped level, in both roles and both languages, is put where it
is refused — no resources left, its values at the ends of their declared ranges, every district — and what
the screens would show is checked for code and for missing strings.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from game.content.checks import namespace
from game.content.condition_parts import AnyOf, Comparison, Generic, parts
from game.content.expressions import EvalContext, compile_condition
from game.events.engine import EventEngine
from game.events.world import DictWorld
from game.session import refusals as r
from game.session.commands import AdoptMeasure
from game.session.session import GameSession
from game.ui import refusal_text
from game.ui.texts import Texts
from tests.ui.harness import shipped_content

CODE = ("flag(", "turns_since(", "fired(", "==", ">=", "<=", "!=", "not (", "✗")
CODE += ("⟨", "_", '"', "(not ")  # a missing string, an id, a quoted value, a negated group
# in Spanish, English words are untranslated: the joiners of a condition, and the session's sentences
ENGLISH = (" and ", " or ", " not ", "not enough", "needs", "already", "at least", "below", "(now", "only ")
VALUE_NAME = re.compile(r"\b(?:district|city|player)\.[a-z]")  # "district.fear", not "… a district."
ROLES = ("official", "organizer")


def assert_words(text: str, lang: str, what: str) -> None:
    assert text.strip(), f"{what}: nothing said ({lang})"
    found = [c for c in CODE + (ENGLISH if lang == "es" else ()) if c in text] + VALUE_NAME.findall(text)
    assert not found, f"{what} ({lang}) shows {found}: {text!r}"


class Overridden:
    """The session's world with some values replaced: a situation made to refuse."""

    def __init__(self, world, values: dict):
        self._world, self._values = world, values
        self.district_ids = world.district_ids

    def values(self, district):
        return {**self._world.values(district), **self._values}

    def __getattr__(self, name):
        return getattr(self._world, name)


def extremes(content) -> list[dict]:
    """Every declared number at its lowest, then at its highest (the player's resources always plenty), so
    every comparison fails in one of them; flags and events as they are."""
    low, high = {}, {}
    for scope, decls in content.state.items():
        for name, decl in decls.items():
            if decl.type in ("float", "int") and decl.min is not None and decl.max is not None:
                low[f"{scope}.{name}"] = decl.max if scope == "player" else decl.min
                high[f"{scope}.{name}"] = decl.max
    return [low, high]


def levels(content):
    for level in content.levels.values():
        for role in ROLES:
            if level.roles.get(role) is not None:
                yield level, role


@pytest.fixture(scope="module")
def content():
    return shipped_content()


@pytest.fixture(scope="module")
def measure_refusals(content) -> list[tuple[str, r.Refusal, str | None]]:
    out = []
    for level, role in levels(content):
        session = GameSession(content, level.id, role, seed=1)
        world = session.world
        broke = {f"player.{rid}": 0.0 for rid in content.state["player"]}
        names = [d.name.en for d in level.districts]
        for measure in session.offered():
            places = (
                list(zip(world.district_ids, names, strict=True)) if measure.target == "district" else [(None, None)]
            )
            kinds = set()
            for district, place in places:
                command = AdoptMeasure(measure.id, district)
                for values in [broke, *extremes(content)]:
                    session.world = Overridden(world, values)
                    refused = session.check(command)
                    if refused is not None:
                        out.append((f"{level.id}/{role}/{measure.id}@{district}", refused, place))
                        kinds.add(type(refused))
                session.world = world
                session.active.append(session_active(measure.id, district))
                out.append((f"{level.id}/{role}/{measure.id} running", session.check(command), place))
                session.active.pop()
            wrong = None if measure.target == "district" else world.district_ids[0]
            out.append(
                (f"{level.id}/{role}/{measure.id} aimed wrong", session.check(AdoptMeasure(measure.id, wrong)), None)
            )
            if measure.cost:
                assert r.NotEnough in kinds, f"{measure.id}: never refused for its cost"
            if measure.when:
                assert r.ConditionNotMet in kinds, f"{measure.id}: its condition never failed"
        out.append((f"{level.id}/{role}/wrong target", session.check(AdoptMeasure("nope")), None))
    return out


def session_active(measure: str, district: str | None):
    from game.session.commands import ActiveMeasure

    return ActiveMeasure(measure, district, 1, 1)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_refused_measure_is_said_in_words(content, measure_refusals, lang):
    t = Texts(content, lang)
    kinds = set()
    for what, refused, place in measure_refusals:
        assert refused is not None, what
        kinds.add(type(refused))
        assert_words(refusal_text.refusal(content, t, refused, place), lang, what)
    assert {r.NotEnough, r.ConditionNotMet, r.AlreadyRunning, r.NotOffered, r.NeedsDistrict, r.WholeCity} <= kinds


def test_the_log_keeps_the_english_reason(content, measure_refusals):
    # the decision log stores `reason` (old logs replay bit for bit): the session's English sentences
    for _, refused, _ in measure_refusals:
        assert str(refused) == refused.reason
        if isinstance(refused, r.NotEnough):
            assert refused.reason.startswith(f"not enough {refused.resource}: it costs ")
        if isinstance(refused, r.ConditionNotMet):
            assert refused.reason.startswith("not possible now: ") and refused.unmet


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_closed_option_is_said_in_words(content, lang):
    t = Texts(content, lang)
    closed = 0
    for level, role in levels(content):
        engine = EventEngine(content, level, role)
        world = DictWorld(content, level, role)
        for event in content.events.values():
            for district in range(len(level.districts)) if event.scope == "district" else [None]:
                base = engine.context(world, district)
                for values in extremes(content):
                    ctx = EvalContext({**base.values, **values}, base.last_fired, base.flags, base.turn)
                    for state in engine.option_states(event, ctx):
                        if state.enabled:
                            continue
                        closed += 1
                        what = f"{level.id}/{role}/{event.id}/{state.option.id}"
                        assert_words(refusal_text.option_closed(content, t, state), lang, what)
    assert closed > 100


@pytest.mark.parametrize("lang", ["en", "es"])
def test_why_an_event_came_up_is_said_in_words(content, lang):
    t = Texts(content, lang)
    for level, role in levels(content):
        engine = EventEngine(content, level, role)
        world = DictWorld(content, level, role)
        for event in content.events.values():
            district = 0 if event.scope == "district" else None
            for values in extremes(content):
                base = engine.context(world, district)
                ctx = EvalContext({**base.values, **values}, {"x": 1}, frozenset({"streets_closed"}), 5)
                for line in refusal_text.held_lines(content, t, engine.held(event, ctx)):
                    assert_words(line, lang, f"why {event.id}")


# --- the typed clauses -------------------------------------------------------------------------------------


def _parts(content, source: str, values: dict, **ctx):
    condition = compile_condition(source, namespace(content, "district"))
    return parts(condition, EvalContext(values, **ctx))


def test_clauses_are_typed_from_the_tree_not_the_text(content):
    c = _parts(content, "0.3 <= district.fear and district.wealth < 2", {"district.fear": 0.1, "district.wealth": 1})
    assert c == (Comparison("district.fear", ">=", 0.3, 0.1, False),)
    (either,) = _parts(
        content, "district.watch >= 0.1 or district.militia >= 0.1", {"district.watch": 0.0, "district.militia": 0.0}
    )
    assert isinstance(either, AnyOf) and [p.name for p in either.parts] == ["district.watch", "district.militia"]
    kind = _parts(content, 'district.kind == "rural"', {"district.kind": "poor"})
    assert kind == (Comparison("district.kind", "==", "rural", "poor", False),)
    # what the parts cannot spell out is named by the kind of construct it reads
    assert _parts(content, 'turns_since("cuota_per_box") >= 3', {}, last_fired={"cuota_per_box": 4}, turn=5) == (
        Generic("too_recent", False),
    )
    assert _parts(content, 'not fired("registration_offer")', {}, last_fired={"registration_offer": 1}) == (
        Generic("event_happened", False),
    )
    tricky = 'not (flag("streets_closed") or turns_since("cuota_per_box") < 3)'
    assert _parts(content, tricky, {}, flags=frozenset({"streets_closed"})) == (Generic("decision_taken", False),)


def test_how_an_event_was_picked_reads_as_words(content):
    en = Texts(content, "en")
    drawn = SimpleNamespace(held=(), chance=0.03, follow_up_of=None)
    assert refusal_text.why_lines(content, en, drawn) == [en("why.drawn", chance="3%")]
    follow = SimpleNamespace(held=(), chance=None, follow_up_of="event:tip_about_lookouts/report_to_police")
    (said,) = refusal_text.why_lines(content, en, follow)
    assert "A shopkeeper knows who collects" in said


def test_shares_read_as_percent_and_names_as_labels(content):
    en, es = Texts(content, "en"), Texts(content, "es")
    protection = Comparison("city.protection", ">=", 0.3, 0.02, False)
    assert refusal_text.part(content, en, protection) == "Informer protection at least 30% (now 2%)"
    assert refusal_text.part(content, es, protection) == "Protección a denunciantes: al menos 30% (ahora 2%)"
    wealth = Comparison("district.wealth", "<", 2, 0.7, True)
    assert refusal_text.part(content, en, wealth) == "Wealth below 2.00 (now 0.70)"
    rural = Comparison("district.kind", "==", "rural", "poor", False)
    assert refusal_text.part(content, es, rural) == "Tipo de lugar: Zona rural (aquí: Colonia popular)"
