"""End to end: the real `tfvarfix server` in a subprocess, driven by pygls's language client over stdio."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

BAD = "import tensorflow as tf\nlstm = tf.keras.layers.LSTM(4)\nlstm.build((None, 2, 3))\nk = lstm.kernel\n"
DETACHED = (
    "import numpy as np\nimport tensorflow as tf\nfrom tensorflow import keras\n"
    'inputs = keras.Input((4,))\nhidden = keras.layers.Dense(3, name="hidden")\n'
    "model = keras.Model(inputs, hidden(inputs))\n"
    'bias = tf.Variable(np.full((3,), 0.5, "float32"), name="hidden/bias")\n'
)
TIMEOUT = 30.0


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("test-client", "1")
        self.published: dict[str, list[types.Diagnostic]] = {}
        self.changed = asyncio.Condition()

    async def diagnostics(
        self, uri: str, accept: Callable[[list[types.Diagnostic]], bool] = lambda _: True
    ) -> list[types.Diagnostic]:
        async with self.changed:
            await asyncio.wait_for(
                self.changed.wait_for(lambda: uri in self.published and accept(self.published[uri])), TIMEOUT
            )
            return self.published[uri]


async def start(root: Path, options: dict[str, Any] | None = None) -> Client:
    client = Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    async def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        async with client.changed:
            client.published[params.uri] = list(params.diagnostics)
            client.changed.notify_all()

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def on_register(params: types.RegistrationParams) -> None:
        client.registered = [r.method for r in params.registrations]  # type: ignore[attr-defined]

    await client.start_io(sys.executable, "-m", "tfvarfix", "server", cwd=str(root))
    capabilities = types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
            workspace_folders=True,
        )
    )
    result = await client.initialize_async(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="root")],
            initialization_options={"debounce": 0.05, "maxFileSize": 200_000, **(options or {})},
        )
    )
    assert result.server_info is not None and result.server_info.name == "tfvarfix"
    client.initialized(types.InitializedParams())
    return client


async def stop(client: Client) -> int:
    await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
    client.exit(None)
    server = client._server
    assert server is not None
    code = await asyncio.wait_for(server.wait(), TIMEOUT)
    await client.stop()
    return code


def run(test: Callable[[], Coroutine[Any, Any, None]]) -> None:
    asyncio.run(test())


def open_doc(client: Client, path: Path, text: str, version: int = 1) -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="python", version=version, text=text)
        )
    )
    return uri


def change(client: Client, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 columns; the texts here are ASCII on the edited lines)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)

    def offset(p: types.Position) -> int:
        return min(offsets[min(p.line, len(lines))] + p.character, len(text))

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def actions(
    client: Client, uri: str, line: int, only: list[str] | None = None
) -> list[types.CodeAction]:
    got = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(
                start=types.Position(line=line, character=0), end=types.Position(line=line, character=0)
            ),
            context=types.CodeActionContext(diagnostics=[], only=only),
        )
    )
    return [a for a in got or [] if isinstance(a, types.CodeAction)]


# --------------------------------------------------------------------------------------------- tests
def test_diagnostics_quick_fix_and_clean_shutdown(tmp_path: Path) -> None:
    async def scenario() -> None:
        client = await start(tmp_path)
        uri = open_doc(client, tmp_path / "model.py", BAD)
        found = await client.diagnostics(uri, bool)
        assert [(d.code, d.range.start.line, d.range.start.character, d.source) for d in found] == [
            ("TFV103", 3, 4, "tfvarfix")
        ]
        assert found[0].severity == types.DiagnosticSeverity.Error
        assert found[0].code_description is not None
        assert found[0].code_description.href.endswith("/rule_pages/TFV103.md")
        assert found[0].data["fix"]["safety"] == "safe"
        offered = await actions(client, uri, 3)
        titles = [a.title for a in offered]
        assert titles == [
            "tfvarfix (TFV103): Insert `.cell`",
            "tfvarfix: ignore TFV103 for this line (# noqa: TFV103)",
            "tfvarfix: fix all auto-fixable problems",
        ]
        assert offered[2].kind == "source.fixAll.tfvarfix"
        quick = offered[0].edit
        assert quick is not None and quick.changes is not None
        fixed = apply(BAD, list(quick.changes[uri]))
        assert fixed.endswith("k = lstm.cell.kernel\n")
        change(client, uri, fixed, 2)
        assert await client.diagnostics(uri, lambda d: not d) == []
        assert await stop(client) == 0

    run(scenario)


def test_noqa_action_adds_and_merges(tmp_path: Path) -> None:
    async def scenario() -> None:
        client = await start(tmp_path)
        text = BAD.replace("lstm.kernel\n", "lstm.kernel  # noqa: E501\n")
        uri = open_doc(client, tmp_path / "noqa.py", text)
        await client.diagnostics(uri, bool)
        noqa = [a for a in await actions(client, uri, 3) if "ignore" in a.title]
        assert noqa[0].edit is not None and noqa[0].edit.changes is not None
        merged = apply(text, list(noqa[0].edit.changes[uri]))
        assert merged.splitlines()[3] == "k = lstm.kernel  # noqa: E501, TFV103"
        change(client, uri, merged, 2)
        assert await client.diagnostics(uri, lambda d: not d) == []
        assert await stop(client) == 0

    run(scenario)


def test_fix_all_and_unsafe_fixes_follow_the_config_file(tmp_path: Path) -> None:
    async def scenario() -> None:
        client = await start(tmp_path)
        for _ in range(300):  # the server registers its watcher after `initialized`, asynchronously
            if "workspace/didChangeWatchedFiles" in getattr(client, "registered", []):
                break
            await asyncio.sleep(0.05)
        assert "workspace/didChangeWatchedFiles" in getattr(client, "registered", [])
        uri = open_doc(client, tmp_path / "detached.py", DETACHED)
        found = await client.diagnostics(uri, bool)
        assert [d.code for d in found] == ["TFV101"] and found[0].data["fix"]["safety"] == "unsafe"
        titles = [a.title for a in await actions(client, uri, 6)]
        assert not any("(unsafe)" in t for t in titles)  # not offered unless configured
        assert await actions(client, uri, 6, [FIX_ALL]) == []
        pyproject = tmp_path / "pyproject.toml"
        pyproject.write_text("[tool.tfvarfix]\nunsafe-fixes = true\n", encoding="utf-8")
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=pyproject.as_uri(), type=types.FileChangeType.Created)]
            )
        )
        await asyncio.sleep(0.3)
        titles = [a.title for a in await actions(client, uri, 6)]
        assert titles[0] == "tfvarfix (TFV101): Set the layer's weight instead (unsafe)"
        fix_all = await actions(client, uri, 6, [FIX_ALL])
        assert len(fix_all) == 1 and fix_all[0].edit is not None and fix_all[0].edit.changes is not None
        fixed = apply(DETACHED, list(fix_all[0].edit.changes[uri]))
        # TFV101's fix assigns the value after the build; fix-all then lets TFV201 move it into the initializer.
        assert (
            "bias = hidden.bias\n" in fixed and "bias_initializer=keras.initializers.Constant(0.5)" in fixed
        )
        # Ignoring the code in the config removes the finding once the config is re-read.
        pyproject.write_text('[tool.tfvarfix]\nignore = ["TFV101"]\n', encoding="utf-8")
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=pyproject.as_uri(), type=types.FileChangeType.Changed)]
            )
        )
        assert await client.diagnostics(uri, lambda d: not d) == []
        assert await stop(client) == 0

    run(scenario)


FIX_ALL = "source.fixAll.tfvarfix"


def test_bad_input_does_not_bring_the_server_down(tmp_path: Path) -> None:
    async def scenario() -> None:
        client = await start(tmp_path, {"maxFileSize": 5_000})
        server = client._server
        assert server is not None and server.stdin is not None
        # Well-framed garbage (a body with a lying Content-Length cannot be resynchronised by any LSP peer).
        for body in (
            b"{garbage}",
            b"\xff\xfe not utf-8",
            b'{"jsonrpc": "2.0", "id": 99, "method": 1}',
            b'{"jsonrpc":"2.0","id":12345,"method":"textDocument/codeAction","params":{"textDocument":3}}',
            b'{"jsonrpc": "2.0", "method": "no/such/method"}',
            b"[1, 2, 3]",
        ):
            server.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        await server.stdin.drain()
        broken = open_doc(client, tmp_path / "broken.py", "import tensorflow as tf\nx = (1,\n")
        found = await client.diagnostics(broken, bool)
        assert [d.code for d in found] == ["TFV001"]
        huge = open_doc(client, tmp_path / "huge.py", BAD + "x = 1\n" * 2_000)
        found = await client.diagnostics(huge, bool)
        assert found[0].severity == types.DiagnosticSeverity.Information and "not checked" in found[0].message
        uri = open_doc(client, tmp_path / "still.py", "x = 'é😀'; " + BAD)
        found = await client.diagnostics(uri, bool)
        assert [(d.range.start.line, d.range.start.character) for d in found] == [(3, 4)]
        first = "x = 'é😀'; import tensorflow as tf"
        change(client, uri, "y = tf.keras.layers.LSTM(4).kernel  # " + first + "\n" + BAD, 2)
        assert server.returncode is None
        assert await stop(client) == 0

    run(scenario)


def test_utf16_columns(tmp_path: Path) -> None:
    async def scenario() -> None:
        client = await start(tmp_path)
        text = BAD.replace("k = lstm.kernel", "k = ('😀', lstm.kernel)")
        uri = open_doc(client, tmp_path / "wide.py", text)
        found = await client.diagnostics(uri, bool)
        # '😀' is one code point but two UTF-16 code units: the column counts it twice.
        assert [(d.range.start.character, d.range.end.character) for d in found] == [
            (11, 22)
        ]  # code points: 10 and 21
        assert await stop(client) == 0

    run(scenario)


def test_notebook_cells_get_their_own_diagnostics(tmp_path: Path) -> None:
    async def scenario() -> None:
        client = await start(tmp_path)
        notebook_uri = (tmp_path / "nb.ipynb").as_uri()
        texts = [
            "%matplotlib inline\nimport tensorflow as tf",
            "lstm = tf.keras.layers.LSTM(4)\nlstm.build((None, 2, 3))",
            "!ls\nk = lstm.kernel",
        ]
        cells = [f"{notebook_uri}#cell{i}" for i in range(3)]
        client.notebook_document_did_open(
            types.DidOpenNotebookDocumentParams(
                notebook_document=types.NotebookDocument(
                    uri=notebook_uri,
                    notebook_type="jupyter-notebook",
                    version=1,
                    cells=[types.NotebookCell(kind=types.NotebookCellKind.Code, document=c) for c in cells],
                ),
                cell_text_documents=[
                    types.TextDocumentItem(uri=c, language_id="python", version=1, text=t)
                    for c, t in zip(cells, texts, strict=True)
                ],
            )
        )
        found = await client.diagnostics(cells[2], bool)
        assert [(d.code, d.range.start.line, d.range.start.character) for d in found] == [("TFV103", 1, 4)]
        assert await client.diagnostics(cells[0]) == []
        offered = await actions(client, cells[2], 1)
        edit = offered[0].edit
        assert edit is not None and edit.changes is not None
        assert apply(texts[2], list(edit.changes[cells[2]])) == "!ls\nk = lstm.cell.kernel"
        assert await stop(client) == 0

    run(scenario)


def test_editing_a_module_rechecks_the_open_files_that_import_it(tmp_path: Path) -> None:
    """`train.py` reads `model.py`: the buffer of an open `model.py` (unsaved) is what it reads, a change there
    re-checks `train.py`, and closing `model.py` goes back to the disk's text."""
    model_text = (
        "from tensorflow import keras\n\n\ndef build():\n"
        '    return keras.Sequential([keras.Input((5, 3)), keras.layers.{layer}(4, name="enc")])\n'
    )
    train_text = (
        "import tensorflow as tf\nfrom model import build\n\nprint(build().get_layer('enc').kernel)\n"
    )

    async def scenario() -> None:
        (tmp_path / "model.py").write_text(model_text.format(layer="LSTM"), encoding="utf-8")
        client = await start(tmp_path)
        train = open_doc(client, tmp_path / "train.py", train_text)
        found = await client.diagnostics(train, bool)
        assert [(d.code, d.range.start.line) for d in found] == [("TFV103", 3)]
        model = (tmp_path / "model.py").as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=model, language_id="python", version=1, text=model_text.format(layer="LSTM")
                )
            )
        )
        change(client, model, model_text.format(layer="Dense"), 2)  # not saved: a Dense has its kernel
        assert await client.diagnostics(train, lambda d: not d) == []
        client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=model))
        )
        found = await client.diagnostics(train, bool)  # the disk still says LSTM
        assert [(d.code, d.range.start.line) for d in found] == [("TFV103", 3)]
        assert await stop(client) == 0

    run(scenario)


def test_a_module_made_on_disk_is_found_by_the_open_files(tmp_path: Path) -> None:
    """`train.py` imports `model`, which does not exist yet; once `model.py` is written and the client says so
    (a watched-file event), the import resolves and `train.py` is checked again with it."""
    train_text = (
        "import tensorflow as tf\nfrom model import build\n\nprint(build().get_layer('enc').kernel)\n"
    )

    async def scenario() -> None:
        client = await start(tmp_path)
        train = open_doc(client, tmp_path / "train.py", train_text)
        assert await client.diagnostics(train) == []
        (tmp_path / "model.py").write_text(
            "from tensorflow import keras\n\n\ndef build():\n"
            '    return keras.Sequential([keras.Input((5, 3)), keras.layers.LSTM(4, name="enc")])\n',
            encoding="utf-8",
        )
        client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[
                    types.FileEvent(uri=(tmp_path / "model.py").as_uri(), type=types.FileChangeType.Created)
                ]
            )
        )
        found = await client.diagnostics(train, bool)
        assert [(d.code, d.range.start.line) for d in found] == [("TFV103", 3)]
        assert await stop(client) == 0

    run(scenario)
