"""The event engine fires events from YAML fixtures, with a fixed seed, and its trace says why."""

from pathlib import Path

import numpy as np
import pytest

from game.content.loader import load_content
from game.events.engine import EngineMemory, EventEngine, auto_choose
from game.events.trace import Chosen, Dropped, Fired, FollowUp, PoolRoll
from game.events.world import DictWorld

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def content():
    result = load_content([MINI])
    assert result.ok, [str(d.where) + " " + d.message for d in result.errors]
    return result.content


def make(content, seed=1, **level_changes):
    level = content.levels["mini"].model_copy(update=level_changes)
    world = DictWorld(content, level, "official")
    return EventEngine(content, level, "official"), world, np.random.default_rng(seed)


def test_fixture_has_no_warnings():
    assert load_content([MINI]).diagnostics == []


def test_pool_roll_traces_candidates_weights_and_roll(content):
    # GIVEN the mini city: North has little criminal control, South a lot and high fear
    engine, world, rng = make(content, seed=3)
    engine.begin_turn(1)
    # WHEN the turn-start pool is rolled
    occ = engine.run_hook("turn_start", world, rng).next()
    roll = engine.trace.of(PoolRoll)[0]
    north, south = roll.candidates
    # THEN North fails its condition with the actual value, South is weighted base 10 ×2 for its fear
    assert not north.eligible and north.reasons == ["district.oc_control 0.1 > 0.4 ✗"]
    assert south.eligible and south.weight == 20
    assert south.weight_terms[0] == "base 10" and south.weight_terms[1].startswith("×2 (district.fear 0.7 > 0.6 ✓")
    assert roll.none_weight == 5 and roll.total == 25 and south.chance == pytest.approx(0.8)
    assert 0 <= roll.roll < 25
    # and the pick matches the roll: below the nothing-happens weight nothing fires
    if roll.roll < 5:
        assert occ is None and roll.picked is None
    else:
        assert occ.event.id == "threat" and occ.district_id == "south" and roll.picked == "threat[south]"


def fire_threat(content, seed_start=0):
    """Find a seed whose first roll fires the threat (the roll is random, the search is deterministic)."""
    for seed in range(seed_start, seed_start + 50):
        engine, world, rng = make(content, seed=seed)
        engine.begin_turn(1)
        run = engine.run_hook("turn_start", world, rng)
        occ = run.next()
        if occ is not None:
            return engine, world, rng, run, occ
    raise AssertionError("the threat never fired in 50 seeds")


def test_fired_event_applies_immediate_effects_and_says_why(content):
    engine, world, _rng, _run, occ = fire_threat(content)
    assert world.districts[1]["fear"] == pytest.approx(0.75)  # on_fire: +0.05 in South only
    assert world.districts[0]["fear"] == pytest.approx(0.3)
    fired = engine.trace.of(Fired)[0]
    assert fired.why[0] == "district.oc_control 0.8 > 0.4 ✓"
    assert "drawn from pool start with chance 80%" in fired.why[1]
    assert fired.changes == ["district.fear[south] 0.7 → 0.75 (+0.05) (event:threat)"]
    assert occ.title("es", world) == "Una amenaza en Sur"
    assert occ.title("en", world) == "A threat in South"


def test_option_unavailable_shows_reason(content):
    engine, world, rng = make(content)
    world.player["budget"] = 10
    engine.begin_turn(1)
    occ = engine.fire(content.events["threat"], 1, world, rng, "turn_start", "test", [])
    protect, ignore = occ.options
    assert not protect.enabled and protect.reason == "player.budget 10 >= 50 ✗"
    assert ignore.enabled
    with pytest.raises(ValueError, match="unavailable"):
        engine.resolve(occ, "protect", world, rng)


def test_choice_schedules_follow_up_that_fires_when_due(content):
    # GIVEN the threat fired and the player looks away
    engine, world, rng, run, _occ = fire_threat(content)
    chosen = run.choose("ignore")
    assert isinstance(chosen, Chosen) and chosen.option == "ignore"
    follow = engine.trace.of(FollowUp)[0]
    assert follow.event == "reprisal" and follow.district == "south" and follow.due_turn in (2, 3)
    assert "ignored_threat" in engine.memory.flags
    # WHEN the turns pass
    fired_at = None
    for turn in (2, 3):
        engine.begin_turn(turn)
        for occ2, _ in engine.run_hook_auto("turn_start", world, rng):
            if occ2.event.id == "reprisal":
                fired_at = turn
                assert occ2.district_id == "south"
                assert occ2.via == "follow-up from event:threat/ignore"
    # THEN the reprisal fires on its due turn, in the same district
    assert fired_at == follow.due_turn


def test_cooldown_blocks_refiring(content):
    engine, world, rng, run, _occ = fire_threat(content)
    run.choose("protect")
    engine.begin_turn(2)
    engine.run_hook("turn_start", world, rng).next()
    south = engine.trace.of(PoolRoll)[0].candidates[1]
    assert not south.eligible
    assert south.reasons[0] == "cooling down: fired on turn 1, cooldown 2 turns"


def test_the_cooldown_runs_city_wide_so_the_card_does_not_move_next_door(content):
    engine, world, rng, run, occ = fire_threat(content)
    run.choose("protect")
    engine.begin_turn(2)
    engine.run_hook("turn_start", world, rng).next()
    threat = [c for c in engine.trace.of(PoolRoll)[0].candidates if c.event == "threat"]
    others = [c for c in threat if c.district != occ.district_id]
    assert others and not any(c.eligible for c in others)
    assert others[0].reasons[0] == "cooling down: fired elsewhere in the city on turn 1, cooldown 2 turns"


def test_cooldown_scope_district_cools_each_district_apart(content, monkeypatch):
    apart = content.events["threat"].model_copy(update={"cooldown_scope": "district"})
    monkeypatch.setitem(content.events, "threat", apart)
    engine, world, rng, run, occ = fire_threat(content)
    run.choose("protect")
    engine.begin_turn(2)
    engine.run_hook("turn_start", world, rng).next()
    threat = [c for c in engine.trace.of(PoolRoll)[0].candidates if c.event == "threat"]
    here = [c for c in threat if c.district == occ.district_id]
    assert not here[0].eligible and here[0].reasons[0] == "cooling down: fired on turn 1, cooldown 2 turns"
    others = [c for c in threat if c.district != occ.district_id]
    assert others and not any("cooling" in r for c in others for r in c.reasons)


def test_zero_delay_follow_up_fires_in_same_hook_and_once_holds(content):
    engine, world, rng = make(content, seed=0)
    world.city["transparency"] = 0.5
    for turn in range(1, 8):
        engine.begin_turn(turn)
        done = engine.run_hook_auto(
            "turn_end", world, rng, chooser=lambda occ, r: "open" if occ.event.id == "audit" else auto_choose(occ, r)
        )
        ids = [occ.event.id for occ, _ in done]
        if "audit" in ids:
            assert ids == ["audit", "backlash"]  # the follow-up fired right after, in the same hook
            break
    else:
        raise AssertionError("the audit never fired")
    engine.begin_turn(turn + 1)
    engine.run_hook_auto("turn_end", world, rng)
    audit = engine.trace.of(PoolRoll)[0].candidates[0]
    assert not audit.eligible and audit.reasons[0] == f"fires once, and fired on turn {turn}"


def test_cap_defers_follow_ups(content):
    # GIVEN a cap of one event per turn, and an audit that fired and scheduled a zero-delay backlash
    engine, world, rng = make(content, seed=0, max_events_per_turn=1)
    engine.begin_turn(1)
    run = engine.run_hook("turn_end", world, rng)
    occ = engine.fire(content.events["audit"], None, world, rng, "turn_end", "test", [])
    engine.resolve(occ, "open", world, rng)
    # WHEN the hook asks for the next event
    assert run.next() is None
    # THEN the backlash is deferred to the next turn and the pool is skipped, both with the reason
    dropped = engine.trace.of(Dropped)
    assert dropped[0].event == "backlash" and "cap on events per turn" in dropped[0].reason
    assert engine.memory.queue[0].due_turn == 2
    assert engine.trace.of(PoolRoll)[-1].note == "skipped: the cap on events per turn is reached"


def test_nothing_happens_weight_matches_its_share(content):
    # 5 of 25 weight is "nothing happens": over many independent rolls, about 20%
    engine, world, rng = make(content, seed=11)
    nothing = 0
    n = 2000
    for _ in range(n):
        engine.begin_turn(1)
        engine.memory = EngineMemory()
        if engine.run_hook("turn_start", world, rng).next() is None:  # we only count the draws
            nothing += 1
    share = nothing / n
    assert 0.17 < share < 0.23, share


def test_same_seed_same_trace_and_different_seed_differs(content):
    def play(seed):
        engine, world, rng = make(content, seed=seed)
        world.city["transparency"] = 0.5
        traces = []
        for turn in range(1, 7):
            engine.begin_turn(turn)
            for hook in ("turn_start", "after_measures", "turn_end"):
                engine.run_hook_auto(hook, world, rng)
            traces.append(engine.trace.to_dict())
        return traces, world.districts, world.city, engine.memory.to_dict()

    assert play(5) == play(5)
    assert any(play(5)[0] != play(s)[0] for s in (6, 7, 8))


def test_memory_round_trips(content):
    engine, _world, _rng, run, _occ = fire_threat(content)
    run.choose("ignore")
    data = engine.memory.to_dict()
    assert EngineMemory.from_dict(data).to_dict() == data
    assert data["queue"][0]["event"] == "reprisal"


def test_role_filter(content):
    event = content.events["threat"].model_copy(update={"roles": ["organizer"]})
    engine, world, _rng = make(content)
    engine.begin_turn(1)
    reasons, _ = engine.eligibility(event, 1, world, engine.context(world, 1))
    assert reasons[0] == "only for the organizer"


def test_trace_reads_like_an_explanation(content):
    engine, _world, _rng, run, _occ = fire_threat(content)
    run.choose("ignore")
    text = engine.trace.format()
    assert "pool start (turn_start): nothing-happens weight 5, total 25" in text
    assert "✗ threat[north]: district.oc_control 0.1 > 0.4 ✗" in text
    assert "✓ threat[south]: weight 20 = base 10 ×2" in text
    assert "→ 80%" in text
    assert "player chose ignore in threat" in text
    assert "reprisal[south] scheduled by event:threat/ignore for turn" in text


def test_fast_mode_plays_the_same_game(content):
    """Bots run without full explanations; the game they play must be the same, draw for draw."""

    def play(explain):
        level = content.levels["mini"]
        world = DictWorld(content, level, "official")
        world.city["transparency"] = 0.5
        engine, rng = EventEngine(content, level, "official", explain=explain), np.random.default_rng(9)
        fired = []
        for turn in range(1, 7):
            engine.begin_turn(turn)
            for hook in ("turn_start", "after_measures", "turn_end"):
                fired += [(turn, o.event.id, o.district_id, c) for o, c in engine.run_hook_auto(hook, world, rng)]
        rolls = [(e.pool, e.roll, e.picked) for e in engine.trace.of(PoolRoll)]
        return fired, world.districts, world.city, rolls

    slow, fast = play(True), play(False)
    assert slow == fast
    assert slow[0], "the game should have fired events"
