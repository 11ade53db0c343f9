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
        list[Path] | None, typer.Argument(help="Files or folders to check (default: .).")
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
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Processes to use (0: all cores).")] = 1,
) -> None:
    """Check files for TensorFlow/Keras variable bugs (the default command)."""
    from tfvarfix import api
    from tfvarfix import config as config_module
    from tfvarfix.output import OutputFormat, Report, UnsupportedOutputError, color_default, render, rule_info
    from tfvarfix.rule import registry

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
    mode = api.FixMode(apply=fix or diff, unsafe=unsafe, write=fix and not diff)

    if stdin_filename is not None or (paths and [str(p) for p in paths] == ["-"]):
        results = [_check_stdin(stdin_filename or "-", base, mode, fix and not diff)]
    else:
        run = api.RunSettings(mode=mode, config=config, overrides=overrides, force_exclude=force_exclude)
        try:
            job_list = list(api.plan(paths or [Path()], run))
        except config_module.ConfigError as error:
            _fail(str(error))
        processes = jobs if jobs > 0 else (_cores())
        results = list(api.check_paths(job_list, mode, processes))

    if diff:
        _print_diffs(results)
    selected = {
        code: rule_info(rule) for code, rule in sorted(registry().rules.items()) if code in base.select
    }
    report = Report(
        results=tuple(results),
        rules=selected,
        fix_mode=fix and not diff,
        unsafe_fixes=unsafe,
        show_fixes=show_fixes,
        statistics=statistics,
        tool_version=__version__,
        quiet=quiet,
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
    raise typer.Exit(_exit_code(results, exit_zero, diff))


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
    result = api.check_source(text, name, codes, api.FixMode(apply=mode.apply, unsafe=mode.unsafe))
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


def _exit_code(results: list[Any], exit_zero: bool, diff: bool) -> int:
    if any(d.code == "TFV004" for r in results for d in r.diagnostics):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    if diff:
        return EXIT_FINDINGS if any(r.changed for r in results) else EXIT_CLEAN
    return EXIT_FINDINGS if any(r.diagnostics for r in results) else EXIT_CLEAN


@app.command()
def rule(code: Annotated[str, typer.Argument(help="A rule code, e.g. TFV103.")]) -> None:
    """Print a rule's page."""
    from tfvarfix.docs import render_rule
    from tfvarfix.rule import registry

    found = registry().rules.get(code.upper())
    if found is None:
        _fail(f"unknown rule {code!r}; `tfvarfix rules` lists them")
    else:
        typer.echo(render_rule(found), nl=False)


@app.command("rules")
def rules_command(
    output_format: Annotated[str, typer.Option("--output-format", help="text or json.")] = "text",
) -> None:
    """List the rule catalog."""
    import json

    from tfvarfix.docs import summary
    from tfvarfix.rule import registry

    catalog = [
        {
            "code": code,
            "name": r.NAME,
            "fix": r.FIX_AVAILABILITY.value,
            "safety": r.FIX_SAFETY.value,
            "summary": summary(r),
        }
        for code, r in sorted(registry().rules.items())
    ]
    if output_format == "json":
        typer.echo(json.dumps(catalog, indent=2))
        return
    for entry in catalog:
        marker = " " if entry["fix"] == "never" else ("*" if entry["safety"] == "safe" else "!")
        typer.echo(f"{entry['code']} {marker} {entry['name']:<32} {entry['summary'][:80]}")


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
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("tfvarfix: interrupted", err=True)
        raise SystemExit(130) from None
    except Exception as error:
        typer.echo(f"tfvarfix: internal error: {type(error).__name__}: {error}", err=True)
        raise SystemExit(EXIT_ERROR) from None


if __name__ == "__main__":
    main()
