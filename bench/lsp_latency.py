"""How long `plaza lsp` takes from an edit to its diagnostics, on the shipped content.

Starts the server over stdio with the repository as the workspace folder, opens a shipped events file, then
alternately breaks and mends one of its conditions (`didChange`, one character) and times each edit until the
diagnostics that answer it arrive. The wait includes the debounce (`PLAZA_LSP_DEBOUNCE`, 0.3 s by default);
the server's own check time is read from its log messages.

    uv run python bench/lsp_latency.py [--edits N] [--file content/events/costs.yaml]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent


async def run(edits: int, rel: str) -> None:
    client = LanguageClient("bench", "1")
    published: asyncio.Queue = asyncio.Queue()
    checks: list[float] = []

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait((time.perf_counter(), params))

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def _log(params: types.LogMessageParams) -> None:
        found = re.search(r"checked in (\d+) ms", params.message)
        if found:
            checks.append(int(found.group(1)) / 1000)

    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "game.cli", "lsp", cwd=str(ROOT))
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(str(ROOT)), name="plaza")],
        )
    )
    client.initialized(types.InitializedParams())
    path = ROOT / rel
    uri = from_fs_path(str(path))
    text = path.read_text(encoding="utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text))
    )
    opened = await _next_for(published, uri)
    print(f"server start to first diagnostics: {opened - started:.2f} s")

    found = re.search(r'when: "(district|city)\.', text)
    if not found:
        raise SystemExit(f"{rel} has no condition to edit")
    spot = found.start(1)
    line = text.count("\n", 0, spot)
    col = spot - (text.rfind("\n", 0, spot) + 1)
    waits = []
    original = text[spot]
    for n in range(edits):
        new = "X" if n % 2 == 0 else original  # `Xistrict.…`: an unknown name (E143), then mended
        old_len = 1
        t0 = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=n + 2),
                content_changes=[
                    types.TextDocumentContentChangePartial(
                        range=types.Range(types.Position(line, col), types.Position(line, col + old_len)), text=new
                    )
                ],
            )
        )
        arrived = await _next_for(published, uri, version=n + 2)
        waits.append(arrived - t0)
        await asyncio.sleep(0.05)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    print(
        f"edits: {edits}; didChange → diagnostics: median {statistics.median(waits) * 1000:.0f} ms, "
        f"max {max(waits) * 1000:.0f} ms (debounce included)"
    )
    if checks:
        print(f"server check time: median {statistics.median(checks) * 1000:.0f} ms over {len(checks)} checks")


async def _next_for(queue: asyncio.Queue, uri: str, version: int | None = None) -> float:
    while True:
        at, params = await asyncio.wait_for(queue.get(), 30)
        if params.uri == uri and (version is None or params.version == version):
            return at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--file", default="content/events/costs.yaml")
    args = parser.parse_args()
    asyncio.run(run(args.edits, args.file))


if __name__ == "__main__":
    main()
