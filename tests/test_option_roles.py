"""Options kept to roles (`roles:` on an option): the engine closes them to the other role with a typed reason, bots
never take them, a choice of one is refused, and every screen says why in English and Mexican Spanish."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from game.content.loader import load_content
from game.events.engine import EventEngine, RoleOnly, auto_choose
from game.events.trace import Chosen
from game.events.world import DictWorld
from game.ui import refusal_text
from game.ui.texts import Texts
from tests.ui.harness import shipped_content

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    """The mini fixture, its `protect` option kept to the official and `ignore` open to both roles."""
    folder = tmp_path_factory.mktemp("roles")
    for f in MINI.iterdir():
        text = f.read_text(encoding="utf-8")
        if f.name == "events.yaml":
            text = text.replace(
                '        when: "player.budget >= 50"\n',
                '        when: "player.budget >= 50"\n        roles: [official]\n',
            )
        (folder / f.name).write_text(text, encoding="utf-8")
    result = load_content([folder])
    assert result.diagnostics == [], result.diagnostics
    return result.content


def fire_threat(content, role: str):
    level = content.levels["mini"]
    world = DictWorld(content, level, role)
    engine = EventEngine(content, level, role)
    engine.begin_turn(1)
    rng = np.random.default_rng(0)
    district = world.district_ids.index("south")
    return engine, world, rng, engine.fire(content.events["threat"], district, world, rng, "turn_start", "test", [])


def test_an_option_kept_to_another_role_is_closed_with_a_typed_reason(content):
    _, _, _, occ = fire_threat(content, "organizer")
    protect, ignore = occ.options
    assert not protect.enabled and protect.closed == RoleOnly(("official",)) and protect.reason == ""
    assert ignore.enabled and ignore.closed is None
    assert [o.id for o in occ.enabled] == ["ignore"]


def test_the_role_it_is_kept_to_sees_it_as_before(content):
    _, _, _, occ = fire_threat(content, "official")
    assert [(s.option.id, s.enabled, s.closed) for s in occ.options] == [
        ("protect", True, None),
        ("ignore", True, None),
    ]


def test_bots_never_take_it_and_a_choice_of_it_is_refused_with_the_reason(content):
    engine, world, rng, occ = fire_threat(content, "organizer")
    assert {auto_choose(occ, np.random.default_rng(seed)) for seed in range(30)} == {"ignore"}
    with pytest.raises(ValueError, match="unavailable: only for the official"):
        engine.resolve(occ, "protect", world, rng)
    # the trace keeps why it was closed
    engine.resolve(occ, "ignore", world, rng)
    assert engine.trace.of(Chosen)[-1].disabled == {"protect": "only for the official"}


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "only the municipal official can choose this"),
        ("es", "solo la autoridad municipal puede elegir esta opción"),
    ],
)
def test_every_screen_says_why_in_the_players_language(content, lang, said):
    _, _, _, occ = fire_threat(content, "organizer")
    t = Texts(shipped_content(), lang)
    assert refusal_text.option_closed(content, t, occ.options[0]) == said
    assert refusal_text.option_closed(content, t, occ.options[1]) == ""  # open: no reason


def test_both_roles_have_their_words():
    strings = shipped_content().strings
    for role in ("official", "organizer"):
        text = strings[f"ecard.only_{role}"]
        assert text.en.strip() and text.es.strip() and text.en != text.es
