"""The language of the `plaza` command line: which one the user wants, our own texts in it, and argparse's.

The language is `--lang en|es` when given anywhere on the line, else `PLAZA_LANG`, else the system's (the first
of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set: Spanish when it starts with `es`), else English.

Our texts (help, descriptions, messages) are the `cli.*` strings of content/ui/cli.yaml, read by
game.strings_file (PyYAML's safe loader, kept as JSON in the cache): loading all the content (pydantic, the
checker) for a help line would cost a `plaza validate` answered from its cache most of its time.

argparse's own texts (usage, headings, "the following arguments are required") are looked up by argparse through
gettext at the moment it prints them, so they are translated the standard way: content/ui/cli_argparse.es.po is
compiled with Babel into a .mo file in the user's cache, and `speaking` binds gettext's domain to it while the
command line is parsed and run.
"""

from __future__ import annotations

import argparse
import errno
import gettext
import hashlib
import os
import stat
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from game.content.templates import render
from game.resources import resource_root
from game.strings_file import LANGS, environment_language, read_strings
from game.user_cache import cache_dir, write_whole

DOMAIN = "plaza_cli"  # gettext's domain while `plaza` speaks Spanish (argparse asks the current domain)
STRINGS = "cli.yaml"
CATALOGUE = "cli_argparse.{lang}.po"


def choose_language(argv: Sequence[str], environ: Mapping[str, str] = os.environ) -> str:
    """`--lang` on the line, else PLAZA_LANG, else the system's locale, else English."""
    given = _lang_option(argv)
    return given if given in LANGS else environment_language(environ)


def _lang_option(argv: Sequence[str]) -> str | None:
    """The value of the last `--lang X` or `--lang=X` before a `--` (words after it are not options)."""
    found = None
    for i, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif word.startswith("--lang="):
            found = word.partition("=")[2]
    return found


class CliTexts:
    """`t("cli.key", name=value)`: a `cli.*` string in the chosen language, its `{name}` placeholders filled by the
    project's one safe renderer. A missing string shows its key, never a traceback."""

    def __init__(self, lang: str, strings: Mapping[str, Mapping[str, str]]):
        self.lang = lang
        self.strings = strings

    def __call__(self, key: str, **values: object) -> str:
        entry = self.strings.get(key) or {}
        text = entry.get(self.lang) or entry.get("en") or key
        return render(text, values)

    def os_problem(self, exc: OSError) -> str:
        """What the system said went wrong with a file, in the user's language for the common cases (the system's
        own words, `Permission denied`, are English whatever the locale)."""
        name = errno.errorcode.get(exc.errno or 0, "").lower()
        key = f"cli.errno.{name}"
        if self.lang != "en" and key in self.strings:
            return self(key)
        return exc.strerror or str(exc)

    def count(self, key: str, n: int, **values: object) -> str:
        """`key.one` for 1, `key.other` for any other number: English and Spanish share this rule for whole
        numbers (CLDR), so Babel's plural rules are not loaded for a command-line line."""
        return self(f"{key}.{'one' if n == 1 else 'other'}", n=n, **values)


def cli_texts(lang: str) -> CliTexts:
    """The command line's strings in `lang` (English for a language Plaza does not speak)."""
    strings = read_strings(resource_root() / "content" / "ui" / STRINGS)
    return CliTexts(lang if lang in LANGS else "en", strings)


def translate_parsers(parser: argparse.ArgumentParser, t: CliTexts) -> None:
    """Put into `t`'s language the help, descriptions and argument names written in English in other modules (the
    class tools' parsers, game/classroom/cli_*.py): each is found among the cli.* strings by its English words, as
    gettext finds a message id. A text with no entry stays as it is."""
    if t.lang == "en":
        return
    table = {e["en"]: e[t.lang] for e in t.strings.values() if isinstance(e, dict) and e.get("en") and e.get(t.lang)}
    _translate(parser, table, set())


def _translate(parser: argparse.ArgumentParser, table: Mapping[str, str], done: set[int]) -> None:
    if id(parser) in done:  # a command with an alias is the same parser twice
        return
    done.add(id(parser))
    parser.description = table.get(parser.description or "", parser.description)
    for action in parser._actions:  # argparse lists a parser's arguments nowhere public
        _translate_action(action, table)
        if isinstance(action.choices, dict):  # the sub-commands: their line in the list, and each one's parser
            for line in getattr(action, "_choices_actions", ()):
                _translate_action(line, table)
            for sub in action.choices.values():
                if isinstance(sub, argparse.ArgumentParser):
                    _translate(sub, table, done)


def _translate_action(action: argparse.Action, table: Mapping[str, str]) -> None:
    if isinstance(action.help, str):
        action.help = table.get(action.help, action.help)
    if isinstance(action.metavar, str):
        action.metavar = table.get(action.metavar, action.metavar)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """While inside, argparse prints its own texts in `lang`; gettext's domain and LANGUAGE are put back after.

    argparse calls `gettext.gettext`, which looks in the current domain for the languages LANGUAGE (then the
    locale variables) lists: so the domain is bound to our compiled catalogue and LANGUAGE names the language the
    user chose, which may differ from the system's (`--lang es` on an English system)."""
    folder = compiled_catalogue(lang) if lang != "en" else None
    if folder is None:  # English is argparse's own; no catalogue (or no cache folder): English
        yield
        return
    domain, bound, language = gettext.textdomain(), gettext.bindtextdomain(DOMAIN), os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(folder))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = lang
    try:
        yield
    finally:
        gettext.textdomain(domain)
        gettext.bindtextdomain(DOMAIN, bound)
        if language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = language


def compiled_catalogue(lang: str) -> Path | None:
    """The folder gettext reads `lang`'s argparse texts from (<cache>/cli_locale/<digest>/<lang>/LC_MESSAGES/),
    compiled from content/ui/cli_argparse.<lang>.po when it changed; None when it cannot be had."""
    source = resource_root() / "content" / "ui" / CATALOGUE.format(lang=lang)
    try:
        raw = source.read_bytes()
        folder = cache_dir() / "cli_locale" / hashlib.sha256(raw).hexdigest()[:16]
        target = folder / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if not target.exists():
            _compile(raw, lang, target)
        if not stat.S_ISREG(target.stat().st_mode):
            return None
    except (OSError, ValueError):  # a read-only or odd cache, a broken catalogue: argparse stays English
        return None
    return folder


def _compile(po: bytes, lang: str, target: Path) -> None:
    """Babel reads the .po and writes the .mo (once per change of the catalogue)."""
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(BytesIO(po), locale=lang)
    out = BytesIO()
    write_mo(out, catalog)
    write_whole(target, out.getvalue())
