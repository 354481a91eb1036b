"""The `plaza` command line speaks the teacher's language (issue 16): argparse's own words through gettext (the
catalogue content/ui/cli_argparse.es.po), our help and messages from content/ui/cli.yaml, in English or Spanish
as `--lang`, PLAZA_LANG or the system's locale say."""

from __future__ import annotations

import argparse
import ast
import gettext
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from game.cli import main
from game.cli_language import choose_language
from game.content.templates import parse
from tests.conftest import REPO

ENGLISH_ARGPARSE = ("usage:", "show this help message", "the following arguments are required", "options:", "error:")


def run(capsys, *words: str) -> tuple[int, str, str]:
    """`plaza WORDS` in this process: (exit code, stdout, stderr); argparse's exits are caught."""
    try:
        code = main(list(words))
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0
    out, err = capsys.readouterr()
    return code, out, err


def spanish(monkeypatch):
    monkeypatch.setenv("PLAZA_LANG", "es")


def no_english_argparse(text: str) -> None:
    left = [s for s in ENGLISH_ARGPARSE if s in text]
    assert not left, f"English argparse words in the Spanish output: {left}\n{text}"


# --- which language -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "env", "lang"),
    [
        (["simulate", "--lang", "es"], {}, "es"),
        (["--lang=es", "validate"], {"PLAZA_LANG": "en", "LANG": "en_US.UTF-8"}, "es"),
        (["validate", "--lang", "en"], {"PLAZA_LANG": "es"}, "en"),
        (["validate", "--", "--lang", "es"], {}, "en"),  # after `--`, words are not options
        (["validate"], {"PLAZA_LANG": "es"}, "es"),
        (["validate"], {"PLAZA_LANG": "fr", "LANG": "es_MX.UTF-8"}, "es"),  # a language Plaza lacks: next rule
        (["validate"], {"LANG": "es_MX.UTF-8"}, "es"),
        (["validate"], {"LC_MESSAGES": "es_ES", "LANG": "en_US.UTF-8"}, "es"),
        (["validate"], {"LC_ALL": "C.UTF-8", "LANG": "es_MX.UTF-8"}, "en"),  # LC_ALL wins, as POSIX says
        (["validate"], {}, "en"),
    ],
)
def test_the_language_is_lang_then_plaza_lang_then_the_locale_then_english(argv, env, lang):
    assert choose_language(argv, env) == lang


# --- argparse's own words -----------------------------------------------------------------------------------


def test_plaza_help_in_both_languages(capsys, monkeypatch):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and out.startswith("usage: plaza") and "show this help message and exit" in out
    assert "check content files and print located diagnostics" in out
    spanish(monkeypatch)
    code, out, _ = run(capsys, "--help")
    assert code == 0 and out.startswith("uso: plaza")
    for words in (
        "argumentos posicionales",
        "opciones:",
        "muestra esta ayuda y termina",
        "ORDEN",
        "revisa los archivos",
    ):
        assert words in out
    no_english_argparse(out)


def test_plaza_simulate_help_in_both_languages(capsys, monkeypatch):
    code, out, _ = run(capsys, "simulate", "--help")
    assert code == 0 and "usage: plaza simulate" in out and "[LEVEL]" in out and "list the bots and exit" in out
    code, out, _ = run(capsys, "simulate", "--help", "--lang", "es")  # --lang after the command word
    assert code == 0 and "uso: plaza simulate" in out and "[NIVEL]" in out
    assert "muestra los bots y termina" in out and "Juega N partidas de NIVEL" in out
    no_english_argparse(out)


def says(capsys, words: tuple[str, ...], code: int, *phrases: str) -> str:
    """Run `plaza WORDS`, check its exit code and that its stderr holds every phrase; the stderr."""
    got, _, err = run(capsys, *words)
    assert got == code, err
    for phrase in phrases:
        assert phrase in err
    return err


def test_a_usage_error_in_both_languages(capsys, monkeypatch):
    says(capsys, ("classroom", "new", "--role", "official"), 2, "the following arguments are required: --level")
    spanish(monkeypatch)
    errors = [
        says(capsys, ("classroom", "new", "--role", "official"), 2, "faltan estos argumentos obligatorios: --level"),
        says(capsys, ("simulate", "--runs", "many"), 2, "argumento --runs: 'many' no es un número entero"),
        says(capsys, ("simulate", "--role", "mayor"), 2, "opción no válida: 'mayor' (elige entre"),
        says(capsys, ("validate", "--colour"), 2, "argumentos que no se reconocen: --colour", "uso: plaza"),
    ]
    no_english_argparse("".join(errors))


def test_a_commands_own_error_in_both_languages(capsys, monkeypatch):
    wrong = ("simulate", "first_stesp", "--runs", "1")
    says(capsys, wrong, 2, "plaza simulate: no level called 'first_stesp'; did you mean `first_steps`?")
    spanish(monkeypatch)
    says(capsys, wrong, 2, "plaza simulate: no hay ningún nivel llamado 'first_stesp'; ¿quisiste decir `first_steps`?")
    says(capsys, ("simulate", "/dev/null"), 1, "/dev/null: es un dispositivo, no un archivo regular")


def test_the_locale_alone_makes_it_spanish_and_gettext_is_put_back(capsys, monkeypatch):
    monkeypatch.delenv("PLAZA_LANG")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    domain = gettext.textdomain()
    code, out, _ = run(capsys, "schema", "--help")
    assert code == 0 and out.startswith("uso: plaza schema") and "esquemas JSON" in out
    assert gettext.textdomain() == domain and "LANGUAGE" not in os.environ  # nothing left behind
    code, out, _ = run(capsys, "schema", "--help", "--lang", "en")
    assert out.startswith("usage: plaza schema")


# --- the catalogues -----------------------------------------------------------------------------------------


def test_every_argparse_message_of_this_python_is_in_the_spanish_catalogue():
    from babel.messages.pofile import read_po

    with open(REPO / "content" / "ui" / "cli_argparse.es.po", "rb") as po:
        catalogue = read_po(po, locale="es")
    source = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    asked = {
        node.args[0].value
        for node in ast.walk(source)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("_", "ngettext")
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }
    assert "usage: " in asked and len(asked) > 30
    missing = sorted(m for m in asked if not (catalogue.get(m) and catalogue.get(m).string))
    assert not missing, f"argparse messages without Spanish: {missing}"
    for message in catalogue:
        if message.id:  # the same %-placeholders, or argparse fails while printing an error
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            wanted = sorted(re.findall(r"%\(\w+\)[sr]|%[sr]", ids[-1]))
            assert all(sorted(re.findall(r"%\(\w+\)[sr]|%[sr]", s)) == wanted for s in strings), message.id


def test_every_cli_text_the_code_asks_for_exists_in_english_and_spanish():
    strings = yaml.safe_load((REPO / "content" / "ui" / "cli.yaml").read_text(encoding="utf-8"))["strings"]
    code = "".join(
        (REPO / "game" / name).read_text(encoding="utf-8") for name in ("cli.py", "cli_support.py", "cli_simulate.py")
    )
    asked = set(re.findall(r"""\bt\(\s*f?["'](cli\.[a-z_.]+)""", code))
    counted = set(re.findall(r"""t\.count\(\s*["'](cli\.[a-z_.]+)""", code))
    keys = asked | {f"{k}.{form}" for k in counted for form in ("one", "other")}
    keys = {k for k in keys if not k.endswith(".")}  # f"cli.kind.{...}": every kind is listed below
    keys |= {f"cli.kind.{k}" for k in ("folder", "fifo", "socket", "device", "other")}
    assert len(keys) > 50
    missing = sorted(k for k in keys if k not in strings)
    assert not missing, f"asked for but not in content/ui/cli.yaml: {missing}"
    for key, text in strings.items():
        assert text["en"].strip() and text["es"].strip(), key
        assert parse(text["en"]).names == parse(text["es"]).names, key


def texts_of(parser: argparse.ArgumentParser, where: str = "plaza") -> dict[str, str]:
    """Every description, help and argument name a person can read in `plaza … --help`, by where it is."""
    found = {f"{where}: description": parser.description or ""}
    for action in parser._actions:
        name = "/".join(action.option_strings) or action.dest
        found[f"{where} {name}: help"] = action.help or ""
        found[f"{where} {name}: metavar"] = action.metavar if isinstance(action.metavar, str) else ""
        if isinstance(action.choices, dict):
            for line in action._choices_actions:
                found[f"{where} {line.dest}: help"] = line.help or ""
            for command, sub in action.choices.items():
                found.update(texts_of(sub, f"{where} {command}"))
    return found


def test_every_help_of_every_command_is_in_spanish_too(monkeypatch):
    """The class tools' parsers included (their English help is found in content/ui/cli.yaml by its words): a help
    text changed in game/classroom/cli_*.py without its Spanish shows here."""
    from game.cli import build_parser
    from game.cli_language import cli_texts

    english = texts_of(build_parser(None, cli_texts("en")))
    spanish = texts_of(build_parser(None, cli_texts("es")))
    assert english.keys() == spanish.keys() and len(english) > 100
    same_in_both = {"", "N", "T", "S", "L", "E", "O", '"A,B,C"', "show this help message and exit"}  # the last: gettext
    untranslated = sorted(
        f"{where}: {text!r}" for where, text in english.items() if text not in same_in_both and spanish[where] == text
    )
    assert not untranslated, "help with no Spanish:\n" + "\n".join(untranslated)


def test_spanish_costs_a_cached_validate_no_babel_and_no_yaml(tmp_path):
    """Babel compiles the catalogue and PyYAML reads cli.yaml once per change of either; after that, a Spanish
    `plaza validate` answered from its cache imports neither (counted, not timed)."""
    child = "\n".join(
        [
            "import sys",
            "from game.cli import main",
            "main(['validate'])",
            "print([m for m in ('babel', 'yaml') if m in sys.modules])",
        ]
    )
    env = {**os.environ, "PLAZA_CACHE_DIR": str(tmp_path), "PLAZA_LANG": "es"}
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", child], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
        )
    assert "archivos revisados" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout


def test_without_a_usable_cache_folder_plaza_still_speaks_spanish_without_a_traceback(tmp_path, capsys, monkeypatch):
    blocked = tmp_path / "a_file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("PLAZA_CACHE_DIR", str(blocked))  # nothing can be written under it
    spanish(monkeypatch)
    code, out, err = run(capsys, "simulate", "--help")
    assert code == 0 and "Juega N partidas de NIVEL" in out and not err  # argparse's own words may stay English


def test_what_the_system_says_of_a_file_is_said_in_spanish_too(tmp_path, capsys, monkeypatch):
    (tmp_path / "a_file").write_text("", encoding="utf-8")
    out = str(tmp_path / "a_file" / "schemas")
    says(capsys, ("schema", "--out", out), 1, f"cannot write schemas to {out}: Not a directory")
    spanish(monkeypatch)
    says(capsys, ("schema", "--out", out), 1, f"no se pueden escribir los esquemas en {out}: No es una carpeta")
