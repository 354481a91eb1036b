"""Every broken or hostile file of anchors-authoring §5 gives a located diagnostic and exit code 1."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from tests.hostile_cases import CASES, event

STATE = Path(__file__).parent / "fixtures" / "mini" / "state.yaml"


@pytest.mark.parametrize(("name", "data", "code"), CASES, ids=[c[0] for c in CASES])
def test_hostile_file_gives_located_diagnostic(tmp_path, capsys, name, data, code):
    # GIVEN a broken file beside a valid state declaration
    path = tmp_path / "case.yaml"
    path.write_bytes(data)
    # WHEN it is validated
    status = main(["validate", "--standalone", str(STATE), str(path)])
    out = capsys.readouterr().out
    # THEN the command fails with the expected code, located in that file
    assert status == 1, out
    located = re.findall(rf"^{re.escape(str(path))}:(\d+):(\d+): ({code}) ", out, re.M)
    assert located, f"expected {code} located in {path}, got:\n{out[:2000]}"
    assert all(int(line) >= 1 and int(col) >= 1 for line, col, _ in located)
    assert "Traceback" not in out


def test_valid_sample_event_is_clean(tmp_path, capsys):
    """The hostile cases are built on this event; it must itself be valid, or the cases prove nothing."""
    path = tmp_path / "ok.yaml"
    path.write_bytes(event())
    assert main(["validate", "--standalone", str(STATE), str(path)]) == 0, capsys.readouterr().out


def test_bom_and_crlf_are_accepted(tmp_path, capsys):
    path = tmp_path / "crlf.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + event().replace(b"\n", b"\r\n"))
    assert main(["validate", "--standalone", str(STATE), str(path)]) == 0, capsys.readouterr().out


def test_tag_payload_never_runs(tmp_path):
    # GIVEN a file whose tag would run a shell command under an unsafe loader
    marker = tmp_path / "pwned"
    path = tmp_path / "evil.yaml"
    path.write_text(f"schema_version: 1\nkind: events\nevents: !!python/object/apply:os.system ['touch {marker}']\n")
    # WHEN the real command validates it in its own process
    proc = subprocess.run(
        [sys.executable, "main.py", "validate", str(path)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
        timeout=60,
    )
    # THEN it reports the tag, exits 1, prints no traceback, and nothing ran
    assert proc.returncode == 1
    assert "E105" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
    assert not marker.exists()


def test_symlink_in_content_folder_is_not_followed(tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("password: hunter2\n")
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "link.yaml").symlink_to(secret)
    assert main(["validate", "--standalone", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "E100" in out and "symbolic link" in out
    assert "hunter2" not in out


def test_same_id_in_two_files(tmp_path, capsys):
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_bytes(event())
    assert main(["validate", "--standalone", str(STATE), str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"b\.yaml:4:\d+: E160 the event id `sample` is already used", out), out
    assert "a.yaml:4" in out  # the hint points at the first definition


def test_missing_path_is_reported(capsys):
    assert main(["validate", "no/such/file.yaml"]) == 1
    assert "E100" in capsys.readouterr().out


def test_broken_state_file_does_not_cascade(tmp_path, capsys):
    # GIVEN the fixture with a typo in the state file
    for f in STATE.parent.iterdir():
        (tmp_path / f.name).write_text(f.read_text())
    state = tmp_path / "state.yaml"
    state.write_text(state.read_text().replace("  fear:\n    {min: 0", "  fear:\n    {mni: 0"))
    # WHEN the folder is validated
    assert main(["validate", "--standalone", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    # THEN the one root cause is reported, not every condition and effect that reads `district.fear`
    assert out.count(": E") == 1, out
    assert "state.yaml" in out and "E122" in out
