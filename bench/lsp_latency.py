"""Editor latency and memory of `tfvarfix server`, measured as an editor sees them.

    python bench/lsp_latency.py                      # 2,000-line file, 40 timed changes, 3,600-edit session
    python bench/lsp_latency.py --lines 2000 --changes 40 --session-edits 3600 --burst 10

Latency: the real server runs as a subprocess, driven over stdio by pygls's client. A 2,000-line Keras module
(functions that build models, with findings) is opened; then, `--changes` times, one line is edited
(`didChange`, full text) and the time until the `publishDiagnostics` for that version arrives is recorded.
The server's debounce is set to 0 for this, so the figure is the analysis and the round trip; in an editor
the debounce (`DEBOUNCE_S`, 0.25 s by default, `initializationOptions.debounce`) comes on top.

Memory: a simulated hour of editing, with time compressed. An hour of typing is taken as 3,600 edits (one a
second). They are sent in bursts of `--burst` keystrokes 20 ms apart (under the debounce, so each burst is one
analysis, as in an editor), each burst waiting for its diagnostics, with the default debounce. Every edit
inserts a character or a line somewhere in the file, so every analysis sees new text. The server's resident
memory (VmRSS from /proc) is read after the first analysis and every 600 edits.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

BLOCK = """

def build_{i}(units={units}):
    inputs = keras.Input((10, 8))
    lstm = keras.layers.LSTM(units, name="lstm_{i}")
    hidden = keras.layers.Dense(units, activation="relu", name="hidden_{i}")
    outputs = keras.layers.Dense(1)(hidden(lstm(inputs)))
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="mse")
    kernel = lstm.kernel
    scale = tf.Variable(np.ones(({units},), "float32"), name="hidden_{i}/bias")
    for step in range(3):
        model.train_on_batch(np.zeros((2, 10, 8), "float32"), np.zeros((2, 1), "float32"))
    return model, kernel, scale
"""


def module(lines: int, clean: bool = False) -> str:
    block = BLOCK
    if clean:  # the same code without the two bugs per function: what most files look like
        block = block.replace("lstm.kernel", "lstm.cell.kernel").replace(
            'name="hidden_{i}/bias"', 'name="scale"'
        )
    parts = ["import numpy as np\nimport tensorflow as tf\nfrom tensorflow import keras\n"]
    i = 0
    while sum(p.count("\n") for p in parts) < lines:
        parts.append(block.format(i=i, units=8 + i % 5))
        i += 1
    text = "".join(parts)
    return "\n".join(text.split("\n")[:lines]) + "\n"


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return -1


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("bench", "1")
        self.versions: dict[int, float] = {}
        self.arrived = asyncio.Event()
        self.count = 0


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--session-edits", type=int, default=3600)
    parser.add_argument("--burst", type=int, default=10)
    parser.add_argument(
        "--clean", action="store_true", help="a file without findings (default: 2 per function)"
    )
    args = parser.parse_args()

    client = Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            client.versions[params.version] = time.perf_counter()
            client.count = len(params.diagnostics)
            client.arrived.set()

    async def until(version: int) -> float:
        while version not in client.versions:
            client.arrived.clear()
            await asyncio.wait_for(client.arrived.wait(), 120)
        return client.versions[version]

    folder = Path(tempfile.mkdtemp(prefix="tfvarfix-bench-"))
    path = folder / "big_model.py"
    text = module(args.lines, args.clean)
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    await client.start_io(sys.executable, "-m", "tfvarfix", "server", cwd=str(folder))
    server = client._server
    assert server is not None
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=folder.as_uri(),
            initialization_options={"debounce": 0},
        )
    )
    client.initialized(types.InitializedParams())
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)
        )
    )
    await until(1)
    print(f"file: {text.count(chr(10))} lines, {len(text):,} characters, {client.count} findings")

    def change(version: int, new: str) -> None:
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=new)],
            )
        )

    version = 1
    lines = text.split("\n")
    latencies: list[float] = []
    for n in range(args.changes):
        at = 10 + (n * 37) % (len(lines) - 20)
        edited = [*lines[:at], f"    # edit {n}", *lines[at:]] if n % 2 else lines
        version += 1
        sent = time.perf_counter()
        change(version, "\n".join(edited))
        latencies.append(await until(version) - sent)
    ms = sorted(x * 1000 for x in latencies)
    print(
        f"didChange -> diagnostics, debounce 0, {len(ms)} changes: median {statistics.median(ms):.0f} ms, "
        f"min {ms[0]:.0f}, p90 {ms[int(len(ms) * 0.9)]:.0f}, max {ms[-1]:.0f} ms"
    )

    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"tfvarfix": {"debounce": 0.25}})
    )
    await asyncio.sleep(0.5)
    print(f"RSS after open and {args.changes} changes: {rss_kib(server.pid) / 1024:.1f} MiB")
    started = time.perf_counter()
    current = list(lines)
    edits = 0
    while edits < args.session_edits:
        for _ in range(args.burst):
            at = 10 + (edits * 53) % (len(current) - 20)
            if edits % 7 == 0:
                current.insert(at, "    x = 1")
            else:
                current[at] = current[at] + " " if not current[at].endswith("  ") else current[at].rstrip()
            edits += 1
            version += 1
            change(version, "\n".join(current))
            await asyncio.sleep(0.02)
        await until(version)
        if edits % 600 < args.burst:
            print(
                f"  {edits:>5} edits ({time.perf_counter() - started:.0f} s): RSS {rss_kib(server.pid) / 1024:.1f} MiB"
            )
    print(
        f"session: {edits} edits in {time.perf_counter() - started:.0f} s, file now {len(current)} lines; "
        f"RSS {rss_kib(server.pid) / 1024:.1f} MiB"
    )
    await client.shutdown_async(None)
    client.exit(None)
    await server.wait()
    await client.stop()


if __name__ == "__main__":
    asyncio.run(main())
