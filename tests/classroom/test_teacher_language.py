"""The class tools speak the teacher's language (issue 16, labels that disagree): the problems the class report
lists and every message of `plaza classroom new|export` and `plaza report` come from content strings, in Spanish
with `--lang es` (or a Spanish session) and in English with `--lang en`; errors are a clear message and a non-zero
exit, never a traceback."""

from __future__ import annotations

import json
import re

import pytest

from game.classfiles.logs import read_class_logs, write_bot_class
from game.classfiles.problems import Problem, say
from game.classfiles.session import new_session
from game.classroom.report import make_report
from game.classroom.report_data import gather
from game.cli import main

ENGLISH = re.compile(
    r"\b(wrote|unchanged|games?|logs?|skipped|nothing to|left out|exported|problems?|session file|code:|groups?:)\b",
    re.IGNORECASE,
)


@pytest.fixture
def klass(content, tmp_path):
    session = new_session(content, "first_steps", "official", seed=5, groups=["3A", "3B"])
    write_bot_class(content, session, tmp_path / "logs")
    return session, tmp_path / "logs"


def _english_words(text: str) -> list[str]:
    """English words in a Spanish message, outside file paths and the command's own name."""
    text = re.sub(r"\(detalle técnico: [^)]*\)", " ", text)  # the log reader's own words, kept as they are
    text = re.sub(r"(/|[A-Za-z]:\\)\S+", " ", text).replace("plaza report", "").replace("plaza classroom", "")
    return ENGLISH.findall(text)


def test_gather_problems_are_typed_and_said_in_the_reports_language(content, klass, tmp_path):
    _, folder = klass
    opened = folder / "opened.jsonl"
    header = json.loads(next(iter(sorted(folder.rglob("*.jsonl")))).read_text(encoding="utf-8").splitlines()[0])
    opened.write_text(json.dumps(header | {"group": "3Z"}) + "\n", encoding="utf-8")
    logs, problems = read_class_logs(folder, content)
    empty = next(g for g in logs if g.group == "3A")
    empty.turns = []  # a log with no finished quarter reaching the report
    found: list = []
    gather(logs, content, found)
    assert [type(p) for p in found] == [Problem] and found[0].kind == "no_quarter"
    assert say(found[0], content.strings, "es").endswith("no hay nada que informar.")
    assert say(found[0], content.strings, "en").endswith("there is nothing to report.")
    assert all(isinstance(p, Problem) for p in problems) and problems
    html = make_report(logs, content, "es", problems).html
    listed = html[html.index('class="problems"') : html.index("</div>", html.index('class="problems"'))]
    assert "no hay nada que informar" in listed and "se omitió" in listed
    assert "nothing to report" not in listed and "skipped" not in listed and "left out" not in listed


def test_report_speaks_spanish_and_english(klass, tmp_path, capsys):
    _, folder = klass
    (folder / "notes.jsonl").write_text("these are my notes\n", encoding="utf-8")
    assert main(["report", str(folder), "--out", str(tmp_path / "es"), "--lang", "es"]) == 1
    out, err = capsys.readouterr()
    assert "Se escribió" in out and "2 partidas." in out and "1 problema con archivos" in out
    assert "notes.jsonl" in err and "se omitió" in err
    assert _english_words(out + err) == [], out + err
    assert main(["report", str(folder), "--out", str(tmp_path / "en"), "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    assert "Wrote" in out and "2 games." in out and "1 file problem" in out and "skipped" in err


def test_report_errors_are_clear_in_spanish(tmp_path, capsys):
    (tmp_path / "taken").write_text("mine", encoding="utf-8")
    assert main(["report", str(tmp_path), "--out", str(tmp_path / "taken"), "--lang", "es"]) == 2
    err = capsys.readouterr().err
    assert "es un archivo, no una carpeta" in err and "Traceback" not in err
    assert main(["report", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"), "--lang", "es"]) == 2
    err = capsys.readouterr().err
    assert "no existe ese archivo ni esa carpeta" in err and "no hay nada que informar" in err
    assert _english_words(err) == [], err


def test_classroom_new_and_export_speak_the_teachers_language(content, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLAZA_HOME", str(tmp_path / "home"))
    args = ["classroom", "new", "--level", "first_steps", "--role", "official", "--turns", "1", "--groups", "3A"]
    assert main([*args, "--lang", "es", "--out", str(tmp_path / "s")]) == 0
    out = capsys.readouterr().out
    assert "Sesión" in out and "1 trimestre ·" in out and "Titular de Seguridad Pública" in out
    assert "Código para la clase:" in out and "Archivo de la sesión:" in out
    assert _english_words(out) == [], out
    assert main([*args, "--lang", "en", "--out", str(tmp_path / "t")]) == 0
    out = capsys.readouterr().out
    assert "1 quarter ·" in out and "Head of Public Safety" in out and "Code for the class:" in out
    # export: the session's language unless --lang says otherwise
    session = json.loads((tmp_path / "s" / "session.json").read_text(encoding="utf-8"))
    logs = tmp_path / "logs"
    logs.mkdir()
    assert (
        main(
            [
                "classroom",
                "export",
                str(logs),
                "--session",
                str(tmp_path / "s" / "session.json"),
                "--out",
                str(tmp_path / "e"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert "no hay nada que exportar" in err and session["id"]
    assert _english_words(err) == [], err


@pytest.mark.parametrize(
    ("before", "after", "environment", "expected"),
    [
        ([], [], "es", "es"),  # PLAZA_LANG
        ([], [], "en", "en"),
        (["--lang", "es"], [], "en", "es"),  # plaza --lang es report …
        ([], ["--lang", "en"], "es", "en"),  # the report's own --lang wins
        (["--lang", "es"], ["--lang", "en"], "es", "en"),
    ],
)
def test_the_reports_language_follows_the_command_lines(
    klass, tmp_path, monkeypatch, capsys, before, after, environment, expected
):
    _, folder = klass
    monkeypatch.setenv("PLAZA_LANG", environment)
    assert main([*before, "report", str(folder), "--out", str(tmp_path / "r"), *after]) == 0
    out = capsys.readouterr().out
    page = (tmp_path / "r" / "report.html").read_text(encoding="utf-8")
    assert f'<html lang="{expected}"' in page
    assert ("Se escribió" if expected == "es" else "Wrote") in out


def test_a_session_made_without_lang_speaks_the_command_lines_language(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLAZA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PLAZA_LANG", "es")
    args = ["classroom", "new", "--level", "first_steps", "--role", "official", "--turns", "1"]
    assert main([*args, "--out", str(tmp_path / "s")]) == 0
    assert "Código para la clase:" in capsys.readouterr().out
    assert json.loads((tmp_path / "s" / "session.json").read_text(encoding="utf-8"))["lang"] == "es"
    monkeypatch.setenv("PLAZA_LANG", "en")
    assert main([*args, "--out", str(tmp_path / "t")]) == 0
    assert "Code for the class:" in capsys.readouterr().out
    assert json.loads((tmp_path / "t" / "session.json").read_text(encoding="utf-8"))["lang"] == "en"
    # a label twice is said in the teacher's words, not the session reader's English
    assert main([*args, "--groups", "3A,3a", "--lang", "es", "--out", str(tmp_path / "u")]) == 2
    assert "“3a” aparece dos veces" in capsys.readouterr().err


def test_a_label_with_a_terminal_escape_is_refused_without_printing_the_escape(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLAZA_HOME", str(tmp_path / "home"))
    args = ["classroom", "new", "--level", "first_steps", "--role", "official", "--turns", "1", "--lang", "en"]
    assert main([*args, "--groups", "3A,\x1b[2J3B", "--out", str(tmp_path / "s")]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\u001b[2J3B" in err
