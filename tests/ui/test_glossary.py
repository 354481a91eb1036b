"""The glossary: F1 from the title or in a game, in both languages; alphabetical; keyboard navigation; Esc closes."""

from __future__ import annotations

import pygame
import pytest

from game.ui.scenes.glossary import entries, sort_key
from tests.ui.harness import Driver


def test_f1_opens_the_glossary_from_the_title_and_esc_closes_it(tmp_path):
    # GIVEN the title screen
    drv = Driver(tmp_path)
    assert drv.scene_name == "title"
    # WHEN the player presses F1
    drv.key(pygame.K_F1)
    # THEN the glossary shows over it, with the first term chosen and explained
    assert drv.scene_name == "glossary"
    first = entries(drv.app.content, "en")[0]
    assert any(first.text[:40] in t for t in drv.texts())
    # WHEN Esc
    drv.key(pygame.K_ESCAPE)
    # THEN back to the title
    assert drv.scene_name == "title"


@pytest.mark.parametrize("language", ["en", "es"])
def test_glossary_button_on_the_title_and_f1_in_a_game(tmp_path, language):
    drv = Driver(tmp_path, language=language)
    # the title menu has a Glossary button that opens it
    drv.click(drv.find_button(f"{drv.app.texts('glossary.title')} (F1)"))
    assert drv.scene_name == "glossary"
    drv.key(pygame.K_F1)  # F1 again closes it
    assert drv.scene_name == "title"
    # in a game, on the city screen
    drv.app.new_game("border_city", "official", 3)
    from game.ui.tour import walk_to

    walk_to(drv.app, ("plan",))
    drv.frames(2)
    assert drv.scene_name == "city"
    drv.key(pygame.K_F1)
    assert drv.scene_name == "glossary"
    words = entries(drv.app.content, language)
    assert any(words[0].term in t for t in drv.texts())
    drv.key(pygame.K_ESCAPE)
    assert drv.scene_name == "city"
    # and from the city's own button
    drv.click(drv.find_button("(F1)"))
    assert drv.scene_name == "glossary"


@pytest.mark.parametrize("language", ["en", "es"])
def test_entries_are_alphabetical_in_the_players_language(language):
    from tests.ui.harness import shipped_content

    items = entries(shipped_content(), language)
    assert len(items) >= 20
    assert [sort_key(e.term) for e in items] == sorted(sort_key(e.term) for e in items)
    assert all(e.term and e.text for e in items)


def test_keys_move_through_the_terms(tmp_path):
    drv = Driver(tmp_path, language="es")
    drv.key(pygame.K_F1)
    items = entries(drv.app.content, "es")
    assert drv.scene.selected == items[0].id
    # ↓ chooses the next term, and the focus follows it
    drv.key(pygame.K_DOWN)
    assert drv.scene.selected == items[1].id
    assert drv.scene.focused().element.text.startswith(items[1].term[:5])
    # a letter jumps to the first term that starts with it
    drv.key(pygame.K_h)
    assert sort_key(next(e.term for e in items if e.id == drv.scene.selected)).startswith("h")
    # End, PgUp: the last term, then a page back
    drv.key(pygame.K_END)
    assert drv.scene.selected == items[-1].id
    drv.key(pygame.K_PAGEUP)
    assert drv.scene.selected != items[-1].id
    # Enter on the Close button closes it
    while drv.scene.focused() is None or "Esc" not in drv.scene.focused().element.text:
        drv.key(pygame.K_TAB)
    drv.key(pygame.K_RETURN)
    assert drv.scene_name == "title"
