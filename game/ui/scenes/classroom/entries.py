"""The class screens' text boxes: adding one, keeping the focus ring and pygame_gui's focus together, reading what
was typed, and keeping typed letters out of the buttons' shortcuts (Tab, Up/Down, Enter and Esc leave a box).

TextEntries is mixed into ClassroomScene (before Scene, whose key, update, clear and rebuild it extends).
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game.ui.scene import Focusable
from game.ui.texts import markup
from game.ui.widgets import scroll_text_boxes

LEAVE_ENTRY = (pygame.K_TAB, pygame.K_UP, pygame.K_DOWN, pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER)


class TextEntries:
    """The text boxes' part of ClassroomScene (it uses the scene's `values`, `entries`, `page`, create and join)."""

    def add_entry(self, key: str, rect: pygame.Rect, limit: int, tooltip: str) -> UITextEntryLine:
        entry = self.keep(UITextEntryLine(rect, self.app.ui, initial_text=self.values[key]))
        entry.set_text_length_limit(limit)
        entry.set_tooltip(markup(tooltip))
        self.entries[key] = entry
        self.focusables.append(Focusable(entry, lambda e=entry: self.focus_entry(e)))
        return entry

    def focused_entry(self) -> UITextEntryLine | None:
        return next((e for e in self.entries.values() if e.alive() and e.is_focused), None)

    def focus_entry(self, entry) -> None:
        for i, f in enumerate(self.focusables):
            if f.element is entry:
                self.focus_index = i
        self._sync_entry_focus(entry)

    def scroll_into_view(self, element) -> None:
        self._sync_entry_focus(element)

    def _sync_entry_focus(self, element=None) -> None:
        if element is None:
            f = self.focused()
            element = f.element if f else None
        if element in self.entries.values():
            if getattr(self, "in_key", False):
                # a key pressed a shortcut that focuses a box (J opens the join page): the letter it types arrives
                # next in the same frame, so the box takes the focus after this frame's input, not the "j"
                self.focus_later = element
                return
            self.app.ui.set_focus_set(element)
        elif self.focused_entry() is not None:
            self.app.ui.set_focus_set(None)

    def _read_entries(self) -> None:
        for key, entry in self.entries.items():
            if entry.alive():
                self.values[key] = entry.get_text()

    def key(self, event: pygame.event.Event) -> bool:
        if self.focused_entry() is not None and event.key not in LEAVE_ENTRY:
            return True  # a letter typed into a box must not press a button's shortcut
        self.in_key = True
        try:
            return super().key(event)
        finally:
            self.in_key = False

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element in self.entries.values():
            if event.ui_element is self.entries.get("groups"):
                self.groups_default = False  # the teacher's own labels stay when the mode or language changes
            self._read_entries()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element in self.entries.values():
            self._read_entries()
            if self.page == "create":
                self.create()
            elif self.page == "join":
                self.join()
            elif self.page == "collect":
                self.collect()
            return True
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            return scroll_text_boxes(self, 1 if event.key == pygame.K_PAGEDOWN else -1)
        return False

    def update(self, dt: float) -> bool:
        later, self.focus_later = getattr(self, "focus_later", None), None
        if later is not None and later.alive():
            self.app.ui.set_focus_set(later)
        entry = self.focused_entry()  # a click into a box puts the focus ring there too
        if entry is not None:
            f = self.focused()
            if f is None or f.element is not entry:
                self.focus_entry(entry)
                return True
        return False

    def clear(self) -> None:
        if self.focused_entry() is not None:
            self.app.ui.set_focus_set(None)
        super().clear()
        self.entries = {}

    def rebuild(self) -> None:
        keep = self.focus_index
        self.clear()
        self.t = self.app.texts
        self.build(self.rect)
        if keep is not None and keep < len(self.focusables):
            self.focus_index = keep
        self._sync_entry_focus()
        self.app.dirty = True
