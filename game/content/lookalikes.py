"""Letters that look like others: a Cyrillic `а` (U+0430) in an id reads as the Latin `a` in every editor, and
the validator's did-you-mean alone would not say why `аudit` is not `audit`. These name the character."""

from __future__ import annotations

import unicodedata

from game.content.diagnostic_text import Message, msg

# Letters of other scripts that look like Latin ones (Unicode's confusables, the ones met in practice).
_CONFUSABLE = dict(
    zip(
        "аеорсухіјѕԁһӏԛԝАВЕКМНОРСТХІЈЅοανικρτυεΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
        "aeopcyxijsdhlqwABEKMHOPCTXIJSoavikptueABEZHIKMNOPTYX",
        strict=True,
    )
)


def fold(word: str) -> str:
    """The word with look-alike letters of other scripts, full-width forms and accents made plain ASCII."""
    out = []
    for ch in word:
        if ch.isascii():
            out.append(ch)
            continue
        ch = _CONFUSABLE.get(ch, ch)
        plain = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(plain if plain.isascii() and len(plain) == 1 else ch)
    return "".join(out)


def lookalikes(word: str, meant: str = "") -> Message:
    """Name each character of `word` outside plain ASCII by its code point and Unicode name: a Cyrillic `а`
    (U+0430) looks like the Latin `a` but is another letter, so `аudit` is not `audit`. `meant` (a suggestion of
    the same length) says which letter it stands in for."""
    odd = [(i, ch) for i, ch in enumerate(word) if not ch.isascii()]
    if not odd:
        return ""
    chars: Message = ""
    for i, ch in odd[:3]:
        named = {"char": ch, "code": f"{ord(ch):04X}", "name": unicodedata.name(ch, "UNNAMED CHARACTER")}
        like = meant[i] if len(meant) == len(word) and meant[i].isascii() else ""
        part = msg("look.char_like", like=like, **named) if like else msg("look.char", **named)
        chars = msg("look.then", first=chars, then=part) if chars else part
    if len(odd) > 3:
        return msg("look.has_more", word=word, chars=chars, n=len(odd) - 3)
    return msg("look.has", word=word, chars=chars)
