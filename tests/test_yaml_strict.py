"""The strict YAML reader: plain data, positions for every key and value, and rules a stranger's file must obey."""

import pytest

from game.content import yaml_strict
from game.content.yaml_strict import PARSERS, YamlProblems, decode, parse


@pytest.fixture(autouse=True, params=sorted(PARSERS))
def parser(request, monkeypatch):
    """Every test here runs with libyaml and with the pure-Python parser used when libyaml is missing."""
    monkeypatch.setattr(yaml_strict, "PARSER", request.param)
    return request.param


def codes(exc: YamlProblems) -> list[str]:
    return [d.code for d in exc.diagnostics]


def test_builds_plain_data_with_our_scalar_rules():
    doc, problems = parse("a: 1\nb: 1.5\nc: 1e3\nd: true\ne: null\nf: '010'\ng: text\nh: [1, -2, .5]\n", "f")
    assert problems == []
    assert doc.data == {"a": 1, "b": 1.5, "c": 1000.0, "d": True, "e": None, "f": "010", "g": "text", "h": [1, -2, 0.5]}
    assert type(doc.data["a"]) is int and type(doc.data["c"]) is float


def test_positions_of_keys_and_values_are_one_based():
    doc, _ = parse('events:\n  - id: x\n    when: "district.fear > 0.5"\n', "f")
    assert doc.source.keys[("events", 0, "when")] == (3, 5) or doc.source.keys[("events", 0, "when")].line == 3
    pos = doc.source.values[("events", 0, "when")]
    assert (pos.line, pos.col, pos.style) == (3, 11, '"')
    # an offset inside a one-line quoted string maps to its exact column (after the opening quote)
    assert doc.source.text_pos(("events", 0, "when"), 9) == (3, 21)


def test_missing_path_falls_back_to_nearest_parent():
    doc, _ = parse("a:\n  b: 1\n", "f")
    assert doc.source.find(("a", "zzz")).line == 2


def test_several_problems_are_reported_together():
    doc, problems = parse("a: yes\nb: 010\nc: 1\nc: 2\n", "f")
    assert [p.code for p in problems] == ["E109", "E116", "E108"]
    assert doc.data["c"] == 1  # the first of duplicate keys is kept, never silently replaced
    assert "first on line 3" in problems[2].message


@pytest.mark.parametrize(
    ("text", "code", "line", "col"),
    [
        ("a: !!python/object/apply:os.system ['ls']\n", "E105", 1, 4),
        ("a: &x 1\nb: *x\n", "E106", 1, 4),
        ("x:\n  <<: {a: 1}\n", "E107", 2, 3),
        ("a: 1\n---\nb: 2\n", "E110", 2, 1),
        ("a:\n  b:\n\t c: 1\n", "E104", 3, 1),
        ("a: [1, 2\n", "E104", 1, 9),  # the end of the last line the file has, not the line after it
        ("a: this: that\n", "E104", 1, 8),
    ],
)
def test_rejected_constructs_are_located(text, code, line, col):
    with pytest.raises(YamlProblems) as info:
        _doc, problems = parse(text, "f")
        raise YamlProblems(problems)
    found = [d for d in info.value.diagnostics if d.code == code]
    assert found, codes(info.value)
    assert (found[0].where.line, found[0].where.col) == (line, col)


def test_depth_limit_stops_early():
    with pytest.raises(YamlProblems) as info:
        parse("a: " + "[" * 5000 + "]" * 5000, "f")
    assert codes(info.value) == ["E112"]


def test_bom_is_stripped_and_crlf_accepted():
    text, warnings = decode(b"\xef\xbb\xbfa: 1\r\nb: [x, y]\r\n", "f")
    doc, problems = parse(text, "f")
    assert doc.data == {"a": 1, "b": ["x", "y"]} and problems == [] and warnings == []


def test_invalid_utf8_is_located():
    with pytest.raises(YamlProblems) as info:
        decode(b"a: 1\nb: caf\xe9\n", "f")
    d = info.value.diagnostics[0]
    assert (d.code, d.where.line, d.where.col) == ("E102", 2, 7)


def test_bidi_characters_warn():
    _, warnings = decode("a: 'abc\u202edef'\n".encode(), "f")
    assert [w.code for w in warnings] == ["W204"]
    assert (warnings[0].where.line, warnings[0].where.col) == (1, 8)
