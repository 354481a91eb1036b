"""The turn report's opening: the quarter's headlines (game.session.headlines), the biggest story on a card.

Each headline is one sentence that names its cause and its place — "Your anonymous tip line in Las Lomas, without
protection: 2 people who had reported were punished for it; reporting in Las Lomas fell 6 pts ✗." — built from
content/ui/report.yaml and core.yaml with named placeholders (never str.format), the change in the colour of its
news with ✓/✗ so colour is never alone.
A retaliation, a self-defense group's story or a district tipping gets a card of its own: its picture
(game.ui.story_art), the kind of story and the place, the sentence, the conditions that let it happen, and a
button (C) that opens the chain of causes in the report's detail panel. The other headlines follow as lines.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UITextBox

from game.classfiles.plurals import plural_key
from game.session import headlines
from game.session.headlines import Headline
from game.ui import causes, refusal_text, story_art
from game.ui.texts import markup
from game.ui.widgets import key_name, letter_key

PREFIX = "headline:"  # the report's list entries for headlines: "headline:0", "headline:1", …


def lower_first(text: str) -> str:
    """A name put inside a sentence: "Anonymous tip line" → "anonymous tip line" (an acronym such as "ID" stays)."""
    return text[:1].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


def need_height(app, html: str, width: int) -> int:
    """How tall a text box `width` wide must be to show `html` without scrolling."""
    probe = UITextBox(html, pygame.Rect(-10000, -10000, width, -1), app.ui)
    height = probe.rect.height
    probe.kill()
    return height


def fill(t, key: str, plain: dict[str, str], html: dict[str, str]) -> str:
    """The string `key` as HTML: its text and the `plain` values escaped, the `html` values put in as they are."""
    marks = {name: f"\x00{i}\x00" for i, name in enumerate(html)}
    out = markup(t(key, **plain, **marks))
    for name, mark in marks.items():
        out = out.replace(mark, html[name])
    return out


class HeadlineBlock:
    """Makes, lays out and paints the report's headlines; `scene` is the ReportScene."""

    def __init__(self, scene):
        self.scene = scene
        self.card: pygame.Rect | None = None
        self.picture: pygame.Rect | None = None
        self.story: Headline | None = None
        self.causes_button = None

    # --- the data ------------------------------------------------------------------------------------------

    def all(self) -> list[Headline]:
        """The quarter's headlines as the session recorded them (game.session.headlines), the biggest story first."""
        play = self.scene.app.play
        report = play.report if play is not None else None
        return report.headlines if report is not None else []

    def entries(self) -> list[str]:
        return [f"{PREFIX}{i}" for i in range(len(self.all()))]

    def of(self, entry: str) -> Headline | None:
        if not entry.startswith(PREFIX):
            return None
        found = self.all()
        index = int(entry[len(PREFIX) :])
        return found[index] if 0 <= index < len(found) else None

    def fired(self, h: Headline):
        """The report's record of the event a headline is about (its conditions, what scheduled it)."""
        play = self.scene.app.play
        ids = play.world.district_ids
        district = ids[h.district] if h.district is not None else None
        return next((e for e in play.report.events if e.event == h.event and e.district == district), None)

    def held(self, h: Headline) -> list[str]:
        """The conditions that let the event happen, in words ("Informer protection below 60% (now 2%)")."""
        fired, t = self.fired(h), self.scene.t
        parts = fired.held if fired is not None else ()
        return [refusal_text.part(self.scene.app.play.content, t, p, held_only=True) for p in parts if p.held]

    # --- words ---------------------------------------------------------------------------------------------

    def place(self, h: Headline) -> str:
        level, lang = self.scene.app.play.session.level, self.scene.t.lang
        return level.districts[h.district].name.get(lang) if h.district is not None else level.city.name.get(lang)

    def event_title(self, event_id: str, h: Headline) -> str:
        play, lang = self.scene.app.play, self.scene.t.lang
        return causes.cause_name(play.content, f"event:{event_id}", lang, causes.place_names(play, lang, h.district))

    def option_label(self, event_id: str, option_id: str) -> str:
        event = self.scene.app.play.content.events.get(event_id)
        option = next((o for o in event.options if o.id == option_id), None) if event is not None else None
        return option.label.get(self.scene.t.lang) if option is not None else option_id

    def measure_name(self, key: str) -> str:
        return causes.cause_name(self.scene.app.play.content, key, self.scene.t.lang)

    def cause(self, h: Headline) -> str:
        """Who or what set it off: the player's measure, an earlier choice, this event's option, or the place."""
        t, place = self.scene.t, self.place(h)
        choice = h.choice or ""
        if choice.startswith("measure:"):
            return t("hl.by_measure", measure=lower_first(self.measure_name(choice)), district=place)
        event_id, _, option_id = choice[len("event:") :].partition("/")
        if choice.startswith("event:") and event_id != h.event:
            return t(
                "hl.by_earlier", event=self.event_title(event_id, h), option=self.option_label(event_id, option_id)
            )
        if h.event and h.option and (h.kind == headlines.EVENT or choice == f"event:{h.event}/{h.option}"):
            option = lower_first(self.option_label(h.event, h.option))
            return t("hl.by_option", event=self.event_title(h.event, h), district=place, option=option)
        if h.event:
            return t("hl.in_event", event=self.event_title(h.event, h), district=place)
        return t("hl.in_place", district=place)

    def amount(self, h: Headline) -> str:
        """The size of the change, unsigned (the verb says which way): "41.5 pts", "35"."""
        play, t = self.scene.app.play, self.scene.t
        return causes.fmt_delta(play.content, h.value, abs(h.change), t, arrow=False).lstrip("+")

    def sentence_html(self, h: Headline) -> str:
        return self.say(h, html=True)

    def sentence(self, h: Headline) -> str:
        """The sentence as plain text (tooltips, the chain's heading)."""
        return self.say(h, html=False)

    def say(self, h: Headline, html: bool) -> str:
        """The headline's sentence; as HTML the change is bold in the colour of its news."""
        play, t = self.scene.app.play, self.scene.t
        amount = self.amount(h)
        if html:
            amount = self.scene.judged(h.value, h.change, amount)
        else:
            amount += causes.verdict_mark(causes.judgement(play.content, h.value, h.change))
        words = {"value": lower_first(causes.label(play.content, h.value, t.lang)), "district": self.place(h)}
        if h.choice is None and h.event is None and h.chain and h.chain[0].startswith("term."):
            # no choice behind it: the place, the change and the mechanism that moved it most
            words["term"] = causes.cause_name(play.content, h.chain[0], t.lang)
            key = "hl.tip_rose" if h.change > 0 else "hl.tip_fell"
            return fill(t, key, words, {"amount": amount}) if html else t(key, **words, amount=amount)
        key = "hl.rose" if h.change > 0 else "hl.fell"
        change = fill(t, key, words, {"amount": amount}) if html else t(key, **words, amount=amount)
        plain = {"cause": self.guarded(h)}
        key = "hl.sentence_plain"
        if h.kind == headlines.RETALIATION:
            plural = plural_key(play.content.strings, "hl.retaliation", t.lang, h.count)
            plain["what"] = t(plural, count=str(h.count))
            key = "hl.sentence"
            if h.small:  # reporting there barely moved: the story is who was punished
                return markup(t("hl.sentence_count", **plain)) if html else t("hl.sentence_count", **plain)
        return fill(t, key, plain, {"change": change}) if html else t(key, **plain, change=change)

    def guarded(self, h: Headline) -> str:
        """The cause, and for a retaliation whether those who reported had protection ("…, without protection")."""
        cause = self.cause(h)
        if h.protected is None:
            return cause
        return self.scene.t("hl.protected" if h.protected else "hl.unprotected", cause=cause)

    def kind_title(self, h: Headline) -> str:
        return self.scene.t(f"hl.kind.{h.kind}", district=self.place(h))

    def chain_html(self, h: Headline) -> str:
        """The chain from the choice to the consequence, step by step, then every cause of the change."""
        scene, play, t = self.scene, self.scene.app.play, self.scene.t
        muted = scene.app.palette.muted
        out = [f"<b>{markup(self.sentence(h))}</b>", "", f"<b>{markup(t('hl.chain_title'))}</b>"]
        value = lower_first(causes.label(play.content, h.value, t.lang))
        result = f"{markup(t('hl.step.result', value=value, district=self.place(h)))} "
        result += scene.change_html(h.value, h.before, h.after)
        if h.choice is None:  # no chain to tell: the mechanisms behind it are listed with every cause below
            out += [f"<font color='{muted}'>{markup(t('hl.no_choice'))}</font>", result]
        else:
            steps = [self.step(key, h) for key in h.chain] + [result]
            out += [f"{n}. {step}" for n, step in enumerate(steps, 1)]
        held = self.held(h)
        if held:
            out.append(f"<font color='{muted}'>{markup(t('rpt.why', why=' · '.join(held)))}</font>")
        out += [
            "",
            f"<font color='{muted}'>{markup(t('hl.all_causes'))}</font>",
            scene.causes_html(h.value, h.district),
        ]
        return "<br>".join(out)

    def step(self, key: str, h: Headline) -> str:
        t = self.scene.t
        if key.startswith("measure:"):
            return markup(t("hl.step.measure", measure=self.measure_name(key), district=self.place(h)))
        if key.startswith("event:"):
            event_id, _, option_id = key[len("event:") :].partition("/")
            title = self.event_title(event_id, h)
            if option_id:
                return markup(t("hl.step.option", event=title, option=self.option_label(event_id, option_id)))
            return markup(t("hl.step.event", event=title))
        term = causes.cause_name(self.scene.app.play.content, key, t.lang)
        return markup(t("hl.step.term", term=term))

    # --- layout and paint ------------------------------------------------------------------------------------

    def build(self, rect: pygame.Rect) -> int:
        """Lay out the card and the other headlines from the top of `rect`; the height used (0: no headline)."""
        self.card = self.picture = self.story = self.causes_button = None
        found = self.all()
        if not found:
            return 0
        scene, app = self.scene, self.scene.app
        story = found[0] if found[0].story else None  # all() puts the biggest story first
        rest = found[1:] if story is not None else found
        used, line = 0, app.font("body").get_linesize()
        if story is not None:  # the card first: the other headlines get what it leaves, at least two lines
            most = rect.height - (int(line * 3.2) if rest else 0)
            if rest and self.card_need(story, rect) > most:  # too tight for both: the biggest story whole
                most, rest = rect.height, []  # (C still steps through the others)
            used = self.build_card(story, rect, most)
            self.story = story
        if rest:
            html = "<br>".join(f"• {self.sentence_html(h)}" for h in rest)
            room = rect.height - used
            height = min(need_height(app, html, rect.width), room)
            if height >= int(line * 2.2):
                scene.textbox(pygame.Rect(rect.x, rect.y + used, rect.width, height), html)
                used += height
        return used if used else 0

    def card_html(self, h: Headline) -> str:
        muted, t = self.scene.app.palette.muted, self.scene.t
        html = f"<font color='{muted}'><b>{markup(self.kind_title(h))}</b></font><br><b>{self.sentence_html(h)}</b>"
        held = self.held(h)
        if held:
            html += f"<br><font color='{muted}'>{markup(t('rpt.why', why=' · '.join(held)))}</font>"
        return html

    def card_shape(self, rect: pygame.Rect, most: int) -> tuple[int, int, int, int, int, int, str]:
        """The card's parts across `rect`: picture size, text x and width, the room under the text for the button
        (0 when it sits beside), the button's width and height, and its label."""
        app, t = self.scene.app, self.scene.t
        em, pad = app.em, max(6, app.em // 2)
        label = t("hl.causes", key=key_name(t, letter_key(t, "causes")))
        btn_w = app.font("body", True).size(label)[0] + 2 * em
        btn_h = int(em * 2.2)
        pic = max(int(em * 3), min(int(em * 6.5), most - 2 * pad, rect.width // 5))
        text_x = rect.x + pic + 3 * pad
        # the button beside the text where that leaves the text half the card, else under it
        beside = rect.right - pad - text_x - btn_w - pad >= rect.width // 2
        below = 0 if beside else btn_h + pad // 2
        text_w = rect.right - pad - text_x - (btn_w + pad if beside else 0)
        return pic, text_x, text_w, below, btn_w, btn_h, label

    def card_need(self, h: Headline, rect: pygame.Rect) -> int:
        """The height the card needs to show its whole text."""
        pad = max(6, self.scene.app.em // 2)
        pic, _, text_w, below, _, btn_h, _ = self.card_shape(rect, rect.height)
        text_h = need_height(self.scene.app, self.card_html(h), text_w)
        return max(pic + 2 * pad, text_h + below + pad, btn_h + 2 * pad) + self.scene.app.em // 2

    def build_card(self, h: Headline, rect: pygame.Rect, most: int) -> int:
        scene, app, t = self.scene, self.scene.app, self.scene.t
        em, pad = app.em, max(6, app.em // 2)
        pic, text_x, text_w, below, btn_w, btn_h, label = self.card_shape(rect, most)
        html = self.card_html(h)
        text_h = min(need_height(app, html, text_w), most - below - pad)
        height = max(pic + 2 * pad, text_h + below + pad, btn_h + 2 * pad)
        self.card = pygame.Rect(rect.x, rect.y, rect.width, height)
        self.picture = pygame.Rect(rect.x + pad, rect.y + (height - pic) // 2, pic, pic)
        scene.textbox(pygame.Rect(text_x, rect.y + pad // 2, text_w, height - below - pad), html, kind="plain")
        self.causes_button = scene.button(
            pygame.Rect(rect.right - pad - btn_w, self.card.bottom - pad - btn_h, btn_w, btn_h),
            label,
            lambda: scene.show_headline(0),
            tooltip=t("hl.causes_tip"),
        )
        return height + em // 2

    def paint(self, surface: pygame.Surface) -> None:
        if self.card is None or self.picture is None or self.story is None:
            return
        pal = self.scene.app.palette
        pygame.draw.rect(surface, pal.panel, self.card, border_radius=8)
        pygame.draw.rect(surface, pal.border, self.card, width=2, border_radius=8)
        story_art.paint(surface, self.picture, self.story.kind, self.story.good, pal)
