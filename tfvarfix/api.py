"""The one API under every client: the CLI, pre-commit, the editor server and verify call these functions.

`check_source` checks text in memory; `check_file` reads, checks and (with `write`) fixes one file;
`check_paths` discovers files under paths, applies each file's configuration, and yields results in
discovery order, optionally over a pool of processes. Nothing here prints, and nothing raises on bad input:
a file that cannot be read, decoded or parsed yields a result with one TFV00x diagnostic.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from tfvarfix.engine import (
    INTERNAL_ERROR,
    UNREADABLE,
    check_text,
    file_diagnostic,
    file_is_exempt,
)
from tfvarfix.rule import Rule, registry
from tfvarfix.semantics.project import mentions_tensorflow, skipped
from tfvarfix.source import DecodeError, SourceText, decode
from tfvarfix.targets import target_for as target_for  # re-exported: clients key results by it
from tfvarfix.types import DEFAULT_TARGET, Diagnostic, FileResult, FileStatus, Target

if TYPE_CHECKING:  # the cache is loaded only by runs that use it
    from tfvarfix.cache import ResultCache
    from tfvarfix.semantics.project import ProjectIndex

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
    """Every rule code, from the generated table (tests/test_rule_docs.py holds it equal to the registry)."""
    from tfvarfix.rule_table import RULES

    return frozenset(RULES)


def check_source(
    text: str,
    path: str,
    codes: frozenset[str] | None = None,
    mode: FixMode = FixMode(),
    target: Target = DEFAULT_TARGET,
) -> FileResult:
    """Check (and with `mode.apply`, fix in memory) source text; `path` is only a label.

    A label ending in `.ipynb` means `text` is a notebook's JSON (see tfvarfix.notebook). `target` is what the
    configuration says of files that do not say themselves.
    """
    if path.endswith(".ipynb"):
        return _check_notebook(text, path, codes, mode, target)
    return check_python(text, path, codes, mode, target)


def _check_notebook(
    text: str, path: str, codes: frozenset[str] | None, mode: FixMode, target: Target
) -> FileResult:
    """A notebook is checked as one program, its code cells in order (`tfvarfix.notebook` adapts it)."""
    from tfvarfix import notebook as adapter

    try:
        notebook = adapter.Notebook(text)
    except adapter.NotebookError as error:
        return adapter.unreadable(text, path, error)
    program = notebook.program()
    result = check_python(program, path, codes, mode, target)
    unfixed = None
    if result.fixed_source is not None and not adapter.writable(notebook, result.fixed_source):
        unfixed = check_python(program, path, codes, FixMode(), target)
    return adapter.as_notebook_result(notebook, text, program, result, unfixed)


def check_python(
    text: str,
    path: str,
    codes: frozenset[str] | None = None,
    mode: FixMode = FixMode(),
    target: Target = DEFAULT_TARGET,
) -> FileResult:
    """Check (and with `mode.apply`, fix in memory) Python source text; `path` is only a label."""
    selected = all_codes() if codes is None else codes
    if file_is_exempt(text) or not reaches_tensorflow(text, path, target):
        return FileResult(path, (), FileStatus.SKIPPED, source=text)
    try:
        file, project = project_of(path, target)
        outcome = check_text(
            text,
            rules_for(selected),
            fix=mode.apply,
            unsafe=mode.unsafe,
            target=target_for(target, path),
            path=file,
            project=project,
        )
    except Exception as error:  # a bug of ours must not take the run down
        return FileResult(path, (_internal_error(error),), FileStatus.FAILED, source=text)
    status = (
        FileStatus.FAILED
        if any(d.code in ("TFV001", "TFV005") for d in outcome.diagnostics)
        else FileStatus.CHECKED
    )
    return FileResult(
        path,
        outcome.diagnostics,
        status,
        source=text,
        fixed_source=outcome.text if outcome.text != text else None,
        applied_fixes=tuple(outcome.applied),
        notes=tuple(outcome.notes),
        depends=outcome.depends,
    )


def reaches_tensorflow(text: str, label: str, target: Target) -> bool:
    """Whether a file is analysed: it names TensorFlow or Keras, or (imports followed) it imports a project
    module that does, itself or through others."""
    if mentions_tensorflow(text):
        return True
    file, project = project_of(label, target)
    return file is not None and project is not None and project.reaches_tensorflow(file, text)


def project_of(label: str, target: Target) -> tuple[Path | None, ProjectIndex | None]:
    """The file a label names and its project, whose modules it imports are read with it; (None, None) for
    stdin and labels of no file."""
    if not label or label in ("-", "<stdin>") or label.startswith("<") or target.source_roots is None:
        return None, None
    return Path(label), _project_index(target.source_roots)


def forget_project_files() -> None:
    """Files were made or removed: the project indexes look for modules again (the editor server)."""
    from tfvarfix.semantics.project import forget_files

    forget_files()


def _project_index(roots: tuple[str, ...]) -> ProjectIndex:
    from tfvarfix.semantics.project import index_for

    return index_for(roots)


def check_file(
    path: Path,
    codes: frozenset[str] | None = None,
    mode: FixMode = FixMode(),
    data: bytes | None = None,
    target: Target = DEFAULT_TARGET,
) -> FileResult:
    """Read, check and (with `mode.write`) fix one file on disk, atomically, keeping encoding, BOM and newlines.

    `data`: the file's bytes when the caller has already read them (the cache hashes them first)."""
    label = str(path)
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as error:
            return _unreadable(label, error.strerror or str(error))
    if skipped(path, data, target.source_roots):
        return FileResult(label, (), FileStatus.SKIPPED)
    try:
        source = decode(data)
    except DecodeError as error:
        return _unreadable(label, str(error))
    result = check_source(source.text, label, codes, mode, target)
    if mode.write and result.changed and result.fixed_source is not None:
        return _write(path, data, source, result, codes, target)
    return result


def _write(
    path: Path,
    original: bytes,
    source: SourceText,
    result: FileResult,
    codes: frozenset[str] | None = None,
    target: Target = DEFAULT_TARGET,
) -> FileResult:
    from tfvarfix.fixes import WriteConflict, write_atomic

    assert result.fixed_source is not None
    try:
        write_atomic(path, source.encode(result.fixed_source), expected=original)
    except (WriteConflict, OSError) as error:
        note = str(error) if isinstance(error, WriteConflict) else f"cannot write {path}: {error}"
        return _not_written(result, note, codes, target)
    return result


def _not_written(
    result: FileResult, note: str, codes: frozenset[str] | None, target: Target = DEFAULT_TARGET
) -> FileResult:
    """The result of a file whose fixes were computed but not written: the findings of the text on disk (not
    those left after the fixes), and a TFV003 diagnostic saying why nothing was written."""
    assert result.source is not None
    fresh = check_source(result.source, result.path, codes, FixMode(), target)
    conflict = file_diagnostic(FIX_FAILED_CONFLICT, note)
    return replace(fresh, diagnostics=(*fresh.diagnostics, conflict), notes=(*result.notes, note))


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
    write_refused: str | None = None  # why fixes must not be written here (a link out of the given tree)
    target: Target = DEFAULT_TARGET  # what the configuration says of files that do not say


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
    settings_for = config_module.SettingsResolver(all_codes(), overrides, settings.config)  # type: ignore[arg-type]

    trees = _trees(paths) if settings.mode.write else ()
    for found in discover(list(paths), settings_for, force_exclude=settings.force_exclude):
        if found.error is not None:
            yield Job(found.path, frozenset(), found.error)
            continue
        file_settings = settings_for(found.path)
        refused = _link_out_of(found.path, trees) if trees else None
        yield Job(
            found.path,
            file_settings.codes_for(found.path),
            None,
            file_settings.unsafe_fixes,
            refused,
            file_settings.target,
        )


def _trees(paths: Sequence[Path]) -> tuple[Path, ...]:
    """The trees `--fix` may write in: each directory given, and the directory of each file given, resolved."""
    trees: list[Path] = []
    for path in paths:
        absolute = Path(path).absolute()
        trees.append((absolute if absolute.is_dir() else absolute.parent).resolve())
    return tuple(trees)


def _link_out_of(path: Path, trees: Sequence[Path]) -> str | None:
    """Why fixes must not be written to `path`: a symbolic link whose target lies outside every tree given."""
    if not path.is_symlink():
        return None  # a walk enters no linked directory, and a named file's own folder is its tree
    target = path.resolve()
    if any(target.is_relative_to(tree) for tree in trees):
        return None
    return f"{path} is a symbolic link to {target}, outside the paths given; fixes not written"


def run_job(job: Job, mode: FixMode, cache: ResultCache | None = None) -> FileResult:
    """One file's result; with `cache`, through the result cache (check runs only).

    The source text is kept only for a file with diagnostics or fixes (the outputs show it): a large run holds
    no text of the files that are clean, and pool workers do not send it back."""
    if job.error is not None:
        return _unreadable(str(job.path), job.error)
    if job.unsafe_fixes and not mode.unsafe:
        mode = FixMode(apply=mode.apply, unsafe=True, write=mode.write)
    try:
        target = job.target
        if job.write_refused is not None and mode.write:
            result = check_file(job.path, job.codes, replace(mode, write=False), target=target)
            if result.changed:
                result = _not_written(result, job.write_refused, job.codes, target)
        elif cache is not None and not mode.write:
            result = check_cached(cache, job.path, job.codes, mode, target)
        else:
            result = check_file(job.path, job.codes, mode, target=target)
    except Exception as error:
        return FileResult(str(job.path), (_internal_error(error),), FileStatus.FAILED)
    if result.source is not None and not result.diagnostics and result.fixed_source is None:
        result = replace(result, source=None)
    return result


# Source a pool worker must get to pay for itself: checking runs at roughly 0.5 MB/s of TF/Keras source per core
# (parse, facts, rules: ~0.15 s for a 66 KB file), and `tfvarfix check -j 2` on two small fixtures took ~0.12 s
# longer than `-j 1` (medians of 10 interleaved runs), so a worker needs ~0.25 s of work.
POOL_BYTES_PER_WORKER = 128 * 1024


def check_paths(
    jobs: Sequence[Job], mode: FixMode, processes: int = 1, cache: ResultCache | None = None
) -> Iterator[FileResult]:
    """Results for `jobs`, in their order; with `processes > 1` over a process pool (same results, same order).

    A pool costs its start and its end (forking, importing in spawned workers, sending results back), so it
    is started only when the work is worth it: one worker per `POOL_BYTES_PER_WORKER` of source (the files'
    sizes, a stat each), at most `processes`; with one worker or fewer, the files are checked here. Workers are
    forked where that is safe (Linux), so they start with tfvarfix, libcst and the rules already imported;
    elsewhere they are spawned."""
    workers = min(processes, len(jobs), os.cpu_count() or 1)
    if workers > 1:
        import contextlib

        size = 0
        for job in jobs:
            if job.error is None:
                with contextlib.suppress(OSError):  # gone since discovery: run_job reports it
                    size += job.path.stat().st_size
        workers = min(workers, size // POOL_BYTES_PER_WORKER)
    if workers <= 1:
        for job in jobs:
            yield run_job(job, mode, cache)
        return
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, len(jobs) // (workers * 4)))
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(run_job, jobs, [mode] * len(jobs), [cache] * len(jobs), chunksize=chunk)


def check_cached(
    cache: ResultCache, path: Path, codes: frozenset[str], mode: FixMode, target: Target = DEFAULT_TARGET
) -> FileResult:
    """`check_file` through the result cache (check results only: a mode that writes files bypasses it)."""
    if mode.write:
        return check_file(path, codes, mode, target=target)
    try:
        data = path.read_bytes()
    except OSError:
        return check_file(path, codes, mode, target=target)  # reports the error as usual
    if skipped(path, data, target.source_roots):
        return check_file(path, codes, mode, data=data, target=target)  # the pre-filter is cheaper than a lookup
    key = cache.key(data, path.suffix.lower(), codes, mode.apply, mode.unsafe, target_for(target, str(path)))
    found = cache.load(key, str(path))
    if found is not None:
        if found.diagnostics or found.fixed_source is not None:
            try:
                found = replace(found, source=decode(data).text)
            except DecodeError:  # pragma: no cover - it decoded when the entry was made
                return check_file(path, codes, mode, data=data, target=target)
        return found
    result = check_file(path, codes, mode, data=data, target=target)
    if not any(d.code == "TFV004" for d in result.diagnostics):  # an internal error is ours, not the file's
        cache.store(key, result)
    return result
