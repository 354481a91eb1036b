"""Hostile files beyond their bytes: pipes, devices and links in a content folder, control characters written as
escapes, the non-specific tag, line separators that move every later position, integers past the number limit,
and the pure-Python parser giving the same diagnostics as libyaml."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from game.cli import main
from game.content.diagnostics import Diagnostic, Location, SourceLines, format_json, format_text
from game.content.loader import load_content
from game.content.yaml_strict import PARSERS, YamlProblems, decode, parse
from tests.hostile_cases import CASES, event

ROOT = Path(__file__).resolve().parent.parent
STATE = Path(__file__).parent / "fixtures" / "mini" / "state.yaml"
BOTH = pytest.mark.parametrize("parser", sorted(PARSERS))
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")


def validate(*args) -> subprocess.CompletedProcess:
    """`plaza validate` in its own process: a file that blocks cannot hang the test run."""
    return subprocess.run(
        [sys.executable, "main.py", "validate", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def found(text: str, parser: str) -> list[tuple[str, int, int]]:
    """(code, line, col) of every diagnostic for this text, whether or not a document could be built."""
    try:
        clean, warnings = decode(text.encode("utf-8"), "f")
        _doc, problems = parse(clean, "f", parser=parser)
        problems += warnings
    except YamlProblems as exc:
        problems = exc.diagnostics
    return [(d.code, d.where.line, d.where.col) for d in problems]


def in_thread(fn, fifo: Path, seconds: float = 20):
    """Run fn() with a deadline; if it blocks on the pipe, open the pipe's other end so the thread can finish."""
    out: dict = {}
    worker = threading.Thread(target=lambda: out.update(result=fn()), daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(5)
        pytest.fail(f"blocked for {seconds} s on the named pipe {fifo.name}")
    return out["result"]


@pytest.fixture
def folder(tmp_path) -> Path:
    """A content folder holding one valid file."""
    path = tmp_path / "content"
    path.mkdir()
    (path / "state.yaml").write_bytes(STATE.read_bytes())
    return path


# 1. Only regular files are read.


@needs_fifo
def test_fifo_in_a_content_folder_is_refused_unopened(folder):
    # GIVEN a named pipe called events.yaml next to a valid file
    os.mkfifo(folder / "events.yaml")
    # WHEN the folder is validated by the real command
    proc = validate("--standalone", folder)
    # THEN it returns at once with exit 1 and a message naming the pipe
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert re.search(r"events\.yaml:1:1: E100 this is a named pipe \(FIFO\), not a regular file", proc.stdout), (
        proc.stdout
    )
    assert "Traceback" not in proc.stdout + proc.stderr


@needs_fifo
def test_fifo_does_not_block_loading_or_the_caret_display(folder):
    # GIVEN a named pipe in the folder the game loads at start and on F5
    fifo = folder / "events.yaml"
    os.mkfifo(fifo)
    # WHEN the content is loaded, and a source line of the pipe is asked for
    result = in_thread(lambda: load_content([folder]), fifo)
    line = in_thread(lambda: SourceLines().line(str(fifo), 1), fifo)
    # THEN the pipe gives one E100 naming it, the valid file still loads, and no line is read from the pipe
    refused = [d for d in result.diagnostics if d.code == "E100"]
    assert [Path(d.where.path).name for d in refused] == ["events.yaml"], result.diagnostics
    assert "fear" in result.content.state["district"]
    assert line is None


@needs_fifo
def test_fifo_named_on_the_command_line_is_refused(folder):
    os.mkfifo(folder / "pipe.yaml")
    proc = validate("--standalone", folder / "pipe.yaml")
    assert proc.returncode == 1 and "E100" in proc.stdout and "named pipe" in proc.stdout, proc.stdout


def test_socket_in_a_content_folder_is_refused(folder):
    sock = socket.socket(socket.AF_UNIX) if hasattr(socket, "AF_UNIX") else None
    if sock is None:
        pytest.skip("no Unix sockets on this system")
    try:
        sock.bind(str(folder / "s.yaml"))
    except OSError:  # a path too long for a socket address
        pytest.skip("cannot bind a socket here")
    try:
        proc = validate("--standalone", folder)
    finally:
        sock.close()
    assert proc.returncode == 1 and re.search(r"s\.yaml:1:1: E100 this is a socket", proc.stdout), proc.stdout


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_device_is_refused_unopened(capsys):
    assert main(["validate", "--standalone", "/dev/zero"]) == 1
    out = capsys.readouterr().out
    assert "/dev/zero:1:1: E100 this is a device, not a regular file" in out, out


def test_link_named_on_the_command_line_may_not_lead_outside_its_folder(tmp_path, folder, capsys):
    # GIVEN a link in a content folder to a private file outside it (a shell glob would name it)
    secret = tmp_path / "secret.txt"
    secret.write_text("password: hunter2\n")
    (folder / "link.yaml").symlink_to(secret)
    # WHEN it is validated by name
    status = main(["validate", "--standalone", str(folder / "link.yaml")])
    out = capsys.readouterr().out
    # THEN it is refused, and nothing of the private file is shown
    assert status == 1
    assert "link.yaml:1:1: E100 this is a symbolic link that leads outside the content folder" in out, out
    assert "hunter2" not in out


def test_link_named_on_the_command_line_inside_its_folder_is_followed(folder, capsys):
    (folder / "also.yaml").symlink_to(folder / "state.yaml")
    assert main(["validate", "--standalone", str(folder / "also.yaml")]) == 0, capsys.readouterr().out


@needs_fifo
def test_link_to_a_fifo_is_refused_unopened(folder, capsys):
    os.mkfifo(folder / "pipe")
    (folder / "link.yaml").symlink_to(folder / "pipe")
    status = in_thread(lambda: main(["validate", "--standalone", str(folder / "link.yaml")]), folder / "pipe")
    out = capsys.readouterr().out
    assert status == 1 and "E100 this is a named pipe" in out, out


# 2. Control characters written as escapes.

ESCAPES = [
    (r"\e[2J", 0x1B),
    (r"\0", 0x00),
    (r"\a", 0x07),
    (r"\b", 0x08),
    (r"\v", 0x0B),
    (r"\r", 0x0D),
    (r"\x7f", 0x7F),
    (r"\x9b", 0x9B),
    (r"\N", 0x85),
    (r"\u202e", 0x202E),
    (r"\u202a", 0x202A),
    (r"\u2066", 0x2066),
    (r"\u2069", 0x2069),
    (r"\U0000001b", 0x1B),
]


@BOTH
@pytest.mark.parametrize(("escape", "code"), ESCAPES, ids=[e for e, _ in ESCAPES])
def test_escaped_control_character_in_a_value_is_refused_at_the_value(parser, escape, code):
    doc, problems = parse(f'a: 1\ntitle: "x{escape}y"\n', "f", parser=parser)
    assert [(p.code, p.where.line, p.where.col) for p in problems] == [("E103", 2, 8)]
    assert f"U+{code:04X} (written as an escape)" in problems[0].message
    assert chr(code) not in doc.data["title"] and "\ufffd" in doc.data["title"]  # never reaches a font


@BOTH
def test_escaped_control_character_in_a_key_is_refused(parser):
    doc, problems = parse('a: 1\n"x\\ey": 2\n', "f", parser=parser)
    assert [(p.code, p.where.line, p.where.col) for p in problems] == [("E103", 2, 1)]
    assert all("\x1b" not in key for key in doc.data)


@BOTH
def test_tabs_and_line_breaks_in_texts_stay_allowed(parser):
    text = 'a: "x\\ty\\nz"\nb: |\n  one\ttwo\n  three\nc: >\n  four\n\n  five\nd: "x\ty"\n'
    doc, problems = parse(text, "f", parser=parser)
    assert problems == []
    assert doc.data == {"a": "x\ty\nz", "b": "one\ttwo\nthree\n", "c": "four\nfive\n", "d": "x\ty"}


@BOTH
def test_direction_override_written_as_it_is_is_refused_in_a_value(parser):
    text, warnings = decode("a: 'x\u202ey'\n".encode(), "f")
    _doc, problems = parse(text, "f", parser=parser)
    assert [w.code for w in warnings] == ["W204"]
    assert [(p.code, p.where.line, p.where.col) for p in problems] == [("E103", 1, 4)]
    assert "written as an escape" not in problems[0].message


def test_escapes_never_reach_the_terminal(tmp_path):
    # GIVEN an event whose title clears the screen and retitles the terminal when printed raw
    path = tmp_path / "evil.yaml"
    path.write_bytes(event().replace(b"title: {en: T, es: T}", b'title: {en: "\\e[2J\\e]0;pwned\\a", es: T}'))
    # WHEN the real command validates it
    proc = validate("--standalone", STATE, path)
    # THEN the value is refused where it stands, and the output holds no control character
    assert proc.returncode == 1
    assert re.search(r"evil\.yaml:5:\d+: E103 this text holds the control character U\+001B", proc.stdout), proc.stdout
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", proc.stdout + proc.stderr)


def test_format_text_escapes_every_control_character(tmp_path):
    # GIVEN a file with a raw direction override, and a diagnostic whose path, message and hint hold controls
    path = tmp_path / "a.yaml"
    path.write_text("a: 'x\u202ey' # \x1b\n", encoding="utf-8")
    d = Diagnostic("W204", "bad \x1b[2J \u202e\x00 text\nnext", Location(str(path), 1, 7), "hint \x07\tend")
    # WHEN it is formatted with its source line
    out = format_text(d, SourceLines())
    # THEN no line holds a control character: each is shown as an escape, and the caret stays under the `y`
    lines = out.split("\n")
    assert all(line.isprintable() for line in lines), lines
    assert "bad \\x1b[2J \\u202e\\x00 text\\nnext" in lines[0]
    assert lines[1] == "    a: 'x\\u202ey' # \\x1b"
    assert lines[2] == "    " + " " * len("a: 'x\\u202e") + "^"
    assert lines[3] == "  hint: hint \\x07\\tend"


def test_format_json_escapes_what_json_would_print_as_it_is():
    d = Diagnostic("E103", "x\u202e\x85\x9by\u2066", Location("f", 1, 1))
    out = format_json([d])
    assert not re.search("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    assert json.loads(out)["diagnostics"][0]["message"] == d.message


# 3. The non-specific tag.


@BOTH
@pytest.mark.parametrize(("text", "col"), [("value: ! 12\n", 8), ("value: ! [1]\n", 8), ("! a: 1\n", 1)])
def test_non_specific_tag_is_refused(parser, text, col):
    with pytest.raises(YamlProblems) as info:
        _doc, problems = parse(text, "f", parser=parser)
        raise YamlProblems(problems)
    assert [(d.code, d.where.line, d.where.col) for d in info.value.diagnostics] == [("E105", 1, col)]
    assert "`!`" in info.value.diagnostics[0].message


# 4. Both parsers give the same diagnostics.

MORE_YAML = [
    "value: ! 12\n",
    "x:\n  <<: {a: 1}\n",
    "1: a\n",
    "true: a\n",
    "null: a\n",
    "? [a, b]\n: c\n",
    "a: !!str 3\n",
    "a: [1, 2\n",
    "a: {b: 1\n\n",
    'a: "abc\n',
    "t: {en: A threat in {district}, es: x}\n",
    "a: 'x\u2028y'\nb: yes\n",
    "a:\n  b: 1\n c: 2\n",
    "a:\n  - b\n  c: 1\n",
    "a: b: c\n",
    'a: "\\e"\n',
    'a: "\\q"\n',
    "a: @x\n",
    "a: 1000000000000001\n",
    'a: "\\x85y"\n',  # NEL written as an escape
    "a: 0b101\n",
    "a: !!binary aGVsbG8=\n",
    "a: x\n...\n---\n",  # a document end, then a second document
    "a: {b: [c, {d: e}]}}\n",
]


@pytest.mark.skipif(len(PARSERS) < 2, reason="libyaml is not installed")
@pytest.mark.parametrize("data", [c[1] for c in CASES] + [t.encode() for t in MORE_YAML], ids=lambda d: repr(d[:30]))
def test_both_parsers_give_the_same_codes_and_positions(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")  # decode() refuses it the same way for both; keep the case
    assert found(text, "python") == found(text, "libyaml")


@BOTH
def test_the_fallback_parser_checks_merge_keys_and_key_types(parser):
    _doc, problems = parse("x:\n  <<: {a: 1}\n1: a\n~: b\n? [c]\n: d\n", "f", parser=parser)
    assert [(p.code, p.where.line, p.where.col) for p in problems] == [
        ("E107", 2, 3),
        ("E111", 3, 1),
        ("E111", 4, 1),
        ("E111", 5, 3),
    ]


# 5. Positions are the lines editors show.


@BOTH
@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_line_separators_do_not_move_later_positions(parser, separator):
    text, _warnings = decode(f"a: 'x{separator}y'\n# note{separator}more\nb: yes\n".encode(), "f")
    doc, problems = parse(text, "f", parser=parser)
    assert [(p.code, p.where.line, p.where.col) for p in problems] == [("E109", 3, 4), ("W213", 1, 6), ("W213", 2, 7)]
    assert doc.data["a"] == "x y"


@BOTH
@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("a: [1, 2\n", 1, 9),
        ("a: [1, 2", 1, 9),
        ("a: {b: 1\n", 1, 9),
        ("a:\n  - [x,\n    y\n", 3, 6),
        ('a: "abc\n', 1, 8),
    ],
)
def test_unclosed_bracket_at_the_end_is_located_on_a_real_line(parser, text, line, col):
    with pytest.raises(YamlProblems) as info:
        parse(text, "f", parser=parser)
    d = info.value.diagnostics[0]
    assert (d.code, d.where.line, d.where.col) == ("E104", line, col)
    assert "ends inside" in d.message


@BOTH
@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("id: x\nfoo: [\n", {}),  # the parser's context, at the end of the file, is on the problem's own line
        ("id: x\nfoo: [", {}),
        (
            "a: [1,\n  2\n  - x\n",
            {
                "en": "(while parsing a flow sequence on line 1)",
                "es": "(al analizar una lista entre corchetes en la línea 1)",
            },
        ),
    ],
)
def test_what_the_parser_was_reading_is_on_a_real_line_in_the_readers_language(parser, text, said):
    with pytest.raises(YamlProblems) as info:
        parse(text, "f", parser=parser)
    d = info.value.diagnostics[0]
    lines = len(text.splitlines())
    for lang in ("en", "es"):
        message = d.message_in(lang)
        assert all(int(n) <= lines for n in re.findall(r"(?:line|línea) (\d+)", message)), message
        assert message.endswith(said[lang]) if said else "(" not in message, message
    assert "while" not in d.message_in("es")


@BOTH
def test_carriage_returns_alone_end_lines_as_in_editors(parser, tmp_path):
    text, warnings = decode("a: 1\rb: 'x\u200by'\rc: yes\r".encode(), "f")
    _doc, problems = parse(text, "f", parser=parser)
    assert [(w.code, w.where.line, w.where.col) for w in warnings] == [("W204", 2, 6)]
    assert [(p.code, p.where.line, p.where.col) for p in problems] == [("E109", 3, 4)]
    path = tmp_path / "cr.yaml"
    path.write_bytes(b"a: 1\rb: x\r\nc: yes\n")
    assert SourceLines().line(str(path), 3) == "c: yes"


def test_many_invisible_characters_are_summed_up_not_listed():
    # A file full of zero-width characters: a few located warnings and a count, found in linear time.
    _text, warnings = decode(("a: '" + "\u200b" * 300_000 + "'\n").encode(), "f")
    assert len(warnings) == 21 and "and 299979 more" in warnings[-1].message


# 6. Integers obey the number limit.


@BOTH
@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("1000000000000000", True),
        ("-1000000000000000", True),
        ("1000000000000001", False),
        ("-1000000000000001", False),
        ("999999999999999999", False),
        ("9" * 17, False),
    ],
)
def test_integers_beyond_the_limit_are_refused(parser, number, ok):
    doc, problems = parse(f"a: {number}\n", "f", parser=parser)
    if ok:
        assert problems == [] and doc.data["a"] == int(number)
    else:
        assert [(p.code, p.where.line, p.where.col) for p in problems] == [("E114", 1, 4)]
        assert doc.data["a"] is None


def test_eighteen_digit_weight_is_refused(tmp_path, capsys):
    path = tmp_path / "big.yaml"
    path.write_bytes(event("    weight: 123456789012345678\n"))
    assert main(["validate", "--standalone", str(STATE), str(path)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"big\.yaml:9:13: E114 `123456789012345678` is too large a number", out), out


def test_a_thousand_character_key_is_pointed_at_not_printed(tmp_path):
    path = tmp_path / "long.yaml"
    path.write_text(
        "schema_version: 1\nkind: strings\nstrings:\n  " + "k" * 1000 + ": {en: a, es: b}\n", encoding="utf-8"
    )
    found = load_content([path], check=False).diagnostics
    assert found and all(len(d.message) < 200 for d in found), [d.message[:300] for d in found]
