"""`plaza validate --standalone` says what it could not check in the language it speaks: every kind of name it
counts has its words in English and in Spanish (content/ui/cli.yaml), so a Spanish line holds no English."""

from __future__ import annotations

import pytest

from game.cli import main
from game.cli_language import cli_texts
from game.content.unchecked import KINDS
from tests.test_check_cache import my_level


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_unchecked_name_has_its_words(lang, kind):
    t = cli_texts(lang)
    for n in (1, 3):
        text = t.count(f"cli.validate.unchecked.{kind}", n)
        assert str(n) in text and "cli.validate" not in text


def test_standalone_in_spanish_names_what_it_skipped_in_spanish(tmp_path, monkeypatch, capsys):
    my_level(tmp_path, monkeypatch)
    assert main(["validate", "--standalone", "mine", "--lang", "es"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("sin el contenido del juego"))
    assert "nombres de estado" in line, line
    for english in ("reference", "state name", "pool tag", "flag", "level id", "whether"):
        assert english not in line, line


def test_standalone_in_english_is_unchanged(tmp_path, monkeypatch, capsys):
    my_level(tmp_path, monkeypatch)
    assert main(["validate", "--standalone", "mine", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "not checked without the shipped content: " in out and " state names" in out, out
