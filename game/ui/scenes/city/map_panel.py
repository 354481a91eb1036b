"""The city screen's illustrated map: the layer switch (keys 1–4), the districts as drawn shapes coloured by the
layer, each with its name, value and marks, the legend, and a district's story on hover or keyboard focus.

MapPanel is mixed into CityScene: `build_map` lays the panel out (`tiles`, `map_rect`, `legend_rect`, …),
`paint_map` paints it, `map_update` eases the colours and numbers that changed (about 0.6 s; while it runs the
scene's `update` asks for frames, so the loop stops waiting for input only then), and `map_hover` follows the mouse.
The drawing itself is game.ui.citymap; the marks game.ui.map_marks; the story card's words game.ui.map_story.
"""

from __future__ import annotations

import itertools
import weakref

import pygame

from game.ui import citymap, map_icons, map_marks, map_story
from game.ui import indicators as ind
from game.ui.scenes.city.fitting import key_label, shorten
from game.ui.theme import rgb

LAYER_KEYS = {"crime": pygame.K_1, "fear": pygame.K_2, "trust": pygame.K_3, "control": pygame.K_4}
EASE_SECONDS = 0.6
FORMS = (0, 1, 2, 3, 4)  # a label's forms, fullest first (MapPanel._label_form)
LABELS_COVER = 0.3  # the labels together cover at most this share of the map, where a shorter form allows
# What each game's map showed last, so a new quarter's screen eases from there: play -> {district: (rgb, value)}
# per layer. Weak: a finished game's memory goes with it.
_SHOWN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class MapPanel:
    """The map's part of CityScene (it uses the scene's `play`, `layer`, `district` and widget methods)."""

    def build_map(self, rect: pygame.Rect) -> None:
        em, pad = self.app.em, self.pad
        self.map_rect = rect
        inner = rect.inflate(-pad, -pad)
        y = self._build_layer_switch(inner)
        # under the map: the legend's caption and swatches, then the key to the marks
        small = self.app.font("small")
        small_h = small.get_linesize()
        legend_h = int(small_h * 1.5)
        layer = ind.layer_by_id(self.play.content, self.layer)
        name = ind.label(self.play.content, layer.spec.name, self.t)
        key_h = self._mark_size() + pad // 3
        self.whole_city = map_story.city_marks_text(self.play, self.t)
        self.key_lines = 1 if self._key_width() + small.size(self.whole_city)[0] <= inner.width else 2
        key_h *= self.key_lines
        self.key_rect = pygame.Rect(inner.x, inner.bottom - key_h, inner.width, key_h)
        self.legend_rect = pygame.Rect(inner.x, self.key_rect.y - legend_h - pad // 3, inner.width, legend_h)
        caption = pygame.Rect(inner.x, self.legend_rect.y - small_h - pad // 3, inner.width, small_h)
        self.legend_caption = (caption, self.t("city.legend", name=name))
        self.map_area = pygame.Rect(inner.x, y, inner.width, max(8 * em, caption.y - pad // 2 - y))
        level = self.play.session.level
        self.map_view = citymap.view(level, self.map_area.size, em, self.app.palette)
        self.district_marks = map_marks.marks(self.play)
        ids = self.play.world.district_ids
        self.tiles = [
            citymap.Tile(i, pygame.Rect(0, 0, 0, 0), self.district_name(i), self.kind_name(i), 0.0)
            for i in range(len(level.districts))
        ]
        for tile in self.tiles:
            tile.value = float(self.play.values(tile.index)[layer.spec.name])
        # the labels' form: the fullest whose labels together leave most of the map to see (LABELS_COVER)
        budget = LABELS_COVER * self.map_area.width * self.map_area.height
        first = next(
            (form for form in FORMS if sum(self._label_area(tile, layer, ids, form) for tile in self.tiles) <= budget),
            FORMS[-1],
        )
        placed: list[pygame.Rect] = []
        # the smallest districts find their place first (they have least room), then the longest names
        labels = self.map_view.layout.labels
        for tile in sorted(self.tiles, key=lambda tile: (int((labels == tile.index).sum()), -len(tile.name))):
            marks = self.district_marks.get(ids[tile.index], [])
            tile.rect = self._place_label(tile, layer, marks, placed, len(ids), first)
            placed.append(tile.rect)
        for tile in self.tiles:  # buttons in the districts' order, for Tab
            # no tooltip: pointing at a district (or Tab to it) opens its story card instead
            self.button(tile.rect, "", lambda i=tile.index: self.select(i), kind="tile")
        size = max(14, int(em * 1.3))
        self.landmarks = citymap.place_landmarks(self.map_view, self.map_area.topleft, size, placed)
        self._start_easing(layer)

    def _build_layer_switch(self, inner: pygame.Rect) -> int:
        """Four buttons, in one row when they fit; returns the y under them."""
        em, pad = self.app.em, self.pad
        bh = int(em * 1.9)
        font = self.app.font("body", True)
        texts = [self.t(f"city.layer_{layer.id}", key=key_label(LAYER_KEYS[layer.id])) for layer in self._layers()]
        widths = [font.size(s)[0] + 2 * em for s in texts]
        per_row = len(texts) if sum(widths) + pad * (len(texts) - 1) <= inner.width else 2
        col_w = (inner.width - pad * (per_row - 1)) // per_row
        for i, (layer, text) in enumerate(zip(self._layers(), texts, strict=True)):
            r, c = divmod(i, per_row)
            if per_row == len(texts):
                x, w = inner.x + sum(widths[:c]) + pad * c, widths[c]
            else:
                x, w = inner.x + c * (col_w + pad), col_w
            tip = self.t(
                "city.layer_tip",
                name=ind.label(self.play.content, layer.spec.name, self.t),
                meaning=ind.meaning(self.play.content, layer.spec.name, self.t),
            )
            self.button(
                pygame.Rect(x, inner.y + r * (bh + pad // 2), w, bh),
                text,
                lambda lid=layer.id: self.set_layer(lid),
                shortcut=LAYER_KEYS[layer.id],
                tooltip=tip,
                kind="chosen" if layer.id == self.layer else None,
            )
        rows = (len(texts) + per_row - 1) // per_row
        return inner.y + rows * bh + (rows - 1) * (pad // 2) + pad // 2

    def _layers(self):
        return ind.layers(self.play.content)

    # --- labels -----------------------------------------------------------------------------------------

    def label_gap(self) -> int:
        """The least room between two labels, and between a label and the map's edge (the layout check's too)."""
        return max(6, self.app.em // 3)

    def _label_area(self, tile, layer, ids, form: int) -> int:
        marks = self.district_marks.get(ids[tile.index], [])
        w, h = self._label_form(tile, layer, marks, len(ids), form)[2]
        return w * h

    def _place_label(self, tile, layer, marks, placed: list[pygame.Rect], count: int, first: int) -> pygame.Rect:
        """The label block (name, value, marks) at the district's widest point, moved off labels already placed and
        kept a gap from them and from the map's edge; in a shorter form (marks beside the value, then the name on
        one line) when the fuller one finds no free spot. A spot outside the district is the last resort."""
        gap = self.label_gap()
        area = self.map_area.inflate(-2 * gap, -2 * gap)
        others = [r.inflate(2 * gap, 2 * gap) for r in placed]
        best, best_cost = pygame.Rect(0, 0, 0, 0), None
        start = FORMS.index(first)
        for form in FORMS[start:] + FORMS[:start]:  # a fuller form is narrower: it may fit where a short one does not
            lines, inline, (w, h) = self._label_form(tile, layer, marks, count, form)
            box = pygame.Rect(0, 0, w, h)
            for centre in self._label_spots(tile.index, w, h):
                box.center = centre
                box.clamp_ip(area)
                near = sum(box.clip(r).width * box.clip(r).height for r in others)
                over = sum(box.clip(r).width * box.clip(r).height for r in placed)
                away = self.map_view.district_at(box.center, self.map_area.topleft) != tile.index
                # a label over another is worst, one outside its district next: a little close is the least harm
                cost = (over, away, near)
                if best_cost is None or cost < best_cost:
                    best, best_cost = box.copy(), cost
                    tile.lines, tile.inline, tile.small, tile.row = lines, inline, form >= 3, form == 4
                if cost == (0, False, 0):
                    return best
        return best

    def _label_form(self, tile, layer, marks, count: int, form: int):
        """(name lines, marks beside the value, size) of a label: 0 full, 1 marks beside the value, 2 also the name on
        one line (never cut: a name too long for one line keeps two), 3 narrow: the name on two lines as short as
        its words allow and the value in small type, 4 one row: the name, then the value and the marks, in small
        type (the most crowded maps: many districts in a short window at a large text size)."""
        em = self.app.em
        area = self.map_area
        name_font = self.app.font("small", True)
        value_font = self._value_font(form >= 3)
        if form == 4:
            value_w = value_font.size(self._value_text(tile, layer))[0] + em // 2
            mark_w = self._marks_width(marks)
            w = name_font.size(tile.name)[0] + em // 2 + value_w + (mark_w + em // 2 if marks else 0) + 8
            h = max(name_font.get_linesize(), value_font.get_linesize(), self._mark_size()) + 6
            return [tile.name], bool(marks), (min(area.width - 4, w), h)
        width = min(area.width - 4, max(6 * em, int(area.width / max(2.5, count**0.5 + 1))))
        if form == 3:  # as narrow as two lines of whole words allow
            words = max(name_font.size(word)[0] for word in tile.name.split() or [""])
            width = max(words, name_font.size(tile.name)[0] // 2 + em) + 8
        one = form == 2 and name_font.size(tile.name)[0] <= area.width // 3
        lines = [tile.name] if one else citymap.wrap(name_font, tile.name, width - 8, 2)
        inline = form >= 1 and bool(marks)
        value_w = value_font.size(self._value_text(tile, layer))[0] + em // 2  # room for a number easing to it
        mark_w = self._marks_width(marks)
        text_w = max([name_font.size(s)[0] for s in lines] + [value_w + (mark_w + em // 2 if inline else 0)])
        w = min(area.width - 4, max(text_w, 0 if inline else mark_w) + 10)
        h = len(lines) * name_font.get_linesize() + max(value_font.get_linesize(), self._mark_size()) + 6
        if marks and not inline:
            h += self._mark_size() + 4
        return lines, inline, (w, h)

    def _label_spots(self, index: int, w: int, h: int):
        """Where a label may go, best first: around the district's widest point, then anywhere in the district,
        then anywhere on the map (a crowded map of small districts)."""
        mv, area = self.map_view, self.map_area
        centre = mv.px(mv.layout.poles[index], area.topleft)
        for dx, dy in itertools.product((0, -1, 1, -2, 2), (0, 1, -1, 2, -2)):
            yield centre[0] + dx * w // 2, centre[1] + dy * h // 2
        for cell in mv.spots(index, 1)[::3]:
            yield mv.px(cell, area.topleft)
        for y in range(area.y + h // 2, area.bottom, max(4, h // 3)):
            for x in range(area.x + w // 2, area.right, max(4, w // 3)):
                yield x, y

    def _value_font(self, small: bool) -> pygame.font.Font:
        return self.app.font("small" if small else "body", True)

    def _value_text(self, tile, layer) -> str:
        return ind.fmt(self.t, layer.spec.unit, tile.value)

    def _mark_size(self) -> int:
        return self.app.font("small", True).get_linesize()

    def _marks_width(self, marks) -> int:
        if not marks:
            return 0
        small = self.app.font("small", True)
        s = self._mark_size()
        totals = map_marks.totals(marks)
        # as _paint_marks lays them out: icon, 2 px, the count in a box 2 px wider; 6 px between marks, none after
        widths = [s + 2 + small.size(str(n))[0] + 2 for n in totals.values() if n]
        return sum(widths) + 6 * (len(widths) - 1)

    # --- easing -------------------------------------------------------------------------------------------

    def _target_colour(self, layer, value: float) -> tuple[int, int, int]:
        return citymap.layer_colour(self.app.palette, layer, ind.level_of(layer, value))

    def _start_easing(self, layer) -> None:
        """Districts whose colour or value differs from what the map last showed ease to it from there."""
        clock = self.map_clock
        shown = _SHOWN.setdefault(self.play, {})
        before = shown.get("now", {})
        old_layer = shown.get("layer")
        easing = self.easing
        self.easing = {}
        now = {}
        for tile in self.tiles:
            target = (self._target_colour(layer, tile.value), tile.value)
            now[tile.index] = target
            was = before.get(tile.index)
            if was == target and tile.index in easing:
                self.easing[tile.index] = easing[tile.index]  # a rebuild while easing: keep going
            if was is None or was == target:
                continue
            start = self._shown_now(easing.get(tile.index), was)
            same_layer = old_layer == self.layer
            self.easing[tile.index] = (start[0], start[1] if same_layer else tile.value, clock)
        shown["now"], shown["layer"] = now, self.layer

    def _shown_now(self, ease, was):
        """Where an easing district stands at this moment (or where it was, when it was not easing)."""
        if ease is None:
            return was
        colour, value, began = ease
        k = citymap.ease((self.map_clock - began) / EASE_SECONDS)
        target = was
        return citymap.mix(colour, target[0], k), value + (target[1] - value) * k

    def map_update(self, dt: float) -> bool:
        """Advance the easing; True while a colour or a number is still moving (the loop then keeps drawing)."""
        if not self.easing:
            return False
        self.map_clock += dt
        if all(self.map_clock - began >= EASE_SECONDS for _, _, began in self.easing.values()):
            self.easing = {}
        return True

    def _shown(self, tile, layer) -> tuple[tuple[int, int, int], float]:
        target = (self._target_colour(layer, tile.value), tile.value)
        ease = self.easing.get(tile.index)
        if ease is None:
            return target
        colour, value, began = ease
        k = citymap.ease((self.map_clock - began) / EASE_SECONDS)
        return citymap.mix(colour, target[0], k), value + (tile.value - value) * k

    # --- hover and the story card ---------------------------------------------------------------------------

    def map_hover(self, pos: tuple[int, int]) -> None:
        if self.hovered is not None and self.story_rect.collidepoint(pos):
            return  # reading the card: it stays, though it lies over other districts
        index = self.map_view.district_at(pos, self.map_area.topleft) if self.map_area.collidepoint(pos) else None
        if index != self.hovered:
            self.hovered = index
            self.app.dirty = True

    def map_click(self, pos: tuple[int, int]) -> bool:
        if not self.map_area.collidepoint(pos):
            return False
        index = self.map_view.district_at(pos, self.map_area.topleft)
        if index is None:
            return False
        self.select(index)
        return True

    def story_district(self) -> int | None:
        """The district whose story shows: the one under the mouse, else the one with the keyboard focus."""
        hovered = self.hovered
        if hovered is not None:
            return hovered
        focused = self.focused()
        for tile in self.tiles:
            if focused is not None and focused.element.get_abs_rect() == tile.rect:
                return tile.index
        return None

    # --- painting -------------------------------------------------------------------------------------------

    def paint_map(self, surface: pygame.Surface) -> None:
        p = self.app.palette
        layer = ind.layer_by_id(self.play.content, self.layer)
        shown = [self._shown(tile, layer) for tile in self.tiles]
        citymap.paint_fill(surface, self.map_view, self.map_area.topleft, [s[0] for s in shown])
        size = max(14, int(self.app.em * 1.3))
        citymap.paint_landmarks(surface, self.map_view, self.map_area.topleft, self.landmarks, size)
        ids = self.play.world.district_ids
        for tile, (_, value) in zip(self.tiles, shown, strict=True):
            self._paint_label(surface, tile, layer, value, self.district_marks.get(ids[tile.index], []))
        caption, text = self.legend_caption
        self.paint_text(
            surface, shorten(self.app.font("small"), text, caption.width), caption, kind="small", colour=p.muted
        )
        citymap.paint_legend(self, surface, self.legend_rect, layer, self.legend_ranges())
        self._paint_key(surface)
        index = self.story_district()
        if index is not None:
            self._paint_story(surface, index)

    def _paint_label(self, surface, tile, layer, value: float, marks) -> None:
        p = self.app.palette
        box = tile.rect
        plate = pygame.Surface(box.size, pygame.SRCALPHA)
        pygame.draw.rect(plate, (*rgb(p.panel), 225), plate.get_rect(), border_radius=6)
        surface.blit(plate, box.topleft)
        selected = tile.index == self.district
        pygame.draw.rect(surface, p.text, box, width=3 if selected else 1, border_radius=6)
        name_font = self.app.font("small", True)
        name_h = name_font.get_linesize()
        y = box.y + 3
        if tile.row:  # one row: the name, then the value and the marks in what is left of the box
            name_w = name_font.size(tile.lines[0])[0]
            self.paint_text(surface, tile.lines[0], pygame.Rect(box.x + 4, y, name_w, name_h), kind="small", bold=True)
            box = box.copy()  # tile.rect stays the whole label
            box.x += name_w + self.app.em // 2
            box.width -= name_w + self.app.em // 2
        else:
            for line in tile.lines:
                self.paint_text(
                    surface, line, pygame.Rect(box.x + 4, y, box.width - 8, name_h), kind="small", bold=True
                )
                y += name_h
        value_font = self._value_font(tile.small)
        value_h = max(value_font.get_linesize(), self._mark_size())
        text = ind.fmt(self.t, layer.spec.unit, value)
        value_w = value_font.size(self._value_text(tile, layer))[0] + self.app.em // 2
        kind = "small" if tile.small else "body"
        self.paint_text(
            surface, text, pygame.Rect(box.x + 4, y, min(value_w, box.width - 8), value_h), kind=kind, bold=True
        )
        if marks and tile.inline:
            row = pygame.Rect(
                box.x + 4 + value_w + self.app.em // 2, y, box.right - 4 - value_w - self.app.em // 2, value_h
            )
            self._paint_marks(surface, row, marks)
        elif marks:
            y += value_h
            self._paint_marks(surface, pygame.Rect(box.x + 4, y + 2, box.width - 8, self._mark_size()), marks)

    def _paint_marks(self, surface, row: pygame.Rect, marks) -> None:
        p = self.app.palette
        s = self._mark_size()
        small = self.app.font("small", True)
        x = row.x
        for kind, n in map_marks.totals(marks).items():
            if not n:
                continue
            ink = rgb(p.bad) if kind == map_marks.EVENT else rgb(p.accent)
            map_icons.draw_marker(surface, kind, (x + s // 2, row.centery), s * 4 // 5, ink, rgb(p.panel))
            w = small.size(str(n))[0] + 2
            self.paint_text(surface, str(n), pygame.Rect(x + s + 2, row.y, w, row.height), kind="small", bold=True)
            x += s + w + 8

    def _key_items(self) -> list[tuple[str, str]]:
        return [
            (map_marks.EVENT, self.t("city.map_key_event")),
            (map_marks.MEASURE, self.t("city.map_key_measure")),
            (map_marks.PLANNED, self.t("city.map_key_planned")),
        ]

    def _key_width(self) -> int:
        small = self.app.font("small")
        return sum(self._mark_size() + 4 + small.size(text)[0] + 2 + self.app.em for _, text in self._key_items())

    def _paint_key(self, surface) -> None:
        """The marks' key under the legend, and what acts on the whole city (on a second line when it must)."""
        p = self.app.palette
        small = self.app.font("small")
        s = self._mark_size()
        row = pygame.Rect(self.key_rect.x, self.key_rect.y, self.key_rect.width, self.key_rect.height // self.key_lines)
        x = row.x
        for kind, text in self._key_items():
            w = small.size(text)[0] + 2
            if x + s + 4 + w > row.right:
                break
            ink = rgb(p.bad) if kind == map_marks.EVENT else rgb(p.accent)
            map_icons.draw_marker(surface, kind, (x + s // 2, row.centery), s * 4 // 5, ink, rgb(p.panel))
            self.paint_text(surface, text, pygame.Rect(x + s + 4, row.y, w, row.height), kind="small", colour=p.muted)
            x += s + 4 + w + self.app.em
        if self.whole_city:
            if self.key_lines == 2:
                row.y += row.height
                x = row.x
            box = pygame.Rect(x, row.y, row.right - x, row.height)
            self.paint_text(surface, shorten(small, self.whole_city, box.width), box, kind="small", colour=p.text)

    def _paint_story(self, surface, index: int) -> None:
        """The story card beside the district's label, inside the map."""
        p = self.app.palette
        em = self.app.em
        tile = self.tiles[index]
        story = map_story.story(self.play, self.t, index, tile.name, tile.kind)
        small = self.app.font("small")
        bold = self.app.font("small", True)
        width = min(self.map_area.width - 8, 26 * em)
        inner = width - 16
        lines: list[tuple[str, bool]] = [(s, True) for s in citymap.wrap(bold, story.title, inner, 2)]
        for text in story.values:
            lines += [(s, False) for s in citymap.wrap(small, text, inner, 2)]
        lines.append((self.t("city.map_story_events_title"), True))
        for text in story.events:
            lines += [(s, False) for s in citymap.wrap(small, text, inner, 2)]
        lines.append((self.t("city.map_story_measures_title"), True))
        for text in story.measures:
            lines += [(s, False) for s in citymap.wrap(small, text, inner, 2)]
        line_h = small.get_linesize()
        fits = max(1, (self.map_area.height - 12) // line_h)
        lines = lines[:fits]
        card = pygame.Rect(0, 0, width, len(lines) * line_h + 12)
        label = tile.rect
        # beside the district's label if there is room (right, left, below, above), else where it least covers it
        sides = [
            {"topleft": (label.right + 6, label.y)},
            {"topright": (label.x - 6, label.y)},
            {"midtop": (label.centerx, label.bottom + 6)},
            {"midbottom": (label.centerx, label.y - 6)},
        ]
        best, covered = card.copy(), None
        for side in sides:
            trial = card.copy()
            for attr, at in side.items():
                setattr(trial, attr, at)
            trial.clamp_ip(self.map_area)
            cover = trial.clip(label).width * trial.clip(label).height
            if covered is None or cover < covered:
                best, covered = trial, cover
        card = best
        self.story_rect = card.copy()
        pygame.draw.rect(surface, p.panel, card, border_radius=8)
        pygame.draw.rect(surface, p.text, card, width=2, border_radius=8)
        y = card.y + 6
        for text, strong in lines:
            box = pygame.Rect(card.x + 8, y, inner, line_h)
            self.paint_text(surface, text, box, kind="small", bold=strong)
            y += line_h

    # --- words ----------------------------------------------------------------------------------------------

    def legend_ranges(self) -> list[str]:
        layer = ind.layer_by_id(self.play.content, self.layer)
        unit = layer.spec.unit
        limits = layer.limits
        out = [self.t("city.range_below", value=ind.fmt(self.t, unit, limits[0]))]
        for lo, hi in itertools.pairwise(limits):
            low, high = ind.fmt(self.t, unit, lo), ind.fmt(self.t, unit, hi)
            if low.endswith("%") and high.endswith("%"):
                low = low[:-1]  # "15–30%"
            out.append(self.t("city.range", low=low, high=high))
        out.append(self.t("city.range_above", value=ind.fmt(self.t, unit, limits[-1])))
        return out
