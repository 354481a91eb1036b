"""The Plaza language server (pygls), over stdio: `plaza lsp`.

Every change to an open document schedules a check of the whole workspace with the editor's unsaved text, after
a pause in typing (`DEBOUNCE` seconds). Checks run one at a time on a worker thread, so the event loop keeps
answering completion and hover while one runs; a check that a newer edit has overtaken is not published. Each
check publishes the diagnostics of every open Plaza document (an edit in one file can fix or break another), and
its content serves completion, hover, go to definition and the code lens until the next one.
"""

from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace import TextDocument

from game import __version__
from game.content.diagnostic_text import Msg, msg, say
from game.content.diagnostics import Diagnostic
from game.lsp import completion, definition, hover, lens
from game.lsp.names import Target, resolve
from game.lsp.project import CheckResult, Project, resolved
from game.lsp.text import cursor_at, district_ids, token_span, word_at
from game.session import fire_counts
from game.strings_file import LANGS, environment_language

DEBOUNCE = float(os.environ.get("PLAZA_LSP_DEBOUNCE", "0.3"))
WAIT_FOR_CHECK = 10.0  # seconds a request waits for the first check before answering without content

log = logging.getLogger(__name__)

_KINDS = {
    "event": types.CompletionItemKind.Event,
    "measure": types.CompletionItemKind.Function,
    "state": types.CompletionItemKind.Variable,
    "parameter": types.CompletionItemKind.Constant,
    "level": types.CompletionItemKind.Module,
    "district": types.CompletionItemKind.EnumMember,
    "flag": types.CompletionItemKind.Constant,
    "paper": types.CompletionItemKind.Text,
    "word": types.CompletionItemKind.Keyword,
    "function": types.CompletionItemKind.Function,
}


class PlazaServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("plaza", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.project = Project()
        self.last: CheckResult | None = None
        self.checked = asyncio.Event()  # set once the first check is done
        self._checker = ThreadPoolExecutor(1, thread_name_prefix="plaza-check")
        self._generation = 0
        self._timer: asyncio.TimerHandle | None = None
        self._one_at_a_time = asyncio.Lock()
        self._published: set[str] = set()
        self.lang = environment_language()  # diagnostics' words; the client's locale, when it names one, decides

    # --- checking -------------------------------------------------------------------------------------------

    def schedule_check(self, delay: float = DEBOUNCE) -> None:
        """Check after `delay` seconds without a newer request (typing restarts the wait)."""
        self._generation += 1
        generation = self._generation
        if self._timer is not None:
            self._timer.cancel()
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(delay, lambda: loop.create_task(self._check(generation)))

    def open_texts(self) -> dict[Path, str]:
        texts = {}
        for uri, doc in self.workspace.text_documents.items():
            path = _path(uri)
            if path is not None and self.project.wants(path, doc.source):
                texts[resolved(path)] = doc.source
        return texts

    async def _check(self, generation: int) -> None:
        async with self._one_at_a_time:  # a check waiting here is dropped if typing went on meanwhile
            if generation != self._generation:
                return  # a newer edit has asked for its own check
            texts = self.open_texts()
            versions = {uri: doc.version for uri, doc in self.workspace.text_documents.items()}
            loop = asyncio.get_running_loop()
            try:
                result = await loop.run_in_executor(self._checker, self.project.check, texts)
            except Exception as exc:  # a bug in a check must not take the server down
                log.exception("check failed")
                self.window_log_message(types.LogMessageParams(types.MessageType.Error, f"plaza: check failed: {exc}"))
                return
        self.last = result
        self.checked.set()
        self.window_log_message(
            types.LogMessageParams(types.MessageType.Log, f"plaza: checked in {result.seconds * 1000:.0f} ms")
        )
        if generation != self._generation:
            return  # the text has changed since: its own check will publish
        self.publish(result, versions)

    def publish(self, result: CheckResult, versions: dict[str, int | None]) -> None:
        records = fire_counts.load_all()
        shown: set[str] = set()
        for uri, doc in list(self.workspace.text_documents.items()):
            path = _path(uri)
            if path is None:
                continue
            key = resolved(path)
            if key not in result.checked:
                if not path.exists() and self.project.wants(path, doc.source):
                    items = [_unsaved_notice()]
                elif uri in self._published:
                    items = []
                else:
                    continue
            else:
                found = list(result.by_file.get(key, [])) + lens.never_fired(result.content, path, records)
                items = [self.to_lsp(d, doc) for d in found]
            shown.add(uri)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=items, version=versions.get(uri))
            )
        self._published = shown
        if records and _get(self.client_capabilities, "workspace", "code_lens", "refresh_support"):
            self.workspace_code_lens_refresh(None)

    def to_lsp(self, d: Diagnostic, doc: TextDocument) -> types.Diagnostic:
        lines = doc.lines
        related = [
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=_uri(loc.path), range=_point(loc.line, loc.col)),
                message=say(Msg("label.also_here"), self.lang),
            )
            for loc in d.also
        ]
        message, hint = d.message_in(self.lang), d.hint_in(self.lang)
        if hint:
            message += "\n" + say(msg("label.hint", hint=hint), self.lang)
        return types.Diagnostic(
            range=self.range_in(doc, lines, d.where.line, d.where.col),
            message=message,
            severity=types.DiagnosticSeverity.Error if d.is_error else types.DiagnosticSeverity.Warning,
            code=d.code,
            source="plaza",
            related_information=related or None,
        )

    @staticmethod
    def range_in(doc: TextDocument, lines, line: int, col: int) -> types.Range:
        """The checker's 1-based line and column → the span to underline, in the client's units."""
        if line < 1 or line > len(lines):
            return _point(0, 0)
        start, end = token_span(lines[line - 1], max(col - 1, 0))
        inner = types.Range(types.Position(line - 1, start), types.Position(line - 1, end))
        return doc.position_codec.range_to_client_units(lines, inner)

    # --- helpers for the features ---------------------------------------------------------------------------

    async def content_for(self):
        if self.last is None:
            try:
                await asyncio.wait_for(self.checked.wait(), WAIT_FOR_CHECK)
            except TimeoutError:
                return None
        return self.last.content if self.last else None

    def cursor(self, uri: str, position: types.Position):
        doc = self.workspace.get_text_document(uri)
        lines = list(doc.lines)
        inner = doc.position_codec.position_from_client_units(lines, position)
        return doc, lines, inner


def client_language(locale: str | None) -> str:
    """The language of the diagnostics: the client's locale (LSP's `initialize`, e.g. `es-MX`) when Plaza speaks
    it, else PLAZA_LANG or the system's."""
    asked = (locale or "").strip().lower()[:2]
    return asked if asked in LANGS else environment_language()


server = PlazaServer()


@server.feature(types.INITIALIZE)
def _initialize(ls: PlazaServer, params: types.InitializeParams) -> None:
    ls.lang = client_language(params.locale)
    folders = [f.uri for f in params.workspace_folders or []]
    if not folders and params.root_uri:
        folders = [params.root_uri]
    elif not folders and params.root_path:
        folders = [from_fs_path(params.root_path) or ""]
    ls.project.folders = [p for p in (_path(u) for u in folders) if p is not None]


@server.feature(types.INITIALIZED)
def _initialized(ls: PlazaServer, params: types.InitializedParams) -> None:
    ls.schedule_check(0)  # load the content at once, so the first completion has it


@server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
def _folders(ls: PlazaServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
    removed = {_path(f.uri) for f in params.event.removed}
    kept = [f for f in ls.project.folders if f not in removed]
    ls.project.folders = kept + [p for p in (_path(f.uri) for f in params.event.added) if p is not None]
    ls.schedule_check(0)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def _did_open(ls: PlazaServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule_check(0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def _did_change(ls: PlazaServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule_check()


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def _did_save(ls: PlazaServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.schedule_check(0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def _did_close(ls: PlazaServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))
    ls._published.discard(params.text_document.uri)
    ls.schedule_check(0)  # its saved text replaces the unsaved one for the other files


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def _watched(ls: PlazaServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.schedule_check()


@server.feature(
    types.TEXT_DOCUMENT_COMPLETION,
    types.CompletionOptions(trigger_characters=[".", " ", "(", '"', "'", "[", ","]),
)
async def _completion(ls: PlazaServer, params: types.CompletionParams) -> types.CompletionList | None:
    content = await ls.content_for()
    if content is None:
        return None
    doc, lines, pos = ls.cursor(params.text_document.uri, params.position)
    cur = cursor_at(lines, pos.line, pos.character)
    offers = completion.offers(content, cur, district_ids(lines))
    if not offers:
        return types.CompletionList(is_incomplete=False, items=[])
    edit_range = doc.position_codec.range_to_client_units(
        lines, types.Range(types.Position(pos.line, completion.edit_start(cur)), pos)
    )
    items = []
    for o in offers:
        items.append(
            types.CompletionItem(
                label=o.label,
                kind=_KINDS.get(o.kind, types.CompletionItemKind.Text),
                detail=o.detail or None,
                sort_text=f"{o.sort}{o.label}" if o.sort else None,
                filter_text=o.insert or None,
                text_edit=types.TextEdit(range=edit_range, new_text=o.insert or o.label),
                data={"kind": o.target.kind, "ident": o.target.ident} if o.target else None,
            )
        )
    return types.CompletionList(is_incomplete=False, items=items)


@server.feature(types.COMPLETION_ITEM_RESOLVE)
def _completion_resolve(ls: PlazaServer, item: types.CompletionItem) -> types.CompletionItem:
    content = ls.last.content if ls.last else None
    data = item.data if isinstance(item.data, dict) else None
    if content is not None and data and "kind" in data:
        text = hover.describe(content, Target(data["kind"], data["ident"]), fire_counts.load_all())
        if text:
            item.documentation = types.MarkupContent(kind=types.MarkupKind.Markdown, value=text)
    return item


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def _hover(ls: PlazaServer, params: types.HoverParams) -> types.Hover | None:
    content = await ls.content_for()
    if content is None:
        return None
    doc, lines, pos = ls.cursor(params.text_document.uri, params.position)
    if pos.line >= len(lines):
        return None
    word, start, end = word_at(lines[pos.line], pos.character)
    cur = cursor_at(lines, pos.line, pos.character)
    target = resolve(content, word, cur, district_ids(lines))
    if target is None:
        return None
    level = _level_of(content, doc)
    text = hover.describe(content, target, fire_counts.load_all(), level)
    if not text:
        return None
    span = types.Range(types.Position(pos.line, start), types.Position(pos.line, end))
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=doc.position_codec.range_to_client_units(lines, span),
    )


@server.feature(types.TEXT_DOCUMENT_DEFINITION)
async def _definition(ls: PlazaServer, params: types.DefinitionParams) -> types.Location | None:
    content = await ls.content_for()
    if content is None:
        return None
    _doc, lines, pos = ls.cursor(params.text_document.uri, params.position)
    if pos.line >= len(lines):
        return None
    word, _, _ = word_at(lines[pos.line], pos.character)
    districts = district_ids(lines)
    target = resolve(content, word, cursor_at(lines, pos.line, pos.character), districts)
    doc_path = _path(params.text_document.uri)
    if target is None or doc_path is None:
        return None
    found = definition.definition(content, target, doc_path, districts)
    if found is None:
        return None
    path, line, col = found
    uri = _uri(str(path))
    return types.Location(uri=uri, range=ls.range_in(*_doc_for(ls, uri), line, col))


@server.feature(types.TEXT_DOCUMENT_CODE_LENS)
async def _code_lens(ls: PlazaServer, params: types.CodeLensParams) -> list[types.CodeLens]:
    content = await ls.content_for()
    path = _path(params.text_document.uri)
    if content is None or path is None:
        return []
    doc = ls.workspace.get_text_document(params.text_document.uri)
    lines = list(doc.lines)
    out = []
    for found in lens.lenses(content, path, fire_counts.load_all()):
        out.append(
            types.CodeLens(
                range=ls.range_in(doc, lines, found.line, found.col),
                command=types.Command(title=found.title, command=""),
                data={"event": found.event, "level": found.level},
            )
        )
    return out


def _level_of(content, doc: TextDocument):
    """The level a level file defines (for district hovers), from the last check."""
    target = resolved(doc.path) if doc.path else None
    for level_id, level in content.levels.items():
        origin = content.origins.get(("level", level_id))
        if origin is not None and target is not None and resolved(origin.doc.path) == target:
            return level
    return None


def _doc_for(ls: PlazaServer, uri: str):
    doc = ls.workspace.get_text_document(uri)  # an unopened file is read from disk
    return doc, list(doc.lines)


def _path(uri: str) -> Path | None:
    fs = to_fs_path(uri)
    return Path(fs) if fs else None


def _uri(path: str) -> str:
    return from_fs_path(str(resolved(path))) or path


def _point(line: int, col: int) -> types.Range:
    p = types.Position(max(line - 1, 0), max(col - 1, 0))
    return types.Range(p, p)


def _unsaved_notice() -> types.Diagnostic:
    return types.Diagnostic(
        range=_point(0, 0),
        message="Plaza checks this file once it has been saved for the first time",
        severity=types.DiagnosticSeverity.Information,
        source="plaza",
    )


def _get(obj, *names):
    for name in names:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def main() -> int:
    logging.basicConfig(level=logging.WARNING, format="plaza lsp: %(levelname)s %(message)s")
    server.start_io()
    return 0
