"""Traps for authors (issue 13): each one is reported where the author wrote it, with what to do instead.

Computed values given a starting value, events written for one level that fire in all, options kept to roles,
`paper:` citing no section of the paper, the template's own mistakes, and hints that misled (a comma in a text,
look-alike letters, one wrong scope reported many times, problems located at the event instead of the key).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from game.content.author_checks import paper_sections
from game.content.loader import SHIPPED_CONTENT, SHIPPED_LEVELS, load_content
from game.content.pools import pool_events

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).parent / "fixtures" / "mini"
PAPER = ROOT.parent / "shared" / "paper" / "payan-2015-coproduction-of-public-safety.txt"


@pytest.fixture(scope="module")
def shipped():
    result = load_content()
    assert not result.errors, result.errors
    return result.content


def mini(tmp_path, **edits) -> tuple[list[tuple], dict[str, str]]:
    """The mini fixture with text replaced (`events=[(old, new)]`): its diagnostics as (file, line, col, code,
    message, hint), and the files' new texts."""
    texts = {}
    for f in MINI.iterdir():
        text = f.read_text(encoding="utf-8")
        for old, new in edits.get(f.stem, []):
            assert old in text, f"{old!r} not in {f.name}"
            text = text.replace(old, new)
        (tmp_path / f.name).write_text(text, encoding="utf-8")
        texts[f.stem] = text
    result = load_content([tmp_path])
    found = [
        (Path(d.where.path).name, d.where.line, d.where.col, d.code, d.message, d.hint) for d in result.diagnostics
    ]
    return found, texts


def with_shipped(tmp_path, name: str, text: str) -> list:
    """Shipped content and levels plus one more file: the diagnostics in that file."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = load_content([SHIPPED_CONTENT, SHIPPED_LEVELS, path])
    return [d for d in result.diagnostics if Path(d.where.path).resolve() == path.resolve()]


def line_col(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    at = [m.start() for m in re.finditer(re.escape(needle), text)][nth]
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


# --- 1. computed values have no starting value ---------------------------------------------------------------


def test_a_computed_value_in_initial_is_an_error_naming_what_to_set(tmp_path):
    # GIVEN the template with an extortion rate for a district (the model computes extortion every quarter)
    text = (SHIPPED_LEVELS / "template.yaml").read_text(encoding="utf-8")
    text = text.replace("id: template ", "id: extorted ")
    text = re.sub(r"(?m)^(      )oc_control: [0-9.]+\n(?=      violence)", r"\1extortion: 0.2\n", text, count=1)
    assert "extortion: 0.2" in text
    found = with_shipped(tmp_path, "extorted.yaml", text)
    # THEN it is an error at the key, naming the values that drive extortion
    assert [(d.code, (d.where.line, d.where.col)) for d in found] == [("E171", line_col(text, "extortion: 0.2"))]
    assert "`district.extortion` is computed by the model every quarter" in found[0].message
    assert "district.oc_control" in found[0].hint and "district.militia" in found[0].hint


def test_inputs_that_are_computed_are_named_by_what_drives_them(shipped):
    from game.content.author_checks import settable_inputs

    inputs = settable_inputs(shipped, "district.victimisation")  # from petty crime and extortion, both computed
    assert "district.oc_control" in inputs and "city.offender_pool" in inputs
    assert not any(shipped.state[s][n].computed for s, _, n in (i.partition(".") for i in inputs))


def test_every_computed_value_says_what_it_is_computed_from(shipped):
    for scope, decls in shipped.state.items():
        for name, decl in decls.items():
            if decl.computed:
                assert decl.inputs, f"{scope}.{name} is computed but lists no `inputs:`"
            for item in decl.inputs:
                s, _, n = item.partition(".")
                assert n in shipped.state[s], item


def test_the_starting_budget_may_be_set_because_it_fixes_the_tax_rate(shipped):
    budget = shipped.state["city"]["budget"]
    assert budget.computed and budget.start_read
    assert all("budget" in level.city.initial for level in shipped.levels.values() if level.id != "template")


def test_computed_start_holds_computed_values_and_the_model_starts_from_it(tmp_path, shipped):
    # GIVEN shipped levels: settled starts of computed values sit under `computed_start:`, not `initial:`
    level = shipped.levels["first_steps"]
    assert "poverty" in level.districts[1].computed_start and "poverty" not in level.districts[1].initial
    from game.events.world import DictWorld

    world = DictWorld(shipped, level, "official")
    assert world.districts[1]["poverty"] == level.districts[1].computed_start["poverty"]
    # WHEN a level puts a value the model does not compute there
    text = (SHIPPED_LEVELS / "template.yaml").read_text(encoding="utf-8").replace("id: template ", "id: wrong ")
    text = text.replace(
        "    computed_start:\n      petty_crime:", "    computed_start:\n      fear: 0.5\n      petty_crime:", 1
    )
    assert "fear: 0.5" in text
    found = with_shipped(tmp_path, "wrong.yaml", text)
    # THEN it is refused, at the key
    assert [(d.code, d.where.line) for d in found] == [("E129", line_col(text, "fear: 0.5\n")[0])]
    assert "under `initial:`" in found[0].message


# --- 2. events written for some levels ------------------------------------------------------------------------

EVENT = """schema_version: 1
kind: events
events:
  - id: EVENT_ID
    title: {en: A card, es: Una carta}
    text: {en: "TEXT_EN", es: "TEXT_ES"}
    paper: "Limits of Coproduction: Reducing Crime or Reducing Fear?"
    options:
      - {id: yes_then, label: {en: "Yes", es: "Sí"}}
      - {id: no_then, label: {en: "No", es: "No"}}
    tags: [fear]
"""


def card(event_id: str, en: str = "Something happens in {city}.", es: str = "Algo pasa en {city}.") -> str:
    return EVENT.replace("EVENT_ID", event_id).replace("TEXT_EN", en).replace("TEXT_ES", es)


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (card("metro_late_buses"), "the level `metropolis`"),
        (card("fair", "The fair fills El Mercado.", "La feria llena el mercado."), "`El Mercado`, a place only in"),
        (card("tierra_blanca_fire"), "`tierra_blanca`, a place only in metropolis"),
    ],
)
def test_an_event_naming_some_levels_without_levels_warns(tmp_path, body, named):
    found = with_shipped(tmp_path, "cards.yaml", body)
    assert [(d.code, d.where.line) for d in found] == [("W214", 4)], found
    assert named in found[0].message and "has no `levels:`, so every level's tag pools draw it" in found[0].message
    assert found[0].hint.startswith("add `levels: [")
    # and with `levels:` it is kept there, and nothing of the kind is said
    kept = body.replace("    tags: [fear]\n", "    tags: [fear]\n    levels: [first_steps, metropolis]\n")
    assert [d.code for d in with_shipped(tmp_path, "cards.yaml", kept) if d.code != "W200"] == []


def test_an_event_for_every_city_is_left_alone(tmp_path):
    assert with_shipped(tmp_path, "cards.yaml", card("fair", "A fair in {city}.", "Una feria en {city}.")) == []


def test_metro_events_are_kept_to_metropolis_and_new_levels_do_not_draw_them(shipped):
    metro = {eid for eid in shipped.events if eid.startswith("metro_")}
    assert metro and all(shipped.events[e].levels == ["metropolis"] for e in metro)
    template = shipped.levels["template"]
    assert not metro & {e for p in template.pools for e in pool_events(shipped, p, "template")}


def test_the_tutorial_teaches_levels():
    from tests.test_docs import TEXT, tutorial_events, tutorial_level

    assert f"levels: [{tutorial_level()['id']}]" in tutorial_events()
    assert "`levels:`" in TEXT[TEXT.index("### Step 5") : TEXT.index("### Step 6")]


# --- 3. options kept to roles (the checks; the engine is in test_engine_option_roles.py) -----------------------


@pytest.mark.parametrize(
    ("roles", "code", "message"),
    [
        ("[mayor]", "E126", 'the text "mayor" is not allowed here'),
        ("[]", "E129", "`roles` lists no role"),
        ("[organizer]", "E172", "option `protect` is only for the organizer, but `threat` meets only the official"),
    ],
)
def test_option_roles_are_checked_at_the_line(tmp_path, roles, code, message):
    event_roles = ("    cooldown_turns: 2\n", "    cooldown_turns: 2\n    roles: [official]\n")
    option = ('        when: "player.budget >= 50"\n', f'        when: "player.budget >= 50"\n        roles: {roles}\n')
    found, texts = mini(tmp_path, events=[event_roles, option])
    assert len(found) == 1, found
    line, col = line_col(texts["events"], f"roles: {roles}")
    assert found[0][1:4] == (line, col + len("roles: ") + (code == "E126"), code)  # at the value (E126: the item)
    assert message in found[0][4]


def test_a_role_with_no_option_left_is_warned(tmp_path):
    keep = [
        ('        when: "player.budget >= 50"\n', '        when: "player.budget >= 50"\n        roles: [official]\n'),
        ("      - id: ignore\n", "      - id: ignore\n        roles: [official]\n"),
    ]
    found, _ = mini(tmp_path, events=keep)
    assert [(f[3], f[1]) for f in found] == [("W205", 18)], found
    assert "no option of `threat` is open to the organizer" in found[0][4]


# --- 4. the paper's sections ----------------------------------------------------------------------------------


def test_the_sections_listed_are_the_papers_headings(shipped):
    sections = paper_sections(shipped)
    assert len(sections) == 18 and sections[0] == "Introduction" and sections[-1] == "Conclusion"
    if not PAPER.is_file():
        pytest.skip("the paper is not beside the project")
    lines = [ln.strip() for ln in PAPER.read_text(encoding="utf-8").splitlines()]
    first, last = lines.index("Introduction"), lines.index("Conclusion")
    headings = [ln for ln in lines[first : last + 1] if ln in set(sections)]
    assert headings == sections


def test_every_section_the_class_report_quotes_is_a_section(shipped):
    titles = {t.en for k, t in shipped.strings.items() if re.fullmatch(r"class_report\.section\.\w+\.title", k)}
    assert titles and titles <= set(paper_sections(shipped))


@pytest.mark.parametrize(
    ("paper", "hint"),
    [
        ("Limits of Coproduction: Reducing Crime or Fear", "did you mean `Limits of Coproduction: Reducing Crime"),
        ("the case of mexico", "write it exactly as the paper does: `The Case of Mexico`"),
        ("Retaliation", "cite a section title exactly as content/paper.yaml lists it"),
    ],
)
def test_a_paper_section_that_does_not_exist_warns(tmp_path, paper, hint):
    body = card("fair").replace('"Limits of Coproduction: Reducing Crime or Reducing Fear?"', f'"{paper}"')
    found = with_shipped(tmp_path, "cards.yaml", body)
    assert [(d.code, d.where.line, d.where.col) for d in found] == [("W215", 7, 12)], found
    assert found[0].hint.startswith(hint)


# --- 5. the template ------------------------------------------------------------------------------------------


def test_every_parameter_the_template_mentions_exists(shipped):
    text = (SHIPPED_LEVELS / "template.yaml").read_text(encoding="utf-8")
    mentioned = set(shipped.levels["template"].parameters)
    for line in text.splitlines():
        if re.match(r"^\s*parameters:", line) or "parameter" in line.partition("#")[2]:
            for braces in re.findall(r"\{([^}]*)\}", line):
                mentioned |= set(re.findall(r"([a-z][a-z0-9_]*)\s*:", braces))
    assert mentioned, "the template shows how to override a parameter"
    assert sorted(mentioned - set(shipped.parameters)) == []


def test_the_template_sets_no_computed_value(shipped):
    level = shipped.levels["template"]
    for scope, values in [("city", level.city.initial)] + [("district", d.initial) for d in level.districts]:
        assert not [n for n in values if shipped.state[scope][n].computed and not shipped.state[scope][n].start_read]


# --- 6. hints that misled, and places ---------------------------------------------------------------------------


def test_a_comma_in_a_flow_text_asks_for_quotes(tmp_path):
    found, texts = mini(tmp_path, events=[("{en: Look away, es:", "{en: Look away, now, es:")])
    assert [f[1:4] for f in found] == [(*line_col(texts["events"], "now"), "E122")]
    assert found[0][5] == 'a comma inside `{...}` ends the text; put the whole text in quotes: `en: "Look away, now"`'


@pytest.mark.parametrize(
    ("edits", "code"),
    [
        ({"events": [("city.transparency > 0.1", "city.trаnsparency > 0.1")]}, "E143"),  # a state name
        ({"level": [("events: [audit]", "events: [аudit]")]}, "E127"),  # an id
        ({"events": [("district.oc_control > 0.4", 'district.oc_control > 0.4 and fired(\\"аudit\\")')]}, "E161"),
    ],
)
def test_a_look_alike_letter_is_named_with_its_code_point(tmp_path, edits, code):
    found, _ = mini(tmp_path, **edits)
    assert [f[3] for f in found] == [code], found
    assert "`а` (U+0430 CYRILLIC SMALL LETTER A), which looks like `a`" in found[0][5]
    if code != "E127":
        assert found[0][5].startswith("did you mean `")


@pytest.mark.parametrize(
    ("written", "code", "meant"),
    [("city.ｔransparency > 0.1", "E143", "city.transparency"), ('ｆired(\\"audit\\")', "E141", "fired")],
)
def test_a_full_width_letter_in_a_condition_is_not_read_as_the_plain_one(tmp_path, written, code, meant):
    """Python reads `ｆ` (U+FF46) in a name as `f`, so the condition worked while the text said something else."""
    found, _ = mini(tmp_path, events=[("city.transparency > 0.1", written)])
    assert [f[3] for f in found] == [code], found
    assert found[0][5].startswith(f"did you mean `{meant}`? `"), found[0][5]
    assert "(U+FF" in found[0][5]


@pytest.mark.parametrize(
    ("scope", "at"),
    [("    scope: city\n", "scope: city"), ("", "id: threat")],
)
def test_one_wrong_scope_is_reported_once_at_its_cause(tmp_path, scope, at):
    found, texts = mini(tmp_path, events=[("    scope: district\n    when:", f"{scope}    when:")])
    line, col = line_col(texts["events"], at)
    assert [f[1:4] for f in found] == [(line, col + at.index(" ") + 1, "E164")], found  # at the value
    assert "`threat` has city scope, but it uses a district in 7 places" in found[0][4]
    assert "district.oc_control" in found[0][4] and "{district}" in found[0][4]
    assert found[0][5].startswith(("write" if scope else "add") + " `scope: district`")


def test_a_measure_without_its_district_target_is_reported_once(tmp_path):
    found, texts = mini(tmp_path, measures=[("    target: district\n", "")])
    line, col = line_col(texts["measures"], "id: lighting")
    assert [f[1:4] for f in found] == [(line, col + len("id: "), "E164")], found
    assert found[0][5].startswith("add `target: district`")


def test_one_district_value_in_a_city_event_stays_at_its_line(tmp_path):
    found, texts = mini(
        tmp_path, events=[("          - add: {city.corruption: -0.05}", "          - add: {district.fear: -0.05}")]
    )
    assert [f[1:4] for f in found] == [(*line_col(texts["events"], "district.fear: -0.05"), "E164")]


@pytest.mark.parametrize(
    ("edit", "at"),
    [
        (("      - id: ignore\n", "      - id: protect\n"), ("- id: protect", 1)),
        (("    cooldown_turns: 2\n", "    cooldown_turns: 2\n    earliest_turn: 5\n    latest_turn: 3\n"), ("3", None)),
        (("    cooldown_turns: 2\n", "    cooldown_turns: 2\n    roles: []\n"), ("[]", None)),
        (("flag: {ignored_threat: true}", "flag: {Ignored-threat: true}"), ("Ignored-threat", None)),
    ],
    ids=["duplicate option", "latest before earliest", "no roles", "bad flag name"],
)
def test_problems_are_located_at_their_own_key(tmp_path, edit, at):
    found, texts = mini(tmp_path, events=[edit])
    needle, nth = at
    line, col = line_col(texts["events"], needle, nth or 0)
    if needle == "3":
        line, col = line_col(texts["events"], "latest_turn: 3")
        col += len("latest_turn: ")
    if needle == "- id: protect":
        col += len("- id: ")
    assert [f[1:3] for f in found if f[3].startswith("E")] == [(line, col)], found


def test_shipped_content_shows_none_of_these(tmp_path):
    result = load_content()
    codes = {d.code for d in result.diagnostics}
    assert not codes & {"E171", "E172", "W214", "W215"}, [str(d.where) for d in result.diagnostics]
    # and the docs' worked examples do not either (the tutorial teaches `levels:`)
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_a_city_with_no_wealth_cannot_start_with_a_budget(tmp_path):
    """E175: the tax rate is the starting budget over the households' wealth, so with no wealth anywhere the
    budget would be taxed at an endless rate the moment anyone earned (found by feeding the template wealth 0)."""
    template = (ROOT / "levels" / "template.yaml").read_text(encoding="utf-8").replace("id: template", "id: ghost_town")
    broke = re.sub(r"(\n\s+wealth: )[0-9.]+", r"\g<1>0", template)
    assert broke.count("wealth: 0") >= 2
    found = with_shipped(tmp_path, "ghost_town.yaml", broke)
    assert [d.code for d in found] == ["E175"]
    assert (found[0].where.line, found[0].where.col) == line_col(broke, "wealth: 0")
    # one district with something to tax, or no budget to raise, is a city the model can run
    one = broke.replace("wealth: 0", "wealth: 0.2", 1)
    assert not [d for d in with_shipped(tmp_path, "ghost_town.yaml", one) if d.code == "E175"]
