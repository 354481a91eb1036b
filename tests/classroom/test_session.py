"""Class sessions: the session file and the 12-character code (round trips, typos, other content, bad files)."""

from __future__ import annotations

import dataclasses
import json
import random
import uuid

import pytest

from game.classfiles.session import (
    ALPHABET,
    ClassSession,
    CodeError,
    SessionFileError,
    decode_code,
    new_session,
    read_session,
    seat_labels,
    session_code,
    write_session,
)


def _other(content, salt: str):
    """The same content with a different fingerprint (as after an edit of one file, or another version)."""
    return dataclasses.replace(content, digests=[*content.digests, salt])


def _playable(content):
    for level_id in sorted(content.levels):
        level = content.levels[level_id]
        for role in ("official", "organizer"):
            if level.roles.get(role) is not None:
                yield level_id, role


def test_code_round_trips_for_every_level_role_language_and_random_seeds(content):
    rng = random.Random(2015)
    checked = 0
    for level_id, role in _playable(content):
        term = content.levels[level_id].turns
        for lang in ("es", "en"):
            for seed in [0, 2**31 - 1, *(rng.randrange(2**31) for _ in range(6))]:
                turns = rng.randint(1, term)
                s = new_session(content, level_id, role, seed=seed, turns=turns, lang=lang, groups=["A", "B"])
                assert len(s.code) == 14 and s.code[4] == s.code[9] == "-"
                assert set(s.code.replace("-", "")) <= set(ALPHABET)
                assert session_code(s, content) == s.code
                # what a student types: lower case, no dashes, spaces
                typed = s.code.lower().replace("-", " " if seed % 2 else "")
                d = decode_code(typed, content)
                assert (d.id, d.level, d.role, d.seed, d.turns, d.lang) == (s.id, level_id, role, seed, turns, lang)
                assert d.groups == [] and d.mode == "groups" and d.content_hash == content.content_hash
                assert d.code == s.code
                checked += 1
    assert checked >= 4 * 2 * 2 * 8


def test_confusable_letters_are_read_as_digits(content):
    # find a seed whose code has a 0 and a 1, then type them as O and I / L
    for seed in range(500):
        code = new_session(content, "border_city", "official", seed=seed, groups=["A"]).code
        if "0" in code and "1" in code:
            break
    typed = code.replace("0", "o").replace("1", "l", 1).replace("1", "I")
    assert decode_code(typed, content).seed == seed


@pytest.mark.parametrize("seed", [0, 7, 123456789, 2**31 - 1])
def test_every_wrong_character_and_every_swap_is_mistyped_never_another_session(content, seed):
    code = new_session(content, "hot_valley", "organizer", seed=seed, groups=["A"]).code.replace("-", "")
    typos = set()
    for i in range(12):
        for ch in ALPHABET:
            if ch != code[i]:
                typos.add(code[:i] + ch + code[i + 1 :])
    for i in range(11):
        if code[i] != code[i + 1]:
            typos.add(code[:i] + code[i + 1] + code[i] + code[i + 2 :])
    assert len(typos) > 12 * 31
    for typo in typos:
        with pytest.raises(CodeError) as err:
            decode_code(typo, content)
        assert err.value.reason == "mistyped", typo


def test_missing_extra_or_impossible_characters_are_mistyped(content):
    code = new_session(content, "border_city", "official", seed=99, groups=["A"]).code
    plain = code.replace("-", "")
    for text in (
        plain[:-1],
        plain[1:],
        plain[:5] + plain[6:],
        plain + "7",
        "",
        "   ",
        plain[:6] + "U" + plain[7:],
        plain[:3] + "!" + plain[4:],
    ):
        with pytest.raises(CodeError) as err:
            decode_code(text, content)
        assert err.value.reason == "mistyped"
        assert "code" in str(err.value)
    with pytest.raises(CodeError, match="12 characters; this one has 11"):
        decode_code(plain[:-1], content)
    with pytest.raises(CodeError, match="U"):
        decode_code(plain[:6] + "U" + plain[7:], content)


def test_a_code_made_for_other_content_is_refused(content):
    rng = random.Random(7)
    reasons = []
    for n in range(60):
        other = _other(content, f"edited-{n}")
        s = new_session(other, "border_city", "official", seed=rng.randrange(2**31), groups=["A"])
        with pytest.raises(CodeError) as err:
            decode_code(s.code, content)
        reasons.append(err.value.reason)
        # and the other way round
        with pytest.raises(CodeError):
            decode_code(new_session(content, "border_city", "official", seed=n, groups=["A"]).code, other)
    # a few in a hundred look like a typo of a valid code (and are refused as such); most say "other content"
    assert set(reasons) <= {"other_content", "mistyped"}
    assert reasons.count("other_content") >= 50
    with pytest.raises(CodeError) as err:
        session_code(new_session(content, "border_city", "official", seed=1, groups=["A"]), _other(content, "x"))
    assert err.value.reason == "other_content"


def test_random_text_is_refused_not_decoded(content):
    rng = random.Random(3)
    accepted = 0
    for _ in range(2000):
        text = "".join(rng.choice(ALPHABET) for _ in range(12))
        try:
            decode_code(text, content)
            accepted += 1
        except CodeError:
            pass
    assert accepted <= 2  # 15 check bits: about one in 32,768


def test_new_session_checks_its_inputs(content):
    s = new_session(content, "border_city", "organizer", groups=["Equipo 1", "Equipo 2"])
    assert 0 <= s.seed < 2**31 and s.turns == content.levels["border_city"].turns and s.lang == "es"
    assert len(s.id) == 8 and int(s.id, 16) >= 0
    assert s.created.endswith("+00:00")
    for kwargs, message in [
        ({"level": "atlantis"}, "no level called 'atlantis'"),
        ({"role": "mayor"}, "cannot be played as 'mayor'"),
        ({"turns": 0}, "turns must be from 1 to"),
        ({"turns": 13}, "turns must be from 1 to 12"),
        ({"seed": -1}, "seed must be"),
        ({"seed": 2**31}, "seed must be"),
        ({"lang": "fr"}, "language"),
        ({"mode": "hotseat"}, "mode"),
        ({"groups": []}, "at least one"),
        ({"groups": ["A", "a"]}, "appears twice"),
        ({"groups": ["x" * 25]}, "1 to 24"),
        ({"groups": ["tab\there"]}, "cannot be shown"),
        ({"groups": [*seat_labels(60), "S61"]}, "at most 60"),
    ]:
        args = {"level": "border_city", "role": "official", **kwargs}
        level, role = args.pop("level"), args.pop("role")
        with pytest.raises(ValueError, match=message):
            new_session(content, level, role, **args)
    assert seat_labels(3) == ["S01", "S02", "S03"]
    assert new_session(content, "border_city", "official", mode="class_vote").groups == ["Clase"]


def test_session_file_round_trips_and_never_overwrites(content, tmp_path):
    s = new_session(
        content, "metropolis", "official", seed=42, turns=8, lang="en", groups=["3A", "3B"], mode="class_vote"
    )
    path = write_session(s, tmp_path / "class")
    assert path.name == "session.json"
    back = read_session(path)
    assert back == s and back.code == s.code
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "plaza-session"
    assert write_session(s, tmp_path / "class") == path  # the same session again: the same file
    other = new_session(content, "metropolis", "official", seed=43, groups=["3A"])
    second = write_session(other, tmp_path / "class")
    assert second.name == "session-2.json"
    assert read_session(path) == s and read_session(second) == other
    assert ClassSession.from_dict(s.to_dict()) == s


def test_bad_session_files_are_named(content, tmp_path):
    good = new_session(content, "border_city", "official", seed=5, groups=["A"]).to_dict()

    def write(name: str, data) -> str:
        p = tmp_path / name
        p.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        return str(p)

    cases = {
        write("empty.json", ""): "empty",
        write("text.json", "hello"): "not JSON",
        write("list.json", [1, 2]): "not a Plaza session file",
        write("log.json", {"format": "plaza-log", "version": 1}): "decision log",
        write("version.json", {**good, "version": 9}): "unsupported session version 9",
        write("role.json", {**good, "role": "mayor"}): "`role`",
        write("seed.json", {**good, "seed": "seven"}): "`seed`",
        write("groups.json", {**good, "groups": ["A", "A"]}): "appears twice",
        write("extra.json", {**good, "teacher": "Ana"}): "unknown field: teacher",
        write("edited.json", {**good, "seed": 6}): "does not match",
        write("code.json", {**good, "code": "nope"}): "`code`",
        str(tmp_path / "missing.json"): "no such file",
        str(tmp_path): "is a folder",
    }
    for path, message in cases.items():
        with pytest.raises(SessionFileError) as err:
            read_session(path)
        assert str(err.value).startswith(path), err.value
        assert message in str(err.value), (path, err.value)


def test_session_id_is_shared_by_the_code_and_the_file(content):
    s = new_session(content, "first_steps", "official", seed=20150412, turns=6, groups=["3B"])
    d = decode_code(s.code, content)
    assert d.id == s.id
    uuid.UUID(int=int(s.id, 16))  # 8 hex characters


def test_a_session_file_too_large_to_be_one_is_refused_unread(tmp_path):
    from game.classfiles.session import MAX_SESSION_BYTES

    path = tmp_path / "huge.json"
    path.write_bytes(b" " * (MAX_SESSION_BYTES + 1))
    with pytest.raises(SessionFileError, match=r"huge\.json: larger than 256 KB, not a Plaza session file"):
        read_session(path)
