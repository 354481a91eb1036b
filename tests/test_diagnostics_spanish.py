"""Diagnostics in English and Mexican Spanish (issue 13): the catalogue content/ui/diagnostics.yaml is complete and
consistent, every message the checker builds is keyed, and `plaza validate --lang es` says in Spanish what the
English run says, with the same codes and places."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from game.content.diagnostic_text import Msg, catalogue, from_data, msg, say, to_data
from game.content.diagnostics import CODES, Diagnostic, Location, format_text
from game.content.templates import parse

ROOT = Path(__file__).resolve().parent.parent
GAME = ROOT / "game"
CODE_KEY = re.compile(r"^diag\.[ew]\d{3}\.(title|hint)$")

# Files whose messages are still English-only, with how many calls build one: empty now, and kept empty (a call
# that passes a finished sentence with a code, `diag("E1xx", f"...")`, fails the test below).
ENGLISH_ONLY: dict[str, int] = {}


def _messages() -> dict[str, dict[str, str]]:
    return {k: v for k, v in catalogue().items() if k.startswith("diag.") and not CODE_KEY.match(k)}


def _python_files() -> list[Path]:
    return sorted(GAME.rglob("*.py"))


def _is_code(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[EW]\d{3}", value) is not None


def _is_text(node: ast.AST) -> bool:
    """A finished sentence written in the code: a string, an f-string, or one added to another."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(node.value)
    if isinstance(node, ast.JoinedStr):
        return True
    return isinstance(node, ast.BinOp) and (_is_text(node.left) or _is_text(node.right))


def test_every_code_has_a_title_and_a_hint_in_both_languages():
    for code in CODES:
        for part in ("title", "hint"):
            entry = catalogue()[f"diag.{code.lower()}.{part}"]
            assert entry.get("en", "").strip() and entry.get("es", "").strip(), (code, part)
            assert entry["en"] != entry["es"], (code, part)
    assert len(CODES) >= 68 and "E199" in CODES and "W299" in CODES


def test_every_message_has_both_languages_with_the_same_placeholders():
    for key, entry in catalogue().items():
        en, es = entry.get("en", ""), entry.get("es", "")
        assert en.strip() and es.strip(), key
        assert not parse(en).errors and not parse(es).errors, key
        assert parse(en).names == parse(es).names, key


def _keys_in_code() -> tuple[set[str], set[str]]:
    """(keys given to Msg/msg, every string literal) in game/."""
    used, literals = set(), set()
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "Msg",
                "msg",
            ):
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant):
                    used.add(first.value)
    return used, literals


def test_every_key_used_in_the_code_is_in_the_catalogue_and_every_message_is_used():
    used, literals = _keys_in_code()
    keys = set(_messages())
    plural = {k.rsplit(".", 1)[0] for k in keys if k.endswith((".one", ".other"))}
    missing = sorted(k for k in used if f"diag.{k}" not in catalogue() and f"diag.{k}" not in plural)
    assert not missing, missing
    forms = {f"{p}.{form}" for p in plural for form in ("one", "other")}
    unused = sorted(k for k in (keys - forms) | plural if k.removeprefix("diag.") not in literals)
    assert not unused, unused


def test_messages_built_in_the_code_are_keyed():
    found: dict[str, int] = {}
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            at = [i for i, a in enumerate(node.args) if isinstance(a, ast.Constant) and _is_code(a.value)]
            if not at:
                continue
            rest = node.args[at[0] + 1 :] + [k.value for k in node.keywords if k.arg in ("hint", "message")]
            if any(_is_text(a) for a in rest):
                name = str(path.relative_to(ROOT))
                found[name] = found.get(name, 0) + 1
    assert found == ENGLISH_ONLY, found


# --- the typed messages themselves ------------------------------------------------------------------------------


def test_a_message_is_said_in_either_language_and_survives_the_caches_json():
    said = msg("expr.arguments", func="max", wanted=Msg("expr.two_values"), n=1)
    assert say(said, "en") == "`max` needs at least two values, but got 1"
    assert say(said, "es") == "`max` necesita por lo menos dos valores, pero recibió 1"
    d = Diagnostic("E143", said, Location("a.yaml", 3, 7), msg("expr.example_hint", example="max(a, b)"))
    again = Diagnostic.from_dict(json.loads(json.dumps(d.to_dict("es"))))
    assert again == d and again.message_in("es") == d.message_in("es")
    assert from_data(to_data("plain words")) == "plain words"


def test_values_from_content_are_inserted_as_written_never_rendered_again():
    said = msg("schema.unknown_key", key="{district} {{ {x:>99} \x1b[2J")
    assert say(said, "es") == "clave desconocida `{district} {{ {x:>99} \x1b[2J`"
    d = Diagnostic("E122", said, Location("f.yaml", 1, 1))
    assert "\x1b" not in format_text(d, lang="es") and "\\x1b[2J" in format_text(d, lang="es")


def test_counts_choose_their_form():
    one = say(msg("label.more_problems", n=1, each=()), "es")
    many = say(msg("label.more_problems", n=3, each=()), "es")
    assert one.startswith("1 problema más") and many.startswith("3 problemas más")
    assert say(msg("label.more_problems", n=2, each=()), "en").startswith("2 more problems in this file")


def test_the_template_parser_says_in_english_what_its_key_says():
    from game.content.check_texts import TEMPLATE_ERRORS, template_problem

    texts = ["a } b", "a { b", "{}", "{x:>9}", "{:>9}", "{x!r}", "{!r}", "{x.y}", "{.y}", "{x[0]}", "{[0]}", "{0}"]
    texts += ["{ x }", "{City}", "{-x}"]
    seen = set()
    for text in texts:
        for err in parse(text).errors:
            seen.add(err.key)
            assert say(template_problem(err), "en") == err.message, text
            assert say(template_problem(err), "es") != err.message, text
    assert seen == set(TEMPLATE_ERRORS)


def test_the_language_server_speaks_the_clients_language(monkeypatch):
    from game.lsp.server import client_language

    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("PLAZA_LANG", raising=False)
    assert client_language("es-MX") == "es" and client_language("en-US") == "en"
    assert client_language(None) == "en" and client_language("fr") == "en"
    monkeypatch.setenv("PLAZA_LANG", "es")
    assert client_language(None) == "es" and client_language("en") == "en"


# --- `plaza validate --lang es` on broken files --------------------------------------------------------------

EVENT = """\
  - id: {id}
    title: {{en: Fair, es: Feria}}
    text: {{en: A fair., es: Una feria.}}
    paper: "Negative Externalities of Coproduction: Direct and Indirect Costs"
    tags: [costs]
    scope: district
    options:
      - id: go
        label: {{en: Go, es: Ir}}
        effects:
{effects}"""


def _broken(folder: Path) -> None:
    folder.mkdir()
    (folder / "syntax.yaml").write_text('schema_version: 1\nkind: events\nevents:\n  - id: a\n    title: "x\n')
    fair = EVENT.format(id="street_fair", effects="          - add: {district.fear: 0.1}\n")
    fair = fair.replace("    paper:", '    titel: {en: Fair, es: Feria}\n    cooldown_turns: "3"\n    paper:')
    (folder / "unknown.yaml").write_text("schema_version: 1\nkind: events\nevents:\n" + fair)
    market = EVENT.format(id="night_market", effects="          - schedule: {event: dues_fall_behnd}\n")
    (folder / "reference.yaml").write_text("schema_version: 1\nkind: events\nevents:\n" + market)
    many = "".join(f"          - schedule: {{event: missing_{i}}}\n" for i in range(55))
    (folder / "many.yaml").write_text(
        "schema_version: 1\nkind: events\nevents:\n" + EVENT.format(id="many", effects=many)
    )


def _validate(capsys, *args: str) -> tuple[int, str]:
    from game.cli import main

    code = main(["validate", *args])
    return code, capsys.readouterr().out


@pytest.fixture
def broken(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAZA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    _broken(tmp_path / "mine")
    return tmp_path


def test_spanish_json_has_the_same_codes_and_places_with_spanish_words(broken, capsys):
    code_en, out_en = _validate(capsys, "mine", "--json", "--lang", "en")
    code_es, out_es = _validate(capsys, "mine", "--json", "--lang", "es")
    en, es = json.loads(out_en), json.loads(out_es)
    assert code_en == code_es == 1 and en["lang"] == "en" and es["lang"] == "es"
    place = [(d["path"], d["line"], d["col"], d["code"]) for d in en["diagnostics"]]
    assert place == [(d["path"], d["line"], d["col"], d["code"]) for d in es["diagnostics"]]
    codes = {d["code"] for d in es["diagnostics"]}
    assert {"E104", "E122", "E124", "E161", "E199"} <= codes, codes
    for d_en, d_es in zip(en["diagnostics"], es["diagnostics"], strict=True):
        assert d_es["title"] == catalogue()[f"diag.{d_es['code'].lower()}.title"]["es"]
        assert d_en["title"] == CODES[d_en["code"]][0]
        assert d_es["message"] != d_en["message"] and d_es["hint"] != d_en["hint"], d_es
    said = "\n".join(f"{d['message']} | {d['hint']}" for d in es["diagnostics"])
    for words in (
        "el archivo termina dentro de un texto entre comillas",  # E104
        "clave desconocida `titel`",  # E122 ...
        "¿quisiste decir `title`?",  # ... with its did-you-mean
        'se esperaba un número entero y se encontró el texto "3"',  # E124, a pydantic type error
        "ningún evento tiene el id `dues_fall_behnd`",  # E161
        "¿quisiste decir `dues_fall_behind`?",
        "problemas más en este archivo que no se muestran: 5 E161 (referencia desconocida)",  # E199
    ):
        assert words in said, (words, said)
    for english in ("did you mean", "unknown key", "expected", "no event has", "more problems", "hint:"):
        assert english not in said, english


def test_spanish_text_output_has_spanish_messages_and_hints(broken, capsys):
    _, out_en = _validate(capsys, "mine", "--lang", "en")
    _, out_es = _validate(capsys, "mine", "--lang", "es")
    assert (
        "  hint: did you mean `title`?" in out_en and "E122 event `street_fair` → titel: unknown key `titel`" in out_en
    )
    assert "  sugerencia: ¿quisiste decir `title`?" in out_es and "hint:" not in out_es
    assert "E122 evento `street_fair` → titel: clave desconocida `titel`" in out_es
    heads = [line.split(" ", 2)[:2] for line in out_en.splitlines() if line.startswith("mine/")]
    assert heads == [line.split(" ", 2)[:2] for line in out_es.splitlines() if line.startswith("mine/")]


def test_a_verdict_from_the_cache_speaks_either_language_as_a_fresh_one(broken, capsys, monkeypatch, tmp_path):
    _, cold_es = _validate(capsys, "mine", "--lang", "es")
    _, cold_en = _validate(capsys, "mine", "--lang", "en")
    monkeypatch.setenv("PLAZA_CACHE_DIR", str(tmp_path / "other-cache"))
    _, first_en = _validate(capsys, "mine", "--lang", "en")  # the verdict is kept by an English run ...

    import game.content.loader as loader

    def refuse(*args, **kwargs):
        raise AssertionError("the checker ran although the files had not changed")

    monkeypatch.setattr(loader, "load_content", refuse)
    _, cached_es = _validate(capsys, "mine", "--lang", "es")  # ... and shown from the cache in Spanish
    _, cached_en = _validate(capsys, "mine", "--lang", "en")
    assert cached_es == cold_es and cached_en == cold_en == first_en
    assert "sugerencia:" in cached_es


def test_plaza_lang_chooses_the_language_of_the_diagnostics(broken, capsys, monkeypatch):
    monkeypatch.setenv("PLAZA_LANG", "es")
    _, out = _validate(capsys, "mine")
    assert "clave desconocida `titel`" in out


def test_the_catalogue_passes_the_checks_of_any_strings_file(capsys):
    """The content walk leaves it out (game.content.files.DIAGNOSTIC_WORDS); named on its own it is checked as
    every content/ui file is: ids, both languages, placeholders that parse and match."""
    from game.content.files import DIAGNOSTIC_WORDS, discover

    assert DIAGNOSTIC_WORDS not in discover([DIAGNOSTIC_WORDS.parent])[0]
    code, out = _validate(capsys, "--standalone", str(DIAGNOSTIC_WORDS))
    assert code == 0 and "1 file checked: 0 errors, 0 warnings" in out, out


def test_the_language_server_publishes_in_its_language():
    from pygls.workspace import TextDocument

    from game.lsp.server import PlazaServer

    server = PlazaServer()
    doc = TextDocument("file:///tmp/a.yaml", "kind: events\n")
    where, also = Location("/tmp/a.yaml", 1, 1), (Location("/tmp/b.yaml", 2, 1),)
    d = Diagnostic("E122", msg("schema.unknown_key", key="knd"), where, msg("suggest.did_you_mean", name="kind"), also)
    server.lang = "es"
    item = server.to_lsp(d, doc)
    assert item.message == "clave desconocida `knd`\nsugerencia: ¿quisiste decir `kind`?" and item.code == "E122"
    assert item.related_information and item.related_information[0].message == "también aquí"
    server.lang = "en"
    assert server.to_lsp(d, doc).message == "unknown key `knd`\nhint: did you mean `kind`?"
