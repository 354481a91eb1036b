"""Districts' `borders:`: the field loads, a border on one side is enough, each mistake gives its one located
diagnostic (E169, E170, W210, W211), and the shipped levels declare connected maps that validate clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.content.loader import load_content

MINI = Path(__file__).parent / "fixtures" / "mini"
ONE_SIDE = "    borders: [south]\n"  # the fixture's only border: north lists south, south lists nothing


def mini_level(tmp_path, old: str = "", new: str = ""):
    """The mini fixture with `old` replaced by `new` in level.yaml; its diagnostics as (line, col, code, message,
    hint), and the loaded content."""
    for f in MINI.iterdir():
        text = f.read_text(encoding="utf-8")
        if f.name == "level.yaml" and old:
            assert old in text, f"{old!r} not in {f.name}"
            text = text.replace(old, new)
        (tmp_path / f.name).write_text(text, encoding="utf-8")
    result = load_content([tmp_path])
    found = [(d.where.line, d.where.col, d.code, d.message, d.hint) for d in result.diagnostics]
    assert all(Path(d.where.path).name == "level.yaml" for d in result.diagnostics), found
    return found, result.content


def borders_of(level) -> dict[str, set[str]]:
    """Each district's neighbours, symmetric, as the model reads them."""
    out: dict[str, set[str]] = {d.id: set() for d in level.districts}
    for d in level.districts:
        for other in d.borders:
            out[d.id].add(other)
            out[other].add(d.id)
    return out


def test_borders_load_and_one_side_is_enough(tmp_path):
    found, content = mini_level(tmp_path)
    assert found == []
    north, south = content.levels["mini"].districts
    assert north.borders == ["south"] and south.borders == []
    assert borders_of(content.levels["mini"]) == {"north": {"south"}, "south": {"north"}}


def test_borders_default_to_none_and_may_be_written_as_a_block_list(tmp_path):
    found, content = mini_level(tmp_path, ONE_SIDE, "    borders:\n      - south\n")
    assert found == []
    assert content.levels["mini"].districts[0].borders == ["south"]
    found, content = mini_level(tmp_path, "    initial: {fear: 0.7", "    borders: [north]\n    initial: {fear: 0.7")
    assert found == []  # listed on both sides: fine too
    assert [d.borders for d in content.levels["mini"].districts] == [["south"], ["north"]]


def test_unknown_district_is_an_error_at_the_entry_with_a_suggestion(tmp_path):
    found, _ = mini_level(tmp_path, ONE_SIDE, "    borders: [sout]\n")
    assert found == [
        (
            16,
            15,
            "E169",
            "`north` borders `sout`, but level `mini` has no district with that id",
            "did you mean `south`?",
        )
    ]


def test_unknown_district_without_a_close_match_lists_the_level_districts(tmp_path):
    found, _ = mini_level(tmp_path, ONE_SIDE, "    borders: [downtown]\n")
    assert [f[2] for f in found] == ["E169"]
    assert found[0][4] == "the other districts of this level are: south"


def test_a_district_of_another_level_is_unknown(tmp_path):
    # `lomas` is a district of border_city, not of this level
    found, _ = mini_level(tmp_path, ONE_SIDE, "    borders: [south, lomas]\n")
    assert [(f[0], f[1], f[2]) for f in found] == [(16, 22, "E169")]


def test_a_district_listing_itself_is_an_error(tmp_path):
    found, _ = mini_level(tmp_path, ONE_SIDE, "    borders: [south, north]\n")
    assert [(f[0], f[1], f[2], f[3]) for f in found] == [(16, 22, "E170", "`north` lists itself among its borders")]


def test_a_border_listed_twice_warns_at_the_second(tmp_path):
    found, _ = mini_level(tmp_path, ONE_SIDE, "    borders: [south, south]\n")
    assert found == [
        (
            16,
            22,
            "W210",
            "`north` lists the border `south` twice",
            f"the first is at {tmp_path / 'level.yaml'}:16:15; remove this one",
        )
    ]


def test_a_bad_entry_repeated_is_reported_once(tmp_path):
    found, _ = mini_level(tmp_path, ONE_SIDE, "    borders: [sout, north, south, sout, north]\n")
    assert [(f[1], f[2]) for f in found] == [(15, "E169"), (21, "E170")]


def test_a_city_without_any_border_warns_once_at_its_districts(tmp_path):
    found, _ = mini_level(tmp_path, ONE_SIDE, "")
    assert found == [
        (
            11,
            1,
            "W211",
            "none of the 2 districts of `mini` lists `borders:`, so crime displaced by gates and guards will not "
            "move between districts",
            "give each district `borders: [...]`, the ids of the districts it touches; one side of each border "
            "is enough",
        )
    ]


def test_a_city_whose_only_borders_are_wrong_gets_only_the_error(tmp_path):
    found, _ = mini_level(tmp_path, ONE_SIDE, "    borders: [north]\n")
    assert [f[2] for f in found] == ["E170"]  # it declares borders: no W211 on top


def test_a_one_district_level_needs_no_borders(tmp_path):
    south = "  - id: south\n    name: {en: South, es: Sur}\n    kind: poor\n"
    south += "    description: {en: Contested., es: En disputa.}\n    initial: {fear: 0.7, oc_control: 0.8}\n"
    found, content = mini_level(
        tmp_path,
        ONE_SIDE + "    initial: {fear: 0.3, oc_control: 0.1}\n" + south,
        "    initial: {fear: 0.3, oc_control: 0.1}\n",
    )
    assert len(content.levels["mini"].districts) == 1
    assert found == []


def test_a_badly_formed_border_id_is_a_schema_error(tmp_path):
    found, _ = mini_level(tmp_path, ONE_SIDE, "    borders: [South]\n")
    assert [(f[0], f[2]) for f in found] == [(16, "E127")]


def test_shipped_levels_validate_with_no_warnings(capsys):
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert " 0 errors, 0 warnings" in out, out


@pytest.fixture(scope="module")
def shipped():
    result = load_content()
    assert result.ok, [f"{d.where} {d.code} {d.message}" for d in result.errors]
    return result.content


@pytest.mark.parametrize("level_id", ["border_city", "first_steps", "hot_valley", "metropolis", "template"])
def test_every_shipped_district_lists_its_borders_and_every_city_is_connected(shipped, level_id):
    level = shipped.levels[level_id]
    assert all(d.borders for d in level.districts), "every district lists its neighbours"
    neighbours = borders_of(level)
    assert all(neighbours.values())
    # the shipped levels write each border on both sides, so a reader of one district sees all its neighbours
    assert all(set(d.borders) == neighbours[d.id] for d in level.districts)
    seen, todo = {level.districts[0].id}, [level.districts[0].id]
    while todo:
        for other in neighbours[todo.pop()] - seen:
            seen.add(other)
            todo.append(other)
    assert seen == set(neighbours), f"{level_id}: {sorted(set(neighbours) - seen)} cut off from the rest"
