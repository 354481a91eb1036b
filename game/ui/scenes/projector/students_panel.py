"""The Students join panel, shown on the vote card in place of the card: the QR code, the short address, the session
code in large type, how many devices joined and who has voted by group (live). Enter, Esc or the Students key
(S) goes back to the card (the phones stay connected); Turn off (O in English, A for "Apagar" in Spanish) turns
the server off.
"""

from __future__ import annotations

import pygame

from game.ui.scenes.projector import look, students
from game.ui.scenes.projector.layout import ENTER_KEYS, flow_buttons, text_height
from game.ui.widgets import letter, letter_key

BACK_KEYS = (*ENTER_KEYS, pygame.K_ESCAPE)


def build(scene, rect: pygame.Rect) -> None:
    """Lay the panel out in `rect`: the buttons at the bottom, the QR on the left, the texts on the right."""
    app, t = scene.app, scene.t
    running = students.of(app)
    look.use(app)
    em = look.px(app)
    scene.card = rect.inflate(-em // 2, -em // 2)
    inner = scene.card.inflate(-em, -em // 2)
    items = [
        (
            t("students.projector.back", key="Enter"),
            scene.hide_students,
            None,
            "primary",
            t("students.projector.back_tip"),
            True,
        ),
        (
            t("students.projector.off", key=letter(t, "students_off")),
            scene.students_off,
            letter_key(t, "students_off"),
            None,
            t("students.projector.off_tip"),
            True,
        ),
    ]
    top = flow_buttons(scene, inner, items, int(em * 1.8), big=True)
    area = pygame.Rect(inner.x, inner.y, inner.width, top - em // 2 - inner.y)
    size = max(4 * em, min(area.height, area.width * 9 // 20))
    scene.qr_rect = pygame.Rect(area.x, area.y + (area.height - size) // 2, size, size)
    x = scene.qr_rect.right + em
    scene.side = pygame.Rect(x, area.y, area.right - x, area.height)
    scene.panel_texts = [
        (t("students.projector.title"), "heading", True),
        (t("students.projector.scan", address=running.short_address if running else ""), "body", False),
        (running.code if running else "", "card_title", True),
    ]
    if scene.focus_index is None:
        scene.focus_index = 0


def draw(scene, surface: pygame.Surface) -> None:
    app, pal = scene.app, scene.app.palette
    running = students.of(app)
    if running is None:
        return
    em = look.px(app)
    pygame.draw.rect(surface, pal.panel, scene.card, border_radius=10)
    pygame.draw.rect(surface, pal.border, scene.card, width=2, border_radius=10)
    image = running.qr(scene.qr_rect.width)
    surface.blit(image, image.get_rect(center=scene.qr_rect.center))
    joined, _ = running.room.presence()
    live = [
        (app.texts("students.projector.joined", count=joined), "body", True),
        (app.texts("students.projector.voted", groups=students.by_group_line(app) or "—"), "body", False),
    ]
    side, y = scene.side, scene.side.y
    for text, kind, bold in scene.panel_texts + live:
        h = text_height(look.font(app, kind, bold), text, side.width)
        colour = pal.accent if kind == "card_title" else pal.text
        scene.paint_text(
            surface, text, pygame.Rect(side.x, y, side.width, h), kind=kind, bold=bold, colour=colour, wrap=True
        )
        y += h + em // 2


def key(scene, event: pygame.event.Event) -> bool:
    t = scene.t
    if event.key in BACK_KEYS or event.key == letter_key(t, "vote_students"):
        scene.hide_students()
        return True
    if event.key == letter_key(t, "students_off"):
        scene.students_off()
        return True
    return False
