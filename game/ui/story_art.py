"""The picture on a story card of the turn report: one emblem per kind of story, drawn with pygame primitives.

Plaza's own art, in the palette of the screen (so the colour-blind palette applies): a medallion in the colour of
the news (bad or good; a muted one when neither), with a plain symbol in it —
  * retaliation: a speech bubble, a voice that spoke up, crossed out (someone was punished for speaking);
  * militia: a shield split in two tones (a self-defense group that formed, turned or was captured);
  * tipping: a balance tipping to one side (a district's value moving a long way in one quarter);
  * otherwise: a signpost (a measure's or an event's consequence).
No people, no weapons, nothing violent: the card's words say what happened.
"""

from __future__ import annotations

import pygame

from game.session import headlines
from game.ui.theme import Palette


def paint(surface: pygame.Surface, rect: pygame.Rect, kind: str, good: bool | None, palette: Palette) -> None:
    """The emblem of `kind` in `rect` (drawn as a square centred in it)."""
    side = min(rect.width, rect.height)
    if side < 8:
        return
    box = pygame.Rect(0, 0, side, side)
    box.center = rect.center
    tone = palette.good if good else palette.bad if good is False else palette.muted
    pygame.draw.rect(surface, palette.panel_alt, box, border_radius=max(4, side // 10))
    pygame.draw.circle(surface, tone, box.center, int(side * 0.42))
    pygame.draw.circle(surface, palette.panel, box.center, int(side * 0.36))
    inner = box.inflate(-int(side * 0.48), -int(side * 0.48))  # inside the ring, corners too
    draw = {
        headlines.RETALIATION: _silenced,
        headlines.MILITIA: _split_shield,
        headlines.TIPPING: _balance,
    }.get(kind, _signpost)
    draw(surface, inner, tone, palette)


def _width(box: pygame.Rect) -> int:
    return max(2, box.width // 14)


def _silenced(surface: pygame.Surface, box: pygame.Rect, tone: str, palette: Palette) -> None:
    """A speech bubble with three dots, crossed by a bar."""
    bubble = pygame.Rect(box.x, box.y + box.height // 10, box.width, int(box.height * 0.62))
    pygame.draw.ellipse(surface, palette.text, bubble)
    pygame.draw.ellipse(surface, palette.panel, bubble.inflate(-2 * _width(box), -2 * _width(box)))
    tail = [
        (bubble.x + bubble.width * 0.28, bubble.bottom - bubble.height * 0.12),
        (bubble.x + bubble.width * 0.18, box.bottom - box.height // 12),
        (bubble.x + bubble.width * 0.46, bubble.bottom - bubble.height * 0.05),
    ]
    pygame.draw.polygon(surface, palette.text, tail)
    for i in (-1, 0, 1):
        centre = (bubble.centerx + i * bubble.width // 4, bubble.centery)
        pygame.draw.circle(surface, palette.text, centre, max(2, box.width // 16))
    w = int(_width(box) * 1.6)
    pygame.draw.line(surface, tone, (box.x, box.bottom - box.height // 8), (box.right, box.y + box.height // 8), w)


def _split_shield(surface: pygame.Surface, box: pygame.Rect, tone: str, palette: Palette) -> None:
    """A shield, its left half in the news' colour and its right half in the text colour."""
    x, y, w, h = box.x + box.width * 0.12, box.y, box.width * 0.76, box.height
    cx = x + w / 2
    outline = [(x, y + h * 0.08), (cx, y), (x + w, y + h * 0.08), (x + w, y + h * 0.5), (cx, y + h), (x, y + h * 0.5)]
    left = [(x, y + h * 0.08), (cx, y), (cx, y + h), (x, y + h * 0.5)]
    right = [(cx, y), (x + w, y + h * 0.08), (x + w, y + h * 0.5), (cx, y + h)]
    pygame.draw.polygon(surface, tone, left)
    pygame.draw.polygon(surface, palette.muted, right)
    pygame.draw.polygon(surface, palette.text, outline, _width(box))


def _balance(surface: pygame.Surface, box: pygame.Rect, tone: str, palette: Palette) -> None:
    """A balance on its stand, tipped: the low pan in the news' colour."""
    cx, w = box.centerx, _width(box)
    top = box.y + box.height * 0.3
    pygame.draw.polygon(
        surface, palette.text, [(cx, top), (cx - box.width * 0.16, box.bottom), (cx + box.width * 0.16, box.bottom)]
    )
    lift = box.height * 0.16
    left, right = (box.x, top + lift), (box.right, top - lift)
    pygame.draw.line(surface, palette.text, left, right, w)
    for (px, py), colour in ((left, tone), (right, palette.muted)):
        pan = pygame.Rect(0, 0, int(box.width * 0.34), int(box.height * 0.14))
        pan.midtop = (int(px), int(py + box.height * 0.12))
        pygame.draw.line(surface, palette.text, (px, py), pan.midtop, max(1, w // 2))
        pygame.draw.ellipse(surface, colour, pan)


def _signpost(surface: pygame.Surface, box: pygame.Rect, tone: str, palette: Palette) -> None:
    """A post with one sign pointing on."""
    w = _width(box)
    pygame.draw.line(surface, palette.text, (box.centerx, box.y), (box.centerx, box.bottom), w)
    sign = pygame.Rect(box.x + box.width // 8, box.y + box.height // 6, int(box.width * 0.62), box.height // 4)
    arrow = [sign.topleft, sign.topright, (sign.right + sign.height // 2, sign.centery), sign.bottomright]
    pygame.draw.polygon(surface, tone, [*arrow, sign.bottomleft])
