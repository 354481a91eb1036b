"""Measurable objectives: a level's `track:` is checked at its line, and the session says where each objective
stands (start, now, last quarter's trend, which way is better) as typed data from the declarations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content.loader import SHIPPED_CONTENT, SHIPPED_LEVELS, load_content
from game.session import meaning
from game.session.objectives import progress
from game.session.session import GameSession

TRACK = "track: {value: district.oc_control}"


def level_with(tmp_path, track: str) -> list:
    """The template level, renamed, with its tracked objective replaced: the diagnostics in that file."""
    text = (SHIPPED_LEVELS / "template.yaml").read_text(encoding="utf-8").replace("id: template ", "id: tracked ")
    assert TRACK in text
    path = tmp_path / "tracked.yaml"
    path.write_text(text.replace(TRACK, track), encoding="utf-8")
    result = load_content([SHIPPED_CONTENT, SHIPPED_LEVELS, path])
    return [
        (d.where.line, d.where.col, d.code, d.message, d.hint)
        for d in result.diagnostics
        if Path(d.where.path).resolve() == path.resolve()
    ]


def line_of(track: str) -> int:
    text = (SHIPPED_LEVELS / "template.yaml").read_text(encoding="utf-8")
    return text[: text.index(TRACK)].count("\n") + 1


@pytest.mark.parametrize(
    "track, code, message, hint",
    [
        (
            "track: {value: district.oc_contrl}",
            "E173",
            "which content/state.yaml does not declare",
            "district.oc_control",
        ),
        (
            "track: {value: city.corruption, districts: [el_arroyo]}",
            "E174",
            "is a city value",
            "remove `districts:`",
        ),
        (
            "track: {value: district.oc_control, districts: [el_aroyo]}",
            "E174",
            "has no district with that id",
            "el_arroyo",
        ),
        (
            "track: {value: district.militia}",
            "W216",
            "declares no good direction",
            "which way is better",
        ),
    ],
)
def test_a_tracked_objective_is_checked_at_its_line(tmp_path, track, code, message, hint):
    found = level_with(tmp_path, track)
    assert [f[2] for f in found] == [code], found
    line, _col, _, said, advice = found[0]
    assert line == line_of(track)
    assert message in said and hint in advice


def test_the_shipped_levels_track_their_objectives_with_a_good_direction():
    content = load_content().content
    for level in content.levels.values():
        for role in ("official", "organizer"):
            setup = level.roles.get(role)
            tracked = [o.track for o in (setup.objectives if setup else []) if o.track is not None]
            assert not setup or tracked, f"{level.id} ({role}) tracks none of its objectives"
            for track in tracked:
                assert meaning.good_when(content, track.value) in (meaning.HIGHER, meaning.LOWER)


def test_progress_reads_the_tracked_districts_from_start_to_now():
    content = load_content().content
    session = GameSession(content, "first_steps", "official", seed=3)
    before = progress(session)
    assert [p.value for p in before][:2] == ["district.oc_control", "city.corruption"]
    control = before[0]
    assert control.districts == ("el_mercado", "la_ladera") and control.good_when == meaning.LOWER
    assert control.start == control.now == control.previous and control.played == 0
    assert control.unit == "share" and control.turns == session.turns
    for _ in range(3):
        session.play_turn([])
    after = progress(session)[0]
    state, ids = session.model.state, list(session.model.state.district_ids)
    cols = [ids.index("el_mercado"), ids.index("la_ladera")]
    n = state.households.present[0].sum(axis=-1)[cols]
    expected = float((state["district.oc_control"][0, cols] * n).sum() / n.sum())
    assert after.now == pytest.approx(expected) and after.start == control.start and after.played == 3
    snapshot = session.records[-2].indicators
    last = snapshot["district.oc_control"]
    # weighed by the households living there a quarter ago (some may have left since)
    then = [state.homes[c].sum() * (1 - snapshot["district.displaced"][c]) for c in cols]
    expected = sum(last[c] * w for c, w in zip(cols, then, strict=True)) / sum(then)
    assert after.previous == pytest.approx(expected, abs=1e-6)
    assert after.better == meaning.judge(meaning.LOWER, after.now - after.start)
    assert re.search(r"El Mercado", after.text.en) and after.text.get("es").startswith("Bajar")
