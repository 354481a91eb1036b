"""Find text that does not fit its box on the current screen: the layout test and the screenshot tool use it.

A problem is any of:
  - a label or button whose text is wider or taller than the box it is drawn in (pygame_gui would clip it);
  - a text box whose laid-out text is wider than its box (a word cut off at the side), or too short to show
    one line; text longer than the box is fine when the box scrolls;
  - text a scene painted itself (maps, charts) that leaves the box it was painted into;
  - a widget that sticks out of the window or of the container it belongs to;
  - two buttons of one container drawn over each other;
  - a label or button whose text was shortened with an ellipsis ("1 · Suspender a la patrulla y abrir una inv…"):
    it must show its whole text, wrapped if need be (Scene.wrapped_button). Text a scene paints (the goals strip,
    the map's key) may be shortened where its whole shows on hover;
  - a crowded city map: two district labels closer than the map's gap (MapPanel.label_gap), a label at the map's
    edge or outside its own district, or labels covering more than CROWDED of the map.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel, UITextBox

CUT = "…"  # what game.ui.widgets.fit and the city screen's shorten end a text with when they cut it
SEE_THROUGH = {"@wrapped_row"}  # buttons drawn over a label the scene paints whole (game.ui.theme)
CROWDED = 0.4  # the share of a map its labels may cover (the city screen aims at 0.3: map_panel.LABELS_COVER)


def _abs(element) -> pygame.Rect:
    return element.get_abs_rect() if hasattr(element, "get_abs_rect") else element.rect


def _whole(app) -> tuple[str, ...]:
    """The endings of the strings that end with an ellipsis of their own ("Playing the other game…")."""
    return tuple(
        value[-8:]
        for text in app.content.strings.values()
        for value in (text.get("en") or "", text.get("es") or "")
        if value.endswith(CUT)
    )


def problems(app) -> list[str]:
    scene = app.top
    if scene is None:
        return []
    whole = _whole(app)
    window = pygame.Rect((0, 0), app.screen.get_size())
    found: list[str] = []
    for element in scene.elements:
        if not element.alive() or not element.visible:
            continue
        rect = _abs(element)
        what = f"{type(element).__name__} {getattr(element, 'text', '')[:40]!r}"
        if not window.contains(rect):
            found.append(f"{scene.name}: {what} at {tuple(rect)} leaves the window {window.size}")
        container = getattr(element, "ui_container", None)
        if container is not None and hasattr(container, "get_rect") and container is not app.ui.get_root_container():
            outer = container.get_rect()
            if not outer.inflate(2, 2).contains(rect) and not _scrolls(container):
                found.append(f"{scene.name}: {what} at {tuple(rect)} leaves its container {tuple(outer)}")
        if isinstance(element, UIButton) and SEE_THROUGH & set(getattr(element, "class_ids", ()) or ()):
            pass  # its text is painted by the scene (checked with the painted text below)
        elif isinstance(element, (UILabel, UIButton)) and element.font is not None and element.text:
            text = element.text
            w, h = element.font.size(text)
            room_w = rect.width - (8 if isinstance(element, UIButton) else 0)
            if w > room_w or h > rect.height:
                found.append(f"{scene.name}: {what} needs {w}×{h} px but has {room_w}×{rect.height}")
            if text.endswith(CUT) and not text.endswith(whole):
                found.append(f"{scene.name}: {what} is cut short")
        elif isinstance(element, UITextBox) and element.text_box_layout is not None:
            laid = element.text_box_layout.layout_rect
            wrap = element.text_wrap_rect
            if wrap.width > 0 and laid.width > wrap.width + 1:
                found.append(
                    f"{scene.name}: text box {element.html_text[:40]!r} lays out {laid.width} px wide in {wrap.width}"
                )
            line = min((row.height for row in element.text_box_layout.layout_rows), default=0)
            if wrap.height > 0 and line > wrap.height + 1:
                found.append(
                    f"{scene.name}: text box {element.html_text[:40]!r} is {wrap.height} px tall, "
                    f"less than one line ({line} px)"
                )
    # two buttons of the same container on top of each other: one hides the other's text or edge
    buttons = [e for e in scene.elements if isinstance(e, UIButton) and e.alive() and e.visible]
    for i, a in enumerate(buttons):
        for b in buttons[i + 1 :]:
            if a.ui_container is b.ui_container and _abs(a).inflate(-2, -2).colliderect(_abs(b).inflate(-2, -2)):
                found.append(
                    f"{scene.name}: buttons {a.text[:30]!r} and {b.text[:30]!r} overlap "
                    f"at {tuple(_abs(a).clip(_abs(b)))}"
                )
    for drawn, box, text in scene.text_areas:
        if drawn.width > box.width + 1 or drawn.height > box.height + 1 or not box.inflate(2, 2).contains(drawn):
            found.append(f"{scene.name}: painted text {text[:40]!r} needs {drawn.size} in a box {box.size}")
        if not window.contains(box):
            found.append(f"{scene.name}: painted text {text[:40]!r} box {tuple(box)} leaves the window")
    return found + _crowded(scene)


def _crowded(scene) -> list[str]:
    """The city map's labels, if the scene has a map: apart, inside the map and their district, not too many."""
    tiles, area, view = (getattr(scene, name, None) for name in ("tiles", "map_area", "map_view"))
    if not tiles or area is None or view is None:
        return []
    gap = scene.label_gap() - 1  # a pixel of rounding
    found = []
    for i, a in enumerate(tiles):
        if not area.inflate(-2 * gap, -2 * gap).contains(a.rect):
            found.append(f"{scene.name}: map label {a.name!r} at {tuple(a.rect)} touches the map's edge {tuple(area)}")
        if view.district_at(a.rect.center, area.topleft) != a.index:
            found.append(f"{scene.name}: map label {a.name!r} at {tuple(a.rect)} sits outside its district")
        for b in tiles[i + 1 :]:
            apart = max(b.rect.left - a.rect.right, a.rect.left - b.rect.right, b.rect.top - a.rect.bottom)
            apart = max(apart, a.rect.top - b.rect.bottom)
            if apart < gap:
                found.append(f"{scene.name}: map labels {a.name!r} and {b.name!r} are {apart} px apart (< {gap})")
    cover = sum(t.rect.width * t.rect.height for t in tiles) / max(1, area.width * area.height)
    if cover > CROWDED:
        found.append(f"{scene.name}: map labels cover {cover:.0%} of the map (more than {CROWDED:.0%})")
    return found


def _scrolls(container) -> bool:
    """Scrolling containers may hold more than they show."""
    name = type(container).__name__.lower()
    return "scroll" in name or "scroll" in type(getattr(container, "ui_element", None)).__name__.lower()
