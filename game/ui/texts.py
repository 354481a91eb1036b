"""Every word the player reads, in the chosen language: interface strings from content/, content texts, numbers.

Screens never hold English or Spanish literals; they ask `Texts` by key. A key without a string shows as
`⟨key⟩`, so a gap is visible on screen and a test catches it (tests/ui/test_texts.py).
"""

from __future__ import annotations

import html

from game.content.loader import ContentSet
from game.content.schemas import Text
from game.content.templates import render


class Texts:
    def __init__(self, content: ContentSet, lang: str):
        self.content = content
        self.lang = lang
        self._papers: dict[str, str] | None = None  # English section title -> this language's, built on first use

    def __call__(self, key: str, /, **values) -> str:  # positional: a string may have a {key} placeholder
        text = self.content.strings.get(key)
        if text is None:
            return f"⟨{key}⟩"
        # never str.format: a string from a content pack must not reach format specs or attribute lookups
        return render(getattr(text, self.lang), values)

    def paper(self, section: str) -> str:
        """A `paper:` citation (the section's English title, as content cites it) in the current language, from
        content/paper.yaml; a citation it does not list is shown as written."""
        if self._papers is None:
            self._papers = {
                text.en: getattr(text, self.lang)
                for key, text in self.content.strings.items()
                if key.startswith("paper.section.")
            }
        return self._papers.get(section, section)

    def has(self, key: str) -> bool:
        return key in self.content.strings

    def pick(self, text: Text | dict | None) -> str:
        """A content text ({en, es}) in the current language."""
        if text is None:
            return ""
        return text[self.lang] if isinstance(text, dict) else getattr(text, self.lang)

    def number(self, value: float, digits: int = 2) -> str:
        return f"{value:,.{digits}f}"

    def percent(self, value: float) -> str:
        return f"{value * 100:.0f}%"

    def signed(self, value: float, digits: int = 2) -> str:
        # a real minus sign (DejaVu has it), so columns of changes line up and read cleanly
        return f"{value:+.{digits}f}".replace("-", "−")


def markup(text: str) -> str:
    """Plain text made safe for pygame_gui's HTML-like text boxes (content is written by strangers)."""
    return html.escape(text, quote=False).replace("\n", "<br>")
