"""The city model: pure, deterministic, batch-independent, and able to say why each value moved."""

import ast
from pathlib import Path

import numpy as np
import pytest

from game.bots import BOTS
from game.content.loader import load_content
from game.runs import batch as batch_module
from game.runs.batch import run_batch
from game.session.commands import AdoptMeasure
from game.session.session import GameSession, SessionError
from game.sim import common, militia_members
from game.sim.ledger import Ledger
from game.sim.model import CityModel

SIM = Path(__file__).resolve().parent.parent / "game" / "sim"


@pytest.fixture(scope="module")
def content():
    return load_content().content


def test_model_is_pure():
    """game/sim never imports pygame, never touches files, never keeps module-level mutable state."""
    for path in SIM.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) else [])
                assert not any(n and n.split(".")[0] in ("pygame", "os", "pathlib", "io", "random") for n in names), (
                    f"{path.name} imports {names}"
                )
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "open":
                raise AssertionError(f"{path.name} opens a file")
        for node in tree.body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(
                getattr(node, "value", None), ast.List | ast.Dict | ast.Set
            ):
                raise AssertionError(f"{path.name} keeps a mutable module-level value")


def play(content, seed, commands_by_turn, role="official", turns=6):
    session = GameSession(content, "border_city", role, seed)
    for turn in range(1, turns + 1):
        session.play_turn(commands_by_turn.get(turn, []))
    return session


def test_same_seed_same_choices_same_game(content):
    plan = {1: [AdoptMeasure("street_lighting", "riberas"), AdoptMeasure("witness_protection")]}
    a, b = play(content, 11, plan), play(content, 11, plan)
    assert [r.to_dict() for r in a.records] == [r.to_dict() for r in b.records]
    c = play(content, 12, plan)
    assert [r.indicators for r in a.records] != [r.indicators for r in c.records]


@pytest.mark.parametrize("role", ["official", "organizer"])
@pytest.mark.parametrize("bot", ["citizen_campaign", "accountability", "militia", "fear_management", "random"])
def test_a_run_plays_the_same_alone_or_in_a_batch(content, bot, role):
    """So that any run of `plaza simulate` can be replayed from its log, alone (the batch rolls events with
    numpy across runs; a lone session rolls them one by one)."""
    seeds = [5, 6, 7]
    batch = run_batch(content, "border_city", role, bot, seeds, turns=5, keep_sessions=True)
    assert any(r.commands for s in batch.sessions for r in s.records)
    for batched in batch.sessions:
        alone = GameSession(content, "border_city", role, batched.seed, explain=False, turns=5)
        for record in batched.records:
            commands = [AdoptMeasure.from_dict(c) for c in record.commands]  # what the bot chose, as logged
            options = iter(e["option"] for e in record.events)
            alone.play_turn(commands, chooser=lambda occ, rng, it=options: next(it))
            assert alone.records[-1].to_dict() == record.to_dict()


@pytest.mark.parametrize("level", ["border_city", "hot_valley"])
def test_a_run_plays_the_same_alone_or_in_a_large_batch(content, level):
    """A batch large enough that shares are counted as booleans (game.sim.common.SMALL) and pools are rolled with
    numpy across runs (more than game.runs.batch's few-run path) still gives each run its lone game, bit for bit."""
    seeds = list(range(40, 80))
    batch = run_batch(content, level, "official", "accountability", seeds, turns=4, keep_sessions=True)
    households = batch.sessions[0].model.state.households.present.size
    assert households >= common.SMALL, "the batch is too small to reach the counting path"
    assert len(seeds) > batch_module.ALONE, "the batch is too small to reach the vectorised pool rolls"
    for batched in (batch.sessions[0], batch.sessions[17], batch.sessions[-1]):
        alone = GameSession(content, level, "official", batched.seed, explain=False, turns=4)
        for record in batched.records:
            commands = [AdoptMeasure.from_dict(c) for c in record.commands]
            options = iter(e["option"] for e in record.events)
            alone.play_turn(commands, chooser=lambda occ, rng, it=options: next(it))
            assert alone.records[-1].to_dict() == record.to_dict()


def _rows(batch, r: int) -> list:
    """Everything run r of a batch ended with: its records, its final state row and its generators' states."""
    session = batch.sessions[r]
    state = session.model.state
    hh = state.households
    arrays = [state.values[k][r] for k in sorted(state.values)] + [state.inner[k][r] for k in sorted(state.inner)]
    arrays += [getattr(hh, f)[r] for f in ("fear", "willing", "watch", "lock", "rho", "pending", "wealth")]
    generators = [session.model.rng.generators[r], session.event_rng, session.bot_rng]
    return [
        [rec.to_dict() for rec in session.records],
        [a.tobytes() for a in arrays],
        [repr(g.bit_generator.state) for g in generators],
    ]


@pytest.mark.parametrize("role", ["official", "organizer"])
def test_several_bots_in_one_batch_play_their_own_games(content, role):
    """A batch may give each run its own bot (bench/fidelity.py plays an experiment's arms so), and one seed under
    several bots builds its starting city once (CityModel copies it, generators included): each run is still the
    game its bot plays in a batch of its own, to the last bit and the generators' states."""
    bots, seeds = ["citizen_campaign", "militia", "status_quo"], [5, 6, 9]
    mixed = run_batch(
        content, "border_city", role, [b for b in bots for _ in seeds], seeds * len(bots), turns=4, keep_sessions=True
    )
    assert len(seeds) * len(bots) > batch_module.ALONE >= len(seeds)  # both ways of rolling pools are compared
    for i, bot in enumerate(bots):
        alone = run_batch(content, "border_city", role, bot, seeds, turns=4, keep_sessions=True)
        assert any(r.commands for s in alone.sessions for r in s.records) or bot == "status_quo"
        for j in range(len(seeds)):
            assert _rows(mixed, i * len(seeds) + j) == _rows(alone, j), (bot, seeds[j])
            for name, values in alone.trajectory.items():
                assert np.array_equal(mixed.trajectory[name][:, i * len(seeds) + j], values[:, j]), name


def test_a_bot_given_itself_plays_as_the_one_named(content):
    """run_batch takes a bot object as well as a bot's name (an experiment's own policy): a batch that mixes the two
    plays each run as the named bot's batch does, to the last bit."""
    seeds = [5, 6, 9]
    named = run_batch(content, "border_city", "official", "citizen_campaign", seeds, turns=3)
    given = run_batch(
        content,
        "border_city",
        "official",
        [BOTS["citizen_campaign"](), "citizen_campaign", BOTS["citizen_campaign"]()],
        seeds,
        turns=3,
    )
    for name, values in named.trajectory.items():
        assert np.array_equal(given.trajectory[name], values), name
    with pytest.raises(SessionError):
        run_batch(content, "border_city", "official", [BOTS["status_quo"](), "no_such_bot", "status_quo"], seeds)


def test_ledger_explains_every_change(content):
    session = GameSession(content, "border_city", "official", 3)
    session.play_turn([AdoptMeasure("street_lighting", "riberas")])
    before = np.array(session.records[0].indicators["district.fear"])
    session.play_turn([])
    after = np.array(session.records[1].indicators["district.fear"])
    riberas = session.world.district_ids.index("riberas")
    causes = session.model.ledger.causes("district.fear", 0, riberas, threshold=0)
    assert sum(v for _, v in causes) == pytest.approx(after[riberas] - before[riberas], abs=2e-6)
    # the new lamps calm fear, more than usual, in the quarters after (in a single quarter of a district the
    # households whose fear fades may be none at all, so the term is summed over four)
    calmed = dict(causes).get("term.visible_measures", 0.0)
    for _ in range(3):
        session.play_turn([])
        calmed += dict(session.model.ledger.causes("district.fear", 0, riberas, threshold=0)).get(
            "term.visible_measures", 0.0
        )
    assert calmed < 0


def test_a_split_term_keeps_its_whole_and_the_rest_goes_to_the_open_part():
    ledger = Ledger()
    ledger.record("district.fear", "term.stories_heard", np.array([[0.05, 0.02]]))
    ledger.split("district.fear", "term.stories_heard", {"a": np.array([[0.01, 0.0]]), "b": None})
    terms = ledger.terms["district.fear"]
    assert set(terms) == {"a", "b"}
    assert terms["a"] + terms["b"] == pytest.approx(np.array([[0.05, 0.02]]))


def test_bent_figures_show_as_less_crime_in_the_news(content):
    # GIVEN two official games on the same seed, one of which manages the crime figures from the first quarter
    def news(commands) -> float:
        session = GameSession(content, "border_city", "official", 11)
        total = 0.0
        for quarter in range(4):
            session.play_turn(commands if quarter == 0 else [])
            total += sum(session.model.ledger.terms["district.fear"]["term.crime_news"][0])
        return total

    # THEN the fear the news brought, as the explanation tells it, is smaller where the figures are bent
    assert news([AdoptMeasure("suppress_statistics", None)]) < news([])


def test_taking_part_calms_a_participants_fear(content):
    # GIVEN the same city on the same seeds, with and without the feeling of control that taking part gives
    def one_quarter(control: float) -> tuple[CityModel, np.ndarray]:
        rngs = [np.random.default_rng(s) for s in range(20)]
        model = CityModel(content, content.levels["border_city"], "official", rngs, overrides={"control": control})
        hh = model.state.households
        acting = (hh.watch != 0) | (hh.protest != 0)
        model.begin_turn(1)
        model.step()
        return model, acting

    (on, acting), (off, _) = one_quarter(1.0), one_quarter(0.0)
    # WHEN a quarter has passed
    fear_on, fear_off = on.state.households.fear, off.state.households.fear
    # THEN those who watch or march end it less afraid, and everyone else exactly as afraid
    assert acting.any() and fear_on[acting].sum() < fear_off[acting].sum()
    assert np.array_equal(fear_on[~acting], fear_off[~acting]) and (fear_on <= fear_off).all()
    # AND the explanation puts the calm down to taking part only where it acts
    assert on.ledger.terms["district.fear"]["term.taking_part"].sum() < 0
    assert off.ledger.terms["district.fear"]["term.taking_part"].sum() == 0


def test_measures_cost_resources_and_move_levers(content):
    # GIVEN an official with some budget
    session = GameSession(content, "border_city", "official", 1)
    district = session.world.district_ids[0]
    budget = session.world.values(None)["player.budget"]
    lighting = session.model.state["district.lighting"][0, 0]
    # WHEN street lighting (cost 40) is adopted in the first district
    record = session.play_turn([AdoptMeasure("street_lighting", district)])
    # THEN it is paid for exactly, next to this quarter's allotment, and the district's lighting rises
    assert record.commands == [{"measure": "street_lighting", "district": district}] and not record.rejected
    allotment = session.model.ledger.causes("player.budget", 0)
    assert dict(allotment)["measure:street_lighting"] == pytest.approx(-40)
    assert record.indicators["player.budget"] == pytest.approx(budget + sum(v for _, v in allotment), abs=1e-5)
    assert session.model.state["district.lighting"][0, 0] > lighting


@pytest.mark.parametrize(
    ("command", "reason"),
    [
        (AdoptMeasure("neighborhood_watch", "riberas"), "not offered to the official"),
        (AdoptMeasure("street_lighting", None), "needs a district"),
        (AdoptMeasure("witness_protection", "riberas"), "acts on the whole city"),
        (AdoptMeasure("street_lighting", "atlantis"), "needs a district"),
    ],
)
def test_commands_that_cannot_be_carried_out_say_why(content, command, reason):
    session = GameSession(content, "border_city", "official", 1)
    record = session.play_turn([command])
    assert record.commands == [] and reason in record.rejected[0]["reason"]


def test_resources_are_real_limits(content):
    session = GameSession(content, "border_city", "organizer", 1)
    session.model.state["player.funds"][0] = 5.0
    record = session.play_turn([AdoptMeasure("private_guards", "lomas")])
    assert "not enough funds" in record.rejected[0]["reason"]


def test_unknown_level_or_role(content):
    with pytest.raises(SessionError, match="no level called"):
        GameSession(content, "nowhere", "official", 1)
    with pytest.raises(SessionError, match="cannot be played as"):
        GameSession(content, "border_city", "mayor", 1)


@pytest.mark.parametrize(
    "name",
    [
        "district.oc_control",
        # Model version 23: fear's largest drift is 0.099 (border_city's second rich district, where a few games'
        # fear climbs far); under 22 it was 0.107 and this line was a known miss.
        "district.fear",
        "district.gov_trust",
        "city.corruption",
    ],
)
def test_status_quo_is_near_steady(content, name):
    """The level's starting values are the status quo: without new measures nothing drifts far."""
    model = CityModel(content, content.levels["border_city"], "official", [np.random.default_rng(s) for s in range(20)])
    start = model.state[name].copy()
    for turn in range(1, 13):
        model.begin_turn(turn)
        model.step()
    drift = np.abs(model.state[name].mean(axis=0) - start.mean(axis=0))
    assert drift.max() < 0.1, (name, drift)


@pytest.mark.parametrize("level", ["border_city", "first_steps", "hot_valley", "metropolis"])
def test_households_start_where_their_own_rules_hold_them(content, level):
    """Beliefs and willingness to report are warmed up in the starting city, so four quarters of doing nothing
    leave the share willing to report where it was (without the warm-up it rose 1.5 to 12 times in poor
    districts, whatever the player did)."""
    model = CityModel(content, content.levels[level], "official", [np.random.default_rng(s) for s in range(20)])
    start = model.state.households.willing.mean(axis=(0, 2))
    for turn in range(1, 5):
        model.begin_turn(turn)
        model.step()
    ratio = model.state.households.willing.mean(axis=(0, 2)) / np.maximum(start, 1e-9)
    city = model.state.households.willing.mean() / start.mean()
    assert 0.8 <= city <= 1.25, f"{level}: the city's share willing to report moved {city:.2f}x in 4 quarters"
    assert ((ratio >= 0.5) & (ratio <= 2.0)).all(), f"{level}: per district {np.round(ratio, 2)}"


@pytest.mark.parametrize(
    "name",
    [
        "district.poverty",
        "district.petty_crime",
        "district.extortion",
        "district.visible",
        "district.levy",
        "district.protection_spending",
        "district.victimisation",
        "city.budget",
        "city.official_crime",
        "city.survey_crime",
        "district.fear",
        "district.oc_control",
        "city.corruption",
    ],
)
def test_values_declared_computed_are_the_ones_the_model_overwrites(content, name):
    """`computed: true` in content/state.yaml must match the model: a shock to such a value is gone after one
    step; a shock to a stock (fear, control, corruption) lasts. Gone means under a tenth of the shock is left: the
    quarter's other rules read a computed value before computing it again, so a shocked poverty share brings a
    little more crime, and one household losing enough to cross the poverty line moves the share by 1/200, a
    twentieth of the shock (seed 8; fear keeps 0.45 of its shock, criminal control 0.99, corruption 0.93)."""
    decl = content.state[name.split(".")[0]][name.split(".")[1]]
    level = content.levels["border_city"]
    after = []
    for shock in (0.0, 1.0):
        model = CityModel(content, level, "official", [np.random.default_rng(8)])
        model.begin_turn(1)
        lo, hi = model.state.bounds[name]
        size = shock * 0.1 * (hi - lo)
        model.world(0).change(
            name, "add", size if name != "city.budget" else -size, 0 if "district" in name else None, "test"
        )
        model.step()
        after.append(model.state[name].copy())
    gone = np.allclose(after[0], after[1], atol=0.1 * size)  # (size: the shock's, from the loop's last pass)
    assert gone == decl.computed, f"{name}: computed={decl.computed} but the shock {'vanished' if gone else 'lasted'}"


def test_no_balance_terms_or_pinned_baselines():
    """Issue 12: the status quo comes from the mechanisms. No balance term, no stored baseline a rule is pinned to."""
    for path in SIM.glob("*.py"):
        text = path.read_text()
        assert "balance" not in text and "baseline" not in text, path.name
    names = load_content().content.parameters
    assert not [n for n in names if "balance" in n]


def _reporting_after(content, retaliations: int, overrides: dict | None = None) -> np.ndarray:
    """Willingness to report organized crime in the most-controlled district of border_city over 6 quarters, after
    `retaliations` households there are punished for reporting in quarter 2 (10 seeds). Read among the others
    only (the first three households are left out in every arm): the punished stop reporting whoever hears of
    it, and what this measures is the chilling of those who hear."""
    model = CityModel(
        content,
        content.levels["border_city"],
        "official",
        [np.random.default_rng(s) for s in range(10)],
        overrides=overrides,
    )
    worst = int(np.argmax(model.state["district.oc_control"][0]))
    out = []
    for turn in range(1, 7):
        if turn == 2:
            model.state.households.pending[:, worst, :retaliations] = 1.0
        model.begin_turn(turn)
        model.step()
        hh = model.state.households
        out.append((hh.willing * hh.present)[:, worst, 3:].sum() / hh.present[:, worst, 3:].sum())
    return np.array(out)


def test_retaliations_heard_chill_reporting(content):
    """Reports are private, retaliations public: three retaliations in a district lower its neighbours' willingness
    to report in the quarters after; when hearing of them changes nothing, they do not. Hearing acts twice: on the
    reprisal a household expects (s_heard) and on its trust in the police (g2); with only s_heard = 0 the
    neighbours' willingness still falls by about a tenth through trust."""
    quiet, punished = _reporting_after(content, 0), _reporting_after(content, 3)
    assert punished[2:5].mean() < 0.8 * quiet[2:5].mean(), (quiet, punished)
    off = {"s_heard": 0.0, "g2": 0.0}
    quiet, punished = _reporting_after(content, 0, off), _reporting_after(content, 3, off)
    assert abs(punished[2:5].mean() - quiet[2:5].mean()) < 0.1 * quiet[2:5].mean(), (quiet, punished)


def _hot_valley_quarter(content, values: dict[str, float], overrides: dict[str, float] | None = None) -> CityModel:
    """One quarter in hot_valley's districts (10 seeds) after its groups' volunteers have all gone home (every
    member paid) and the given values are set everywhere."""
    rngs = [np.random.default_rng(s) for s in range(10)]
    model = CityModel(content, content.levels["hot_valley"], "official", rngs, overrides)
    s = model.state
    s.inner["militia_volunteers"] = np.zeros_like(s.inner["militia_volunteers"])
    for name, value in values.items():
        s.values[name] = np.full_like(s.values[name], value)
    militia_members.place(s)  # groups that were there, not newcomers
    model.begin_turn(1)
    model.step()
    return model


def _buy_in(content, overrides: dict[str, float] | None = None, **values) -> np.ndarray:
    """The quarter's buy-in term (see _hot_valley_quarter)."""
    model = _hot_valley_quarter(content, values, overrides)
    return model.ledger.terms["district.militia_capture"].get("term.buy_in", np.zeros(1))


def test_criminals_buy_the_members_a_group_cannot_pay(content):
    """anchors-model D8: a group that levies its cost on residents has members for sale, and the criminals of the
    area buy them; vetting stops the purchase. A group the city deputizes and pays has nothing to levy, but it
    enrolled its men wholesale (D8's recruitment openness, model version 17): at openness 1 it is bought as one
    that levies its whole cost; with the openness off, the subsidy leaves nothing to buy."""
    # (means over seeds and districts: since model version 22 members are bought one household at a time)
    unpaid = _buy_in(content)
    assert unpaid.mean() > 0.002, unpaid
    vetted = _buy_in(content, **{"city.vetting": 1.0})  # full vetting (it fades a little before the group acts)
    assert vetted.mean() < 0.1 * unpaid.mean(), (vetted, unpaid)
    deputized = {"city.militia_subsidy": 10.0, "district.deputized": 1.0}  # the city pays them all
    closed = _buy_in(content, {"openness": 0.0}, **deputized)
    assert closed.mean() < 0.1 * unpaid.mean(), (closed, unpaid)
    paid = _buy_in(content, **deputized)
    assert paid.mean() > 0.5 * unpaid.mean(), (paid, unpaid)


def _formed(content, newcomers: bool) -> np.ndarray:
    """Militia capture in a district with no group whose last one was over half captured (metropolis' second
    district: no members, the last group's captured share 0.62) after one quarter in which 0.05 of its households
    took up arms, as a measure or an event adds them (10 seeds); with `newcomers` False the same members are taken
    to have been there already."""
    model = CityModel(content, content.levels["metropolis"], "official", [np.random.default_rng(s) for s in range(10)])
    s = model.state
    empty = 1
    assert s["district.militia"][:, empty].max() < 1e-3 and s["district.militia_capture"][:, empty].min() > 0.4
    s.values["district.militia"][:, empty] += 0.05
    if not newcomers:
        militia_members.place(s)
    model.begin_turn(1)
    model.step()
    return s["district.militia_capture"][:, empty]


def test_a_group_formed_where_none_was_is_as_captured_as_its_recruits(content):
    """Model version 21: members an event or a measure adds are recruits, infiltrated by the recruits' rule
    (chi x cash per member x O x (1 - vetting)), not a copy of the captured share of a group the district no
    longer has. Taken as members who were there already, the same group keeps that share (and more)."""
    formed, inherited = _formed(content, True), _formed(content, False)
    # (means over the seeds: since model version 22 a group of about ten households is captured a member at a time;
    # the inherited group is seated 5 of 10 captured and turns over for a quarter)
    assert formed.mean() < 0.3, formed
    assert inherited.mean() > 0.4, inherited


def _capture_after(content, police: float, overrides: dict[str, float] | None = None) -> np.ndarray:
    """Militia capture after the quarter (see _hot_valley_quarter) where every group is deputized, paid (nothing to
    buy) and strongly vetted, with the given police presence everywhere."""
    values = {
        "district.militia": 0.5,
        "district.militia_capture": 0.5,
        "district.deputized": 1.0,
        "city.militia_subsidy": 10.0,
        "city.vetting": 0.8,
        "district.police_presence": police,
    }
    return _hot_valley_quarter(content, values, overrides).state["district.militia_capture"]


def test_the_police_cannot_check_more_deputized_men_than_they_are(content):
    """anchors-model D8 (model version 15): the city's vetting reaches a deputized group only as far as the
    district's police can check its men, so the same vetting purges less where the police are few; with
    oversight_load = 0 the police make no difference."""
    few, many = _capture_after(content, 0.02), _capture_after(content, 1.0)
    assert few.mean() > many.mean() + 0.05, (few.mean(), many.mean())
    off = {"oversight_load": 0.0}
    few, many = _capture_after(content, 0.02, off), _capture_after(content, 1.0, off)
    assert abs(few.mean() - many.mean()) < 0.01, (few.mean(), many.mean())


def _with_office(content, protection: float) -> tuple[np.ndarray, np.ndarray, int]:
    """border_city for 8 quarters (10 seeds) with a protection office holding `protection` in the district where
    control is worst: (retaliations per district, summed over the quarters; the share willing to report there at
    the end; that district)."""
    rngs = [np.random.default_rng(s) for s in range(10)]
    model = CityModel(content, content.levels["border_city"], "official", rngs)
    s = model.state
    worst = int(np.argmax(s["district.oc_control"][0]))
    punished = np.zeros(s["district.oc_control"].shape)
    for turn in range(1, 9):
        model.begin_turn(turn)
        s.values["district.protection"][:, worst] = protection
        model.step()
        punished += s["district.retaliations"]
    hh = s.households
    willing = (hh.willing * hh.present)[:, worst].sum() / hh.present[:, worst].sum()
    return punished, willing, worst


def test_a_protection_office_guards_its_own_district(content):
    """Model version 16: a report's chance of leaking is its district's, lambda0 + lambda1 C (1 - Q), where Q is the
    city's program plus an office's protection there. An office in one district cuts the reprisals that follow
    reports there, and with fewer heard more people there are willing to report; the other districts keep theirs
    (10 seeds, 8 quarters: 133 reprisals there against 74 with the office; willing 1.5% against 7.2%. Under model
    version 18, 130 against 55 and 1.4% against 5.9%; on seeds 10-49, 0.48 of the reprisals under 19, 0.42 under 18:
    more of the district is willing, so more reports meet the leaks that remain)."""
    none, willing_none, worst = _with_office(content, 0.0)
    office, willing_office, _ = _with_office(content, 1.0)
    assert office[:, worst].sum() < 0.6 * none[:, worst].sum(), (office[:, worst].sum(), none[:, worst].sum())
    assert willing_office > 1.2 * willing_none, (willing_office, willing_none)
    others = np.arange(none.shape[1]) != worst
    assert abs(office[:, others].sum() - none[:, others].sum()) < 0.1 * none[:, others].sum()


def test_an_office_protects_its_district_and_the_program_every_district(content):
    """The office raises its own district's informer protection and no other; the city-wide program raises every
    district's alike (what the leak and the events about exposed informers read)."""
    office = play(content, 3, {1: [AdoptMeasure("protection_office", "poniente")]}, turns=2)
    program = play(content, 3, {1: [AdoptMeasure("witness_protection", None)]}, turns=2)
    none = play(content, 3, {}, turns=2)
    where = office.world.district_ids.index("poniente")
    gain = office.model.state["district.informer_protection"][0] - none.model.state["district.informer_protection"][0]
    assert gain[where] > 0.1 and np.delete(gain, where).max() < 1e-9, gain
    spread = (
        program.model.state["district.informer_protection"][0] - none.model.state["district.informer_protection"][0]
    )
    assert spread.min() > 0.03 and np.ptp(spread) < 1e-9, spread
