"""A process pool is started only when the work pays for it (api.check_paths): never for a couple of small
files, and, for work that is large enough, it gives what one process gives."""

from __future__ import annotations

import concurrent.futures
from pathlib import Path

import pytest

from tfvarfix import api

ROOT = Path(__file__).resolve().parents[1]


def refuse_pools(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)


def fixtures(tmp_path: Path, count: int) -> list[api.Job]:
    sources = sorted(ROOT.glob("testdata/*/bad*.py"))[:count]
    for number, source in enumerate(sources):
        (tmp_path / f"m{number:02d}.py").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return list(api.plan([tmp_path], api.RunSettings()))


def test_two_small_files_are_checked_without_a_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = fixtures(tmp_path, 2)
    assert len(jobs) == 2 and sum(j.path.stat().st_size for j in jobs) < api.POOL_BYTES_PER_WORKER
    refuse_pools(monkeypatch)
    results = list(api.check_paths(jobs, api.FixMode(), processes=8))
    assert [r.path for r in results] == [str(j.path) for j in jobs]
    assert all(r.diagnostics for r in results)


def test_work_worth_a_pool_gets_one_and_the_same_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = fixtures(tmp_path, 12)
    size = sum(j.path.stat().st_size for j in jobs)
    serial = list(api.check_paths(jobs, api.FixMode(), processes=1))
    monkeypatch.setattr(api, "POOL_BYTES_PER_WORKER", size // 2)  # as if the files were large: two workers
    started: list[int] = []
    real = concurrent.futures.ProcessPoolExecutor

    def recording(*args: object, **kwargs: object) -> concurrent.futures.ProcessPoolExecutor:
        started.append(int(kwargs["max_workers"]))  # type: ignore[call-overload]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", recording)
    pooled = list(api.check_paths(jobs, api.FixMode(), processes=8))
    assert started == [2]
    assert pooled == serial
    monkeypatch.setattr(api, "POOL_BYTES_PER_WORKER", size + 1)  # not worth one
    refuse_pools(monkeypatch)
    assert list(api.check_paths(jobs, api.FixMode(), processes=8)) == serial
