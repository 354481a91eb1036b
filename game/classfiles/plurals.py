"""Plural rules for counts in the class tools, per language (CLDR's, through Babel): "1 bitácora", "2 bitácoras".

A string with plural forms is declared in the content as one entry per CLDR category the language needs, under the
string's key: `class_report.footer.one`, `class_report.footer.other` (Spanish also has `many`, used for millions;
it falls back to `other`). `plural_key(strings, key, lang, n)` is the key of the form for `n`.
"""

from __future__ import annotations

from functools import cache

from babel import Locale

LOCALES = {"es": "es_MX", "en": "en_US"}


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, lang))


def category(lang: str, n: int | float) -> str:
    """CLDR's plural category of `n` in `lang`: "one", "many" or "other" for English and Spanish."""
    return str(_locale(lang).plural_form(n))


def plural_key(strings, key: str, lang: str, n: int | float) -> str:
    """The key of `key`'s form for `n` when `strings` declares plural forms for it (`key.one`, `key.other`…), else
    `key` itself."""
    if f"{key}.other" not in strings:
        return key
    form = f"{key}.{category(lang, n)}"
    return form if form in strings else f"{key}.other"
