"""Diagnostics in English and Mexican Spanish (issue 13): the catalogue content/ui/diagnostics.yaml is complete and
consistent, every message the checker builds is keyed, and `plaza validate --lang es` says in Spanish what the
English run says, with the same codes and places."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from game.content.diagnostic_text import catalogue
from game.content.diagnostics import CODES
from game.content.templates import parse

ROOT = Path(__file__).resolve().parent.parent
GAME = ROOT / "game"
CODE_KEY = re.compile(r"^diag\.[ew]\d{3}\.(title|hint)$")

# Files whose messages are still English-only, with how many calls build one: empty now, and kept empty (a call
# that passes a finished sentence with a code, `diag("E1xx", f"...")`, fails the test below).
ENGLISH_ONLY: dict[str, int] = {}


def _messages() -> dict[str, dict[str, str]]:
    return {k: v for k, v in catalogue().items() if k.startswith("diag.") and not CODE_KEY.match(k)}


def _python_files() -> list[Path]:
    return sorted(GAME.rglob("*.py"))


def _is_code(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[EW]\d{3}", value) is not None


def _is_text(node: ast.AST) -> bool:
    """A finished sentence written in the code: a string, an f-string, or one added to another."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(node.value)
    if isinstance(node, ast.JoinedStr):
        return True
    return isinstance(node, ast.BinOp) and (_is_text(node.left) or _is_text(node.right))


def test_every_code_has_a_title_and_a_hint_in_both_languages():
    for code in CODES:
        for part in ("title", "hint"):
            entry = catalogue()[f"diag.{code.lower()}.{part}"]
            assert entry.get("en", "").strip() and entry.get("es", "").strip(), (code, part)
            assert entry["en"] != entry["es"], (code, part)
    assert len(CODES) >= 68 and "E199" in CODES and "W299" in CODES


def test_every_message_has_both_languages_with_the_same_placeholders():
    for key, entry in catalogue().items():
        en, es = entry.get("en", ""), entry.get("es", "")
        assert en.strip() and es.strip(), key
        assert not parse(en).errors and not parse(es).errors, key
        assert parse(en).names == parse(es).names, key


def _keys_in_code() -> tuple[set[str], set[str]]:
    """(keys given to Msg/msg, every string literal) in game/."""
    used, literals = set(), set()
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "Msg",
                "msg",
            ):
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant):
                    used.add(first.value)
    return used, literals


def test_every_key_used_in_the_code_is_in_the_catalogue_and_every_message_is_used():
    used, literals = _keys_in_code()
    keys = set(_messages())
    plural = {k.rsplit(".", 1)[0] for k in keys if k.endswith((".one", ".other"))}
    missing = sorted(k for k in used if f"diag.{k}" not in catalogue() and f"diag.{k}" not in plural)
    assert not missing, missing
    forms = {f"{p}.{form}" for p in plural for form in ("one", "other")}
    unused = sorted(k for k in (keys - forms) | plural if k.removeprefix("diag.") not in literals)
    assert not unused, unused


def test_messages_built_in_the_code_are_keyed():
    found: dict[str, int] = {}
    for path in _python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            at = [i for i, a in enumerate(node.args) if isinstance(a, ast.Constant) and _is_code(a.value)]
            if not at:
                continue
            rest = node.args[at[0] + 1 :] + [k.value for k in node.keywords if k.arg in ("hint", "message")]
            if any(_is_text(a) for a in rest):
                name = str(path.relative_to(ROOT))
                found[name] = found.get(name, 0) + 1
    assert found == ENGLISH_ONLY, found
