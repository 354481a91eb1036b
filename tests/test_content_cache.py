"""The checked-content cache (game.content.content_cache): used when nothing changed, ignored otherwise, never a
crash. Each test loads a copy of the shipped content/ and levels/ with its own cache folder."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from game.content import content_cache, loader
from game.content.files import SHIPPED_CONTENT, SHIPPED_LEVELS
from game.runs.batch import run_batch


@pytest.fixture
def tree(tmp_path, monkeypatch) -> list[Path]:
    monkeypatch.setenv("PLAZA_CACHE_DIR", str(tmp_path / "cache"))
    content, levels = tmp_path / "content", tmp_path / "levels"
    shutil.copytree(SHIPPED_CONTENT, content)
    shutil.copytree(SHIPPED_LEVELS, levels)
    return [content, levels]


def entries() -> list[Path]:
    return sorted(content_cache.cache_folder().glob("*.pickle"))


def loads_from_cache(paths: list[Path], monkeypatch) -> bool:
    """Does load_checked answer without loading (the loader made to fail)?"""
    with monkeypatch.context() as m:
        m.setattr(loader, "load_content", _no_load)
        try:
            content_cache.load_checked(paths)
        except AssertionError:
            return False
    return True


def _no_load(*args, **kwargs):
    raise AssertionError("loaded again")


def test_second_load_is_the_kept_one_and_the_same(tree, monkeypatch):
    first = content_cache.load_checked(tree)
    assert first.ok and len(entries()) == 1
    assert loads_from_cache(tree, monkeypatch)
    again = content_cache.load_checked(tree)
    assert again.ok and again.diagnostics == first.diagnostics
    assert again.content.content_hash == first.content.content_hash
    assert again.content.levels == first.content.levels and again.content.events == first.content.events
    assert again.content.strings == first.content.strings


def test_content_already_played_is_kept_too(tree):
    """Conditions evaluated in a game carry closures made on first use: the entry is still written (it was
    silently skipped, so a process that had played a game never kept its content)."""
    loaded = loader.load_content(tree)
    run_batch(loaded.content, "border_city", "official", "reporting_drive", [1, 2], turns=3)
    content_cache.write("a" * 64, loaded, {})
    assert [p.name for p in entries()] == ["a" * 64 + ".pickle"]
    kept = content_cache.read("a" * 64)
    assert kept is not None and kept.content.content_hash == loaded.content.content_hash


def test_positions_and_data_are_read_again_from_the_file(tree):
    first = content_cache.load_checked(tree).content.origins[("level", "border_city")]
    kept = content_cache.load_checked(tree).content.origins[("level", "border_city")]
    assert type(kept.doc) is content_cache.KeptDocument
    assert kept.location(("id",)) == first.location(("id",))
    assert kept.doc.data == first.doc.data and kept.doc.path == first.doc.path


def test_deleted_cache_loads_as_usual(tree, monkeypatch):
    content_cache.load_checked(tree)
    shutil.rmtree(content_cache.cache_folder())
    assert not loads_from_cache(tree, monkeypatch)
    assert content_cache.load_checked(tree).ok and len(entries()) == 1


def test_changed_file_is_loaded_again(tree, monkeypatch):
    content_cache.load_checked(tree)
    level = tree[1] / "border_city.yaml"
    level.write_text(level.read_text(encoding="utf-8") + "\nnot_a_key: 1\n", encoding="utf-8")
    assert not loads_from_cache(tree, monkeypatch)
    changed = content_cache.load_checked(tree)
    assert not changed.ok  # the unknown key is reported: the file was checked again, not read from the cache


def test_changed_title_is_seen(tree):
    content_cache.load_checked(tree)
    level = tree[1] / "border_city.yaml"
    old = content_cache.load_checked(tree).content.levels["border_city"].title.en
    level.write_text(level.read_text(encoding="utf-8").replace(old, "A Changed Title", 1), encoding="utf-8")
    assert content_cache.load_checked(tree).content.levels["border_city"].title.en == "A Changed Title"


def test_position_of_a_file_changed_since_is_not_guessed(tree):
    content_cache.load_checked(tree)
    kept = content_cache.load_checked(tree).content.origins[("level", "border_city")]
    level = tree[1] / "border_city.yaml"
    level.write_text("\n\n\n" + level.read_text(encoding="utf-8"), encoding="utf-8")
    assert kept.doc.data == {} and kept.location(("id",)).line == 1


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty"])
def test_corrupt_cache_is_ignored_and_rebuilt(tree, monkeypatch, damage):
    content_cache.load_checked(tree)
    (entry,) = entries()
    data = entry.read_bytes()
    damaged = {
        "garbage": b"\x80\x04not a pickle at all",
        "truncated": data[: len(data) // 2],
        "flipped": data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:],
        "empty": b"",
    }[damage]
    entry.write_bytes(damaged)
    assert not loads_from_cache(tree, monkeypatch)
    assert content_cache.load_checked(tree).ok
    assert loads_from_cache(tree, monkeypatch)  # rebuilt


def test_foreign_cache_is_ignored(tree, tmp_path, monkeypatch):
    """An entry kept for other content (another key), or a pickle of something else with a valid header, is
    never used for this content."""
    other = tmp_path / "other"
    shutil.copytree(SHIPPED_CONTENT, other / "content")
    shutil.copytree(SHIPPED_LEVELS, other / "levels")
    (other / "levels" / "first_steps.yaml").unlink()
    content_cache.load_checked([other / "content", other / "levels"])
    (foreign,) = entries()
    content_cache.load_checked(tree)
    (mine,) = [e for e in entries() if e != foreign]
    mine.write_bytes(foreign.read_bytes())  # another content's entry under this content's name
    assert not loads_from_cache(tree, monkeypatch)
    assert "first_steps" in content_cache.load_checked(tree).content.levels

    key = mine.stem.encode()
    payload = pickle.dumps({"not": "content"})
    digest = content_cache.hashlib.sha256(payload).hexdigest().encode()
    mine.write_bytes(content_cache.FORMAT + key + b"\n" + digest + b"\n" + payload)
    assert not loads_from_cache(tree, monkeypatch)


@pytest.mark.skipif(os.name != "posix", reason="permissions are POSIX")
def test_entry_in_a_folder_others_may_enter_is_not_read(tree, monkeypatch):
    content_cache.load_checked(tree)
    folder = content_cache.cache_folder()
    assert folder.stat().st_mode & 0o777 == 0o700  # made closed to others
    for mode in (0o755, 0o775, 0o777):
        folder.chmod(mode)
        assert not loads_from_cache(tree, monkeypatch)
    folder.chmod(0o700)
    (entry,) = entries()
    entry.chmod(0o664)  # a umask of 002: others still cannot reach it inside the closed folder
    assert loads_from_cache(tree, monkeypatch)


@pytest.mark.skipif(os.name != "posix", reason="permissions are POSIX")
def test_folder_opened_to_others_is_closed_again_when_written(tree, monkeypatch):
    folder = content_cache.cache_folder()
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    content_cache.load_checked(tree)
    assert folder.stat().st_mode & 0o777 == 0o700
    assert loads_from_cache(tree, monkeypatch)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root")
def test_entry_of_another_user_is_not_read(tree, monkeypatch):
    content_cache.load_checked(tree)
    (entry,) = entries()
    os.chown(entry, 65534, 65534)
    assert not loads_from_cache(tree, monkeypatch)


def test_unwritable_cache_is_not_an_error(tree, tmp_path, monkeypatch):
    blocker = tmp_path / "a file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("PLAZA_CACHE_DIR", str(blocker))
    assert content_cache.load_checked(tree).ok


@pytest.mark.skipif(os.name != "posix", reason="links and permissions are POSIX")
def test_entry_that_is_a_link_is_not_followed(tree, tmp_path, monkeypatch):
    """A link in place of an entry is not read, even to a good entry of the user's own elsewhere."""
    content_cache.load_checked(tree)
    (entry,) = entries()
    elsewhere = tmp_path / "elsewhere.pickle"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    assert not loads_from_cache(tree, monkeypatch)


def test_no_cache_where_owners_cannot_be_checked(tree, monkeypatch):
    """Where the system cannot say who owns a file (Windows), nothing is kept and nothing is read: a cache folder
    there may be shared, and a planted entry would run its code."""
    monkeypatch.setattr(content_cache, "SUPPORTED", False)
    assert content_cache.load_checked(tree).ok
    assert not content_cache.cache_folder().exists() or entries() == []
    monkeypatch.setattr(content_cache, "SUPPORTED", True)
    content_cache.load_checked(tree)
    assert len(entries()) == 1
    monkeypatch.setattr(content_cache, "SUPPORTED", False)
    assert not loads_from_cache(tree, monkeypatch)
