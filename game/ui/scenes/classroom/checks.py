"""What the class screens check in what is typed: the teacher's group labels, a student's group label, and which
message a mistyped code gets; and the languages and modes a session can have. No pygame here."""

from __future__ import annotations

import re

from game.classfiles.session import MAX_GROUPS, MAX_LABEL, LabelError, check_groups

LANGS = ("es", "en")
SEED_LIMIT = 2**31


def parse_groups(text: str) -> tuple[list[str], str, dict]:
    """Group labels from what the teacher typed: "A, B, C" or a number of seats ("30" → S01…S30).
    Returns (labels, error key, error values); the error key is "" when the labels are good."""
    text = text.strip()
    if re.fullmatch(r"[0-9]{1,3}", text):
        n = int(text)
        if not 1 <= n <= MAX_GROUPS:
            return [], "classroom.err.seats", {"max": MAX_GROUPS}
        return [f"S{i:02d}" for i in range(1, n + 1)], "", {}
    try:  # the same checks as the session file's (game.classfiles.session), said with their content string
        return check_groups(part.strip() for part in text.split(",") if part.strip()), "", {}
    except LabelError as e:
        return [], e.key, e.values


def group_error(label: str) -> str:
    """The error key for a group label a student typed ("" when it is good)."""
    label = label.strip()
    if not label:
        return "classroom.err.group_empty"
    if len(label) > MAX_LABEL or not label.isprintable():
        return "classroom.err.group_bad"
    return ""


def code_error_key(exc) -> str:
    """The string key for a CodeError, in the player's language."""
    reason = getattr(exc, "reason", "mistyped")
    details = getattr(exc, "details", {}) or {}
    if reason == "mistyped" and "char" in details:
        return "classroom.code.bad_char"
    if reason == "mistyped" and "length" in details:
        return "classroom.code.length"
    return {
        "mistyped": "classroom.code.mistyped",
        "other_content": "classroom.code.other_content",
        "unknown_level": "classroom.code.unknown_level",
    }.get(reason, "classroom.code.mistyped")
