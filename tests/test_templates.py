"""One safe renderer for every text (issue 13): `{name}` placeholders only, refused by the checker otherwise."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.classroom.report import _Texts
from game.cli import main
from game.content import schemas
from game.content.loader import ContentSet
from game.content.templates import _scan, parse, placeholders, render
from game.events.world import render as render_text
from game.ui.texts import Texts

STATE = Path(__file__).parent / "fixtures" / "mini" / "state.yaml"

MALFORMED = [
    "{chance:>999999999}",
    "{chance.__class__.__mro__}",
    "{city!r}",
    "{turn:,}",
    "{city.x}",
    "{city[0]}",
    "{}",
    "{0}",
    "{City}",
    "{ city }",
    "{city",
    "city}",
    "{a{b}",
    "{-}",
]


# --- the renderer -----------------------------------------------------------------------------------------------


def test_placeholders_are_filled_and_braces_undoubled():
    assert render("{city} in {turn}: {{x}} }}", {"city": "Testville", "turn": 3}) == "Testville in 3: {x} }"
    assert placeholders("{city} {district} {{role}}") == {"city", "district"}


def test_unknown_placeholder_stays_visible():
    assert render("Hello {mayor} of {city}", {"city": "Testville"}) == "Hello {mayor} of Testville"


def test_values_are_never_formatted_with_a_spec():
    # a value that would misbehave under format() is only ever passed through str()
    class Loud:
        def __str__(self):
            return "loud"

        def __format__(self, spec):
            raise AssertionError("format() was called")

    assert render("{x}", {"x": Loud()}) == "loud"


@pytest.mark.parametrize("template", MALFORMED)
def test_malformed_template_is_an_error_and_renders_as_written(template):
    # GIVEN a value that records any attribute lookup made on it
    looked_up = []

    class Spy:
        def __getattribute__(self, name):
            looked_up.append(name)
            return object.__getattribute__(self, name)

    # WHEN a malformed template is parsed and rendered
    errors = parse(template).errors
    out = render(template, {"chance": Spy(), "city": Spy(), "turn": Spy(), "x": Spy()})
    # THEN it is an error with a column inside the text, and comes back unchanged without touching the values
    assert errors and all(0 <= e.offset < len(template) for e in errors)
    assert out == template
    assert looked_up == []


@pytest.mark.parametrize(
    ("template", "offset", "words"),
    [
        ("Risk: {chance:>9}", 13, "format specs such as `:>9` are not allowed in a text; write `{chance}`"),
        ("{city!r}", 5, "conversions such as `!r`"),
        ("{city.__class__}", 5, "attribute access such as `.__class__`"),
        ("{city[0]}", 5, "index access such as `[0]`"),
        ("ab {0}", 3, "numbered fields"),
        ("{}", 0, "empty braces"),
        ("{City}", 0, "write `{city}`"),
        ("{ city }", 0, "write `{city}`"),
        ("x {city", 2, "never closed"),
        ("x } y", 2, "lone `}`"),
    ],
)
def test_error_says_where_and_what_to_write(template, offset, words):
    (error,) = parse(template).errors
    assert error.offset == offset
    assert words in error.message


def test_parser_is_linear_on_long_hostile_text():
    # thousands of unclosed braces: each is one error, found in one pass (no rescans to the end of the text)
    template = "{a" * 50_000
    assert len(parse(template).errors) == 50_000
    assert render(template, {"a": 1}) == template


def test_event_text_render_delegates():
    text = schemas.Text(en="{city} {{ok}} {city.__class__}", es="{city}")
    assert render_text(text, "en", {"city": "Testville"}) == "{city} {{ok}} {city.__class__}"
    assert render_text(text, "es", {"city": "Villaprueba"}) == "Villaprueba"


# --- interface strings --------------------------------------------------------------------------------------------


def _content(en: str, es: str = "{chance}") -> ContentSet:
    content = ContentSet()
    content.strings["some.key"] = schemas.Text(en=en, es=es)
    return content


@pytest.mark.parametrize("hostile", ["{chance:>999}", "{chance.__class__.__mro__}", "{chance!r}"])
def test_ui_string_with_hostile_field_shows_as_written(hostile):
    # GIVEN an interface string from a content pack with a spec, conversion or attribute access
    content = _content(f"Risk {hostile}")
    # WHEN a screen and the class report ask for it with a value
    screen = Texts(content, "en")("some.key", chance="40%")
    report = _Texts(content, "en")("some.key", chance="40%")
    # THEN the text comes back as written: no padding, no Python internals, no repr
    assert screen == report == f"Risk {hostile}"


def test_ui_string_placeholders_still_work():
    content = _content("Risk {chance} {{not}} {gap}")
    assert Texts(content, "es")("some.key", chance="40%") == "40%"
    assert Texts(content, "en")("some.key", chance="40%") == "Risk 40% {not} {gap}"
    assert _Texts(content, "en").h("some.key", chance="<b>") == "Risk &lt;b&gt; {not} {gap}"


# --- the checker --------------------------------------------------------------------------------------------------

STRINGS = """schema_version: 1
kind: strings
strings:
  hostile.pad: {en: "Chance {chance:>999999999}", es: "Probabilidad {chance}"}
  hostile.mro: {en: "{chance.__class__.__mro__}", es: "{chance}"}
  fine.key: {en: "Chance {chance} {{braces}}", es: "Probabilidad {chance}"}
"""

EVENTS = """schema_version: 1
kind: events
events:
  - id: sample
    title: {en: "In {district:>999999999}", es: "En {district}"}
    text: {en: "{city!r} again", es: "{city} otra vez"}
    paper: Retaliation
    scope: district
    options:
      - id: ok
        label: {en: "Turn {turn:,}", es: "Turno {turn}"}
"""


def _located(path: Path, needle: str) -> tuple[int, int]:
    """Line and column (1-based) of the quoted text holding `needle`, as the loader locates a scalar."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number, line.rindex('"', 0, line.index(needle)) + 1
    raise AssertionError(needle)


@pytest.mark.parametrize(
    ("name", "data", "needle", "words"),
    [
        ("strings.yaml", STRINGS, "{chance:>999999999}", "format specs such as `:>999999999`"),
        ("strings.yaml", STRINGS, "{chance.__class__.__mro__}", "attribute access such as `.__class__.__mro__`"),
        ("events.yaml", EVENTS, "{district:>999999999}", "format specs such as `:>999999999`"),
        ("events.yaml", EVENTS, "{city!r}", "conversions such as `!r`"),
        ("events.yaml", EVENTS, "{turn:,}", "format specs such as `:,`"),
    ],
)
def test_validate_refuses_hostile_fields(tmp_path, capsys, name, data, needle, words):
    # GIVEN a content file with a spec, conversion or attribute access in a text
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    # WHEN it is validated
    status = main(["validate", "--standalone", str(STATE), str(path)])
    out = capsys.readouterr().out
    # THEN validation fails with E165 at that text, saying what is not allowed
    assert status == 1, out
    line, col = _located(path, needle)
    found = re.findall(rf"^{re.escape(str(path))}:{line}:{col}: E165 (.*)$", out, re.M)
    assert any(words in message for message in found), out
    assert "Traceback" not in out


def test_validate_accepts_plain_placeholders_and_doubled_braces(tmp_path, capsys):
    path = tmp_path / "strings.yaml"
    fine = "\n".join(line for line in STRINGS.splitlines() if "hostile" not in line)
    path.write_text(fine + "\n", encoding="utf-8")
    assert main(["validate", "--standalone", str(STATE), str(path)]) == 0, capsys.readouterr().out


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("{}ab_1A :.!é\n"), max_size=14))
def test_the_quick_split_finds_what_the_scanner_finds(text):
    """Texts whose braces are all well-formed placeholders are split by a regular expression (templates.parse);
    every text gives the very parts and errors of the character-by-character scanner."""
    assert parse.__wrapped__(text) == _scan(text)
