"""The code lens and W212 read the fire counts of the last `plaza simulate`, whole games only for the warning."""

from __future__ import annotations

from game.content.loader import SHIPPED_CONTENT, load_content
from game.lsp import lens
from game.session.fire_counts import FireCounts
from tests.lsp.test_server import EVENTS, LEVEL


def test_titles_and_warnings(tmp_path):
    (tmp_path / "level.yaml").write_text(LEVEL, encoding="utf-8")
    events = tmp_path / "events.yaml"
    events.write_text(EVENTS, encoding="utf-8")
    content = load_content([SHIPPED_CONTENT, tmp_path]).content
    whole = FireCounts(
        "my_town", 200, "2025-03-01T10:00:00+00:00", turns=4, fired={"night_patrol": 74}, never_fired=("quiet_night",)
    )
    found = {(x.event, x.title) for x in lens.lenses(content, events, {"my_town": whole})}
    assert found == {
        ("night_patrol", "fired in 37% of 200 games of my_town (last plaza simulate, 2025-03-01)"),
        ("quiet_night", "never fired in 200 games of my_town (last plaza simulate, 2025-03-01)"),
    }
    (warning,) = lens.never_fired(content, events, {"my_town": whole})
    assert (warning.code, warning.where.line) == ("W212", EVENTS[: EVENTS.index("quiet_night")].count("\n") + 1)

    short = FireCounts("my_town", 5, "2025-03-02T10:00:00+00:00", turns=2, fired={}, never_fired=("night_patrol",))
    assert lens.never_fired(content, events, {"my_town": short}) == []  # 2 of 4 quarters prove nothing
    (only,) = lens.lenses(content, events, {"my_town": short})
    assert only.title == "never fired in 5 games of my_town (2 of 4 quarters; last plaza simulate, 2025-03-02)"


def test_percentages():
    assert [lens.percent(x) for x in (0.0, 0.001, 0.37, 0.999, 1.0)] == ["0%", "under 1%", "37%", "over 99%", "100%"]
