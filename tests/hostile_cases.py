"""Broken and hostile content files (anchors-authoring §5), shared by the tests and `bench/hostile_inputs.py`.

Each case is (name, file bytes, the diagnostic code it must produce). The content around the broken part is a
valid events file, so the code found is the one the broken part causes.
"""

from __future__ import annotations

HEADER = b"schema_version: 1\nkind: events\n"


def event(body: str = "", *, when: str | None = None, options: str | None = None) -> bytes:
    """A complete, valid event (over the test fixture's state), with parts replaceable."""
    opts = options if options is not None else ("    options:\n      - id: ok\n        label: {en: OK, es: Vale}\n")
    cond = f"    when: {when}\n" if when is not None else ""
    return (
        HEADER
        + (
            "events:\n  - id: sample\n    title: {en: T, es: T}\n    text: {en: X, es: X}\n"
            "    paper: Retaliation\n    scope: district\n" + cond + body + opts
        ).encode()
    )


def with_effect(line: str) -> bytes:
    """The sample event whose one option has this effect line."""
    return event(
        options="    options:\n      - id: ok\n        label: {en: OK, es: Vale}\n"
        f"        effects:\n          - {line}\n"
    )


def _deep(n: int) -> bytes:
    return b"a: " + b"[" * n + b"]" * n + b"\n"


CASES: list[tuple[str, bytes, str]] = [
    # File level
    ("empty file", b"", "E115"),
    ("only a comment", b"# nothing here\n", "E115"),
    ("50 MB file", b"a: " + b"x" * 50_000_000 + b"\n", "E101"),
    ("one 1 MB line", b"a: " + b"x" * 1_000_100, "E101"),
    ("UTF-16 text", "schema_version: 1\n".encode("utf-16"), "E102"),
    ("cp1252 text", "text: {en: caf\u00e9, es: caf\u00e9}\n".encode("cp1252"), "E102"),
    ("NUL byte", HEADER + b"events: []\x00\n", "E103"),
    ("control character", HEADER + b"events: [\x07]\n", "E103"),
    ("zero-width character in an id", event().replace(b"id: sample", "id: sam\u200bple".encode()), "E127"),
    ("Cyrillic look-alike in an id", event().replace(b"id: sample", "id: militi\u0430".encode()), "E127"),
    # YAML level
    ("python tag", HEADER + b"events: !!python/object/apply:os.system ['echo hacked']\n", "E105"),
    ("custom tag", HEADER + b"events: !mything []\n", "E105"),
    (
        "billion laughs",
        HEADER
        + b"a: &a [x, x, x, x, x, x, x, x, x]\n"
        + b"".join(
            f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n".encode() for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + b"events: *i\n",
        "E106",
    ),
    ("self-referential alias", HEADER + b"events: &x [*x]\n", "E106"),
    ("merge key", HEADER + b"base: {a: 1}\nevents:\n  <<: {b: 2}\n", "E107"),
    (
        "duplicate key",
        event().replace(b"    paper: Retaliation\n", b"    paper: Retaliation\n    paper: Fear\n"),
        "E108",
    ),
    ("NO as a boolean", event("    once: NO\n"), "E109"),
    ("on as a boolean", event("    triggered_only: on\n"), "E109"),
    ("yes as a boolean", event("    once: yes\n"), "E109"),
    ("octal-looking number", event("    cooldown_turns: 010\n"), "E116"),
    ("sexagesimal number", event("    cooldown_turns: 1:30\n"), "E116"),
    (".inf as a weight", event("    weight: .inf\n"), "E114"),
    (".nan as a chance", with_effect("schedule: {event: sample, delay: 1, chance: .nan}"), "E114"),
    ("1e400 overflows", event("    weight: 1e400\n"), "E114"),
    ("key with no value where a list is expected", event(options="    options:\n"), "E124"),
    ("tab indentation", HEADER + b"events:\n\t- id: x\n", "E104"),
    ("two documents", HEADER + b"events: []\n---\nkind: events\n", "E110"),
    ("complex key", HEADER + b"? [a, b]\n: c\nevents: []\n", "E111"),
    ("integer key", HEADER + b"1: a\nevents: []\n", "E111"),
    ("boolean key", HEADER + b"true: a\nevents: []\n", "E111"),
    ("10,000 levels of nesting", _deep(10_000), "E112"),
    ("more than 50,000 values", HEADER + b"events: [" + b"1," * 60_000 + b"1]\n", "E113"),
    ("5,000-digit integer", event("    weight: " + "9" * 5000 + "\n"), "E114"),
    ("unclosed quote", event("    paper2: 'unclosed\n"), "E104"),
    # Schema level
    ("misspelt key", event('    conditon: "district.fear > 0.5"\n'), "E122"),
    ("options as a mapping", event(options="    options: {ok: 1}\n"), "E124"),
    ("number written as text", event('    weight: "0.6"\n'), "E124"),
    ("percentage as text", event('    weight: "60%"\n'), "E124"),
    ("negative weight", event("    weight: -3\n"), "E125"),
    ("enormous weight", event("    weight: 1e12\n"), "E125"),
    ("chance above 1", with_effect("schedule: {event: sample, delay: 1, chance: 1.5}"), "E125"),
    ("delay range reversed", with_effect("schedule: {event: sample, delay: [5, 2]}"), "E125"),
    ("negative delay", with_effect("schedule: {event: sample, delay: -1}"), "E125"),
    ("enormous delay", with_effect("schedule: {event: sample, delay: 100000}"), "E125"),
    ("event with no options", event(options="    options: []\n"), "E125"),
    ("missing Spanish text", event().replace(b"title: {en: T, es: T}", b"title: {en: T}"), "E128"),
    ("missing schema_version", event().replace(b"schema_version: 1\n", b""), "E120"),
    ("future schema_version", event().replace(b"schema_version: 1", b"schema_version: 7"), "E121"),
    ("unknown kind", event().replace(b"kind: events", b"kind: evnets"), "E120"),
    ("two verbs on one effect line", with_effect("{add: {district.fear: 0.1}, set: {district.fear: 0.1}}"), "E129"),
    # Expression level
    ("__import__", event(when="\"__import__('os')\""), "E141"),
    ("class escape", event(when='"().__class__.__bases__[0].__subclasses__()"'), "E141"),
    ("format escape", event(when="'\"{0.__class__}\".format(x)'"), "E141"),
    ("power tower", event(when='"9**9**9 > 1"'), "E141"),
    ("huge string multiplication", event(when="\"'a'*10**9 == 'a'\""), "E141"),
    ("300 open brackets", event(when='"' + "(" * 300 + '"'), "E140"),
    ("+0 repeated 200,000 times", event(when='"' + "+0" * 200_000 + '"'), "E142"),
    ("1,000 nots", event(when='"' + "not " * 1000 + 'true"'), "E142"),
    ("1e309 in a condition", event(when='"district.fear < 1e309"'), "E146"),
    ("division by zero", event(when='"district.fear / 0 > 1"'), "E146"),
    ("lambda", event(when='"(lambda: 1)() > 0"'), "E141"),
    ("comprehension", event(when='"[x for x in y]"'), "E141"),
    ("walrus", event(when='"(y := 1) > 0"'), "E141"),
    ("unknown name", event(when='"district.feer > 0.5"'), "E143"),
    ("type mix", event(when="\"district.fear > 'high'\""), "E144"),
    ("unsatisfiable range", event(when='"district.fear > 1.5"'), "E145"),
    ("contradiction", event(when='"district.fear > 0.6 and district.fear < 0.4"'), "E145"),
    # Semantic level
    ("effect on an undeclared value", with_effect("add: {district.feer: 0.1}"), "E162"),
    ("effect out of range", with_effect("set: {district.fear: 3}"), "E163"),
    ("missing follow-up target", with_effect("schedule: {event: nowhere}"), "E161"),
    ("event schedules itself at once", with_effect("schedule: {event: sample, delay: 0}"), "E166"),
    ("unknown placeholder", event().replace(b"text: {en: X, es: X}", b"text: {en: '{mayor}', es: '{mayor}'}"), "E165"),
    ("unbalanced braces", event().replace(b"text: {en: X, es: X}", b"text: {en: '{city', es: '{city'}"), "E165"),
]
