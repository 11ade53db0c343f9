"""The language server: a thin client of `tfvarfix.api`, over pygls 2.

- Diagnostics on open, on save, and on change (on the unsaved buffer: at once when the server is idle; a change
  that comes while a document is being analyzed stops that analysis at its next poll, changes are coalesced
  into one more analysis of the latest text, and a result for a text that is no longer the buffer's is never
  published), each with its code,
  message, severity, `codeDescription` (the rule's page), source `tfvarfix`, and in `data` the fix's title and
  safety. A buffer that does not parse gets one TFV001 diagnostic; one larger than `maxFileSize` gets one
  information diagnostic and is not analyzed.
- Code actions: a quick fix per finding (unsafe fixes, labelled "(unsafe)", only with unsafe fixes
  configured), "Ignore TFVnnn for this line" (adds to or creates the line's `# noqa:` comment), and
  `source.fixAll.tfvarfix`.
- Configuration: the file's nearest pyproject.toml `[tool.tfvarfix]` (or tfvarfix.toml), as the CLI finds it;
  re-read when a config file changes (workspace/didChangeWatchedFiles, or saving one in the editor), and
  `initializationOptions` `{"unsafeFixes": bool, "debounce": seconds, "docsUrl": url, "maxFileSize": bytes}`.
- Parsing is incremental (tfvarfix.lsp.incremental): a buffer is cut at top-level statements and only the
  pieces an edit touched are parsed again; the diagnostics are those of a full analysis.
- Notebooks: notebookDocument sync; the code cells are checked as one program and each cell gets its own
  diagnostics and actions.
Nothing here runs user code. Analysis runs in a worker thread, so requests are answered while a file is
checked; an error of ours while checking is logged and the server goes on.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from tfvarfix import __version__, api
from tfvarfix import config as config_module
from tfvarfix.lsp import incremental
from tfvarfix.lsp.convert import lines_of, noqa_edit, to_lsp, units
from tfvarfix.lsp.incremental import IncrementalParser
from tfvarfix.output.report import BUILTIN_RULES, FILE_LEVEL_CODES
from tfvarfix.semantics import project
from tfvarfix.semantics.interp import Cancelled
from tfvarfix.types import Diagnostic, FixSafety, Position, Severity

LOG = logging.getLogger("tfvarfix.lsp")
SOURCE = "tfvarfix"
FIX_ALL = "source.fixAll.tfvarfix"
DEBOUNCE_S = 0.0  # no quiet period: analyses are coalesced instead (see schedule)
MAX_FILE_SIZE = 2_000_000  # characters; a larger buffer is not analyzed (the CLI still checks it)
CONFIG_NAMES = ("pyproject.toml", "tfvarfix.toml", ".tfvarfix.toml")


@dataclass
class Entry:
    """One published diagnostic and what its actions need."""

    diagnostic: Diagnostic
    lsp: types.Diagnostic
    fix: dict[str, list[types.TextEdit]] | None  # uri -> edits
    unsafe: bool
    noqa: types.TextEdit | None


@dataclass
class Linted:
    """The last analysis of a document (a text document, or a notebook: keyed by the notebook's uri)."""

    texts: dict[str, str]  # uri -> the text analyzed
    entries: dict[str, list[Entry]] = field(default_factory=dict)  # published uri -> entries
    depends: frozenset[str] = frozenset()  # the files of the project modules the analysis read


class TfvarfixServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "tfvarfix",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            notebook_document_sync=types.NotebookDocumentSyncOptions(
                notebook_selector=[
                    types.NotebookDocumentFilterWithCells(
                        cells=[types.NotebookCellLanguage(language="python")], notebook="jupyter-notebook"
                    )
                ],
                save=True,
            ),
        )
        self.debounce = DEBOUNCE_S
        self.max_file_size = MAX_FILE_SIZE
        self.docs_url: str | None = None
        self.unsafe_override: bool | None = None
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.cancels: dict[str, threading.Event] = {}  # set: the analysis in flight for the key is stale
        self.generation: dict[str, int] = {}
        self.parsers: dict[str, IncrementalParser] = {}  # uri -> the pieces of its last buffer
        self._resolver = config_module.SettingsResolver(api.all_codes())  # as the CLI resolves them
        self._broken: dict[Path | None, config_module.Settings] = {}  # config files that failed: the defaults

    # ------------------------------------------------------------------------------ configuration
    def configure(self, options: Any) -> None:
        if not isinstance(options, dict):
            return
        if isinstance(options.get("unsafeFixes"), bool):
            self.unsafe_override = options["unsafeFixes"]
        debounce = options.get("debounce")
        if isinstance(debounce, (int, float)) and 0 <= debounce <= 10:
            self.debounce = float(debounce)
        size = options.get("maxFileSize")
        if isinstance(size, int) and size > 0:
            self.max_file_size = size
        if isinstance(options.get("docsUrl"), str):
            self.docs_url = options["docsUrl"]

    def settings_for(self, path: Path | None) -> config_module.Settings:
        """The settings that apply to `path` (its nearest config file), cached until a config file changes."""
        target = path if path is not None else self._root()
        source = self._resolver.config_for(target)
        if source in self._broken:
            return self._broken[source]
        try:
            return self._resolver(target)
        except config_module.ConfigError as error:
            self.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Error, message=f"tfvarfix: {error}")
            )
            defaults = config_module.load_settings(None, config_module.Overrides(), api.all_codes())
            self._broken[source] = defaults
            return defaults

    def _root(self) -> Path:
        folders = self.workspace.folders
        for folder in folders.values():
            path = to_fs_path(folder.uri)
            if path:
                return Path(path)
        root = self.workspace.root_path
        return Path(root) if root else Path.cwd()

    def forget_config(self) -> None:
        self._resolver = config_module.SettingsResolver(api.all_codes())
        self._broken.clear()

    def unsafe_for(self, path: Path | None) -> bool:
        if self.unsafe_override is not None:
            return self.unsafe_override
        return self.settings_for(path).unsafe_fixes

    def rule_href(self, code: str) -> str | None:
        """The rule's page: under the configured `docsUrl`, else the page packaged with tfvarfix (also in a
        wheel install, where the repository's `rules/` does not exist)."""
        from tfvarfix import catalog

        return catalog.page_uri(code, self.docs_url) or None

    # ---------------------------------------------------------------------------------- linting
    def schedule(self, key: str, delay: float = 0.0) -> None:
        """`key` (a document or notebook uri) changed: analyze it.

        At once when nothing is running for it; while an analysis of it is in flight, the change is only noted,
        and when that analysis ends one more runs, on the text as it is then (however many changes came in
        between). An analysis whose text is no longer the buffer's is not published. `delay` (the `debounce`
        setting, 0 by default) waits before an analysis starts, for clients that want a quiet period.
        """
        self.generation[key] = self.generation.get(key, 0) + 1
        running = self.cancels.get(key)
        if running is not None:
            running.set()  # its text is no longer the buffer's: it stops at its next poll
        if key not in self.pending:
            self.pending[key] = asyncio.get_running_loop().create_task(self._lint_loop(key, delay))

    async def _lint_loop(self, key: str, delay: float) -> None:
        loop = asyncio.get_running_loop()
        try:
            while True:
                if delay:
                    await asyncio.sleep(delay)
                generation = self.generation.get(key)
                job = self.snapshot(key)
                if job is None:
                    return
                cancel = self.cancels[key] = threading.Event()
                try:
                    linted = await loop.run_in_executor(None, self.analyze, *job, cancel.is_set)
                except Cancelled:  # the buffer changed while it ran
                    linted = None
                except Exception:  # a bug of ours: log it, keep serving
                    LOG.exception("tfvarfix: checking %s failed", key)
                    linted = None
                finally:
                    if self.cancels.get(key) is cancel:
                        del self.cancels[key]
                if self.generation.get(key) == generation:
                    if linted is not None and key in self.opened():
                        self.publish(key, linted)
                    return
                # changed while it ran: the result is stale; run again on the latest text
        except asyncio.CancelledError:
            return
        finally:
            if self.pending.get(key) is asyncio.current_task():
                self.pending.pop(key, None)

    def buffer_changed(self, uri: str, closed: bool = False) -> None:
        """A text document's buffer changed (or closed): the project's modules read it instead of the disk
        while it is open, and the open documents whose last analysis read it are analyzed again."""
        path_text = to_fs_path(uri)
        if not path_text or not path_text.endswith(".py"):
            return
        document = None if closed else self.workspace.text_documents.get(uri)
        project.overlay(Path(path_text), document.source if document is not None else None)
        self.file_changed(Path(path_text))

    def file_changed(self, path: Path, made_or_removed: bool = False) -> None:
        """Analyze again the open documents whose last analysis read `path` (a module they import). A module made
        or removed on disk may change what any import resolves to: the index looks again, for every open file."""
        if made_or_removed:
            api.forget_project_files()
        changed = str(path.resolve())
        for key, linted in list(self.linted.items()):
            if (made_or_removed or changed in linted.depends) and key in self.opened():
                self.schedule(key, self.debounce)

    def opened(self) -> set[str]:
        return set(self.workspace.text_documents) | set(self.workspace.notebook_documents)

    def snapshot(self, key: str) -> tuple[str, dict[str, str], list[tuple[str, str]] | None] | None:
        """What to analyze, taken on the event loop: (key, texts by uri, notebook cells as (uri, kind))."""
        notebook = self.workspace.get_notebook_document(notebook_uri=key)
        if notebook is not None:
            cells: list[tuple[str, str]] = []
            texts: dict[str, str] = {}
            for cell in notebook.cells:
                kind = "code" if cell.kind == types.NotebookCellKind.Code else "markdown"
                cells.append((cell.document, kind))
                texts[cell.document] = self.workspace.get_text_document(cell.document).source
            return key, texts, cells
        if key not in self.workspace.text_documents:
            return None
        return key, {key: self.workspace.get_text_document(key).source}, None

    def analyze(
        self,
        key: str,
        texts: dict[str, str],
        cells: list[tuple[str, str]] | None,
        cancel: Callable[[], bool] | None = None,
    ) -> Linted:
        """The diagnostics of `key` on `texts`; `cancel` polled as it runs (raises `Cancelled`)."""
        path_text = to_fs_path(key)
        path = Path(path_text) if path_text else None
        linted = Linted(texts)
        if cells is not None:
            self._analyze_notebook(key, path, texts, cells, linted)
            return linted
        text = texts[key]
        linted.entries[key] = []
        if len(text) > self.max_file_size:
            linted.entries[key].append(self._too_large(len(text)))
            return linted
        label = str(path) if path is not None else key
        if label.endswith(".ipynb"):
            return linted  # a notebook opened as JSON text: positions would be JSON's; see notebook sync
        settings = self.settings_for(path)
        codes = settings.codes_for(path) if path is not None else settings.select
        parser = self.parsers.setdefault(key, IncrementalParser())
        depends: list[str] = []
        diagnostics = incremental.check(text, label, codes, settings.target, parser, depends, cancel)
        linted.depends = frozenset(depends)
        lines = lines_of(text)
        unsafe = self.unsafe_for(path)
        for diagnostic in diagnostics:
            linted.entries[key].append(self._entry(diagnostic, key, lines, unsafe, 1, {key: (lines, 1)}))
        return linted

    def _analyze_notebook(
        self,
        key: str,
        path: Path | None,
        texts: dict[str, str],
        cells: list[tuple[str, str]],
        linted: Linted,
    ) -> None:
        for uri, kind in cells:
            if kind == "code":
                linted.entries[uri] = []
        size = sum(len(texts[uri]) for uri, _ in cells)
        code_cells = [uri for uri, kind in cells if kind == "code"]
        if size > self.max_file_size:
            if code_cells:
                linted.entries[code_cells[0]].append(self._too_large(size))
            return
        data = {
            "cells": [
                {"cell_type": kind, "metadata": {}, "source": texts[uri], "outputs": []}
                if kind == "code"
                else {"cell_type": kind, "metadata": {}, "source": texts[uri]}
                for uri, kind in cells
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
        label = str(path) if path is not None and str(path).endswith(".ipynb") else "notebook.ipynb"
        settings = self.settings_for(path)
        codes = settings.codes_for(path) if path is not None else settings.select
        result = api.check_source(json.dumps(data, indent=1), label, codes, target=settings.target)
        where = result.notebook
        unsafe = self.unsafe_for(path)
        if where is None:
            for diagnostic in result.diagnostics:  # not a notebook we can read: on the first code cell
                if code_cells:
                    lines = lines_of(texts[code_cells[0]])
                    linted.entries[code_cells[0]].append(
                        self._entry(diagnostic, code_cells[0], lines, unsafe, 1, {})
                    )
            return
        uris = {number + 1: uri for number, (uri, _) in enumerate(cells)}
        starts = dict(zip(where.cells, where.starts, strict=True))
        placed = {uris[n]: (lines_of(texts[uris[n]]), starts[n]) for n in where.cells}
        for diagnostic in result.diagnostics:
            cell, _ = where.locate(diagnostic.range.start.line)
            uri = uris[cell] if diagnostic.code not in FILE_LEVEL_CODES else code_cells[0]
            lines, first = placed[uri]
            entry = self._entry(diagnostic, uri, lines, unsafe, first, placed, where)
            linted.entries[uri].append(entry)

    def _too_large(self, size: int) -> Entry:
        zero = types.Position(line=0, character=0)
        message = f"not checked: {size:,} characters is over the server's limit of {self.max_file_size:,}"
        lsp = types.Diagnostic(
            range=types.Range(start=zero, end=zero),
            message=message,
            severity=types.DiagnosticSeverity.Information,
            source=SOURCE,
        )
        return Entry(Diagnostic("TFV002", "unreadable-file", message, _zero_range()), lsp, None, False, None)

    def _entry(
        self,
        diagnostic: Diagnostic,
        uri: str,
        lines: list[str],
        unsafe_allowed: bool,
        first: int,
        placed: dict[str, tuple[list[str], int]],
        where: Any = None,
    ) -> Entry:
        encoding = str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)
        start = to_lsp(lines, diagnostic.range.start, encoding, first)
        end = to_lsp(lines, diagnostic.range.end, encoding, first)
        if diagnostic.code in FILE_LEVEL_CODES:
            start = end = types.Position(line=0, character=0)
        fix = diagnostic.fix
        edits: dict[str, list[types.TextEdit]] | None = None
        if fix is not None and fix.edits:
            edits = {}
            for edit in fix.edits:
                target, target_lines, target_first = uri, lines, first
                if edit.path is not None:  # a fix that also edits another module of the project
                    target, target_lines, target_first = (
                        Path(edit.path).as_uri(),
                        _lines_of_module(edit.path),
                        1,
                    )
                elif where is not None:
                    cell, _ = where.locate(edit.range.start.line)
                    index = where.cells.index(cell)
                    target = next((u for u, (_, f) in placed.items() if f == where.starts[index]), uri)
                    target_lines, target_first = placed.get(target, (lines, first))
                edits.setdefault(target, []).append(
                    types.TextEdit(
                        range=types.Range(
                            start=to_lsp(target_lines, edit.range.start, encoding, target_first),
                            end=to_lsp(target_lines, edit.range.end, encoding, target_first),
                        ),
                        new_text=edit.content,
                    )
                )
        data: dict[str, Any] = {"name": diagnostic.name}
        if fix is not None:
            data["fix"] = {"title": fix.title, "safety": fix.safety.value, "verify": fix.checks.value}
        href = self.rule_href(diagnostic.code)
        lsp = types.Diagnostic(
            range=types.Range(start=start, end=end),
            message=diagnostic.message,
            severity=types.DiagnosticSeverity.Warning
            if diagnostic.severity is Severity.WARNING
            else types.DiagnosticSeverity.Error,
            code=diagnostic.code,
            code_description=types.CodeDescription(href=href) if href else None,
            source=SOURCE,
            data=data,
        )
        noqa = None
        if diagnostic.code not in BUILTIN_RULES and start.line < len(lines):
            noqa = noqa_edit(lines[start.line], start.line, diagnostic.code, encoding)
        unsafe = fix is not None and fix.safety is FixSafety.UNSAFE
        return Entry(diagnostic, lsp, edits if (not unsafe or unsafe_allowed) else None, unsafe, noqa)

    def publish(self, key: str, linted: Linted) -> None:
        old = self.linted.get(key)
        self.linted[key] = linted
        uris = set(linted.entries) | (set(old.entries) if old is not None else set())
        for uri in sorted(uris):
            entries = linted.entries.get(uri, [])
            version = None
            document = self.workspace.text_documents.get(uri)
            if document is not None:
                version = document.version
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[e.lsp for e in entries], version=version)
            )

    def clear(self, key: str) -> None:
        task = self.pending.pop(key, None)
        if task is not None:
            task.cancel()
        old = self.linted.pop(key, None)
        self.generation.pop(key, None)
        self.parsers.pop(key, None)
        if old is None:
            return
        for uri in old.entries:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def current(self, key: str) -> Linted | None:
        """The analysis of `key` for the buffer as it is now (re-analyzed here if it is stale)."""
        job = self.snapshot(key)
        if job is None:
            return None
        linted = self.linted.get(key)
        if linted is not None and linted.texts == job[1]:
            return linted
        linted = self.analyze(*job)
        self.generation[key] = self.generation.get(key, 0) + 1
        self.publish(key, linted)
        return linted

    def owner(self, uri: str) -> str:
        """The key a document is linted under: its notebook's uri for a notebook cell, else itself."""
        notebook = self.workspace.get_notebook_document(cell_uri=uri)
        return notebook.uri if notebook is not None else uri

    # ------------------------------------------------------------------------------- code actions
    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        key = self.owner(uri)
        linted = self.current(key)
        if linted is None:
            return []
        wanted = params.context.only
        actions: list[types.CodeAction] = []
        entries = linted.entries.get(uri, [])
        first, last = params.range.start.line, params.range.end.line
        if _wants(wanted, types.CodeActionKind.QuickFix):
            for entry in entries:
                where = entry.lsp.range
                if where.end.line < first or where.start.line > last:
                    continue
                code = entry.diagnostic.code
                if entry.fix is not None and entry.diagnostic.fix is not None:
                    unsafe = " (unsafe)" if entry.unsafe else ""
                    actions.append(
                        types.CodeAction(
                            title=f"tfvarfix ({code}): {entry.diagnostic.fix.title}{unsafe}",
                            kind=types.CodeActionKind.QuickFix,
                            diagnostics=[entry.lsp],
                            edit=types.WorkspaceEdit(changes=entry.fix),
                            is_preferred=not entry.unsafe,
                        )
                    )
                if entry.noqa is not None:
                    actions.append(
                        types.CodeAction(
                            title=f"tfvarfix: ignore {code} for this line (# noqa: {code})",
                            kind=types.CodeActionKind.QuickFix,
                            diagnostics=[entry.lsp],
                            edit=types.WorkspaceEdit(changes={uri: [entry.noqa]}),
                        )
                    )
        if _wants(wanted, FIX_ALL):
            fix_all = self.fix_all(key, linted)
            if fix_all is not None:
                actions.append(fix_all)
        return actions

    def fix_all(self, key: str, linted: Linted) -> types.CodeAction | None:
        path_text = to_fs_path(key)
        path = Path(path_text) if path_text else None
        settings = self.settings_for(path)
        codes = settings.codes_for(path) if path is not None else settings.select
        mode = api.FixMode(apply=True, unsafe=self.unsafe_for(path))
        encoding = str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)
        changes: dict[str, list[types.TextEdit]] = {}
        if key in linted.texts and len(linted.texts) == 1 and key in self.workspace.text_documents:
            text = linted.texts[key]
            if len(text) > self.max_file_size or str(path or key).endswith(".ipynb"):
                return None
            result = api.check_source(
                text, str(path) if path is not None else key, codes, mode, settings.target
            )
            if result.fixed_source is not None and result.fixed_source != text:
                changes[key] = [_replace_all(text, result.fixed_source, encoding)]
        else:
            notebook = self.workspace.get_notebook_document(notebook_uri=key)
            if notebook is None:
                return None
            uris = [cell.document for cell in notebook.cells]
            kinds = ["code" if c.kind == types.NotebookCellKind.Code else "markdown" for c in notebook.cells]
            data = {
                "cells": [
                    {"cell_type": k, "metadata": {}, "source": linted.texts[u]}
                    for u, k in zip(uris, kinds, strict=True)
                ],
                "metadata": {},
                "nbformat": 4,
                "nbformat_minor": 5,
            }
            result = api.check_source(
                json.dumps(data, indent=1), "notebook.ipynb", codes, mode, settings.target
            )
            if result.fixed_source is None:
                return None
            fixed = json.loads(result.fixed_source)["cells"]
            for uri, cell in zip(uris, fixed, strict=True):
                source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                if source != linted.texts[uri]:
                    changes[uri] = [_replace_all(linted.texts[uri], source, encoding)]
        if not changes:
            return None
        return types.CodeAction(
            title="tfvarfix: fix all auto-fixable problems",
            kind=FIX_ALL,
            edit=types.WorkspaceEdit(changes=changes),
        )


def _wants(only: Sequence[str] | None, kind: str) -> bool:
    if not only:
        return True
    return any(kind == want or kind.startswith(want + ".") for want in only)


def _lines_of_module(path: str) -> list[str]:
    """The lines of a project module as the analysis read it (its open buffer, else the disk)."""
    from tfvarfix.semantics.project import current_text

    return lines_of(current_text(Path(path)) or "")


def _replace_all(old: str, new: str, encoding: str) -> types.TextEdit:
    lines = lines_of(old)
    end = types.Position(line=len(lines) - 1, character=units(lines[-1], encoding))
    return types.TextEdit(range=types.Range(start=types.Position(line=0, character=0), end=end), new_text=new)


def _zero_range() -> Any:
    from tfvarfix.types import Range

    return Range(Position(1, 0), Position(1, 0))


def _is_config(uri: str) -> bool:
    return any(uri.endswith("/" + name) for name in CONFIG_NAMES)


# ---------------------------------------------------------------------------------------- features
def build() -> TfvarfixServer:
    server = TfvarfixServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: TfvarfixServer, params: types.InitializeParams) -> None:
        ls.configure(params.initialization_options)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: TfvarfixServer, params: types.InitializedParams) -> None:
        watch = ls.client_capabilities.workspace
        dynamic = watch is not None and watch.did_change_watched_files is not None
        if dynamic and watch is not None and watch.did_change_watched_files is not None:
            if not watch.did_change_watched_files.dynamic_registration:
                return
            options = types.DidChangeWatchedFilesRegistrationOptions(
                watchers=[
                    *(types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES),
                    types.FileSystemWatcher(glob_pattern="**/*.py"),  # modules that open files import
                ]
            )
            registration = types.Registration(
                id="tfvarfix-config",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=options,
            )
            try:
                await ls.client_register_capability_async(
                    types.RegistrationParams(registrations=[registration])
                )
            except Exception:  # the client may refuse; saving a config in the editor still reloads it
                LOG.info("tfvarfix: the client did not accept the file watcher")

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TfvarfixServer, params: types.DidOpenTextDocumentParams) -> None:
        if _is_config(params.text_document.uri):
            return
        ls.buffer_changed(params.text_document.uri)
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TfvarfixServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _is_config(uri):
            return
        ls.buffer_changed(uri)
        ls.schedule(ls.owner(uri), ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: TfvarfixServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _is_config(uri):
            reload(ls)
            return
        ls.schedule(ls.owner(uri), 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TfvarfixServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.clear(params.text_document.uri)
        ls.buffer_changed(params.text_document.uri, closed=True)  # the disk's text again, for its importers

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    def notebook_open(ls: TfvarfixServer, params: types.DidOpenNotebookDocumentParams) -> None:
        ls.schedule(params.notebook_document.uri, 0)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def notebook_change(ls: TfvarfixServer, params: types.DidChangeNotebookDocumentParams) -> None:
        ls.schedule(params.notebook_document.uri, ls.debounce)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
    def notebook_save(ls: TfvarfixServer, params: types.DidSaveNotebookDocumentParams) -> None:
        ls.schedule(params.notebook_document.uri, 0)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def notebook_close(ls: TfvarfixServer, params: types.DidCloseNotebookDocumentParams) -> None:
        ls.clear(params.notebook_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: TfvarfixServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(_is_config(change.uri) for change in params.changes):
            reload(ls)
            return
        for change in params.changes:  # a module changed on disk: the open files that import it
            path_text = to_fs_path(change.uri)
            if path_text and path_text.endswith(".py"):
                ls.file_changed(Path(path_text), change.type != types.FileChangeType.Changed)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration(ls: TfvarfixServer, params: types.DidChangeConfigurationParams) -> None:
        settings = params.settings
        if isinstance(settings, dict):
            ls.configure(settings.get("tfvarfix", settings))
            reload(ls)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL]
        ),
    )
    def code_action(ls: TfvarfixServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        try:
            return ls.code_actions(params)
        except Exception:
            LOG.exception("tfvarfix: code actions failed")
            return []

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: TfvarfixServer, *args: Any) -> None:
        for task in list(ls.pending.values()):
            task.cancel()
        ls.pending.clear()

    return server


def reload(ls: TfvarfixServer) -> None:
    """A config file changed: forget the cached settings and check every open document again."""
    ls.forget_config()
    cells = {c.document for nb in ls.workspace.notebook_documents.values() for c in nb.cells}
    for uri in list(ls.workspace.text_documents):
        if uri not in cells and not _is_config(uri):
            ls.schedule(uri, 0)
    for uri in list(ls.workspace.notebook_documents):
        ls.schedule(uri, 0)


# How often the analysis thread hands the interpreter lock to the event loop (CPython's default is 5 ms). The
# loop reads and decodes each `didChange` in many short steps, each waiting for the lock: at 5 ms, a typing
# burst's changes reached the server up to 190 ms late behind a running analysis, which then analysed an old
# text (measured, bench/lsp_latency.py: burst 436 -> 270 ms at 0.5 ms, single edits unchanged).
SWITCH_INTERVAL_S = 0.0005


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    server = build()
    server.start_io()


__all__ = ["TfvarfixServer", "build", "main"]
