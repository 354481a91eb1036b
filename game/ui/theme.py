"""Plaza's look: two palettes (standard and colour-blind-safe), font sizes by text scale, and the pygame_gui theme.

The theme is built as a dict at run time so the text scale and palette apply without files on disk. Every text
colour is checked against its background for WCAG AA (4.5:1) by tests/ui/test_theme.py.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import pygame_gui

from game.content.loader import REPO_ROOT
from game.ui.widget_manager import UIManager

FONT_DIR = REPO_ROOT / "assets" / "fonts"
REGULAR = FONT_DIR / "DejaVuSans.ttf"
BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"

# Base sizes in pixels at text scale 100%.
SIZES = {"body": 15, "small": 13, "heading": 19, "title": 42, "subtitle": 21, "card_title": 23, "big": 17}


@dataclass(frozen=True)
class Palette:
    name: str
    background: str  # the window behind everything
    panel: str  # cards and panels
    panel_alt: str  # a second panel tone (headers, selected rows)
    border: str
    text: str
    muted: str  # secondary text, still AA on panel and background
    accent: str  # primary buttons
    accent_hover: str
    accent_text: str
    button: str
    button_hover: str
    disabled: str
    disabled_text: str
    focus: str  # the keyboard focus ring
    good: str  # an indicator moving the right way
    bad: str  # ... the wrong way
    ramp: tuple[str, ...]  # map colours, from least to most concern (5 steps)
    series: tuple[str, ...]  # chart lines that say nothing good or bad (a value neither way is good for)
    standing: tuple[str, ...]  # chart lines by where they stand, best-off (cool) to worst-off (warm), dark enough
    # to read as lines on a panel


STANDARD = Palette(
    name="standard",
    background="#eeeae2",
    panel="#fbfaf7",
    panel_alt="#e3ded3",
    border="#8a8375",
    text="#1c1f24",
    muted="#4a4f57",
    accent="#0b5cad",
    accent_hover="#084a8c",
    accent_text="#ffffff",
    button="#dcd6ca",
    button_hover="#cbc3b4",
    disabled="#e4e1db",
    disabled_text="#5c6068",
    focus="#c2410c",
    good="#1b6e3a",
    bad="#b42318",
    ramp=("#e8f3dc", "#f6e7a6", "#f2b56b", "#e0704a", "#b8322f"),
    series=("#0b5cad", "#b42318", "#1b6e3a", "#7a3ea1", "#b35900", "#2f6f73", "#6b4f1d", "#c2185b"),
    standing=("#123f7a", "#2a6db5", "#4f8fc0", "#8a6d3b", "#c4621d", "#b42318", "#7f1d1d"),
)

# Okabe–Ito inspired: a blue-to-orange ramp that stays ordered for the common colour-vision deficiencies,
# and line colours chosen to be told apart without red-green contrast.
COLOURBLIND = Palette(
    name="colourblind",
    background="#eef0f3",
    panel="#fbfcfd",
    panel_alt="#dfe4ea",
    border="#7b8491",
    text="#15191f",
    muted="#444b55",
    accent="#005a9c",
    accent_hover="#00467a",
    accent_text="#ffffff",
    button="#d6dde6",
    button_hover="#c3ccd8",
    disabled="#e3e6ea",
    disabled_text="#575e69",
    focus="#b35900",
    good="#005a9c",
    bad="#a94400",
    ramp=("#deebf7", "#a6cbe3", "#f3d58c", "#e69f00", "#a94400"),
    series=("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#56b4e9", "#8a6d00", "#000000", "#7a5195"),
    standing=("#003f6b", "#0072b2", "#56b4e9", "#8a7d66", "#e69f00", "#d55e00", "#8f3600"),
)

PALETTES = {p.name: p for p in (STANDARD, COLOURBLIND)}


def palette(name: str) -> Palette:
    return PALETTES.get(name, STANDARD)


def size(kind: str, scale: int) -> int:
    return max(8, round(SIZES[kind] * scale / 100))


def rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def luminance(colour: str) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_pairs(p: Palette) -> list[tuple[str, str, str]]:
    """(what, text colour, background) for every text the theme draws; each must reach 4.5:1."""
    return [
        ("text on panel", p.text, p.panel),
        ("text on background", p.text, p.background),
        ("text on alt panel", p.text, p.panel_alt),
        ("muted on panel", p.muted, p.panel),
        ("muted on background", p.muted, p.background),
        ("muted on alt panel", p.muted, p.panel_alt),
        ("button text", p.text, p.button),
        ("button text hovered", p.text, p.button_hover),
        ("primary button", p.accent_text, p.accent),
        ("primary hovered", p.accent_text, p.accent_hover),
        ("disabled button", p.disabled_text, p.disabled),
        ("good on panel", p.good, p.panel),
        ("bad on panel", p.bad, p.panel),
        ("accent text on panel", p.accent, p.panel),
        ("text on map ramp low", p.text, p.ramp[0]),
        ("text on map ramp mid", p.text, p.ramp[2]),
    ] + [(f"text on map ramp {i}", p.text, c) for i, c in enumerate(p.ramp[:3])]


def ramp_text(p: Palette, step: int) -> str:
    """Text colour for a map tile of ramp step `step`: dark on light tiles, white on the darkest."""
    return p.text if contrast(p.text, p.ramp[step]) >= 4.5 else "#ffffff"


def _font(kind: str, scale: int, bold: bool = False) -> dict:
    return {
        "name": "dejavu",
        "size": str(size(kind, scale)),
        "bold": "1" if bold else "0",
        "italic": "0",
        "regular_path": str(REGULAR),
        "bold_path": str(BOLD),
        "italic_path": str(REGULAR),
        "bold_italic_path": str(BOLD),
    }


def build_theme(p: Palette, scale: int) -> dict:
    """The pygame_gui theme for a palette and text scale."""
    colours = {
        "normal_bg": p.button,
        "hovered_bg": p.button_hover,
        "disabled_bg": p.disabled,
        "selected_bg": p.accent,
        "active_bg": p.accent_hover,
        "dark_bg": p.panel,
        "normal_text": p.text,
        "hovered_text": p.text,
        "disabled_text": p.disabled_text,
        "selected_text": p.accent_text,
        "active_text": p.accent_text,
        "normal_border": p.border,
        "hovered_border": p.text,
        "disabled_border": p.border,
        "selected_border": p.accent_hover,
        "active_border": p.accent_hover,
        "link_text": p.accent,
        "link_hover": p.accent_hover,
        "link_selected": p.accent_hover,
        "text_shadow": p.panel,
        "filled_bar": p.accent,
        "unfilled_bar": p.panel_alt,
        "text_cursor": p.text,
        "normal_text_shadow": "#00000000",
        "hovered_text_shadow": "#00000000",
        "disabled_text_shadow": "#00000000",
        "selected_text_shadow": "#00000000",
        "active_text_shadow": "#00000000",
    }
    shape = {
        "shape": "rounded_rectangle",
        "shape_corner_radius": "6",
        "border_width": "1",
        "shadow_width": "0",
        "text_horiz_alignment_padding": str(max(6, size("body", scale) // 2)),
    }
    transparent = {"dark_bg": "#00000000", "normal_border": "#00000000"}
    # what marks the chosen button or list line: a lighter panel and an accent border
    chosen = {
        "normal_bg": p.panel_alt,
        "hovered_bg": p.button_hover,
        "normal_border": p.accent,
        "hovered_border": p.accent,
    }
    chosen_row = {**shape, "border_width": "3", "text_horiz_alignment": "left"}
    return {
        "defaults": {"colours": colours},
        "label": {
            "font": _font("body", scale),
            "colours": {**transparent, "normal_text": p.text},
            "misc": {"text_horiz_alignment": "left", "text_shadow_size": "0"},
        },
        "@heading": {"font": _font("heading", scale, bold=True)},
        "@title": {"font": _font("title", scale, bold=True), "misc": {"text_horiz_alignment": "center"}},
        "@subtitle": {"font": _font("subtitle", scale), "misc": {"text_horiz_alignment": "center"}},
        "@small": {"font": _font("small", scale), "colours": {"normal_text": p.muted}},
        "@muted": {"font": _font("body", scale), "colours": {"normal_text": p.muted}},
        "@good": {"font": _font("body", scale, bold=True), "colours": {"normal_text": p.good}},
        "@bad": {"font": _font("body", scale, bold=True), "colours": {"normal_text": p.bad}},
        "@centre": {"misc": {"text_horiz_alignment": "center"}},
        "button": {
            "font": _font("body", scale),
            "misc": shape,
            "colours": {"normal_bg": p.button, "normal_text": p.text},
        },
        "@primary": {
            "font": _font("body", scale, bold=True),
            "colours": {
                "normal_bg": p.accent,
                "hovered_bg": p.accent_hover,
                "normal_text": p.accent_text,
                "hovered_text": p.accent_text,
                "normal_border": p.accent_hover,
            },
        },
        "@chosen": {"font": _font("body", scale, bold=True), "colours": chosen, "misc": {**shape, "border_width": "3"}},
        "@row": {"misc": {**shape, "text_horiz_alignment": "left"}},
        # the chosen line of a list: stays left-aligned
        "@chosen_row": {"font": _font("body", scale, bold=True), "colours": chosen, "misc": chosen_row},
        # the chosen line when its text is too long for bold type: the border and background say it is chosen
        "@chosen_row_plain": {"colours": chosen, "misc": chosen_row},
        # a see-through button over a row the scene paints, for a label that wraps (pygame_gui's buttons show one
        # line): the scene paints the background and the text, the button its border, focus and clicks
        "@wrapped_row": {
            "colours": {
                **{f"{state}_bg": "#00000000" for state in ("normal", "hovered", "active", "selected", "disabled")},
                **{f"{state}_text": "#00000000" for state in ("normal", "hovered", "active", "selected", "disabled")},
                **{f"{state}_border": "#00000000" for state in ("normal", "selected", "disabled")},
                "hovered_border": p.text,
                "active_border": p.accent_hover,
            },
            "misc": {**shape, "text_horiz_alignment": "left"},
        },
        # a see-through button over something the scene paints (map tiles): only the hover border shows
        "@tile": {
            "colours": {
                "normal_bg": "#00000000",
                "hovered_bg": "#00000000",
                "active_bg": "#00000000",
                "selected_bg": "#00000000",
                "disabled_bg": "#00000000",
                "normal_border": "#00000000",
                "hovered_border": p.text,
                "active_border": p.text,
                "selected_border": "#00000000",
                "disabled_border": "#00000000",
            },
            "misc": {**shape, "border_width": "2"},
        },
        "text_box": {
            "font": _font("body", scale),
            "colours": {"dark_bg": p.panel, "normal_border": p.border, "normal_text": p.text},
            # square corners: pygame_gui draws a rounded shape at 4× size to smooth it, which for a
            # screen-sized box costs ~100 MB and ~0.1 s each time it is built
            # no shadow: pygame_gui keeps a shadow surface for every box size it ever drew
            "misc": {
                "shape": "rectangle",
                "border_width": "1",
                "shadow_width": "0",
                "padding": f"{max(6, size('body', scale) // 2)},{max(4, size('body', scale) // 3)}",
                "line_spacing": "1.2",
            },
        },
        "@plain": {
            "colours": {"dark_bg": "#00000000", "normal_border": "#00000000"},
            "misc": {"border_width": "0", "padding": "2,2"},
        },
        "@card": {"font": _font("big", scale), "colours": {"dark_bg": p.panel, "normal_border": p.border}},
        "panel": {
            "colours": {"dark_bg": p.panel, "normal_border": p.border},
            "misc": {"shape": "rectangle", "border_width": "1", "shadow_width": "0"},
        },  # see text_box
        "@clear": {"colours": {"dark_bg": "#00000000", "normal_border": "#00000000"}, "misc": {"border_width": "0"}},
        "scrolling_container": {"colours": {"dark_bg": "#00000000"}},
        "tool_tip": {
            "colours": {"dark_bg": p.text, "normal_border": p.text},
            "misc": {
                "shape": "rounded_rectangle",
                "shape_corner_radius": "4",
                "shadow_width": "0",
                # about 40 characters a line (pygame_gui's default is a narrow 170 px)
                "rect_width": str(size("small", scale) * 24),
            },
        },
        "tool_tip.text_box": {
            "font": _font("small", scale),
            "colours": {"dark_bg": p.text, "normal_text": p.panel, "normal_border": p.text},
        },
        "text_entry_line": {
            "font": _font("body", scale),
            "colours": {
                "dark_bg": p.panel,
                "normal_text": p.text,
                "selected_bg": p.accent,
                "selected_text": p.accent_text,
                "normal_border": p.border,
                "text_cursor": p.text,
            },
        },
        "vertical_scroll_bar": {
            "colours": {"dark_bg": p.panel_alt, "normal_bg": p.button, "hovered_bg": p.button_hover}
        },
        "drop_down_menu": {"font": _font("body", scale), "misc": shape},
        "selection_list": {"font": _font("body", scale), "colours": {"dark_bg": p.panel}},
    }


def preload_list(scale: int) -> list[dict]:
    sizes = sorted({size(kind, scale) for kind in SIZES})
    return [{"name": "dejavu", "point_size": px, "style": style} for px in sizes for style in ("regular", "bold")]


def ui_manager(window: tuple[int, int], p: Palette, scale: int, language: str) -> pygame_gui.UIManager:
    """The widgets' manager for a window: this theme, the DejaVu fonts, and the sizes the screens use preloaded."""
    manager = UIManager(window, build_theme(p, scale), starting_language=language)
    manager.add_font_paths("dejavu", str(REGULAR), str(BOLD), str(REGULAR), str(BOLD))
    with warnings.catch_warnings():  # the theme already loads most sizes; preload only adds bold variants
        warnings.simplefilter("ignore")
        manager.preload_fonts(preload_list(scale))
    return manager
