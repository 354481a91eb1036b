"""The exported JSON Schemas (schema/*.json, `plaza schema`) agree with the checker.

Editors show the schemas' errors as the author types, so a shipped file must give none (a false error teaches
authors to ignore the underlines), and the typical mistakes must give at least one, which the checker reports too.
Files are read as an editor reads them (PyYAML, safe_load) and validated with the draft the schemas declare.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml

from game.cli import main
from game.content.expressions import MAX_SOURCE_CHARS
from game.content.loader import SHIPPED_CONTENT, SHIPPED_LEVELS, load_content
from game.content.schema_export import DISPATCH, export_all, export_dispatch_schema, export_schemas
from game.content.schemas import KINDS
from tests.test_docs import full_files

REPO = Path(__file__).resolve().parent.parent
SHIPPED = sorted([*SHIPPED_CONTENT.rglob("*.yaml"), *SHIPPED_LEVELS.glob("*.yaml")])
SCHEMAS = export_schemas()
DISPATCHER = export_dispatch_schema()


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def errors(schema: dict, data) -> list[str]:
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


# --- shipped content: no false errors --------------------------------------------------------------------


def test_shipped_files_are_found():
    assert len(SHIPPED) > 20
    assert {read(p)["kind"] for p in SHIPPED} == set(KINDS)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(REPO)))
def test_every_shipped_file_validates_against_its_schema(path):
    data = read(path)
    assert errors(SCHEMAS[data["kind"]], data) == []
    assert errors(DISPATCHER, data) == []


def test_the_schema_comment_of_each_shipped_file_names_its_kind():
    for path in SHIPPED:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if first.startswith("# yaml-language-server: $schema="):
            target = (path.parent / first.split("=", 1)[1].strip()).resolve()
            assert target == (REPO / "schema" / f"{read(path)['kind']}.schema.json").resolve(), path


def test_the_docs_whole_file_examples_validate():
    """The docs' whole-file YAML examples (not the one broken on purpose), as tests/test_docs.py finds them."""
    examples = [yaml.safe_load(body) for body in full_files()]
    assert examples
    for data in examples:
        assert errors(DISPATCHER, data) == []


# --- typical mistakes: at least one error, and the checker agrees -----------------------------------------

BASES = {
    "level": SHIPPED_LEVELS / "first_steps.yaml",
    "events": SHIPPED_CONTENT / "events" / "costs.yaml",
    "measures": SHIPPED_CONTENT / "measures" / "official.yaml",
    "state": SHIPPED_CONTENT / "state.yaml",
    "model": SHIPPED_CONTENT / "model.yaml",
    "strings": SHIPPED_CONTENT / "strings.yaml",
}


def _set(path: tuple, value) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _drop(path: tuple) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


def _first_key(section: str, then: Callable[[dict], None]) -> Callable[[dict], None]:
    """Apply `then` to the first entry of a mapping section (`city:` of state, `parameters:`, `strings:`)."""

    def change(data: dict) -> None:
        then(data[section][next(iter(data[section]))])

    return change


def _rename_first(section: str, new: str) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        first = next(iter(data[section]))
        data[section][new] = data[section].pop(first)

    return change


EVENT = ("events", 0)
OPTION = (*EVENT, "options", 0)
BROKEN = [
    # unknown keys
    ("unknown top-level key", "level", _set(("titel",), "x")),
    ("unknown event key", "events", _set((*EVENT, "wieght"), 3)),
    ("unknown effect verb", "events", _set((*OPTION, "effects", 0), {"inc": {"district.fear": 0.1}})),
    ("unknown key in a district", "level", _set(("districts", 0, "population"), 100)),
    ("unknown parameter key", "model", _first_key("parameters", lambda p: p.update(units="x"))),
    # texts: {en, es}, both, nothing else
    ("missing es", "events", _drop((*EVENT, "title", "es"))),
    ("missing en", "level", _drop(("title", "en"))),
    ("a third language", "measures", _set(("measures", 0, "name", "fr"), "Éclairage")),
    ("a plain string for a text", "events", _set((*EVENT, "title"), "Behind on the dues")),
    ("an empty text", "strings", _first_key("strings", lambda t: t.update(en=""))),
    # wrong types
    ("a number in quotes", "level", _set(("turns",), "6")),
    ("a list for a number", "events", _set((*EVENT, "cooldown_turns"), [4])),
    ("a number for a condition", "events", _set((*EVENT, "when"), 5)),
    ("a mapping for a list", "measures", _set(("measures", 0, "tags"), {"visible": True})),
    ("a string for true/false", "events", _set((*EVENT, "once"), "yes")),
    ("a float for a whole number", "level", _set(("max_events_per_turn",), 2.5)),
    # ids and keys
    ("bad event id", "events", _set((*EVENT, "id"), "Dues-Fall-Behind")),
    ("bad option id", "events", _set((*OPTION, "id"), "1st")),
    ("bad level id", "level", _set(("id",), "First Steps")),
    ("bad tag", "measures", _set(("measures", 0, "tags"), ["Visible"])),
    ("bad state name", "state", _rename_first("city", "Budget")),
    ("bad string key", "strings", _rename_first("strings", "Menu.Play")),
    ("an effect on a name without its scope", "events", _set((*OPTION, "effects", 0), {"add": {"fear": 0.1}})),
    # numeric ranges
    ("too many turns", "level", _set(("turns",), 500)),
    ("too few households", "level", _set(("districts", 0, "households"), 5)),
    ("a chance above 1", "events", _set((*OPTION, "effects", 0), {"schedule": {"event": "x", "chance": 1.5}})),
    ("a negative weight", "events", _set((*EVENT, "weight"), -1)),
    ("a negative cost", "measures", _set(("measures", 0, "cost"), {"budget": -5})),
    ("a zero duration", "measures", _set(("measures", 0, "duration"), 0)),
    ("a multiplier above 100", "events", _set((*OPTION, "effects", 0), {"mul": {"district.guards": 500}})),
    # enums
    ("bad scope", "events", _set((*EVENT, "scope"), "region")),
    ("bad role", "events", _set((*EVENT, "roles"), ["mayor"])),
    ("no role", "events", _set((*EVENT, "roles"), [])),
    ("bad measure role", "measures", _set(("measures", 0, "role"), "citizen")),
    ("bad target", "measures", _set(("measures", 0, "target"), "player")),
    ("bad hook", "level", _set(("pools", 0, "hook"), "dawn")),
    ("bad hint screen", "level", _set(("hints", 0, "screen"), "menu")),
    ("bad value type", "state", _first_key("city", lambda d: d.update(type="double"))),
    # header
    ("bad kind", "events", _set(("kind",), "event")),
    ("another file's kind", "measures", _set(("kind",), "events")),
    ("no kind", "model", _drop(("kind",))),
    ("a newer schema version", "level", _set(("schema_version",), 2)),
    # required keys, list sizes, and the models' own rules
    ("missing options", "events", _drop((*EVENT, "options"))),
    ("no options", "events", _set((*EVENT, "options"), [])),
    ("missing paper", "measures", _drop(("measures", 0, "paper"))),
    ("no districts", "level", _set(("districts",), [])),
    ("thirteen districts", "level", lambda d: d.update(districts=[d["districts"][0]] * 13)),
    ("a level with no role", "level", _set(("roles",), {})),
    ("a pool that draws from nothing", "level", _drop(("pools", 0, "events"))),
    ("a role with no measures", "level", _set(("roles", "official", "measures"), [])),
    ("two verbs on one effect line", "events", _set((*OPTION, "effects", 0, "set"), {"district.fear": 0.1})),
    ("an effect line with no verb", "events", _set((*OPTION, "effects", 0), {})),
    ("a verb that changes nothing", "events", _set((*OPTION, "effects", 0), {"add": {}})),
    (
        "a delay of three numbers",
        "events",
        _set((*OPTION, "effects", 0), {"schedule": {"event": "x", "delay": [1, 2, 3]}}),
    ),
    ("a modifier with factor and add", "events", _set((*EVENT, "weight", "modifiers", 0, "add"), 1)),
    ("a modifier with neither", "events", _drop((*EVENT, "weight", "modifiers", 0, "factor"))),
    ("an empty condition", "events", _set((*EVENT, "when"), "")),
    ("a blank condition", "events", _set((*OPTION, "when"), ["   "])),
    ("an overlong condition", "events", _set((*EVENT, "when"), "district.gated >= 0.1" + " " * MAX_SOURCE_CHARS)),
    ("a bool with a range", "state", _first_key("city", lambda d: d.update(type="bool", default=True))),
    ("a number without max", "state", _first_key("city", lambda d: d.pop("max"))),
    ("a number with a true/false default", "state", _first_key("city", lambda d: d.update(default=True))),
    ("an int with a fraction", "state", _first_key("city", lambda d: d.update(type="int", default=1500.5))),
]


@pytest.mark.parametrize("kind, change", [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_a_typical_mistake_is_an_error_in_the_schema_and_in_the_checker(kind, change, tmp_path):
    base = BASES[kind]
    data = read(base)
    assert errors(SCHEMAS[kind], data) == []
    broken = copy.deepcopy(data)
    change(broken)
    assert errors(SCHEMAS[kind], broken), "the schema accepts it"
    assert errors(DISPATCHER, broken), "the dispatching schema accepts it"
    # The checker, with the broken file in place of the good one, rejects it too: the schema is no stricter.
    written = tmp_path / base.name
    written.write_text(yaml.safe_dump(broken, allow_unicode=True, sort_keys=False), encoding="utf-8")
    others = [p for p in SHIPPED if p != base]
    assert load_content([*others, written]).errors, "the checker accepts it"


def test_the_shorthand_when_is_accepted_as_a_string_or_a_list():
    data = read(BASES["events"])
    for when in ("district.gated >= 0.1", ["district.gated >= 0.1", "district.wealth < 2"], []):
        data["events"][0]["when"] = when
        assert errors(SCHEMAS["events"], data) == []


# --- the schemas themselves --------------------------------------------------------------------------------


def _nodes(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _nodes(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _nodes(value, f"{path}/{i}")


@pytest.mark.parametrize("name", [*KINDS, DISPATCH])
def test_every_object_is_closed(name):
    """Every model and every map takes no key it does not name or match; no map is open."""
    schema = export_all()[name]
    models = [("/", schema)] if name != DISPATCH else []
    models += [(f"/$defs/{k}", v) for k, v in schema.get("$defs", {}).items()]
    for path, node in models:
        assert node.get("additionalProperties") is False, path
    for path, node in _nodes(schema):
        if "patternProperties" in node or "additionalProperties" in node:
            assert node.get("additionalProperties") is False, path


def test_what_the_checker_knows_is_in_the_schemas():
    defs = export_dispatch_schema()["$defs"]
    assert defs["Text"]["required"] == ["en", "es"] and set(defs["Text"]["properties"]) == {"en", "es"}
    assert defs["Event"]["properties"]["scope"]["enum"] == ["city", "district"]
    assert defs["Event"]["properties"]["roles"]["items"]["enum"] == ["official", "organizer"]
    assert defs["Measure"]["properties"]["target"]["enum"] == ["city", "district"]
    assert defs["Pool"]["properties"]["hook"]["enum"] == ["turn_start", "after_measures", "turn_end"]
    assert defs["VarDecl"]["properties"]["type"]["enum"] == ["float", "int", "bool"]
    assert set(defs["District"]["properties"]["kind"]["examples"]) == {"rich", "middle", "poor", "rural"}
    assert defs["Event"]["properties"]["id"]["pattern"] == "^[a-z][a-z0-9_]*$"
    assert [b["required"] for b in defs["Effect"]["oneOf"]] == [["set"], ["add"], ["mul"], ["flag"], ["schedule"]]
    assert DISPATCHER["properties"]["kind"]["enum"] == list(KINDS)


def test_plaza_schema_writes_valid_json_schemas(tmp_path, capsys):
    out = tmp_path / "schemas"
    assert main(["schema", "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{k}.schema.json" for k in (*KINDS, DISPATCH))
    for path in out.iterdir():
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", path.name
        validator = jsonschema.validators.validator_for(schema)
        assert validator is jsonschema.Draft202012Validator
        validator.check_schema(schema)


def test_shipped_schema_folder_is_current():
    """Editors read schema/*.json; regenerate with `uv run plaza schema --out schema` after a change to schemas.py."""
    for name, schema in export_all().items():
        shipped = json.loads((REPO / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert shipped == schema, f"schema/{name}.schema.json is stale"


# Keywords that draft-07 does not know: VS Code's YAML language server reads schemas as draft-07, so the exported
# schemas keep to what both drafts mean the same way.
NEWER_KEYWORDS = {
    "prefixItems",
    "unevaluatedProperties",
    "unevaluatedItems",
    "dependentRequired",
    "dependentSchemas",
    "minContains",
    "maxContains",
    "$anchor",
    "$dynamicRef",
    "$dynamicAnchor",
    "$recursiveRef",
}
ANNOTATIONS = {"$ref", "title", "description", "default", "examples"}


@pytest.mark.parametrize("name", [*KINDS, DISPATCH])
def test_editors_reading_draft_07_see_the_same_schema(name):
    schema = export_all()[name]
    for path, node in _nodes(schema):
        if path.endswith(("/properties", "/patternProperties", "/$defs")):
            continue  # property names, not keywords
        assert not NEWER_KEYWORDS & set(node), path
        if "$ref" in node:  # draft-07 ignores what sits beside a $ref
            assert set(node) <= ANNOTATIONS, path


def test_shipped_files_validate_under_draft_07_too():
    for path in SHIPPED:
        data = read(path)
        assert list(jsonschema.Draft7Validator(DISPATCHER).iter_errors(data)) == [], path


def test_the_guides_vs_code_setting_covers_every_shipped_file():
    text = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    block = next(b.split("```", 1)[0] for b in text.split("```json\n")[1:] if "yaml.schemas" in b)
    setting = json.loads(block)["yaml.schemas"]
    assert set(setting) == {"./schema/content.schema.json"}
    assert (REPO / "schema" / "content.schema.json").is_file()
    globs = setting["./schema/content.schema.json"]
    for path in SHIPPED:
        assert any(_glob(g).fullmatch(path.relative_to(REPO).as_posix()) for g in globs), path


def _glob(pattern: str) -> re.Pattern:
    """A VS Code glob as a regular expression: `**/` is any folders (or none), `*` stays inside one."""
    parts = re.split(r"(\*\*/|\*)", pattern)
    return re.compile("".join({"**/": "(?:.*/)?", "*": "[^/]*"}.get(p, re.escape(p)) for p in parts))
