"""`tfvarfix verify`: prove fixes by running the original and the rewritten program and comparing what they build.

Nothing here imports TensorFlow: user code runs in worker subprocesses (`runner`), on copies in a temporary
folder, and the comparison needs only numpy. `verify_paths` is what the CLI calls; `verify_and_write` is behind
`tfvarfix check --fix --verify`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tfvarfix.types import Diagnostic, FileResult
from tfvarfix.verify.core import FileVerification, FixVerdict, Options, Row, RunSummary, verify_result
from tfvarfix.verify.runner import Environment, Pool, WorkerError

__all__ = [
    "Environment",
    "FileVerification",
    "FixVerdict",
    "Options",
    "Pool",
    "Row",
    "RunSummary",
    "WorkerError",
    "verify_and_write",
    "verify_paths",
    "verify_text",
]


def _unfixed(result: FileResult, codes: frozenset[str] | None) -> FileResult:
    from tfvarfix import api

    assert result.source is not None
    return api.check_source(result.source, result.path, codes)


def verify_text(
    text: str,
    path: str,
    options: Options,
    pool: Pool,
    codes: frozenset[str] | None = None,
    unsafe: bool = False,
) -> FileVerification:
    """Verify the fixes tfvarfix makes to `text` (`path` only names it)."""
    from tfvarfix import api

    result = api.check_source(text, path, codes, api.FixMode(apply=True, unsafe=unsafe))
    return verify_result(result, _unfixed(result, codes), options, pool)


def verify_paths(
    paths: Sequence[Path],
    options: Options,
    settings: object,
    pool: Pool,
    progress: Callable[[str], None] | None = None,
) -> Iterator[FileVerification]:
    """Each file under `paths` that has fixes, verified (`settings` is an `api.RunSettings`)."""
    from tfvarfix import api

    assert isinstance(settings, api.RunSettings)
    jobs = list(api.plan(paths, settings))
    mode = api.FixMode(apply=True, unsafe=settings.mode.unsafe, write=False)
    for job in jobs:
        if progress is not None:
            progress(str(job.path))
        result = api.run_job(job, mode)
        if not result.changed:
            continue
        # The configuration's keras-version, for files that do not say which Keras they run on.
        targeted = replace(options, keras_version=job.target.keras_version)
        yield verify_result(result, _unfixed(result, job.codes), targeted, pool)


# ------------------------------------------------------------------------------------- check --fix --verify
@dataclass
class Outcome:
    """What `check --fix --verify` did to one file."""

    result: FileResult  # the file as it now is: remaining diagnostics, the fixes applied
    verified: dict[tuple[str, str, int, int], bool] = field(default_factory=dict)
    held_back: list[tuple[Diagnostic, str]] = field(default_factory=list)
    written: bool = False


def verify_and_write(
    result: FileResult, codes: frozenset[str] | None, options: Options, pool: Pool, write: bool = True
) -> Outcome:
    """Verify `result`'s in-memory fixes; write the fixes whose checks pass (all of them, or the passing first-round
    ones when that subset verifies too); hold the others back with the reason."""
    from tfvarfix import api
    from tfvarfix.fixes import apply_fixes

    if not result.changed or result.source is None:
        return Outcome(result)
    plain = _unfixed(result, codes)
    first = verify_result(result, plain, options, pool)
    passing = [v for v in first.fixes if v.passed and v.diagnostic is not None]
    failing = [(v.diagnostic, v.reason) for v in first.fixes if not v.passed and v.diagnostic is not None]
    final: FileResult | None = result if not failing else None
    if failing and passing:
        first_round = {(d.code, d.range) for d in plain.diagnostics}
        chosen = [
            v.diagnostic
            for v in passing
            if v.diagnostic and (v.diagnostic.code, v.diagnostic.range) in first_round
        ]
        text, applied = apply_fixes(result.source, [d.fix for d in chosen if d.fix is not None])
        subset = FileResult(
            result.path,
            result.diagnostics,
            source=result.source,
            fixed_source=text,
            applied_fixes=tuple(chosen[i] for i in applied),
        )
        if subset.changed and verify_result(subset, plain, options, pool).passed:
            final = subset
        else:
            failing += [
                (d, "held back with the others: the passing fixes alone did not verify") for d in chosen
            ]
    outcome = Outcome(plain)
    for verdict in first.fixes:
        d = verdict.diagnostic
        if d is not None:
            kept = final is not None and d in final.applied_fixes
            outcome.verified[(result.path, d.code, d.line, d.column)] = verdict.passed and kept
    outcome.held_back = [
        (d, why) for d, why in failing if d is not None and (final is None or d not in final.applied_fixes)
    ]
    if final is None or final.fixed_source is None:
        return outcome
    remaining = api.check_source(final.fixed_source, result.path, codes)
    outcome.result = FileResult(
        result.path,
        remaining.diagnostics,
        remaining.status,
        source=result.source,
        fixed_source=final.fixed_source,
        applied_fixes=final.applied_fixes,
        notes=result.notes,
    )
    if write:
        outcome.written = _write(Path(result.path), final.fixed_source, result.source)
    _mark_held_back(outcome, remaining.diagnostics)
    return outcome


def _mark_held_back(outcome: Outcome, remaining: Sequence[Diagnostic]) -> None:
    """Key the held-back fixes by where their diagnostics now stand in the written text too (the fixes written
    around them may have moved them), so the summary never counts one as "fixable with --fix"."""
    taken: set[int] = set()
    for held, _ in outcome.held_back:
        for i, d in enumerate(remaining):
            if i not in taken and d.code == held.code and d.message == held.message:
                taken.add(i)
                outcome.verified[(outcome.result.path, d.code, d.line, d.column)] = False
                break


def _write(path: Path, text: str, source: str) -> bool:
    """Write `text` over `path` unless the file no longer holds `source` (edited while verify ran)."""
    from tfvarfix.fixes import WriteConflict, write_atomic
    from tfvarfix.source import DecodeError, decode

    try:
        data = path.read_bytes()
        decoded = decode(data)
        if decoded.text != source:
            return False
        write_atomic(path, decoded.encode(text), expected=data)
    except (OSError, WriteConflict, DecodeError):
        return False
    return True
