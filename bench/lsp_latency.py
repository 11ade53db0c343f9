"""Editor latency and memory of `tfvarfix server`, measured as an editor sees them.

    python bench/lsp_latency.py                           # 2,000-line file, defaults below
    python bench/lsp_latency.py --lines 2000 --single 30 --bursts 15 --session-edits 3600
    python bench/lsp_latency.py --save /tmp/big.py        # keep the file, then compare another copy on it:
    PYTHONPATH=/tmp/old-tfvarfix python bench/lsp_latency.py --file /tmp/big.py

The real server (`python -m tfvarfix server`) runs as a subprocess, driven over stdio by pygls's language
client with the server's default settings (no `initializationOptions`), so what is measured is what an editor
gets: any debounce or scheduling the server does is part of the figure.

The file: the repository's own TF/Keras test files (testdata/*/bad*.py and good*.py, then examples/*.py),
concatenated in a fixed order until `--lines` lines (`from __future__` lines dropped, files that Python does
not accept skipped), so it is real code with real findings. `--synthetic` uses a generated module instead.

Three figures:
1. single edits: `--single` times, one line is edited (`didChange`, full text) while the server is idle, and
   the time from sending it to the `publishDiagnostics` for that version is recorded; median, p90, max.
2. typing bursts: `--bursts` times, `--burst` changes are sent `--gap` seconds apart (keystrokes); the figure is
   the time from the last change to the diagnostics for its version; median, p90, max.
3. memory over a simulated hour: an hour of typing is taken as 3,600 edits (one a second), sent in bursts of
   `--burst` keystrokes `--gap` apart, each burst waiting for its diagnostics. Every edit inserts a character
   or a line somewhere in the file, so every analysis sees new text. The server's resident memory (VmRSS from
   /proc) is read after the first analysis and every 600 edits.

A diagnostics notification counts for a version only when it says that version (LSP `version`), so results of
an older text published late are not mistaken for the answer.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parents[1]

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


def synthetic(lines: int) -> str:
    parts = ["import numpy as np\nimport tensorflow as tf\nfrom tensorflow import keras\n"]
    i = 0
    while sum(p.count("\n") for p in parts) < lines:
        parts.append(BLOCK.format(i=i, units=8 + i % 5))
        i += 1
    return "\n".join("".join(parts).split("\n")[:lines]) + "\n"


def from_repository(lines: int) -> str:
    """The repository's test files concatenated (each whole), until `lines` lines."""
    files = sorted(REPO.glob("testdata/*/bad*.py")) + sorted(REPO.glob("testdata/*/good*.py"))
    files += sorted(REPO.glob("examples/*.py"))
    parts: list[str] = []
    count = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        if engine_exempt(text):
            continue  # a file-level exemption would exempt the whole concatenation
        kept = "".join(line for line in text.splitlines(True) if not line.startswith("from __future__"))
        try:
            ast.parse(kept)
        except SyntaxError:
            continue
        parts.append(kept if kept.endswith("\n") else kept + "\n")
        count += kept.count("\n") + 1
        if count >= lines:
            break
    return "\n".join(parts)


def engine_exempt(text: str) -> bool:
    """`# tfvarfix: noqa` on a line of its own (the file-level exemption)."""
    return any(line.strip().replace(" ", "").lower() == "#tfvarfix:noqa" for line in text.splitlines())


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return -1


def summary(name: str, seconds: list[float]) -> str:
    ms = sorted(x * 1000 for x in seconds)
    return (
        f"{name}: median {statistics.median(ms):.0f} ms, min {ms[0]:.0f}, "
        f"p90 {ms[min(len(ms) - 1, int(len(ms) * 0.9))]:.0f}, max {ms[-1]:.0f} ms ({len(ms)} samples)"
    )


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("bench", "1")
        self.versions: dict[int, float] = {}
        self.arrived = asyncio.Event()
        self.count = 0
        self.published = 0


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--single", type=int, default=30, help="single edits (idle between)")
    parser.add_argument("--bursts", type=int, default=15, help="typing bursts timed")
    parser.add_argument("--burst", type=int, default=10, help="changes per burst")
    parser.add_argument("--gap", type=float, default=0.02, help="seconds between changes in a burst")
    parser.add_argument("--session-edits", type=int, default=3600, help="edits in the simulated hour")
    parser.add_argument("--synthetic", action="store_true", help="a generated module, not the test files")
    parser.add_argument("--file", type=Path, help="open this file instead (to compare runs on the same text)")
    parser.add_argument("--save", type=Path, help="write the file opened here, for a later --file")
    args = parser.parse_args()

    client = Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        client.published += 1
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
    if args.file is not None:
        text = args.file.read_text(encoding="utf-8")
    else:
        text = synthetic(args.lines) if args.synthetic else from_repository(args.lines)
    if args.save is not None:
        args.save.write_text(text, encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    await client.start_io(sys.executable, "-m", "tfvarfix", "server", cwd=str(folder))
    server = client._server
    assert server is not None
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=folder.as_uri())
    )
    client.initialized(types.InitializedParams())
    opened = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)
        )
    )
    await until(1)
    print(
        f"file: {text.count(chr(10))} lines, {len(text):,} characters, {client.count} findings; "
        f"first diagnostics {(client.versions[1] - opened) * 1000:.0f} ms after didOpen"
    )

    def change(version: int, new: str) -> None:
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=new)],
            )
        )

    version = 1
    lines = text.split("\n")
    single: list[float] = []
    for n in range(args.single):
        await asyncio.sleep(0.3)  # idle: whatever the server had to do is done
        at = 10 + (n * 37) % (len(lines) - 20)
        edited = [*lines[:at], f"# edit {n}", *lines[at:]] if n % 2 == 0 else lines
        version += 1
        sent = time.perf_counter()
        change(version, "\n".join(edited))
        single.append(await until(version) - sent)
    print(summary("single edit, didChange -> diagnostics", single))

    bursts: list[float] = []
    current = list(lines)
    for n in range(args.bursts):
        await asyncio.sleep(0.5)
        at = 10 + (n * 53) % (len(current) - 20)
        current.insert(at, "")
        for k in range(args.burst):
            current[at] = "# typing " + "x" * k
            version += 1
            change(version, "\n".join(current))
            sent = time.perf_counter()
            if k < args.burst - 1:
                await asyncio.sleep(args.gap)
        bursts.append(await until(version) - sent)
    print(
        summary(
            f"typing burst ({args.burst} changes {args.gap * 1000:.0f} ms apart), last change -> its diagnostics",
            bursts,
        )
    )

    await asyncio.sleep(0.5)
    start_rss = rss_kib(server.pid)
    print(f"RSS before the simulated hour: {start_rss / 1024:.1f} MiB")
    started = time.perf_counter()
    published = client.published
    edits = 0
    while edits < args.session_edits:
        for _ in range(args.burst):
            at = 10 + (edits * 53) % (len(current) - 20)
            if edits % 7 == 0:  # a comment line, indented like the line it goes before: still valid code
                current.insert(at, current[at][: len(current[at]) - len(current[at].lstrip())] + "# note")
            else:
                current[at] = current[at] + " " if not current[at].endswith("  ") else current[at].rstrip()
            edits += 1
            version += 1
            change(version, "\n".join(current))
            await asyncio.sleep(args.gap)
        await until(version)
        if edits % 600 < args.burst:
            print(
                f"  {edits:>5} edits ({time.perf_counter() - started:.0f} s): RSS {rss_kib(server.pid) / 1024:.1f} MiB"
            )
    end_rss = rss_kib(server.pid)
    print(
        f"simulated hour: {edits} edits in {time.perf_counter() - started:.0f} s, "
        f"{client.published - published} diagnostics notifications, file now {len(current)} lines; "
        f"RSS start {start_rss / 1024:.1f} MiB, end {end_rss / 1024:.1f} MiB"
    )
    await client.shutdown_async(None)
    client.exit(None)
    await server.wait()
    await client.stop()


if __name__ == "__main__":
    asyncio.run(main())
