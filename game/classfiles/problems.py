"""Problems met reading a class's files, typed so each reader says them in its own language.

A `Problem` is a `str` — its English message, which is what exports record (session.json) and what tools that
only want text read — that also carries its `kind` and the `values` it names. `say(problem, strings, lang)` says it
from the content string `class_files.problem.<kind>` (content/ui/class_files.yaml) in English or Spanish, with the
plural form its count needs; a plain string (an older caller's message) is said as it is.

Pure Python: no pygame.
"""

from __future__ import annotations

from game.classfiles.plurals import plural_key
from game.content import templates

__all__ = ["Problem", "say"]

PREFIX = "class_files.problem."


class Problem(str):
    """A problem with one file (or folder): its English message, its kind and the values the message names."""

    kind: str
    values: dict

    def __new__(cls, kind: str, english: str, **values) -> Problem:
        obj = super().__new__(cls, english)
        obj.kind = kind
        obj.values = values
        return obj

    def __reduce__(self):  # pickles (multiprocessing) keep the kind and values
        return (_rebuild, (self.kind, str(self), self.values))


def _rebuild(kind: str, english: str, values: dict) -> Problem:
    return Problem(kind, english, **values)


def say(problem: str, strings, lang: str) -> str:
    """The problem in `lang` ("en" or "es") from the content's strings; its English message when not typed."""
    if not isinstance(problem, Problem):
        return str(problem)
    key = PREFIX + problem.kind
    count = problem.values.get("count")
    if isinstance(count, int):
        key = plural_key(strings, key, lang, count)
    text = strings.get(key)
    if text is None:
        return str(problem)
    return templates.render(text.get(lang), {k: str(v) for k, v in problem.values.items()})
