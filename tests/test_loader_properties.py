"""Property tests: whatever text reaches the loader, it answers with diagnostics or content, never an exception."""

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.loader import load_content
from game.content.yaml_strict import YamlProblems, decode, parse

MINI = Path(__file__).parent / "fixtures" / "mini"
FIXTURE_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(MINI.glob("*.yaml"))}
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def load_text(tmp_path, name: str, text: str | bytes, others: dict[str, str] | None = None):
    """Load a folder holding `name` with this content (and optionally the other fixture files)."""
    folder = tmp_path / "c"
    folder.mkdir(exist_ok=True)
    for f in folder.iterdir():
        f.unlink()
    for other, body in (others or {}).items():
        (folder / other).write_text(body, encoding="utf-8")
    data = text if isinstance(text, bytes) else text.encode("utf-8", errors="surrogatepass")
    (folder / name).write_bytes(data)
    return load_content([folder])


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(tmp_path, data):
    result = load_text(tmp_path, "x.yaml", data)
    assert all(d.where.path.endswith("x.yaml") for d in result.diagnostics)


@SETTINGS
@given(st.text(max_size=300))
def test_random_text_parses_or_reports(text):
    try:
        clean, _ = decode(text.encode("utf-8", errors="replace"), "f")
        _doc, problems = parse(clean, "f")
    except YamlProblems as exc:
        assert exc.diagnostics and all(d.where.path == "f" for d in exc.diagnostics)
    else:
        assert all(d.code[0] in "EW" for d in problems)


yaml_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["district.fear > 0.5", "threat", "{district}", "0.6", "yes"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "title",
                    "text",
                    "when",
                    "weight",
                    "options",
                    "effects",
                    "add",
                    "en",
                    "es",
                    "label",
                    "schedule",
                    "event",
                    "delay",
                    "scope",
                    "paper",
                    "base",
                    "modifiers",
                    "x",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@SETTINGS
@given(st.lists(yaml_values, max_size=3))
def test_random_structures_in_an_events_file(tmp_path, events):
    text = yaml.safe_dump({"schema_version": 1, "kind": "events", "events": events}, allow_unicode=True)
    result = load_text(tmp_path, "events.yaml", text, {"state.yaml": FIXTURE_TEXTS["state.yaml"]})
    for d in result.diagnostics:
        assert d.where.line >= 1 and d.message


@SETTINGS
@given(st.sampled_from(sorted(FIXTURE_TEXTS)), st.data())
def test_mutated_fixture_files_never_raise(tmp_path, name, data):
    # GIVEN a valid fixture file with one random edit (a deletion, an insertion, or a swapped character)
    text = FIXTURE_TEXTS[name]
    i = data.draw(st.integers(0, len(text) - 1))
    edit = data.draw(st.sampled_from(["delete", "insert", "replace"]))
    char = data.draw(st.sampled_from([*" :-[]{}'\"#&*!|>%@`\t\nx0.", "\u200b", "ñ"]))
    mutated = {
        "delete": text[:i] + text[i + 1 :],
        "insert": text[:i] + char + text[i:],
        "replace": text[:i] + char + text[i + 1 :],
    }[edit]
    # WHEN the whole fixture is loaded with the edited file
    others = {k: v for k, v in FIXTURE_TEXTS.items() if k != name}
    result = load_text(tmp_path, name, mutated, others)
    # THEN the loader answers with located diagnostics (or accepts the edit), never an exception
    for d in result.diagnostics:
        assert d.where.line >= 1 or d.code == "E100"
