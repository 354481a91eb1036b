"""A parse keeps its positions as bare numbers and finds their paths at the first look (game/content/yaml_positions.py):
what it finds must be, for every shipped file and for the odd documents, with both parsers, exactly what the
reader that keeps positions by path finds, with the same data and the same diagnostics."""

from __future__ import annotations

import pytest

from game.content import yaml_strict
from game.content.yaml_strict import PARSERS, YamlProblems, parse
from tests.test_validate_parse_cache_positions import ODD, _shipped

TEXTS = {
    **ODD,
    "keys.yaml": "1: a\ntrue: b\n'2': c\n~: d\n<<: e\n.5: f\nyes: g\n",
    "problems.yaml": "a: !!str x\nb: yes\nc: 010\nd: .inf\ne: 1e99\nf: ! x\n",
    "nested.yaml": "a:\n  - [1, [2, {b: [c, d]}]]\n  - {e: {f: g}}\nh: []\ni: {}\n",
    "escape.yaml": 'a: "\\e"\nb: [x, "\\u202e"]\n',
}


def _by_path(text: str, label: str, parser: str):
    builder = yaml_strict._Builder(label, text)
    builder.run(text, PARSERS[parser])
    return builder.data, builder.source.values, builder.source.keys, builder.problems


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_positions_found_late_are_those_kept_by_path(parser):
    for label, text in [*_shipped(), *TEXTS.items()]:
        doc, problems = parse(text, label, parser=parser)
        data, values, keys, by_path_problems = _by_path(yaml_strict.without_separators(text), label, parser)
        assert (doc.data, problems[: len(by_path_problems)]) == (data, by_path_problems), label
        assert list(doc.source.values.items()) == list(values.items()), label
        assert list(doc.source.keys.items()) == list(keys.items()), label


def test_positions_survive_a_change_to_the_data():
    text = TEXTS["nested.yaml"]
    doc, _ = parse(text, "nested.yaml")
    doc.data["a"].append("another")  # no code changes a parsed document; if one did, positions are read again
    assert doc.source.values == _by_path(text, "nested.yaml", yaml_strict.PARSER)[1]


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_a_stopped_parse_says_the_same_as_the_reader_by_path(parser):
    text = "a: 1\na: 2\nb: [\n"  # a key written twice (read again by path), then a syntax error
    with pytest.raises(YamlProblems) as caught:
        parse(text, "t.yaml", parser=parser)
    assert [d.code for d in caught.value.diagnostics] == ["E108", "E104"]
