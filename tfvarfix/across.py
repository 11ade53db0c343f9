"""Fixes that edit more than one file of a project, applied after each file's own and written all or nothing.

`train.py` calls `nn.nn_base(x)` once per input of one model, and `nn_base` names its layers: the duplicate
names are reported in `train.py`, at the second call, but the fix is in `nn.py` (the helper takes a
`name_prefix`) and in `train.py` (each call passes its own). Such a fix carries edits with their file
(`Edit.path`). `check_paths` applies only the fixes of a file's own text, file by file, in parallel; this pass
then takes the fixes that span files, one at a time: it applies each to the current texts of every file it
edits, checks that each text still parses, shows the new texts to the analysis (the project index's overlay,
as the editor shows its buffers), re-applies each touched file's own fixes, and re-checks, until no such fix
is left. A fix is applied only when every file it edits is among the files checked (pre-commit hands over the
changed files: the modules they import are read, never written) and may be written. With `write`, the files it
changed are written together at the end (`fixes.write_together`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import libcst as cst

from tfvarfix.api import FixMode, Job, check_source
from tfvarfix.engine import FIX_FAILED, MAX_ROUNDS, file_diagnostic, fixable, parse
from tfvarfix.fixes import WriteConflict, apply_fixes, write_together
from tfvarfix.semantics.project import overlay
from tfvarfix.source import DecodeError, SourceText, decode
from tfvarfix.types import Diagnostic, FileResult, Fix


@dataclass
class _File:
    """A file of the run as this pass sees it: its text before the run, on disk now, and as fixed so far."""

    path: Path  # resolved: the key `Edit.path` names it by
    index: int  # in the results
    job: Job
    source: SourceText  # what is on disk now (its encoding, BOM and newlines are kept)
    disk: bytes
    text: str  # the text as fixed so far
    applied: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def spans_files(diagnostic: Diagnostic) -> bool:
    return diagnostic.fix is not None and bool(diagnostic.fix.other_files)


def fix_across_files(results: list[FileResult], jobs: Sequence[Job], mode: FixMode) -> list[FileResult]:
    """`results` (of `check_paths` over `jobs`, in their order) with the fixes that span files applied; with
    `mode.write`, written. Results with no such fix come back as they are, and cost nothing."""
    by_label = {str(job.path): job for job in jobs}
    pending = [
        i
        for i, result in enumerate(results)
        if result.path in by_label
        and result.notebook is None  # a notebook's fixes stay in its cells
        and any(
            spans_files(d) and fixable(d, _unsafe(mode, by_label[result.path])) for d in result.diagnostics
        )
    ]
    if not mode.apply or not pending:
        return results
    files: dict[Path, _File] = {}
    for i, result in enumerate(results):
        job = by_label.get(result.path)
        if (
            job is None
            or job.error is not None
            or result.notebook is not None
            or job.path.suffix.lower() == ".ipynb"
            or (mode.write and job.write_refused is not None)
        ):
            continue
        found = _read(job, i, result)
        if found is not None:
            files[found.path] = found
    touched: set[Path] = set()
    refused: set[tuple[str, Diagnostic]] = set()
    with _overlaid() as show:
        for _ in range(MAX_ROUNDS):
            progress = False
            for i in pending:
                home = next((f for f in files.values() if f.index == i), None)
                if home is None:
                    continue
                changed = _apply_one(home, files, mode, refused, show)
                if changed:
                    touched.update(changed)
                    progress = True
            if not progress:
                break
        final = {
            path: check_source(
                files[path].text,
                str(files[path].job.path),
                files[path].job.codes,
                FixMode(),
                files[path].job.target,
            )
            for path in touched
        }
    out = list(results)
    for path in touched:
        file = files[path]
        before = results[file.index]
        original = before.source if before.source is not None else file.source.text
        out[file.index] = replace(
            final[path],
            source=original,
            fixed_source=file.text if file.text != original else None,
            applied_fixes=(*before.applied_fixes, *file.applied),
            notes=(*before.notes, *file.notes),
        )
    for i in pending:  # a fix left because a file it edits was not checked: said once per file
        out[i] = _say_unchecked(out[i], files, mode, by_label)
    if mode.write and touched:
        _write(out, results, [files[p] for p in sorted(touched)])
    return out


def _unsafe(mode: FixMode, job: Job) -> bool:
    return mode.unsafe or job.unsafe_fixes


def _read(job: Job, index: int, result: FileResult) -> _File | None:
    try:
        data = job.path.read_bytes()
        source = decode(data)
    except (OSError, DecodeError):
        return None
    # The file's own fixes: on disk already after a --fix run (the same text), only in memory for --diff.
    text = result.fixed_source if result.fixed_source is not None else source.text
    return _File(job.path.resolve(), index, job, source, data, text)


@contextlib.contextmanager
def _overlaid() -> Iterator[dict[Path, str]]:
    """The texts this pass has made, shown to the analysis in front of the disk while it runs."""
    shown: dict[Path, str] = {}
    try:
        yield shown
    finally:
        for path in shown:
            overlay(path, None)


def _apply_one(
    home: _File,
    files: dict[Path, _File],
    mode: FixMode,
    refused: set[tuple[str, Diagnostic]],
    show: dict[Path, str],
) -> set[Path]:
    """Apply the first fix of `home` that spans files and can be applied; the files it changed."""
    unsafe = _unsafe(mode, home.job)
    label = str(home.job.path)
    current = check_source(home.text, label, home.job.codes, FixMode(), home.job.target)
    for diagnostic in current.diagnostics:
        if not (spans_files(diagnostic) and fixable(diagnostic, unsafe)) or (label, diagnostic) in refused:
            continue
        fix = diagnostic.fix
        assert fix is not None
        others = [files.get(Path(p)) for p in fix.other_files]
        if any(o is None for o in others):
            refused.add((label, diagnostic))
            continue
        targets = [home, *(o for o in others if o is not None)]
        new: dict[Path, str] = {}
        for target in targets:
            edits = fix.edits_in(None if target is home else str(target.path))
            local = Fix(fix.title, fix.safety, tuple(replace(e, path=None) for e in edits), fix.checks)
            text, applied = apply_fixes(target.text, [local])
            if not applied:
                break
            try:
                parse(text)
            except (cst.ParserSyntaxError, SyntaxError, RecursionError, ValueError) as error:
                home.notes.append(
                    f"fix for {diagnostic.code} would break the syntax of {target.path} ({error})"
                )
                break
            new[target.path] = text
        if len(new) != len(targets):
            refused.add((label, diagnostic))
            continue
        for path, text in new.items():
            files[path].text = text
            overlay(path, text)
            show[path] = text
        home.applied.append(diagnostic)
        for target in targets:  # a touched file's own fixes, on its new text
            _fix_own(target, mode, show)
        return set(new)
    return set()


def _fix_own(file: _File, mode: FixMode, show: dict[Path, str]) -> None:
    result = check_source(
        file.text,
        str(file.job.path),
        file.job.codes,
        FixMode(apply=True, unsafe=_unsafe(mode, file.job)),
        file.job.target,
    )
    if result.fixed_source is not None and result.fixed_source != file.text:
        file.text = result.fixed_source
        file.applied.extend(result.applied_fixes)
        overlay(file.path, file.text)
        show[file.path] = file.text


def _say_unchecked(
    result: FileResult, files: dict[Path, _File], mode: FixMode, by_label: dict[str, Job]
) -> FileResult:
    unsafe = _unsafe(mode, by_label[result.path])
    missing = sorted(
        {
            p
            for d in result.diagnostics
            if spans_files(d) and fixable(d, unsafe) and d.fix is not None
            for p in d.fix.other_files
            if Path(p) not in files
        }
    )
    if not missing:
        return result
    note = (
        f"fixes that also edit {', '.join(missing)} were not applied: only files given to the run are fixed"
    )
    return replace(result, notes=(*result.notes, note))


def _write(out: list[FileResult], before: list[FileResult], changed: list[_File]) -> None:
    """Write the files this pass changed, together. On failure none of them is: each file's result is the one it
    had before this pass (its own fixes, written by then), saying why."""
    try:
        write_together([(f.job.path, f.source.encode(f.text), f.disk) for f in changed])
    except (WriteConflict, OSError) as error:
        note = str(error) if isinstance(error, WriteConflict) else f"cannot write: {error}"
        failed = file_diagnostic(FIX_FAILED, f"fixes across files not written: {note}")
        for f in changed:
            kept = before[f.index]
            out[f.index] = replace(kept, diagnostics=(*kept.diagnostics, failed), notes=(*kept.notes, note))
