"""The server's scheduler, in process: analysis at once when idle, one in flight per document, changes made
meanwhile coalesced into one re-run on the latest text (the analysis in flight told to stop), and stale results
never published."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Any

import pytest

from tfvarfix import api
from tfvarfix.lsp.incremental import IncrementalParser, check
from tfvarfix.lsp.server import Linted, TfvarfixServer
from tfvarfix.semantics.interp import Cancelled
from tfvarfix.types import DEFAULT_TARGET

URI = "file:///work/model.py"
ROOT = Path(__file__).resolve().parents[1]


class Harness:
    """A server whose analysis is a stub that blocks until released, over a buffer held here."""

    def __init__(self) -> None:
        self.server = TfvarfixServer()
        self.text = "v1"
        self.analyzed: list[str] = []
        self.published: list[str] = []
        self.started = threading.Semaphore(0)
        self.release = threading.Semaphore(0)
        self.in_flight = 0
        self.most_in_flight = 0
        self.cancels: list[Any] = []  # the cancel callback each analysis got
        lock = threading.Lock()

        def snapshot(key: str) -> tuple[str, dict[str, str], None]:
            return key, {key: self.text}, None

        def analyze(key: str, texts: dict[str, str], cells: Any, cancel: Any = None) -> Linted:
            self.cancels.append(cancel)
            with lock:
                self.in_flight += 1
                self.most_in_flight = max(self.most_in_flight, self.in_flight)
            self.analyzed.append(texts[key])
            self.started.release()
            self.release.acquire(timeout=10)
            with lock:
                self.in_flight -= 1
            return Linted(dict(texts))

        def publish(key: str, linted: Linted) -> None:
            self.published.append(linted.texts[key])

        self.server.snapshot = snapshot  # type: ignore[method-assign]
        self.server.analyze = analyze  # type: ignore[method-assign]
        self.server.publish = publish  # type: ignore[method-assign]
        self.server.opened = lambda: {URI}  # type: ignore[method-assign]

    def change(self, text: str) -> None:
        self.text = text
        self.server.schedule(URI)

    async def started_analysis(self) -> None:
        assert await asyncio.to_thread(self.started.acquire, True, 10), "no analysis started"

    async def idle(self) -> None:
        for _ in range(500):
            if URI not in self.server.pending:
                return
            await asyncio.sleep(0.01)
        raise AssertionError("the scheduler did not settle")


def test_idle_document_is_analyzed_at_once() -> None:
    async def scenario() -> None:
        h = Harness()
        h.change("v1")
        await h.started_analysis()  # no quiet period: it starts without waiting for a debounce
        assert h.analyzed == ["v1"]
        h.release.release()
        await h.idle()
        assert h.published == ["v1"]

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_changes_during_an_analysis_coalesce_into_one_run_on_the_latest_text() -> None:
    async def scenario() -> None:
        h = Harness()
        h.change("v1")
        await h.started_analysis()
        for n in range(2, 11):  # a typing burst while v1 is analyzed
            h.change(f"v{n}")
            await asyncio.sleep(0)
        h.release.release()  # v1 ends: stale, not published; one more run, on v10
        await h.started_analysis()
        h.release.release()
        await h.idle()
        assert h.analyzed == ["v1", "v10"]
        assert h.published == ["v10"]
        assert h.most_in_flight == 1
        assert [c() for c in h.cancels] == [True, False]  # v1's analysis was told to stop, v10's was not

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_a_stale_result_is_never_published_even_when_changes_keep_coming() -> None:
    async def scenario() -> None:
        h = Harness()
        h.change("v1")
        for n in range(2, 6):  # every analysis is overtaken by a change before it ends
            await h.started_analysis()
            h.change(f"v{n}")
            h.release.release()
        await h.started_analysis()
        assert h.published == []
        h.release.release()
        await h.idle()
        assert h.analyzed == ["v1", "v2", "v3", "v4", "v5"]
        assert h.published == ["v5"]
        assert h.most_in_flight == 1

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_an_error_in_analysis_is_logged_and_the_next_change_is_analyzed() -> None:
    async def scenario() -> None:
        h = Harness()
        calls = 0
        real = h.server.analyze

        def failing(key: str, texts: dict[str, str], cells: Any, cancel: Any = None) -> Linted:
            nonlocal calls
            calls += 1
            if calls == 1:
                raise RuntimeError("a bug of ours")
            return real(key, texts, cells, cancel)

        h.server.analyze = failing  # type: ignore[method-assign]
        h.change("v1")
        await h.idle()
        assert h.published == []
        h.change("v2")
        await h.started_analysis()
        h.release.release()
        await h.idle()
        assert h.published == ["v2"]

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_a_change_stops_the_analysis_in_flight_which_publishes_nothing() -> None:
    """The real analysis polls its cancel callback; here a stub polls it as the interpreter does, so the burst's
    last change waits for one analysis, not for the stale one to run to its end first."""

    async def scenario() -> None:
        h = Harness()
        stopped = threading.Event()

        def polling(key: str, texts: dict[str, str], cells: Any, cancel: Any = None) -> Linted:
            h.analyzed.append(texts[key])
            h.started.release()
            for _ in range(1000):  # a long analysis, polling
                if cancel is not None and cancel():
                    stopped.set()
                    raise Cancelled
                if h.release.acquire(timeout=0.01):
                    return Linted(dict(texts))
            raise AssertionError("never released nor cancelled")

        h.server.analyze = polling  # type: ignore[method-assign]
        h.change("v1")
        await h.started_analysis()
        h.change("v2")  # never released: only the cancel ends v1's analysis
        await h.started_analysis()
        assert stopped.is_set()
        h.release.release()
        await h.idle()
        assert h.analyzed == ["v1", "v2"] and h.published == ["v2"]

    asyncio.run(asyncio.wait_for(scenario(), 30))


def test_the_real_analysis_stops_when_told() -> None:
    text = (ROOT / "testdata" / "TFV101" / "bad.py").read_text(encoding="utf-8")
    codes = api.all_codes()
    polls = 0

    def cancel_at_the_third_poll() -> bool:
        nonlocal polls
        polls += 1
        return polls >= 3

    with pytest.raises(Cancelled):
        check(text, "m.py", codes, DEFAULT_TARGET, IncrementalParser(), cancel=cancel_at_the_third_poll)
    assert polls == 3
    parser = IncrementalParser()  # a cancel that never fires changes nothing
    got = check(text, "m.py", codes, DEFAULT_TARGET, parser, cancel=lambda: False)
    assert got == api.check_source(text, "m.py", codes).diagnostics and got
