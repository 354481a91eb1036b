"""The parse cache keeps positions as bare numbers in the order of the data (game/content/parse_cache.py): every
position read back must be the one a fresh parse gives, for every shipped file and for the documents whose
positions do not follow their data (a key written twice, a list used as a key), and damaged numbers are never
believed."""

from __future__ import annotations

import pytest

from game.content.files import discover
from game.content.loader import default_paths
from game.content.parse_cache import ParseCache
from game.content.yaml_strict import parse

ODD = {
    "twice.yaml": "schema_version: 1\nkind: strings\nstrings:\n  a: {en: x, es: y}\n  a: {en: z, es: w}\nb: 1\n",
    "complex.yaml": "schema_version: 1\nkind: strings\n[a, b]: 1\nc: [1, {d: e}]\n",
    "separators.yaml": 'schema_version: 1\nkind: strings\nstrings:\n  a: {en: "x\u2028y", es: y}\n  b: 2\n',
    "styles.yaml": "a: 'q'\nb: \"d\"\nc: |\n  block\n  text\nd: >\n  folded\ne: [1, 2.5, ~, true]\n",
}


def _shipped() -> list[tuple[str, str]]:
    files, _ = discover(default_paths())
    return [(str(f), f.read_text(encoding="utf-8")) for f in files]


def _read_back(tmp_path, text: str, label: str):
    store = ParseCache(tmp_path / "parsed")
    store.parse(text, label)  # parsed and written
    doc, problems = store.parse(text, label)  # read back
    assert store.hits == 1
    return doc, problems


@pytest.mark.parametrize("label", sorted(ODD))
def test_positions_read_back_are_those_of_a_fresh_parse(tmp_path, label):
    doc, problems = _read_back(tmp_path, ODD[label], label)
    fresh, fresh_problems = parse(ODD[label], label)
    assert (doc.data, problems) == (fresh.data, fresh_problems)
    assert list(doc.source.values.items()) == list(fresh.source.values.items())
    assert list(doc.source.keys.items()) == list(fresh.source.keys.items())


def test_every_shipped_file_reads_back_with_its_positions(tmp_path):
    for label, text in _shipped():
        doc, _ = _read_back(tmp_path, text, label)
        fresh, _ = parse(text, label)
        assert doc.source.values == fresh.source.values, label
        assert doc.source.keys == fresh.source.keys, label


@pytest.mark.parametrize("damage", ["[1, 2", "[1, 2, 3]", '["1", 1, "", true]', "{}", ""])
def test_damaged_positions_are_parsed_again(tmp_path, damage):
    text = ODD["styles.yaml"]
    store = ParseCache(tmp_path / "parsed")
    store.parse(text, "styles.yaml")
    (entry,) = (tmp_path / "parsed").glob("*.json")
    head = entry.read_text(encoding="utf-8").partition("\n")[0]
    entry.write_text(head + "\n" + damage, encoding="utf-8")
    doc, _ = store.parse(text, "styles.yaml")
    assert store.hits == 1
    assert doc.source.values == parse(text, "styles.yaml")[0].source.values
