"""What the cursor's surroundings call for: completion contexts, name resolution and spans, without a server."""

from __future__ import annotations

import pytest

from game.content.loader import load_content
from game.lsp import completion
from game.lsp.names import Target, resolve
from game.lsp.text import cursor_at, district_ids, token_span, word_at

LEVEL = """schema_version: 1
kind: level
id: my_town
parameters: {k_retaliation: 0.2, }
city:
  initial:
    corruption: 0.6
    $
districts:
  - id: centro
    borders: [orilla, $]
    initial:
      fear: 0.5
      $
  - id: orilla
roles:
  official:
    resources: {budget: 100, $}
    measures:
      - street_lighting
      - $
pools:
  - id: nights
    events:
      - night_patrol
      - $
"""

EVENTS = """schema_version: 1
kind: events
events:
  - id: night_patrol
    paper: "Limits$
    levels: [$]
    when: "district.fe$
    weight:
      modifiers:
        - when: "fired('$"
          factor: 2
    options:
      - id: listen
        label: {en: Listen, es: Escuchar}
        when:
          - "city.$"
        effects:
          - add: {city.pressure: -0.01, $}
          - schedule: {event: $}
          - flag: {$}
          - set:
              $
"""


def cursor_of(text: str, n: int = 0):
    """The cursor at the n-th `$` of the text (the `$` signs removed)."""
    lines = text.split("$")
    before = "".join(lines[: n + 1])
    clean = text.replace("$", "")
    line = before.count("\n")
    col = len(before) - (before.rfind("\n") + 1)
    return cursor_at(clean.splitlines(keepends=True), line, col)


@pytest.mark.parametrize(
    "text, n, expected",
    [
        (LEVEL, 0, "initial"),
        (LEVEL, 1, "district"),
        (LEVEL, 2, "initial"),
        (LEVEL, 3, "player"),
        (LEVEL, 4, "measure"),
        (LEVEL, 5, "event"),
        (EVENTS, 0, "paper"),
        (EVENTS, 1, "level"),
        (EVENTS, 2, "condition"),
        (EVENTS, 3, "event"),
        (EVENTS, 4, "condition"),
        (EVENTS, 5, "state"),
        (EVENTS, 6, "event"),
        (EVENTS, 7, "flag"),
        (EVENTS, 8, "state"),
    ],
)
def test_context(text, n, expected):
    assert completion.context(cursor_of(text, n)) == expected


def test_no_offer_in_plain_text():
    assert completion.context(cursor_at(["  title: {en: A n"], 0, 16)) == ""
    assert completion.context(cursor_at(["id: my_town"], 0, 11)) == ""


@pytest.fixture(scope="module")
def content():
    return load_content().content


def test_offers_fit_the_place(content):
    lines = LEVEL.replace("$", "").splitlines(keepends=True)
    assert [o.label for o in completion.offers(content, cursor_of(LEVEL, 1), district_ids(lines))] == [
        "centro",
        "orilla",
    ]
    city = {o.label for o in completion.offers(content, cursor_of(LEVEL, 0), {})}
    assert "corruption" in city and "fear" not in city
    district = {o.label for o in completion.offers(content, cursor_of(LEVEL, 2), {})}
    assert "fear" in district and "corruption" not in district
    measures = completion.offers(content, cursor_of(LEVEL, 4), {})
    assert sorted(measures, key=lambda o: o.sort)[0].target.kind == "measure"
    assert {o.sort for o in measures if o.label == "neighborhood_watch"} == {"1"}  # the organizer's, listed last
    assert {o.label for o in completion.offers(content, cursor_of(EVENTS, 4), {})} >= {"city.corruption"}


def test_names_resolve_by_place(content):
    lines = LEVEL.replace("$", "").splitlines(keepends=True)
    fear = next(i for i, t in enumerate(lines) if "fear:" in t)
    assert resolve(content, "fear", cursor_at(lines, fear, 7), {}) == Target("state", "district.fear")
    corr = next(i for i, t in enumerate(lines) if "corruption:" in t)
    assert resolve(content, "corruption", cursor_at(lines, corr, 6), {}) == Target("state", "city.corruption")
    assert resolve(content, "budget", cursor_of(LEVEL, 3), {}) == Target("state", "player.budget")
    assert resolve(content, "k_retaliation", cursor_at(lines, 3, 16), {}) == Target("parameter", "k_retaliation")
    assert resolve(content, "street_lighting", cursor_at(lines, 0, 0), {}) == Target("measure", "street_lighting")
    assert resolve(content, "centro", cursor_at(lines, 10, 15), district_ids(lines)) == Target("district", "centro")
    assert resolve(content, "no_such_thing", cursor_at(lines, 0, 0), {}) is None


def test_spans_and_words():
    assert token_span('    when: "district.fear > 2"', 10) == (10, 29)
    assert token_span("      - night_patrl", 8) == (8, 19)
    assert token_span("x: {a: 1", 3) == (3, 8)
    assert token_span("", 0) == (0, 0)
    assert word_at('when: "district.fear > 0.5"', 12) == ("district.fear", 7, 20)
    assert word_at("  - quiet_night.", 16) == ("quiet_night", 4, 15)


def test_paper_titles_replace_what_was_typed(content):
    quoted = cursor_at(['    paper: "Limits of Co'], 0, 24)
    assert completion.context(quoted) == "paper" and completion.edit_start(quoted) == 12
    offers = completion.offers(content, quoted, {})
    assert offers and all(o.insert == o.label for o in offers)
    bare = cursor_at(["    paper: Lim"], 0, 14)
    assert completion.edit_start(bare) == 11
    assert all(o.insert == f'"{o.label}"' for o in completion.offers(content, bare, {}))


def test_starting_values_offer_stocks_under_initial_and_computed_values_under_computed_start(content):
    text = "schema_version: 1\nkind: level\nid: my_town\ndistricts:\n  - id: centro\n    initial:\n      $\n"
    text += "    computed_start:\n      $\n"
    stocks = {o.label for o in completion.offers(content, cursor_of(text, 0), {})}
    computed = {o.label for o in completion.offers(content, cursor_of(text, 1), {})}
    assert "oc_control" in stocks and "extortion" not in stocks  # E171: a computed value is not set under initial
    assert "extortion" in computed and "oc_control" not in computed


def test_an_options_roles_offer_the_roles(content):
    text = EVENTS.replace("        label: {en: Listen", "        roles: [$]\n        label: {en: Listen", 1)
    n = text[: text.index("roles: [$")].count("$")
    assert completion.context(cursor_of(text, n)) == "role"
    assert {o.label for o in completion.offers(content, cursor_of(text, n), {})} == {"official", "organizer"}
