"""An event card never cuts an option's label (issue 15: options cut at 150% text and at 1024×768).

The card with the longest option labels in the content, in each language, is shown over the city at the sizes and
text scales where the labels used to end in "…": every label is shown whole (a long one wraps on a taller button the
scene paints under a see-through one), each button still answers its number key, and the layout check finds nothing.
"""

from __future__ import annotations

import pygame
import pytest

from game.events.occurrence import Occurrence
from game.ui.layout_check import problems
from game.ui.play import Play
from tests.ui.harness import city_screen, shipped_content


def longest_card(language: str):
    """The border city's event (of those it offers) whose longest option label is longest in `language`."""
    content = shipped_content()
    events = [e for e in content.events.values() if e.options and e.scope == "district"]
    return max(events, key=lambda e: max(len(getattr(o.label, language)) for o in e.options))


@pytest.mark.parametrize(
    ("size", "scale", "language"),
    [((1024, 768), 150, "en"), ((1024, 768), 150, "es"), ((1280, 720), 150, "es"), ((1920, 1080), 200, "es")],
    ids=lambda v: "x".join(map(str, v)) if isinstance(v, tuple) else str(v),
)
def test_every_option_label_is_shown_whole(tmp_path, monkeypatch, size, scale, language):
    # GIVEN the city screen, then the card with the longest option labels
    drv = city_screen(tmp_path, size=size, scale=scale, language=language, start_title=False)
    play = drv.app.play
    event = longest_card(language)
    engine = play.session.engine
    states = engine.option_states(event, engine.context(play.world, 0))
    occ = Occurrence(event, 0, play.world.district_ids[0], states, [], "test")
    monkeypatch.setattr(Play, "pending", property(lambda self: occ))
    drv.app.open("event_card")
    drv.frames(2)
    scene = drv.scene
    assert scene.name == "event_card"
    # THEN each option's whole label is on the card: on its button, or painted whole where the button wraps it
    painted = [text for _, _, text in scene.text_areas]
    for i, state in enumerate(occ.options):
        whole = drv.app.texts("ecard.option", n=i + 1, label=getattr(state.option.label, language))
        button = scene.option_buttons[state.option.id]
        assert button.text == whole
        assert whole in painted or button.font.size(whole)[0] <= button.rect.width - 8
    # AND nothing on it is cut or leaves its box
    assert problems(drv.app) == []
    drv.shot(f"event-card-long-{size[0]}x{size[1]}-{scale}-{language}")
    # AND the number keys still answer
    chosen = []
    monkeypatch.setattr(scene, "choose", chosen.append)
    drv.key(pygame.K_1)
    assert chosen == [occ.options[0].option.id]
