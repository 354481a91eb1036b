"""A projector that works in real rooms (issue 16): text a class can read at 1024×768 (at least 28 px), every
option shown whole at 1024×768 and 1920×1080, the total counted live as the teacher types, in both languages; and
J, the shortcut that opens the join page, does not type a "j" into the session-code box."""

from __future__ import annotations

import pygame
import pytest

from game.ui.layout_check import problems
from tests.ui.harness import Driver
from tests.ui.test_classroom_ui import _few_comparison_games, open_classroom, start_projected_game  # noqa: F401
from tests.ui.test_projector_zero_votes import first_vote

MIN_PX = 28  # the smallest text a class reads from the back of a room on a 1024×768 projector


def point_size(font) -> int:
    return font.get_point_size() if hasattr(font, "get_point_size") else font.point_size


def text_px(scene) -> list[tuple[int, str]]:
    """The pixel size of every text the projector shows: its buttons' and text boxes' fonts, and the text it paints
    itself, with the text."""
    found = []
    for e in scene.elements:
        if getattr(e, "text_box_layout", None) is not None:
            found += [
                (point_size(ch.font), "".join(getattr(ch, "text", "") for ch in row.items)[:30])
                for row in e.text_box_layout.layout_rows
                for ch in row.items
                if hasattr(ch, "font")
            ]
        elif getattr(e, "font", None) is not None:
            found.append((point_size(e.font), e.text))
    return found + list(getattr(scene, "painted_px", []))


@pytest.mark.parametrize(("language", "size"), [("en", (1024, 768)), ("es", (1024, 768)), ("es", (1920, 1080))])
def test_projector_text_is_large_and_every_option_whole(tmp_path, language, size):
    drv = Driver(tmp_path, size=size, language=language)
    start_projected_game(drv, turns=3)
    first_vote(drv)
    card = drv.scene
    drv.shot(f"projector-vote-{language}-{size[0]}")
    # THEN every text is at least 28 px at 1024×768 (the font's own pixel size)
    sizes = sorted(text_px(card))
    print(size, language, "smallest text:", sizes[:3])
    assert sizes[0][0] >= MIN_PX, sizes[:5]
    # AND every option is shown whole (no ellipsis), and nothing leaves its box
    said = " ".join(drv.texts())
    for state in card.occ.options:
        assert card.t.pick(state.option.label) in said
    assert "…" not in said
    assert problems(drv.app) == []


def test_the_total_is_live_as_the_teacher_types(tmp_path):
    drv = Driver(tmp_path, size=(1280, 720))
    start_projected_game(drv, turns=3)
    first_vote(drv)
    card = drv.scene
    drv.key(pygame.K_1)
    assert card.t("projector.hidden", total=1, key="R") in drv.texts()
    drv.key(pygame.K_2)
    assert card.t("projector.hidden", total=12, key="R") in drv.texts()
    drv.key(pygame.K_a + [i for i, ok in enumerate(card.vote.open) if ok][1])  # the next open option's count
    drv.key(pygame.K_5)
    assert card.t("projector.hidden", total=17, key="R") in drv.texts()
    drv.key(pygame.K_BACKSPACE)
    assert card.t("projector.hidden", total=12, key="R") in drv.texts()


def test_j_opens_the_join_page_without_typing_a_j(tmp_path):
    drv = Driver(tmp_path)
    open_classroom(drv)
    # WHEN the teacher presses J: SDL sends the key and then the text it types, in one frame
    drv.post(pygame.KEYDOWN, key=pygame.K_j, mod=0, unicode="j", scancode=0)
    drv.post(pygame.TEXTINPUT, text="j")
    drv.post(pygame.KEYUP, key=pygame.K_j, mod=0, unicode="", scancode=0)
    drv.frames(3)
    # THEN the join page shows, its code box focused and empty
    assert drv.scene.page == "join"
    code = drv.scene.entries["code"]
    assert code.is_focused and code.get_text() == ""
    drv.type_text("ab")
    assert code.get_text() == "ab"


@pytest.mark.parametrize(("language", "size"), [("es", (1024, 768)), ("en", (1920, 1080))])
def test_pause_and_the_confirmation_are_large_too(tmp_path, language, size):
    drv = Driver(tmp_path, size=size, language=language)
    start_projected_game(drv, turns=3)
    first_vote(drv)
    for action, name in (("vote_pause", "pause"), ("vote_debrief", "confirm_debrief")):
        drv.press(action)
        assert drv.scene_name == name
        sizes = sorted(text_px(drv.scene))
        assert sizes and sizes[0][0] >= MIN_PX, sizes[:5]
        assert problems(drv.app) == []
        drv.shot(f"projector-{name}-{language}-{size[0]}")
        drv.key(pygame.K_ESCAPE)
        assert drv.scene_name == "vote_card"


@pytest.mark.parametrize(("language", "size"), [("en", (1024, 768)), ("es", (1920, 1080))])
def test_the_projector_debrief_is_large_and_fits(tmp_path, language, size):
    drv = Driver(tmp_path, size=size, language=language)
    start_projected_game(drv, turns=3)
    first_vote(drv)
    drv.press("vote_debrief")
    drv.press("confirm_yes")
    assert drv.scene_name == "projector_debrief"
    for i in range(6):
        drv.key(pygame.K_1 + i)
        drv.frames(2)
        sizes = sorted(text_px(drv.scene))
        assert sizes[0][0] >= MIN_PX, (i, sizes[:5])
        assert problems(drv.app) == [], i
        drv.shot(f"projector-debrief-{i + 1}-{language}-{size[0]}")
