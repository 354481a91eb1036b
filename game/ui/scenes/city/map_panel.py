"""The city screen's district map: the layer switch (keys 1–4), one tile per district and the legend.

MapPanel is mixed into CityScene: `build_map` lays the panel out into `tiles`, `map_rect`, `legend_rect` and
`legend_caption`, and `paint_map` paints the tiles and the legend (game.ui.citymap draws them).
"""

from __future__ import annotations

import itertools

import pygame

from game.ui import citymap
from game.ui import indicators as ind
from game.ui.scenes.city.fitting import key_label, shorten

LAYER_KEYS = {"crime": pygame.K_1, "fear": pygame.K_2, "trust": pygame.K_3, "control": pygame.K_4}


class MapPanel:
    """The map's part of CityScene (it uses the scene's `play`, `layer`, `district` and widget methods)."""

    def build_map(self, rect: pygame.Rect) -> None:
        em, pad = self.app.em, self.pad
        self.map_rect = rect
        inner = rect.inflate(-pad, -pad)
        # the layer switch: four buttons, in one row when they fit
        bh = int(em * 1.9)
        font = self.app.font("body", True)
        texts = []
        for layer in ind.layers(self.play.content):
            key = LAYER_KEYS[layer.id]
            texts.append(self.t(f"city.layer_{layer.id}", key=key_label(key)))
        widths = [font.size(s)[0] + 2 * em for s in texts]
        per_row = len(texts) if sum(widths) + pad * (len(texts) - 1) <= inner.width else 2
        y = inner.y
        col_w = (inner.width - pad * (per_row - 1)) // per_row
        for i, (layer, text) in enumerate(zip(ind.layers(self.play.content), texts, strict=True)):
            r, c = divmod(i, per_row)
            if per_row == len(texts):
                x = inner.x + sum(widths[:c]) + pad * c
                w = widths[c]
            else:
                x, w = inner.x + c * (col_w + pad), col_w
            spec = layer.spec
            tip = self.t(
                "city.layer_tip",
                name=ind.label(self.play.content, spec.name, self.t),
                meaning=ind.meaning(self.play.content, spec.name, self.t),
            )
            self.button(
                pygame.Rect(x, y + r * (bh + pad // 2), w, bh),
                text,
                lambda lid=layer.id: self.set_layer(lid),
                shortcut=LAYER_KEYS[layer.id],
                tooltip=tip,
                kind="chosen" if layer.id == self.layer else None,
            )
        rows = (len(texts) + per_row - 1) // per_row
        y += rows * bh + (rows - 1) * (pad // 2) + pad
        # the legend at the bottom: the layer's name, then five swatches
        small_h = self.app.font("small").get_linesize()
        legend_h = int(small_h * 1.5)
        layer = ind.layer_by_id(self.play.content, self.layer)
        name = ind.label(self.play.content, layer.spec.name, self.t)
        self.legend_rect = pygame.Rect(inner.x, inner.bottom - legend_h, inner.width, legend_h)
        caption = pygame.Rect(inner.x, self.legend_rect.y - small_h - pad // 3, inner.width, small_h)
        self.legend_caption = (caption, self.t("city.legend", name=name))
        area = pygame.Rect(inner.x, y, inner.width, caption.y - pad // 2 - y)
        districts = self.play.session.level.districts
        names = [self.district_name(i) for i in range(len(districts))]
        rects = citymap.layout(len(districts), area, pad, lambda w: citymap.tile_height(self.app, names, w))
        self.tiles = []
        for i, tile_rect in enumerate(rects):
            value = float(self.play.values(i)[layer.spec.name])
            tile = citymap.Tile(i, tile_rect, self.district_name(i), self.kind_name(i), value)
            self.tiles.append(tile)
            level = ind.level_of(layer, value)
            tip = self.t(
                "city.tile_tip",
                name=tile.name,
                kind=tile.kind,
                description=self.t.pick(districts[i].description),
                layer=name,
                value=ind.fmt(self.t, layer.spec.unit, value),
                level=self.level_words()[level],
            )
            self.button(tile_rect, "", lambda i=i: self.select(i), tooltip=tip, kind="tile")

    def level_words(self) -> list[str]:
        return [
            self.t("city.level_0"),
            self.t("city.level_1"),
            self.t("city.level_2"),
            self.t("city.level_3"),
            self.t("city.level_4"),
        ]

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

    def paint_map(self, surface: pygame.Surface) -> None:
        """The tiles coloured by the chosen layer, then the legend's caption and swatches."""
        p = self.app.palette
        layer = ind.layer_by_id(self.play.content, self.layer)
        citymap.paint_tiles(self, surface, self.tiles, layer, self.district, self.level_words())
        if self.legend_rect.width > 0:
            caption, text = self.legend_caption
            self.paint_text(
                surface, shorten(self.app.font("small"), text, caption.width), caption, kind="small", colour=p.muted
            )
            citymap.paint_legend(self, surface, self.legend_rect, layer, self.legend_ranges())
