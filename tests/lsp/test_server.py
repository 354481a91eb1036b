"""`plaza lsp` end to end: a real server process, driven by pytest-lsp's client over stdio.

The workspace folder (in tmp_path) holds a level and an events file; the level uses the workspace's events and the
shipped measures, so every answer below crosses files. The fire-counts cache is a folder in tmp_path too
(`PLAZA_CACHE_DIR`), holding one fabricated `plaza simulate` of the level.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from pathlib import Path

import pytest
import pytest_asyncio
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = Path(__file__).resolve().parents[2]

LEVEL = """schema_version: 1
kind: level
id: my_town
title: {en: My town, es: Mi pueblo}
summary: {en: A small town., es: Un pueblo pequeño.}
inspired_by: {en: Fictional., es: Ficticio.}
turns: 4
parameters: {k_retaliation: 0.2}
city:
  name: {en: San Nadie, es: San Nadie}
districts:
  - id: centro
    name: {en: Centro, es: Centro}
    kind: middle
    description: {en: The old centre., es: El centro viejo.}
    borders: [orilla]
    initial:
      fear: 0.5
  - id: orilla
    name: {en: La Orilla, es: La Orilla}
    kind: poor
    description: {en: By the river., es: Junto al río.}
roles:
  official:
    title: {en: Mayor, es: Alcaldesa}
    briefing: {en: Govern., es: Gobierna.}
    measures:
      - street_lighting
      - police_vetting
pools:
  - id: nights
    hook: turn_start
    events:
      - night_patrol
      - quiet_night
"""

EVENT = """  - id: {ident}
    title: {{en: A night, es: Una noche}}
    text: {{en: "Neighbors in {{city}} talk.", es: "Vecinos de {{city}} hablan."}}
    paper: "Limits of Coproduction: Reducing Crime or Reducing Fear?"
    scope: city
    when: "city.corruption < 0.9"
    options:
      - id: listen
        label: {{en: Listen, es: Escuchar}}
        effects:
          - add: {{city.pressure: -0.01}}
    tags: [fear]
"""
EVENTS = (
    "schema_version: 1\nkind: events\nevents:\n"
    + EVENT.format(ident="night_patrol")
    + EVENT.format(ident="quiet_night")
)

FIRE_COUNTS = {
    "format": 1,
    "level": "my_town",
    "runs": 200,
    "date": "2025-03-01T10:00:00+00:00",
    "role": "official",
    "bot": "status_quo",
    "turns": 4,
    "seed": 0,
    "content_hash": "",
    "fired": {"night_patrol": 74},
    "never_fired": ["quiet_night"],
}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "mod"
    folder.mkdir()
    (folder / "my_level.yaml").write_text(LEVEL, encoding="utf-8")
    (folder / "my_events.yaml").write_text(EVENTS, encoding="utf-8")
    cache = tmp_path / "cache" / "fire_counts"
    cache.mkdir(parents=True)
    (cache / "my_town.json").write_text(json.dumps(FIRE_COUNTS), encoding="utf-8")
    return folder


@pytest_asyncio.fixture
async def client(workspace: Path):
    env = {**os.environ, "PLAZA_CACHE_DIR": str(workspace.parent / "cache"), "PLAZA_LSP_DEBOUNCE": "0.3"}
    config = ClientServerConfig(server_command=[sys.executable, "-m", "game.cli", "lsp"], server_env=env)
    lsp = await config.start()
    lsp.feature(types.WORKSPACE_CODE_LENS_REFRESH)(lambda *args: None)  # VS Code's capabilities include it
    await lsp.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(str(workspace)), name="mod")],
        )
    )
    yield lsp
    await lsp.shutdown_session()
    await lsp.stop()


def uri_of(path: Path) -> str:
    return from_fs_path(str(path))


def open_doc(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = uri_of(path)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(
                uri=uri, language_id="yaml", version=1, text=path.read_text() if text is None else text
            )
        )
    )
    return uri


async def diagnostics_for(client: LanguageClient, uri: str, until, timeout: float = 10.0) -> list[types.Diagnostic]:
    """Wait until the diagnostics published for `uri` satisfy `until`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = client.diagnostics.get(uri)
        if found is not None and until(list(found)):
            return list(found)
        await asyncio.sleep(0.02)
    raise AssertionError(f"diagnostics for {uri} never matched: {client.diagnostics.get(uri)}")


def position_of(text: str, needle: str, offset: int = 0) -> types.Position:
    index = text.index(needle) + offset
    line = text.count("\n", 0, index)
    return types.Position(line, index - (text.rfind("\n", 0, index) + 1))


@pytest.mark.asyncio
async def test_diagnostics_follow_the_unsaved_text(client: LanguageClient, workspace: Path):
    broken = LEVEL.replace("      - night_patrol\n", "      - night_patrl\n")
    uri = open_doc(client, workspace / "my_level.yaml", broken)
    found = await diagnostics_for(client, uri, lambda ds: any(d.code == "E161" for d in ds))
    (d,) = [d for d in found if d.code == "E161"]
    start = position_of(broken, "night_patrl")
    assert d.range == types.Range(start, types.Position(start.line, start.character + len("night_patrl")))
    assert d.severity == types.DiagnosticSeverity.Error
    assert "night_patrl" in d.message and "night_patrol" in d.message  # the hint suggests the real id
    assert d.source == "plaza"

    began = time.monotonic()
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start, types.Position(start.line, start.character + len("night_patrl"))),
                    text="night_patrol",
                )
            ],
        )
    )
    await diagnostics_for(client, uri, lambda ds: ds == [])
    assert time.monotonic() - began < 5


@pytest.mark.asyncio
async def test_completion_offers_event_ids_after_event_key(client: LanguageClient, workspace: Path):
    text = EVENTS.replace("          - add: {city.pressure: -0.01}\n", "          - schedule: {event: \n", 1)
    uri = open_doc(client, workspace / "my_events.yaml", text)
    where = position_of(text, "{event: ", len("{event: "))
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=where)
    )
    labels = {item.label for item in result.items}
    assert {"quiet_night", "watch_suspicion"} <= labels  # the workspace's own, and the shipped ones
    assert not any("." in label for label in labels)  # event ids only, no state names


@pytest.mark.asyncio
async def test_completion_offers_state_names_in_a_condition(client: LanguageClient, workspace: Path):
    text = EVENTS.replace('when: "city.corruption < 0.9"', 'when: "district.fe', 1)
    uri = open_doc(client, workspace / "my_events.yaml", text)
    where = position_of(text, "district.fe", len("district.fe"))
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=where)
    )
    labels = {item.label for item in result.items}
    assert "district.fear" in labels and "city.corruption" not in labels
    item = next(i for i in result.items if i.label == "district.fear")
    assert item.text_edit.range.start == position_of(text, "district.fe")  # replaces the whole dotted prefix


@pytest.mark.asyncio
async def test_hover_explains_a_measure_and_a_parameter(client: LanguageClient, workspace: Path):
    uri = open_doc(client, workspace / "my_level.yaml")
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri=uri), position_of(LEVEL, "street_lighting", 3))
    )
    assert hover is not None
    assert "**Street lighting**" in hover.contents.value and "content/measures/official.yaml" in hover.contents.value
    hover = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri=uri), position_of(LEVEL, "k_retaliation", 2))
    )
    assert "leaked report is punished" in hover.contents.value and "*Source:*" in hover.contents.value


@pytest.mark.asyncio
async def test_definition_of_an_event_in_another_file(client: LanguageClient, workspace: Path):
    uri = open_doc(client, workspace / "my_level.yaml")
    found = await client.text_document_definition_async(
        types.DefinitionParams(types.TextDocumentIdentifier(uri=uri), position_of(LEVEL, "- quiet_night", 4))
    )
    assert found.uri == uri_of((workspace / "my_events.yaml").resolve())
    assert found.range.start == position_of(EVENTS, "quiet_night")
    found = await client.text_document_definition_async(
        types.DefinitionParams(types.TextDocumentIdentifier(uri=uri), position_of(LEVEL, "fear: 0.5", 1))
    )
    assert found.uri.endswith("/content/state.yaml")  # a district's starting value → its declaration


@pytest.mark.asyncio
async def test_code_lens_and_warning_from_the_last_simulation(client: LanguageClient, workspace: Path):
    uri = open_doc(client, workspace / "my_events.yaml")
    found = await diagnostics_for(client, uri, lambda ds: any(d.code == "W212" for d in ds))
    (warning,) = found
    assert warning.severity == types.DiagnosticSeverity.Warning
    assert warning.range.start == position_of(EVENTS, "quiet_night")
    lenses = await client.text_document_code_lens_async(types.CodeLensParams(types.TextDocumentIdentifier(uri=uri)))
    titles = {lens.range.start.line: lens.command.title for lens in lenses}
    assert titles == {
        position_of(
            EVENTS, "night_patrol"
        ).line: "fired in 37% of 200 games of my_town (last plaza simulate, 2025-03-01)",
        position_of(
            EVENTS, "quiet_night"
        ).line: "never fired in 200 games of my_town (last plaza simulate, 2025-03-01)",
    }
