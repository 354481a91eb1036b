"""Session codes: `XXXX-XXXX-XXXX`, twelve characters of Crockford's base32 (digits and capitals without I, L, O,
U) that pack what a class session needs to be played again. Typing is forgiving: case and dashes do not matter, O is
read as 0 and I or L as 1.

What the code packs (60 bits):
  - 45 data bits, one mixed-radix number: the level's index among the content's sorted level ids (up to 20
    levels), the number of turns (1–200), the role bit, the language bit and the seed (0 ≤ seed < 2**31);
  - 15 check bits: three Reed–Solomon parity symbols over GF(32) on the nine data symbols, XOR-ed with three
    symbols taken from the content hash. The parity makes any two codes differ in at least 4 characters, so one
    wrong character, two swapped characters (or any two or three wrong ones) never make another valid code; the
    content-hash symbols make a code from other content (another version of Plaza, or edited levels) fail too.
    A code that fails is "mistyped" when changing one character or swapping two neighbours would make it valid
    for this content, otherwise "made for other content".

Only the numbers live here; game.classfiles.session turns a ClassSession into its code and back.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from game.roles import ROLES

LANGS = ("es", "en")  # a session's languages, in the order of the code's language bit
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32: no I, L, O, U
CODE_LEVELS = 20  # levels a code can name (index among the sorted level ids)
CODE_TURNS = 200  # the schema's longest level
SEED_LIMIT = 2**31
_DATA_SYMBOLS, _CHECK_SYMBOLS = 9, 3


class CodeError(ValueError):
    """A session code that cannot be used. `reason` is "mistyped", "other_content", "unknown_level" or
    "no_code" (the session cannot have a code); the message is written for the player."""

    def __init__(self, reason: str, message: str, **details: Any):
        super().__init__(message)
        self.reason = reason
        self.details = details


def pack_code(content_hash: str, index: int, role: str, seed: int, turns: int, lang: str) -> str:
    """The code, `XXXX-XXXX-XXXX`, for level number `index` (among the sorted level ids) of the content with
    `content_hash`. The caller checks the ranges (index < CODE_LEVELS, 1 ≤ turns ≤ CODE_TURNS, seed < SEED_LIMIT)."""
    value = seed
    value = value * 2 + LANGS.index(lang)
    value = value * 2 + ROLES.index(role)
    value = value * CODE_TURNS + (turns - 1)
    value = value * CODE_LEVELS + index
    data = [(value >> (5 * (_DATA_SYMBOLS - 1 - i))) & 31 for i in range(_DATA_SYMBOLS)]
    check = [p ^ k for p, k in zip(_parity(data), _key(content_hash), strict=True)]
    text = "".join(ALPHABET[s] for s in [*data, *check])
    return f"{text[:4]}-{text[4:8]}-{text[8:]}"


def normalize_code(text: str) -> str:
    """What the player typed as the 12 canonical characters (no dashes). CodeError "mistyped" when it cannot be
    a code (a character codes never use, or not 12 characters)."""
    if not isinstance(text, str):
        raise CodeError("mistyped", "type the session code: 12 letters and digits, like 7K3M-Q9XD-2FHT")
    cleaned = re.sub(r"[\s\-_.·]+", "", text).upper().translate(str.maketrans("OIL", "011"))
    if not cleaned:
        raise CodeError("mistyped", "type the session code: 12 letters and digits, like 7K3M-Q9XD-2FHT")
    for ch in cleaned:
        if ch not in ALPHABET:
            shown = ch if ch.isprintable() else repr(ch)
            raise CodeError(
                "mistyped",
                f"“{shown}” is never part of a session code (codes use the digits and the "
                "letters A–Z without I, L, O and U); check the code",
                char=ch,
            )
    if len(cleaned) != 12:
        raise CodeError(
            "mistyped",
            f"a session code has 12 characters; this one has {len(cleaned)}: check the code",
            length=len(cleaned),
        )
    return cleaned


def unpack_code(text: str, content_hash: str) -> tuple[str, int, int, str, str, int]:
    """(the code as `XXXX-XXXX-XXXX`, level index, turns, role, language, seed) from what the player typed, for the
    content with `content_hash`. CodeError "mistyped" or "other_content" when the check symbols do not match; the
    caller checks that the level index and seed name a game this content can give."""
    canonical = normalize_code(text)
    symbols = [ALPHABET.index(c) for c in canonical]
    key = _key(content_hash)
    if not _valid(symbols, key):
        if _one_edit_away(symbols, key):
            raise CodeError(
                "mistyped",
                "this code has a mistake (a wrong or swapped character): check it against the one on the board",
            )
        raise CodeError(
            "other_content",
            "this code was not made for this copy of Plaza (another version, or "
            "changed levels) — or several characters are wrong; check it, or ask for the session file",
        )
    value = 0
    for s in symbols[:_DATA_SYMBOLS]:
        value = (value << 5) | s
    index, value = value % CODE_LEVELS, value // CODE_LEVELS
    turns, value = value % CODE_TURNS + 1, value // CODE_TURNS
    role, value = ROLES[value % 2], value // 2
    lang, seed = LANGS[value % 2], value // 2
    return f"{canonical[:4]}-{canonical[4:8]}-{canonical[8:]}", index, turns, role, lang, seed


_EXP = [0] * 62
_LOG = [0] * 32
_x = 1
for _i in range(31):
    _EXP[_i] = _EXP[_i + 31] = _x
    _LOG[_x] = _i
    _x <<= 1
    if _x & 0b100000:
        _x ^= 0b100101  # x^5 + x^2 + 1, primitive over GF(2)


def _mul(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


def _generator() -> list[int]:
    """(x - α)(x - α²)(x - α³), highest power first."""
    g = [1]
    for k in range(1, _CHECK_SYMBOLS + 1):
        root = _EXP[k]
        nxt = [*g, 0]
        for i, c in enumerate(g):
            nxt[i + 1] ^= _mul(c, root)
        g = nxt
    return g


_GEN = _generator()


def _parity(data: list[int]) -> list[int]:
    """Systematic Reed–Solomon parity: the remainder of data(x)·x³ divided by the generator."""
    rem = [*data, 0, 0, 0]
    for i in range(len(data)):
        coef = rem[i]
        if coef:
            for j in range(1, len(_GEN)):
                rem[i + j] ^= _mul(_GEN[j], coef)
    return rem[-_CHECK_SYMBOLS:]


def _key(content_hash: str) -> list[int]:
    digest = hashlib.sha256(f"plaza-code|{content_hash}".encode()).digest()
    return [b & 31 for b in digest[:_CHECK_SYMBOLS]]


def _valid(symbols: list[int], key: list[int]) -> bool:
    data, check = symbols[:_DATA_SYMBOLS], symbols[_DATA_SYMBOLS:]
    return [p ^ k for p, k in zip(_parity(data), key, strict=True)] == check


def _one_edit_away(symbols: list[int], key: list[int]) -> bool:
    """Would one changed character, or two neighbours swapped back, make a valid code for this content?"""
    for i in range(len(symbols)):
        original = symbols[i]
        for v in range(32):
            if v != original:
                symbols[i] = v
                if _valid(symbols, key):
                    symbols[i] = original
                    return True
        symbols[i] = original
    for i in range(len(symbols) - 1):
        if symbols[i] != symbols[i + 1]:
            symbols[i], symbols[i + 1] = symbols[i + 1], symbols[i]
            ok = _valid(symbols, key)
            symbols[i], symbols[i + 1] = symbols[i + 1], symbols[i]
            if ok:
                return True
    return False
