"""Counts in the class report follow each language's plural rules (CLDR's, through Babel): no "1 registros", no
"registro(s)"."""

from __future__ import annotations

import re

from game.classfiles.logs import read_class_logs, write_bot_class
from game.classfiles.plurals import category, plural_key
from game.classfiles.session import new_session
from game.classroom.report import make_report


def test_the_plural_rules_of_each_language():
    assert [category("es", n) for n in (0, 1, 2, 1.5)] == ["other", "one", "other", "other"]
    assert category("es", 1_000_000) == "many"  # "1 millón de bitácoras": falls back to `other` when undeclared
    assert [category("en", n) for n in (0, 1, 2)] == ["other", "one", "other"]
    strings = {"x.one": 1, "x.other": 2}
    assert plural_key(strings, "x", "es", 1) == "x.one"
    assert plural_key(strings, "x", "es", 1_000_000) == "x.other"
    assert plural_key(strings, "y", "es", 1) == "y"


def test_one_group_is_one_game_in_both_languages(content, tmp_path):
    session = new_session(content, "first_steps", "official", seed=5, groups=["3B"])
    write_bot_class(content, session, tmp_path)
    logs, _ = read_class_logs(tmp_path, content)
    for lang, one, many in (("es", "1 partida ", "1 partidas"), ("en", "1 game ", "1 games")):
        html = make_report(logs, content, lang).html
        text = re.sub(r"<[^>]+>", " ", html)
        assert one in text and many not in text
        assert "(s)" not in text and "(es)" not in text
        # a dynamic or a measure met by the one group: "1 of 1 group", never "1 of 1 groups"
        for wrong in ("1 groups", "1 decisions", "1 grupos", "1 decisiones"):
            assert wrong not in text, wrong


def test_one_decision_is_one_decision_in_both_languages(content, tmp_path):
    # a projected game: its split shows every event, each met by the one group, most of them decided once
    session = new_session(content, "first_steps", "official", seed=5, groups=["3B"], mode="class_vote")
    write_bot_class(content, session, tmp_path)
    logs, _ = read_class_logs(tmp_path, content)
    for lang, right, wrongs in (
        ("es", "de 1 grupo · 1 decisión", ("1 decisiones", "1 grupos")),
        ("en", "of 1 group · 1 decision<", ("1 decisions", "1 groups")),
    ):
        html = make_report(logs, content, lang).html
        assert right in html
        assert not [w for w in wrongs if w in html]


def test_a_one_quarter_session_reads_one_quarter_in_both_languages(content, tmp_path):
    session = new_session(content, "first_steps", "official", seed=5, turns=1, groups=["3B"])
    write_bot_class(content, session, tmp_path)
    logs, _ = read_class_logs(tmp_path, content)
    for lang, right, wrong in (
        ("es", "1 de 1 trimestre<", "1 de 1 trimestres"),
        ("en", "1 of 1 quarter<", "1 of 1 quarters"),
    ):
        html = make_report(logs, content, lang).html
        assert right in html and wrong not in html
