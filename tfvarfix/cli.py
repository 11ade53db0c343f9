"""The command line, with ruff's conventions: `tfvarfix [check] PATHS`, `tfvarfix rule CODE`, `tfvarfix rules`.

Exit codes: 0 nothing left to report, 1 findings remain, 2 usage, configuration or internal error.
Everything heavy is imported inside the commands: `tfvarfix check one_file.py` must start in a blink.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from tfvarfix import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


app = typer.Typer(
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Find and fix TensorFlow/Keras variable-ownership bugs.",
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tfvarfix {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    pass


def _codes(values: list[str] | None) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(code.strip().upper() for value in values for code in value.split(",") if code.strip())


def _fail(message: str) -> None:
    typer.echo(f"tfvarfix: error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


@app.command()
def check(
    paths: Annotated[
        list[Path] | None,
        # readable=False: an unreadable path is reported with the other files, not a usage error that stops the run
        typer.Argument(help="Files or folders to check (default: .).", readable=False),
    ] = None,
    fix: Annotated[
        bool, typer.Option("--fix", help="Apply fixes (safe ones; unsafe with --unsafe-fixes).")
    ] = False,
    unsafe_fixes: Annotated[
        bool | None,
        typer.Option("--unsafe-fixes/--no-unsafe-fixes", help="Include fixes that may change behaviour."),
    ] = None,
    diff: Annotated[
        bool, typer.Option("--diff", help="Print the fixes as a unified diff; write nothing.")
    ] = False,
    select: Annotated[
        list[str] | None, typer.Option(help="Codes or prefixes to check (TFV1, TFV103).")
    ] = None,
    extend_select: Annotated[list[str] | None, typer.Option(help="Codes or prefixes to add.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Codes or prefixes to skip.")] = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="Glob patterns to exclude (replaces the config).")
    ] = None,
    extend_exclude: Annotated[
        list[str] | None, typer.Option(help="Glob patterns to exclude, in addition.")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--output-format", help="full, concise, json, sarif or github.")
    ] = "full",
    statistics: Annotated[bool, typer.Option("--statistics", help="Count findings per code.")] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when findings remain.")] = False,
    show_fixes: Annotated[
        bool, typer.Option("--show-fixes", help="List the fixes that were applied.")
    ] = False,
    stdin_filename: Annotated[
        str | None, typer.Option("--stdin-filename", help="Read the source from stdin; name it NAME.")
    ] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Use this configuration file.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only, no summary.")] = False,
    force_exclude: Annotated[
        bool, typer.Option("--force-exclude", help="Apply excludes to paths named on the command line too.")
    ] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Processes to use (0: all cores).")] = 0,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the result cache (.tfvarfix_cache/).")
    ] = False,
    verify_fixes: Annotated[
        bool,
        typer.Option("--verify", help="With --fix: run the code and write only the fixes `verify` proves."),
    ] = False,
    verify_entry: Annotated[
        list[str] | None,
        typer.Option("--verify-entry", help="With --verify: functions to call, as `verify --entry`."),
    ] = None,
    verify_legacy_keras: Annotated[
        bool,
        typer.Option("--legacy-keras", help="With --verify: run under tf_keras, as `verify --legacy-keras`."),
    ] = False,
    verify_timeout: Annotated[
        float | None,
        typer.Option("--timeout", help="With --verify: seconds one program may run (default 120)."),
    ] = None,
    verify_device: Annotated[
        str | None, typer.Option("--device", help="With --verify: cpu, gpu or auto, as `verify --device`.")
    ] = None,
) -> None:
    """Check files for TensorFlow/Keras variable bugs (the default command)."""
    from tfvarfix import api
    from tfvarfix import config as config_module
    from tfvarfix.output import OutputFormat, Report, UnsupportedOutputError, color_default, render
    from tfvarfix.output.report import table_info
    from tfvarfix.quick import exit_code
    from tfvarfix.rule_table import RULES

    try:
        fmt = OutputFormat(output_format)
    except ValueError:
        _fail(f"unknown --output-format {output_format!r}; choose full, concise, json, sarif or github")
    overrides = config_module.Overrides(
        select=_codes(select),
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        unsafe_fixes=unsafe_fixes,
        exclude=tuple(exclude) if exclude else None,
        extend_exclude=tuple(extend_exclude) if extend_exclude else None,
    )
    if config is not None and not config.is_file():
        _fail(f"--config {config}: no such file")
    known = api.all_codes()
    try:
        base = config_module.load_settings(
            config if config is not None else config_module.find_config(Path.cwd()), overrides, known
        )
    except config_module.ConfigError as error:
        _fail(str(error))
    unsafe = base.unsafe_fixes
    if verify_fixes and (not fix or diff or stdin_filename is not None):
        _fail("--verify goes with --fix (and not with --diff or stdin)")
    verify_options = _check_verify_options(
        verify_fixes, verify_entry, verify_legacy_keras, verify_timeout, verify_device
    )
    mode = api.FixMode(apply=fix or diff, unsafe=unsafe, write=fix and not diff and not verify_fixes)

    if stdin_filename is not None or (paths and [str(p) for p in paths] == ["-"]):
        results = [_check_stdin(stdin_filename or "-", base, mode, fix and not diff)]
    else:
        run = api.RunSettings(mode=mode, config=config, overrides=overrides, force_exclude=force_exclude)
        try:
            job_list = list(api.plan(paths or [Path()], run))
        except config_module.ConfigError as error:
            _fail(str(error))
        processes = jobs if jobs > 0 else (_cores())
        from tfvarfix.progress import track

        cache = None if no_cache or mode.write or verify_fixes else _result_cache(config)
        results = list(track(api.check_paths(job_list, mode, processes, cache), len(job_list)))
        if mode.apply and not verify_fixes:  # (verify proves one file's rewrite: fixes across files wait)
            from tfvarfix.across import fix_across_files

            results = fix_across_files(results, job_list, mode)

    verified: dict[Any, bool] = {}
    if verify_fixes:
        codes = {job.path: job.codes for job in job_list}
        targets = {job.path: job.target.keras_version for job in job_list}
        results, verified = _verify_and_write(results, codes, targets, verify_options)
    if diff:
        _print_diffs(results)
    from tfvarfix.catalog import docs_url

    links = docs_url() if fmt in (OutputFormat.JSON, OutputFormat.SARIF) else None  # metadata: only if shown
    selected = {code: table_info(code, links) for code in sorted(RULES) if code in base.select}
    report = Report(
        results=tuple(results),
        rules=selected,
        fix_mode=fix and not diff,
        unsafe_fixes=unsafe,
        show_fixes=show_fixes,
        statistics=statistics,
        tool_version=__version__,
        quiet=quiet,
        verified=verified,
    )
    if not (diff and fmt is OutputFormat.FULL and not statistics):
        try:
            render(
                report,
                fmt,
                sys.stdout if stdin_filename is None or not fix else sys.stderr,
                color=color_default(sys.stdout),
            )
        except UnsupportedOutputError as error:
            _fail(str(error))
    raise typer.Exit(exit_code(results, exit_zero, diff))


def _result_cache(config: Path | None) -> Any:
    """The cache at the project root: the configuration's folder, else the working directory."""
    from tfvarfix import config as config_module
    from tfvarfix.cache import ResultCache

    found = config if config is not None else config_module.find_config(Path.cwd())
    return ResultCache.at(found.resolve().parent if found is not None else Path.cwd())


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _check_stdin(name: str, settings: Any, mode: Any, emit_fixed: bool) -> Any:
    from tfvarfix import api

    data = sys.stdin.buffer.read()
    try:
        from tfvarfix.source import DecodeError, decode

        text = decode(data).text
    except DecodeError as error:
        return api._unreadable(name, str(error))
    codes = settings.codes_for(Path(name))
    fix_mode = api.FixMode(apply=mode.apply, unsafe=mode.unsafe)
    result = api.check_source(text, name, codes, fix_mode, settings.target)
    if emit_fixed:
        sys.stdout.write(result.fixed_source if result.fixed_source is not None else text)
        sys.stdout.flush()
    return result


def _print_diffs(results: list[Any]) -> None:
    import difflib

    for result in results:
        if result.changed and result.source is not None and result.fixed_source is not None:
            sys.stdout.writelines(
                difflib.unified_diff(
                    result.source.splitlines(keepends=True),
                    result.fixed_source.splitlines(keepends=True),
                    result.path,
                    result.path,
                )
            )


@app.command()
def rule(
    code: Annotated[
        str | None,
        typer.Argument(metavar="CODE|NAME", help="A rule code or name: TFV103, rnn-weight-on-layer."),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Print every rule's page.")] = False,
    output_format: Annotated[str, typer.Option("--output-format", help="text or json.")] = "text",
) -> None:
    """Print a rule's page (by code or name, as `ruff rule`)."""
    from tfvarfix import catalog

    try:
        typer.echo(catalog.rule_output(code, every, output_format), nl=False)
    except catalog.CatalogError as error:
        _fail(str(error))


@app.command("rules")
def rules_command(
    output_format: Annotated[str, typer.Option("--output-format", help="text or json.")] = "text",
) -> None:
    """List the rule catalog: marks, severity, and each rule's whole summary wrapped to the terminal."""
    from tfvarfix import catalog

    try:
        typer.echo(catalog.rules_output(output_format), nl=False)
    except catalog.CatalogError as error:
        _fail(str(error))


@app.command()
def server() -> None:
    """Run the language server on stdio, for editors (needs the `lsp` extra: pip install 'tfvarfix[lsp]')."""
    try:
        from tfvarfix.lsp.server import main as serve
    except ImportError as error:
        _fail(f"the server needs the lsp extra: pip install 'tfvarfix[lsp]' ({error})")
    else:
        serve()


def _check_verify_options(
    verify: bool, entries: list[str] | None, legacy_keras: bool, timeout: float | None, device: str | None
) -> dict[str, Any]:
    """The `verify` options `check --fix --verify` takes; each is an error without --verify (exit 2)."""
    given = [
        name
        for name, value in (
            ("--verify-entry", entries),
            ("--legacy-keras", legacy_keras),
            ("--timeout", timeout is not None),
            ("--device", device is not None),
        )
        if value
    ]
    if given and not verify:
        _fail(f"{', '.join(given)} only go{'es' if len(given) == 1 else ''} with --fix --verify")
    if device is not None and device not in ("cpu", "gpu", "auto"):
        _fail(f"unknown --device {device!r}; choose cpu, gpu or auto")
    if timeout is not None and timeout <= 0:
        _fail("--timeout must be positive")
    return {
        "entries": tuple(entries or ()),
        "legacy_keras": legacy_keras,
        "timeout": 120.0 if timeout is None else timeout,
        "device": device or "cpu",
    }


def _verify_and_write(
    results: list[Any], codes: dict[Path, frozenset[str]], targets: dict[Path, int], settings: dict[str, Any]
) -> tuple[list[Any], dict[Any, bool]]:
    """`check --fix --verify`: write only the fixes verify proves; say on stderr which were held back and why."""
    try:
        from tfvarfix.verify import Options, Pool, WorkerError, verify_and_write
    except ImportError as error:
        _fail(f"--verify needs the verify extra: pip install 'tfvarfix[verify]' ({error})")
    kept: list[Any] = []
    verified: dict[Any, bool] = {}
    with Pool() as pool:
        try:
            _refuse_missing_device(pool, Options(**settings))
        except WorkerError as error:
            _fail(str(error))
        for result in results:
            if not result.changed:
                kept.append(result)
                continue
            options = Options(**settings, keras_version=targets.get(Path(result.path), 3))
            try:
                outcome = verify_and_write(result, codes.get(Path(result.path)), options, pool)
            except WorkerError as error:
                _fail(str(error))
            kept.append(outcome.result)
            verified.update(outcome.verified)
            for diagnostic, why in outcome.held_back:
                typer.echo(
                    f"{result.path}:{diagnostic.line}:{diagnostic.column + 1}: {diagnostic.code} fix held back: {why}",
                    err=True,
                )
    return kept, verified


@app.command()
def verify(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default: .).")] = None,
    entry: Annotated[
        list[str] | None,
        typer.Option(help="Call this function (a glob: 'case_*' calls each) and verify what it returns."),
    ] = None,
    device: Annotated[str, typer.Option(help="cpu, gpu or auto.")] = "cpu",
    cross_device: Annotated[
        bool, typer.Option("--cross-device", help="Run the original on the CPU and the rewrite on the GPU.")
    ] = False,
    backend: Annotated[str, typer.Option(help="Keras 3 backend: tensorflow, jax or torch.")] = "tensorflow",
    legacy_keras: Annotated[
        bool, typer.Option("--legacy-keras", help="Run with TF_USE_LEGACY_KERAS=1 (tf.keras is tf_keras).")
    ] = False,
    timeout: Annotated[float, typer.Option(help="Seconds one program may run before it is killed.")] = 120.0,
    rtol: Annotated[float | None, typer.Option(help="Relative tolerance for every float dtype.")] = None,
    atol: Annotated[float | None, typer.Option(help="Absolute tolerance for every float dtype.")] = None,
    seed: Annotated[int, typer.Option(help="The seed both runs start from.")] = 0,
    cold: Annotated[
        bool, typer.Option("--cold", help="A fresh interpreter for every program (no warm worker).")
    ] = False,
    output_format: Annotated[str, typer.Option("--output-format", help="full or json.")] = "full",
    select: Annotated[list[str] | None, typer.Option(help="Codes or prefixes whose fixes to verify.")] = None,
    extend_select: Annotated[list[str] | None, typer.Option(help="Codes or prefixes to add.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Codes or prefixes to skip.")] = None,
    unsafe_fixes: Annotated[
        bool | None,
        typer.Option("--unsafe-fixes/--no-unsafe-fixes", help="Include fixes that may change behaviour."),
    ] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Use this configuration file.")] = None,
) -> None:
    """Prove fixes by running the original and the rewritten code (exit 0 all pass, 1 a check fails, 2 cannot run)."""
    from tfvarfix import api
    from tfvarfix import config as config_module

    if output_format not in ("full", "json"):
        _fail(f"unknown --output-format {output_format!r}; choose full or json")
    if device not in ("cpu", "gpu", "auto"):
        _fail(f"unknown --device {device!r}; choose cpu, gpu or auto")
    if backend not in ("tensorflow", "jax", "torch"):
        _fail(f"unknown --backend {backend!r}; choose tensorflow, jax or torch")
    if timeout <= 0:
        _fail("--timeout must be positive")
    try:
        import numpy  # noqa: F401

        from tfvarfix.verify import Options, Pool, WorkerError, verify_paths
        from tfvarfix.verify.report import write_full, write_json
    except ImportError as error:
        _fail(f"verify needs the verify extra: pip install 'tfvarfix[verify]' ({error})")
    overrides = config_module.Overrides(
        select=_codes(select),
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        unsafe_fixes=unsafe_fixes,
    )
    if config is not None and not config.is_file():
        _fail(f"--config {config}: no such file")
    try:
        base = config_module.load_settings(
            config if config is not None else config_module.find_config(Path.cwd()),
            overrides,
            api.all_codes(),
        )
    except config_module.ConfigError as error:
        _fail(str(error))
    mode = api.FixMode(apply=True, unsafe=base.unsafe_fixes)
    settings = api.RunSettings(mode=mode, config=config, overrides=overrides)
    options = Options(
        entries=tuple(entry or ()),
        backend=backend,
        device=device,
        cross_device=cross_device,
        legacy_keras=legacy_keras,
        timeout=timeout,
        rtol=rtol,
        atol=atol,
        seed=seed,
    )
    verifications = []
    try:
        with Pool(cold=cold) as pool, _verify_progress(output_format == "full") as progress:
            _refuse_missing_device(pool, options)
            verifications = list(verify_paths(paths or [Path()], options, settings, pool, progress))
    except WorkerError as error:
        _fail(str(error))
    except config_module.ConfigError as error:
        _fail(str(error))
    if output_format == "json":
        write_json(verifications, sys.stdout)
    else:
        from tfvarfix.output import color_default

        write_full(verifications, sys.stdout, color_default(sys.stdout))
    raise typer.Exit(EXIT_CLEAN if all(v.passed for v in verifications) else EXIT_FINDINGS)


def _refuse_missing_device(pool: Any, options: Any) -> None:
    """`--device gpu` / `--cross-device` on a machine whose backend sees no GPU: refused before any file is read
    (the worker's WorkerError becomes exit 2), not only when some file has a fix to verify."""
    if options.device == "gpu" or options.cross_device:
        from tfvarfix.verify import Environment

        pool.worker(Environment(options.backend, "gpu", options.legacy_keras))


def _verify_progress(enabled: bool) -> Any:
    """A rich progress line over files, on a terminal only (stderr), so the report on stdout stays clean."""
    import contextlib

    if not (enabled and sys.stderr.isatty()):
        return contextlib.nullcontext(None)

    @contextlib.contextmanager
    def bar() -> Any:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        columns = (
            SpinnerColumn(),
            TextColumn("{task.completed} files, now {task.description}"),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("", total=None)

            def advance(path: str) -> None:
                progress.update(task, description=path, advance=1)

            yield advance

    return bar()


COMMANDS = frozenset({"check", "rule", "rules", "verify", "server"})


def with_default_command(args: list[str]) -> list[str]:
    """`tfvarfix src/` means `tfvarfix check src/`, as in ruff."""
    if args and (args[0] in COMMANDS or args[0] in ("--help", "-h", "--version")):
        return args
    return ["check", *args]


def main(argv: list[str] | None = None) -> None:
    """The console entry point: no traceback ever reaches a user."""
    args = with_default_command(sys.argv[1:] if argv is None else argv)
    try:
        app(args=args, prog_name="tfvarfix")
        sys.stdout.flush()
    except SystemExit:
        raise
    except BrokenPipeError:  # `tfvarfix check src | head`: the reader is gone
        from tfvarfix.quick import output_closed

        output_closed()
    except KeyboardInterrupt:
        typer.echo("tfvarfix: interrupted", err=True)
        raise SystemExit(130) from None
    except Exception as error:
        typer.echo(f"tfvarfix: internal error: {type(error).__name__}: {error}", err=True)
        raise SystemExit(EXIT_ERROR) from None


if __name__ == "__main__":
    main()
