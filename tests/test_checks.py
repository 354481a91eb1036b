"""Cross-file checks on the mini fixture: each broken variant gives its one, located, plain-language diagnostic."""

from pathlib import Path

import pytest

from game.content.loader import load_content

MINI = Path(__file__).parent / "fixtures" / "mini"


def variant(tmp_path, **edits):
    """Copy the fixture, replacing text in files: variant(tmp, level=("old", "new")) or a list of such pairs."""
    for f in MINI.iterdir():
        text = f.read_text(encoding="utf-8")
        pairs = edits.get(f.stem, [])
        for old, new in [pairs] if isinstance(pairs, tuple) else pairs:
            assert old in text, f"{old!r} not in {f.name}"
            text = text.replace(old, new)
        (tmp_path / f.name).write_text(text, encoding="utf-8")
    result = load_content([tmp_path])
    return [(Path(d.where.path).name, d.where.line, d.code, d.message, d.hint) for d in result.diagnostics]


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        # an event only the organizer meets, in a level only the official plays, can never fire
        (
            {"events": ("    cooldown_turns: 2\n", "    cooldown_turns: 2\n    roles: [organizer]\n")},
            (
                "events.yaml",
                4,
                "W200",
                "no level's pools and no follow-up can ever fire `threat` (nor the follow-ups it schedules: reprisal)",
            ),
        ),
        # a measure offered to the wrong role
        (
            {"measures": ("role: official", "role: organizer")},
            ("level.yaml", 28, "E168", "`lighting` is a measure for the organizer, offered here to the official"),
        ),
        # a level naming a measure that does not exist, with a suggestion
        (
            {"level": ("measures: [lighting]", "measures: [lightning]")},
            ("level.yaml", 28, "E161", "no measure has the id `lightning`"),
        ),
        # a measure offered twice to one role: reported at the second
        (
            {"level": ("measures: [lighting]", "measures: [lighting, lighting]")},
            ("level.yaml", 28, "E160", "`lighting` is offered to the official twice"),
        ),
        # a pool listing a triggered-only event
        (
            {"level": ("events: [audit]", "events: [audit, backlash]")},
            ("level.yaml", 31, "E167", "`backlash` is `triggered_only`, so it cannot be drawn from a pool"),
        ),
        # a city-scope event changing a district value
        (
            {"events": ("          - add: {city.corruption: -0.05}", "          - add: {district.fear: -0.05}")},
            ("events.yaml", 52, "E164", "`district.fear` is a district value, but this has city scope"),
        ),
        # a city event scheduling a district event
        (
            {
                "events": (
                    "          - add: {city.corruption: 0.02}",
                    "          - schedule: {event: reprisal, delay: 1}",
                )
            },
            (
                "events.yaml",
                58,
                "E164",
                "`reprisal` has district scope, but it is scheduled from something with city "
                "scope, so no district would be chosen",
            ),
        ),
        # a starting value outside the declared range
        (
            {"level": ("initial: {corruption: 0.7}", "initial: {corruption: 1.7}")},
            ("level.yaml", 10, "E163", "`set` puts `city.corruption` at 1.7, outside its range [0, 1]"),
        ),
        # a flag read that nothing sets
        (
            {"events": ('not flag(\\"ignored_threat\\")', 'not flag(\\"ignored_thread\\")')},
            ("events.yaml", 56, "W202", "the flag `ignored_thread` is read but no effect ever sets it"),
        ),
        # fired() naming an unknown event
        (
            {"events": ('"district.oc_control > 0.4"', '"district.oc_control > 0.4 and not fired(\\"thret\\")"')},
            ("events.yaml", 9, "E161", "no event has the id `thret`"),
        ),
        # different placeholders in the two languages
        (
            {"events": ('es: "Una amenaza en {district}"', 'es: "Una amenaza en {city}"')},
            ("events.yaml", 5, "E165", "the en and es texts use different placeholders ({city}, {district})"),
        ),
        # zero-delay cycle
        (
            {
                "events": (
                    "          - add: {city.transparency: 0.05}",
                    "          - schedule: {event: audit, delay: 0}",
                )
            },
            (
                "events.yaml",
                41,
                "E166",
                "these follow-ups can fire each other again in the same turn without end: audit → backlash → audit",
            ),
        ),
        # conditions that cannot hold together
        (
            {
                "events": (
                    'when: "district.oc_control > 0.4"',
                    'when: ["district.oc_control > 0.4", "district.oc_control < 0.2"]',
                )
            },
            ("events.yaml", 9, "E145", None),
        ),
        # an effect on a value the model recomputes every quarter
        (
            {
                "state": ("  reports:\n    {type: int,", "  reports:\n    {computed: true, type: int,"),
                "events": ("          - add: {district.fear: -0.02}", "          - add: {district.reports: 1}"),
            },
            (
                "events.yaml",
                24,
                "W207",
                "`district.reports` is recomputed by the model every quarter, so this change is "
                "overwritten at its next step",
            ),
        ),
        # an event kept to a level that does not exist
        (
            {"events": ("    cooldown_turns: 2\n", "    cooldown_turns: 2\n    levels: [minni]\n")},
            ("events.yaml", 16, "W209", "no level loaded has the id `minni`"),
        ),
        # an event kept to this level is still drawn by this level's tag pool: nothing to report
        (
            {
                "events": (
                    "    cooldown_turns: 2\n",
                    "    cooldown_turns: 2\n    tags: [retaliation]\n    levels: [mini]\n",
                ),
                "level": ("events: [threat]}", "tags: [retaliation]}"),
            },
            None,
        ),
        # an event whose first tag names no dynamic of the paper
        (
            {"events": ("    cooldown_turns: 2\n", "    cooldown_turns: 2\n    tags: [neighbors, retaliation]\n")},
            ("events.yaml", 16, "W208", "`threat` belongs to no dynamic of the paper: its first tag is `neighbors`"),
        ),
        # a parameter override that names no parameter (levels may only override the model's parameters)
        ({"level": ("max_events_per_turn: 3", "max_events_per_turn: 3\nparameters: {leak: 0.1}")}, None),
    ],
)
def test_cross_file_problem(tmp_path, edits, expected):
    found = variant(tmp_path, **edits)
    if expected is None:  # the fixture has no model file: overrides cannot be judged, nothing is reported
        assert found == []
        return
    name, line, code, message = expected[:4]
    matches = [f for f in found if f[2] == code]
    assert len(found) == 1 and matches, found
    assert matches[0][:2] == (name, line), found
    if message:
        assert matches[0][3] == message


def test_did_you_mean_for_ids(tmp_path):
    found = variant(tmp_path, level=("measures: [lighting]", "measures: [lightning]"))
    assert found[0][4] == "did you mean `lighting`?"


def test_references_to_broken_entries_are_not_reported_again(tmp_path):
    # GIVEN the reprisal event is itself broken (a misspelt scope), and the threat schedules it
    found = variant(
        tmp_path,
        events=("    scope: district\n    triggered_only: true\n", "    scope: distrct\n    triggered_only: true\n"),
    )
    # THEN only the misspelt value is reported, not "no event has the id `reprisal`"
    assert [f[2] for f in found] == ["E126"], found
    assert found[0][4] == "did you mean `district`?"


def test_conditions_are_compiled_once_for_the_engine():
    content = load_content([MINI]).content
    assert ("district", "district.oc_control > 0.4") in content.conditions
    assert content.condition("player.budget >= 50", "district").source == "player.budget >= 50"


def test_yaml_problem_does_not_hide_other_problems_or_echo(tmp_path):
    # GIVEN `yes` for a boolean in one event, and a misspelt name in another event's condition
    found = variant(
        tmp_path,
        events=[("    once: true\n", "    once: yes\n"), ("district.oc_control > 0.4", "district.oc_contrl > 0.4")],
    )
    # THEN both are reported, the `yes` only once (no "expected true/false" echo at the same place), and
    # nothing that follows from the audit being broken (its follow-up looks unreachable, but that is an echo)
    assert [(f[2], f[1]) for f in found] == [("E143", 9), ("E109", 47)], found
    found = variant(tmp_path, events=("    cooldown_turns: 2\n", "    cooldown_turns: 2\n    paper: Fear\n"))
    assert [f[2] for f in found] == ["E108"], found


def test_an_event_kept_to_one_level_is_not_drawn_by_other_levels_tag_pools():
    from game.content.loader import load_content
    from game.content.pools import pool_events

    content = load_content().content
    guided = {eid for eid, ev in content.events.items() if ev.levels == ["first_steps"]}
    assert guided
    drawn = {e for p in content.levels["template"].pools for e in pool_events(content, p, "template")}
    assert {t for p in content.levels["template"].pools for t in p.tags}  # the template draws by tag
    assert not guided & drawn
    drawn_there = {e for p in content.levels["first_steps"].pools for e in pool_events(content, p, "first_steps")}
    assert guided <= drawn_there


def test_a_parameter_with_one_bound_is_judged_without_a_crash(tmp_path):
    """A level that sets a parameter declared with only `max` above it: E163 names the open side (mypy found that
    the message used to call float(None))."""
    from game.content.loader import SHIPPED_CONTENT, load_content
    from tests.test_docs import dump, tutorial_level

    (tmp_path / "model.yaml").write_text(
        "schema_version: 1\nkind: model\nparameters:\n  my_ceiling:\n    value: 1\n    max: 3\n"
        '    meaning: "a parameter with an upper bound only"\n    source: "assumed"\n',
        encoding="utf-8",
    )
    level = tutorial_level()
    level["parameters"] = {"my_ceiling": 7}
    (tmp_path / "my_town.yaml").write_text(dump(level), encoding="utf-8")
    result = load_content([SHIPPED_CONTENT, tmp_path])
    found = [d for d in result.diagnostics if d.code == "E163" and "my_ceiling" in d.message]
    assert found and "∞" in found[0].message, [f"{d.code} {d.message}" for d in result.diagnostics]


@pytest.mark.parametrize(
    ("edits", "at", "words"),
    [
        (
            {"measures": ('"Light the streets of {district}."', '"Light the streets of {district:>999999999}."')},
            ("measures.yaml", 7),
            "format specs such as `:>999999999`",
        ),
        ({"measures": ("{en: Less fear., es:", '{en: "Less fear in {city!r}.", es:')}, ("measures.yaml", 8), "`!r`"),
        ({"level": ("{en: A test city., es:", '{en: "Turn {turn:,}.", es:')}, ("level.yaml", 5), "`:,`"),
        ({"level": ("{en: Testville, es:", '{en: "{city.__class__}", es:')}, ("level.yaml", 9), "`.__class__`"),
    ],
)
def test_measure_and_level_texts_refuse_what_the_renderer_refuses(tmp_path, edits, at, words):
    found = [f for f in variant(tmp_path, **edits) if f[2] == "E165"]
    assert [f[:2] for f in found] == [at], found
    assert words in found[0][3], found


def test_a_carried_value_may_be_moved_by_an_event(tmp_path):
    """A computed value the model carries from quarter to quarter (`carried: true`, a self-defense group's arms)
    keeps what an event does to it: no W207. Without `carried` the same effect is warned about, and `carried` on a
    value the model does not compute is refused (E129)."""
    reports = "  reports:\n    {type: int,"
    effect = ("          - add: {district.fear: -0.02}", "          - add: {district.reports: 1}")

    def found(name: str, declared: str, **edits) -> list[str]:
        (tmp_path / name).mkdir()
        return [
            f[2] for f in variant(tmp_path / name, state=(reports, f"  reports:\n    {{{declared}type: int,"), **edits)
        ]

    assert found("carried", "computed: true, carried: true, ", events=effect) == []
    assert found("warned", "computed: true, ", events=effect) == ["W207"]
    assert found("refused", "carried: true, ") == ["E129"]
