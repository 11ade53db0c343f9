"""The console entry point: a plain `tfvarfix check PATHS` is answered here, without typer and the command line.

Over files that are all either cache hits or never mention TensorFlow/Keras, it is answered from the
configuration, the discovered files, the result cache and the generated rule table (`tfvarfix.rule_table`),
without importing libcst or the rules. Otherwise the files are checked here as `tfvarfix.cli.check` checks them
(the same plan, cache and pool). Either way the results are printed by the same formatters as a full run.
Anything else (another command, an option this path does not take, a configuration error) goes to the full
command line (`tfvarfix.cli`), which redoes the run from the start: this path either answers exactly as the
full one would, or not at all.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from tfvarfix.cache import ResultCache
    from tfvarfix.types import FileResult

__all__ = ["answer", "main"]

_FORMATS = ("full", "concise", "json", "sarif", "github")


class _Options:
    __slots__ = ("exit_zero", "fmt", "no_cache", "paths", "quiet")

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self.fmt = "full"
        self.quiet = False
        self.exit_zero = False
        self.no_cache = False


def _parse(args: list[str]) -> _Options | None:
    """The options of a plain `check` run; None for anything this path does not take."""
    if args and args[0] == "check":
        args = args[1:]
    options = _Options()
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in ("-q", "--quiet"):
            options.quiet = True
        elif arg == "--exit-zero":
            options.exit_zero = True
        elif arg == "--no-cache":
            options.no_cache = True
        elif arg.startswith("--output-format="):
            options.fmt = arg.split("=", 1)[1]
        elif arg == "--output-format" and index + 1 < len(args):
            index += 1
            options.fmt = args[index]
        elif arg.startswith("-") or arg in _COMMANDS:
            return None  # another command, "-" (stdin), or an option only the full command line takes
        else:
            options.paths.append(Path(arg))
        index += 1
    return options if options.fmt in _FORMATS else None


_COMMANDS = ("rule", "rules", "server", "verify")


def answer(args: list[str]) -> int | None:
    """The exit code of `tfvarfix ARGS` after printing its output, or None (nothing printed) when the run needs
    the full command line."""
    options = _parse(args)
    if options is None:
        return None
    from tfvarfix import config as config_module
    from tfvarfix.rule_table import RULES

    known = frozenset(RULES)
    try:
        source = config_module.find_config(Path.cwd())
        base = config_module.load_settings(source, config_module.Overrides(), known)
        resolver = config_module.SettingsResolver(known)
        cache = _cache(options, source)
        try:
            results = _results(options, resolver, cache, base.unsafe_fixes)
        except _MustParse:  # the full check, without the command line's machinery
            results = _checked(options, base.unsafe_fixes, cache)
    except Exception:  # a configuration error, an unreadable file...: the full command line reports it
        return None
    if results is None:
        return None
    from tfvarfix import __version__
    from tfvarfix.output import OutputFormat, Report, UnsupportedOutputError, color_default, render
    from tfvarfix.output.report import table_info

    fmt = OutputFormat(options.fmt)
    links = None
    if fmt in (OutputFormat.JSON, OutputFormat.SARIF):
        from tfvarfix.catalog import docs_url

        links = docs_url()
    report = Report(
        results=tuple(results),
        rules={code: table_info(code, links) for code in sorted(RULES) if code in base.select},
        unsafe_fixes=base.unsafe_fixes,
        tool_version=__version__,
        quiet=options.quiet,
    )
    try:
        render(report, fmt, sys.stdout, color=color_default(sys.stdout))
    except UnsupportedOutputError:  # pragma: no cover - raised before anything is written; none of ours
        return None
    return exit_code(results, options.exit_zero, diff=False)


def _cache(options: _Options, config: Path | None) -> ResultCache | None:
    if options.no_cache:
        return None
    from tfvarfix.cache import ResultCache

    return ResultCache.at(config.resolve().parent if config is not None else Path.cwd())


class _MustParse(Exception):
    """A file is neither a cache hit nor free of TensorFlow/Keras."""


def _results(
    options: _Options, resolver: object, cache: ResultCache | None, unsafe_default: bool
) -> list[FileResult] | None:
    """Each discovered file's result as `api.check_paths` gives it without a parse; None where a path cannot be
    read (the full command line reports it). Raises `_MustParse` as soon as a file must be parsed."""
    from dataclasses import replace

    from tfvarfix.config import SettingsResolver
    from tfvarfix.discovery import discover
    from tfvarfix.semantics.project import skipped
    from tfvarfix.source import DecodeError, decode
    from tfvarfix.targets import target_for
    from tfvarfix.types import FileResult, FileStatus

    assert isinstance(resolver, SettingsResolver)
    results: list[FileResult] = []
    for found in discover(options.paths or [Path()], resolver, force_exclude=False):
        if found.error is not None:
            return None
        data = found.path.read_bytes()
        label = str(found.path)
        settings = resolver(found.path)
        if skipped(found.path, data, settings.target.source_roots):
            results.append(FileResult(label, (), FileStatus.SKIPPED))
            continue
        if cache is None:
            raise _MustParse
        unsafe = unsafe_default or settings.unsafe_fixes  # as `api.run_job` merges them
        key = cache.key(
            data, found.path.suffix.lower(), settings.codes_for(found.path), False, unsafe,
            target_for(settings.target, label),
        )  # fmt: skip
        hit = cache.load(key, label)
        if hit is None:
            raise _MustParse
        if hit.diagnostics or hit.fixed_source is not None:
            try:
                hit = replace(hit, source=decode(data).text)
            except DecodeError:  # pragma: no cover - it decoded when the entry was made
                return None
        results.append(hit)
    return results


def _checked(options: _Options, unsafe: bool, cache: ResultCache | None) -> list[FileResult]:
    """The results `tfvarfix check` gets for these paths: the same plan, cache and pool (`tfvarfix.cli.check`
    with no options but these), without importing typer and the command line."""
    import os

    from tfvarfix import api
    from tfvarfix.progress import track

    mode = api.FixMode(apply=False, unsafe=unsafe, write=False)
    jobs = list(api.plan(options.paths or [Path()], api.RunSettings(mode=mode)))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return list(track(api.check_paths(jobs, mode, cores, cache), len(jobs)))


def exit_code(results: list[FileResult], exit_zero: bool, diff: bool) -> int:
    """0 nothing left to report, 1 findings remain, 2 an internal error (TFV004)."""
    if any(d.code == "TFV004" for r in results for d in r.diagnostics):
        return 2
    if exit_zero:
        return 0
    if diff:
        return 1 if any(r.changed for r in results) else 0
    return 1 if any(r.diagnostics for r in results) else 0


def output_closed() -> NoReturn:
    """The reader of our output went away (`tfvarfix check src | head`): stop quietly, as a pipeline expects
    (nothing more is written; the interpreter's last flush goes to /dev/null instead of raising again)."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(1)


def main() -> None:
    """`tfvarfix`: the quick answer when there is one, else the full command line."""
    try:
        code = answer(sys.argv[1:])
        if code is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        output_closed()
    except KeyboardInterrupt:
        print("tfvarfix: interrupted", file=sys.stderr)
        raise SystemExit(130) from None
    except Exception as error:  # only printing can fail here (answer() falls back before it prints)
        print(f"tfvarfix: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    if code is None:
        from tfvarfix.cli import main as full

        full()
        return
    # Everything is written and flushed, the cache stored and any pool joined: skip the interpreter's teardown,
    # which frees libcst's module objects and the parsed trees one by one (~30 ms of a 0.3 s run, measured).
    sys.stderr.flush()
    import os

    os._exit(code)
