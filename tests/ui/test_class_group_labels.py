"""The class screen checks typed group labels with the session file's own rules (game.classfiles.session), so the
game window and `plaza classroom new` refuse the same labels with the same words."""

import pytest

from game.classfiles.session import MAX_GROUPS, LabelError, check_groups
from game.ui.scenes.classroom.checks import parse_groups


def test_seats_by_number():
    labels, key, _ = parse_groups(" 3 ")
    assert (labels, key) == (["S01", "S02", "S03"], "")
    assert parse_groups(str(MAX_GROUPS + 1))[1] == "classroom.err.seats"


@pytest.mark.parametrize(
    "typed",
    ["3A, 3a", ", ".join(f"G{i}" for i in range(MAX_GROUPS + 1)), "3A, x" * 13, "ok, bad\x1b[2J", " , ,"],
)
def test_a_list_is_refused_as_the_session_file_refuses_it(typed):
    labels, key, values = parse_groups(typed)
    parts = [p.strip() for p in typed.split(",") if p.strip()]
    with pytest.raises(LabelError) as refused:
        check_groups(parts)
    assert labels == [] and (key, values) == (refused.value.key, refused.value.values)
    assert "\x1b" not in str(values)


def test_a_good_list_is_kept_as_typed():
    assert parse_groups("Equipo rojo, Equipo azul ,3B") == (["Equipo rojo", "Equipo azul", "3B"], "", {})
