"""Collecting a class's logs from a folder (game.classfiles.collect): only the session's logs, never overwriting,
never twice, and a folder that cannot be used refused with its kind."""

from __future__ import annotations

import pytest

from game.classfiles.collect import CollectError, collect_logs, header_session
from game.classfiles.logs import write_bot_class
from game.classfiles.session import new_session


def test_a_taken_name_gets_a_new_one_and_nothing_is_overwritten(content, tmp_path):
    session = new_session(content, "first_steps", "official", seed=3, turns=1, groups=["3A"])
    dest = tmp_path / "classroom" / session.id
    mine = write_bot_class(content, session, tmp_path / "classroom")[0]
    original = mine.read_bytes()
    # another machine's log of the same group, same name, different bytes (started at another time)
    stick = tmp_path / "stick"
    other = write_bot_class(content, session, stick)[0]
    other.write_bytes(other.read_bytes().replace(b'"started": "', b'"started": "1'))
    done = collect_logs(stick, session.id, dest)
    assert done.copied == ["3A-2.jsonl"] and mine.read_bytes() == original
    assert header_session(dest / "3A-2.jsonl") == session.id


def test_folders_that_cannot_be_used(content, tmp_path):
    session = new_session(content, "first_steps", "official", seed=3, turns=1, groups=["3A"])
    dest = tmp_path / "classroom" / session.id
    dest.mkdir(parents=True)
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    for source, kind in (
        (tmp_path / "nowhere", "missing"),
        (tmp_path / "file.txt", "not_folder"),
        (dest, "same_folder"),
    ):
        with pytest.raises(CollectError) as caught:
            collect_logs(source, session.id, dest)
        assert caught.value.kind == kind


def test_the_session_folder_inside_the_one_given_is_not_copied_into_itself(content, tmp_path):
    session = new_session(content, "first_steps", "official", seed=3, turns=1, groups=["3A", "3B"])
    classes = tmp_path / "classroom"
    write_bot_class(content, session, classes)
    done = collect_logs(classes, session.id, classes / session.id)
    assert done.copied == [] and len(list((classes / session.id).glob("*.jsonl"))) == 2
