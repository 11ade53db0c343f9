"""The one API under every client: the CLI, pre-commit, the editor server and verify call these functions.

`check_source` checks text in memory; `check_file` reads, checks and (with `write`) fixes one file;
`check_paths` discovers files under paths, applies each file's configuration, and yields results in
discovery order, optionally over a pool of processes. Nothing here prints, and nothing raises on bad input:
a file that cannot be read, decoded or parsed yields a result with one TFV00x diagnostic.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tfvarfix.engine import (
    INTERNAL_ERROR,
    UNREADABLE,
    check_text,
    file_diagnostic,
    file_is_exempt,
    mentions_tensorflow,
)
from tfvarfix.rule import Rule, registry
from tfvarfix.source import DecodeError, SourceText, decode
from tfvarfix.types import Diagnostic, FileResult, FileStatus

FIX_FAILED_CONFLICT = ("TFV003", "fix-failed")


@dataclass(frozen=True)
class FixMode:
    """What to do with fixes: `apply` computes them; `write` puts them on disk (False for --diff)."""

    apply: bool = False
    unsafe: bool = False
    write: bool = False


def rules_for(codes: frozenset[str]) -> list[type[Rule]]:
    return _rules_for(codes)


@lru_cache(maxsize=64)
def _rules_for(codes: frozenset[str]) -> list[type[Rule]]:
    return registry().select(codes)


def all_codes() -> frozenset[str]:
    return frozenset(registry().rules)


def check_source(
    text: str, path: str, codes: frozenset[str] | None = None, mode: FixMode = FixMode()
) -> FileResult:
    """Check (and with `mode.apply`, fix in memory) source text; `path` is only a label."""
    selected = all_codes() if codes is None else codes
    if not mentions_tensorflow(text) or file_is_exempt(text):
        return FileResult(path, (), FileStatus.SKIPPED, source=text)
    try:
        outcome = check_text(text, rules_for(selected), fix=mode.apply, unsafe=mode.unsafe)
    except Exception as error:  # a bug of ours must not take the run down
        return FileResult(path, (_internal_error(error),), FileStatus.FAILED, source=text)
    status = FileStatus.FAILED if any(d.code == "TFV001" for d in outcome.diagnostics) else FileStatus.CHECKED
    return FileResult(
        path,
        outcome.diagnostics,
        status,
        source=text,
        fixed_source=outcome.text if outcome.text != text else None,
        applied_fixes=tuple(outcome.applied),
        notes=tuple(outcome.notes),
    )


def check_file(path: Path, codes: frozenset[str] | None = None, mode: FixMode = FixMode()) -> FileResult:
    """Read, check and (with `mode.write`) fix one file on disk, atomically, keeping encoding, BOM and newlines."""
    label = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return _unreadable(label, error.strerror or str(error))
    if b"tensorflow" not in data and b"keras" not in data:
        return FileResult(label, (), FileStatus.SKIPPED)
    try:
        source = decode(data)
    except DecodeError as error:
        return _unreadable(label, str(error))
    result = check_source(source.text, label, codes, mode)
    if mode.write and result.changed and result.fixed_source is not None:
        return _write(path, data, source, result)
    return result


def _write(path: Path, original: bytes, source: SourceText, result: FileResult) -> FileResult:
    from tfvarfix.fixes import WriteConflict, write_atomic

    assert result.fixed_source is not None
    try:
        write_atomic(path, source.encode(result.fixed_source), expected=original)
    except (WriteConflict, OSError) as error:
        note = str(error) if isinstance(error, WriteConflict) else f"cannot write {path}: {error}"
        conflict = file_diagnostic(FIX_FAILED_CONFLICT, note)
        return FileResult(
            result.path,
            (*result.diagnostics, conflict),
            result.status,
            source=result.source,
            notes=(*result.notes, note),
        )
    return result


def _unreadable(label: str, reason: str) -> FileResult:
    return FileResult(label, (file_diagnostic(UNREADABLE, f"cannot read file: {reason}"),), FileStatus.FAILED)


def _internal_error(error: BaseException) -> Diagnostic:
    return file_diagnostic(
        INTERNAL_ERROR, f"internal error ({type(error).__name__}: {error}); please report this file"
    )


# ------------------------------------------------------------------------------------------ many files
@dataclass(frozen=True)
class Job:
    path: Path
    codes: frozenset[str]
    error: str | None = None
    unsafe_fixes: bool = False  # from the file's configuration (flags already merged)


@dataclass
class RunSettings:
    """What `check_paths` needs beyond the paths: configuration overrides and how to fix."""

    mode: FixMode = FixMode()
    config: Path | None = None
    overrides: object | None = None  # config.Overrides
    force_exclude: bool = False


def plan(paths: Sequence[Path], settings: RunSettings) -> Iterator[Job]:
    """Discover the files under `paths` with the codes that apply to each (config per nearest pyproject)."""
    from tfvarfix import config as config_module
    from tfvarfix.discovery import discover

    overrides = settings.overrides if settings.overrides is not None else config_module.Overrides()
    known = all_codes()
    cache: dict[Path | None, config_module.Settings] = {}

    def settings_for(path: Path) -> config_module.Settings:
        source = settings.config if settings.config is not None else config_module.find_config(path)
        if source not in cache:
            cache[source] = config_module.load_settings(source, overrides, known)  # type: ignore[arg-type]
        return cache[source]

    for found in discover(list(paths), settings_for, force_exclude=settings.force_exclude):
        if found.error is not None:
            yield Job(found.path, frozenset(), found.error)
            continue
        file_settings = settings_for(found.path)
        yield Job(found.path, file_settings.codes_for(found.path), None, file_settings.unsafe_fixes)


def run_job(job: Job, mode: FixMode) -> FileResult:
    if job.error is not None:
        return _unreadable(str(job.path), job.error)
    if job.unsafe_fixes and not mode.unsafe:
        mode = FixMode(apply=mode.apply, unsafe=True, write=mode.write)
    try:
        return check_file(job.path, job.codes, mode)
    except Exception as error:
        return FileResult(str(job.path), (_internal_error(error),), FileStatus.FAILED)


def check_paths(jobs: Sequence[Job], mode: FixMode, processes: int = 1) -> Iterator[FileResult]:
    """Results for `jobs`, in their order; with `processes > 1` over a process pool (same results)."""
    if processes <= 1 or len(jobs) < 2:
        for job in jobs:
            yield run_job(job, mode)
        return
    from concurrent.futures import ProcessPoolExecutor

    workers = min(processes, len(jobs), os.cpu_count() or 1)
    chunk = max(1, min(16, len(jobs) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(run_job, jobs, [mode] * len(jobs), chunksize=chunk)
