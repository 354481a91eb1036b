"""What a phone is shown, as typed data the projector builds from the same card it projects (its Occurrence and
the quarter's report), in every language of the game: the server picks each phone's language, never translates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Lang = str  # "en" | "es"


@dataclass(frozen=True)
class OptionView:
    id: str
    letter: str  # A, B, C… as on the projector
    label: dict[Lang, str]
    stakes: dict[Lang, str] | None  # what the option puts at stake (the card's `stakes:`), when the card says
    open: bool  # whether it can be taken now (closed options are shown, greyed, and cannot be voted)


@dataclass(frozen=True)
class CardView:
    event: str
    title: dict[Lang, str]
    text: dict[Lang, str]
    place: dict[Lang, str]
    turn: int
    turns: int
    options: tuple[OptionView, ...]

    def option(self, option_id: str) -> OptionView | None:
        return next((o for o in self.options if o.id == option_id), None)

    def for_phone(self, lang: Lang) -> dict:
        """The card as JSON for one phone (plain text: the page puts it in with textContent, never as HTML)."""
        return {
            "event": self.event,
            "title": self.title.get(lang, ""),
            "text": self.text.get(lang, ""),
            "place": self.place.get(lang, ""),
            "turn": self.turn,
            "turns": self.turns,
            "options": [
                {
                    "id": o.id,
                    "letter": o.letter,
                    "label": o.label.get(lang, ""),
                    "stakes": (o.stakes or {}).get(lang, ""),
                    "open": o.open,
                }
                for o in self.options
            ],
        }


@dataclass(frozen=True)
class ReportLine:
    label: dict[Lang, str]  # "Fear", "Miedo"
    value: dict[Lang, str]  # the value as the city screen shows it
    change: dict[Lang, str]  # "▲ +3 pts ✗", "= 0"
    verdict: str  # "good" | "bad" | "neutral"


@dataclass(frozen=True)
class ReportView:
    """The city's last turn report in short form: the quarter, the decisions taken on its cards and a few
    headline values with their change."""

    turn: int
    turns: int
    decisions: tuple[dict[Lang, str], ...] = ()  # "Council meeting: Check the police", per language
    lines: tuple[ReportLine, ...] = field(default=())

    def for_phone(self, lang: Lang) -> dict:
        return {
            "turn": self.turn,
            "turns": self.turns,
            "decisions": [d.get(lang, "") for d in self.decisions],
            "lines": [
                {
                    "label": x.label.get(lang, ""),
                    "value": x.value.get(lang, ""),
                    "change": x.change.get(lang, ""),
                    "verdict": x.verdict,
                }
                for x in self.lines
            ],
        }
