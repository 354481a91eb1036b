"""Validating content full of misspelt names stays quick and readable (issue 13).

The generator (bench/validate_cost.py, shared with the benchmark) writes an events file of about 310 KB with
1,000 misspelt event references, misspelt state names in conditions, and a level offering misspelt measures.
Cost is counted, not timed: how many difflib comparisons the did-you-mean search makes, which must not grow with
references × known ids. One generous wall-clock bound catches a return of the old 11–18 s.
"""

from __future__ import annotations

import difflib
import random

import pytest

from bench.validate_cost import misspell, misspelt_files
from game.content import check_conditions, suggest
from game.content.diagnostics import CAP_PER_CODE, CODES, Diagnostic, Location, capped
from game.content.loader import SHIPPED_CONTENT, load_content
from game.content.schema_errors import did_you_mean
from game.content.suggest import Suggester

_SHIPPED = []


def shipped():
    if not _SHIPPED:
        _SHIPPED.append(load_content().content)
    return _SHIPPED[0]


def names():
    c = shipped()
    return sorted(c.events), [f"{s}.{n}" for s, ns in c.state.items() for n in ns], sorted(c.measures)


def write(folder, copies: int):
    events, states, measures = names()
    paths = []
    for k in range(copies):
        for name, text in misspelt_files(events, states, measures, tag="abcd"[k]).items():
            (folder / name).write_text(text, encoding="utf-8")
            paths.append(folder / name)
    return paths


class Counting:
    """Counts difflib scores computed by the suggestions."""

    calls = 0

    def __init__(self):
        self.matcher = difflib.SequenceMatcher()

    def set_seq1(self, a):
        self.matcher.set_seq1(a)

    def set_seq2(self, b):
        self.matcher.set_seq2(b)

    def ratio(self):
        Counting.calls += 1
        return self.matcher.ratio()


def test_the_generated_file_is_the_one_of_the_issue(tmp_path):
    paths = write(tmp_path, 1)
    events = next(p for p in paths if p.name.endswith("_events.yaml"))
    assert 290_000 < events.stat().st_size < 330_000
    text = events.read_text(encoding="utf-8")
    assert text.count("schedule: {event:") + text.count("fired(") == 1000


def test_a_file_of_misspellings_shows_the_first_of_each_code_and_counts_the_rest(tmp_path):
    paths = write(tmp_path, 1)
    result = load_content([SHIPPED_CONTENT, *paths])  # its time is measured by bench/validate_cost.py
    events = str(next(p for p in paths if p.name.endswith("_events.yaml")))
    mine = [d for d in result.diagnostics if d.where.path == events]
    unknown = [d for d in mine if d.code == "E161"]
    assert len(unknown) == CAP_PER_CODE
    assert all(d.hint.startswith("did you mean") for d in unknown[:10]), [d.hint for d in unknown[:10]]
    assert len([d for d in mine if d.code == "E143"]) == CAP_PER_CODE
    (summary,) = [d for d in mine if d.code == "E199"]
    assert "950 E161 (unknown reference)" in summary.message
    assert "E143 (unknown name in a condition)" in summary.message
    assert int(summary.message.split()[0]) >= 950 + 150
    # the level beside it: 20 misspelt measures, under the cap, each with its suggestion
    level = str(next(p for p in paths if p.name.endswith("_level.yaml")))
    offered = [d for d in result.diagnostics if d.where.path == level and d.code == "E161"]
    assert len(offered) == 20 and all("did you mean" in d.hint for d in offered)


def test_suggestion_work_grows_with_files_not_with_references_times_ids(tmp_path, monkeypatch):
    monkeypatch.setattr(suggest, "SequenceMatcher", Counting)
    counts = {}
    for copies in (1, 4):
        folder = tmp_path / f"x{copies}"
        folder.mkdir()
        paths = write(folder, copies)
        Counting.calls = 0
        check_conditions.forget()  # conditions compiled by an earlier test would hide their hints' work
        load_content([SHIPPED_CONTENT, *paths])
        counts[copies] = Counting.calls
    # before: every reference was scored against every known id (1,000 × ~300 for one file, 4,000 × ~1,100 for four)
    assert counts[1] < 10 * 1000, counts
    assert counts[4] < 5 * counts[1], counts


def test_shipped_content_is_unchanged_by_the_cap():
    result = load_content()
    assert not [d for d in result.diagnostics if d.code in ("E199", "W299")]


def test_capped_keeps_the_first_of_each_code_per_file_and_counts_the_rest():
    def d(code, path, line):
        return Diagnostic(code, f"problem on line {line}", Location(path, line, 1))

    found = [d("E161", "a.yaml", i) for i in range(1, 8)] + [d("W203", "a.yaml", 9), d("W203", "b.yaml", 1)]
    found += [d("W203", "b.yaml", i) for i in range(2, 6)] + [d("E161", "a.yaml", 1)]  # an exact repeat
    kept, more = capped(found, limit=3)
    assert [(k.code, k.where.path, k.where.line) for k in kept] == [
        ("E161", "a.yaml", 1),
        ("E161", "a.yaml", 2),
        ("E161", "a.yaml", 3),
        ("W203", "a.yaml", 9),
        ("W203", "b.yaml", 1),
        ("W203", "b.yaml", 2),
        ("W203", "b.yaml", 3),
    ]
    by_path = {m.where.path: m for m in more}
    assert by_path["a.yaml"].code == "E199" and by_path["a.yaml"].where.line == 4
    assert by_path["a.yaml"].message == "4 more problems in this file not shown: 4 E161 (unknown reference)"
    assert by_path["b.yaml"].code == "W299"
    assert by_path["b.yaml"].message.startswith("2 more problems in this file not shown: 2 W203")
    assert "E199" in CODES and "W299" in CODES


@pytest.mark.parametrize("n", [1, 3])
def test_suggester_gives_difflibs_answer(n):
    """Lists of up to SMALL × n names are searched in full: the answer is exactly difflib's, ties included. For
    the shipped event ids (more than SMALL) the shortlist finds the same best match."""
    rng = random.Random(13)
    events, states, measures = names()
    for pool in (states, measures, events, ["ab", "ba", "abc", "acb", "x"], []):
        s = Suggester(pool)
        words = [misspell(rng.choice(pool), rng) for _ in range(150)] if pool and all(len(p) > 2 for p in pool) else []
        words += ["", "a", "zz", "ab", "district.", "é", "the quick brown fox"]
        for w in words:
            expected = difflib.get_close_matches(w, pool, n=n, cutoff=0.6)
            if len(pool) <= suggest.SMALL * n or n == 1:
                assert s.close(w, n) == expected, (w, n)


def test_suggester_remembers_answers_and_did_you_mean_takes_one():
    s = Suggester(["informer_exposed", "informer_protected"])
    assert str(did_you_mean("informer_exposd", s)) == "did you mean `informer_exposed`?"
    assert s._memo[("informer_exposd", 1, 0.6)] == ["informer_exposed"]
    assert str(did_you_mean("informer_exposd", ["informer_exposed"])) == "did you mean `informer_exposed`?"
    assert "informer_exposed" in s and "x" not in s and len(s) == 2
