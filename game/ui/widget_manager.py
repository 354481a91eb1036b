"""pygame_gui's manager, with its theme remembering each widget's theming ids under a short key.

pygame_gui's theme (0.6.14, `UIAppearanceTheme.build_all_combined_ids`) memoises the theming ids of each kind of
widget under a key made by nested `str.join`, which puts one id list between every character of the next: the key
grows with the product of their lengths, up to 0.8 MB for a scroll bar's button inside a card's text box, about
4 MB for the game's two dozen kinds, kept as long as the window, and made again (then thrown away) for every widget
built. This theme keys the same lists by the ids themselves, `repr` of the four lists, and empties the library's
own memo after each new kind; the lists it returns are the library's, so every widget is themed as before.
"""

from __future__ import annotations

import pygame_gui
from pygame_gui.core import UIAppearanceTheme


class CompactTheme(UIAppearanceTheme):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.combined_ids: dict[str, list[str]] = {}

    def build_all_combined_ids(self, element_base_ids, element_ids, class_ids, object_ids) -> list[str]:
        key = repr((element_base_ids, element_ids, class_ids, object_ids))
        found = self.combined_ids.get(key)
        if found is None:
            found = super().build_all_combined_ids(element_base_ids, element_ids, class_ids, object_ids)
            self.unique_theming_ids.clear()  # the library's copy, under its long key
            self.combined_ids[key] = found
        return found


class UIManager(pygame_gui.UIManager):
    def create_new_theme(self, theme_path=None) -> UIAppearanceTheme:
        theme = CompactTheme(self.resource_loader, self.get_locale())
        if theme_path is not None:
            theme.load_theme(theme_path)
        return theme
