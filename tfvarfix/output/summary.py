"""The footer of the text formats, worded as ruff words it, and the `--show-fixes` list of applied fixes."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from tfvarfix.output.report import Report, applicable, diagnostics, display_path, hidden, verified
from tfvarfix.output.style import Style


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def summary_lines(report: Report, style: Style) -> list[str]:
    fixed = sum(len(result.applied_fixes) for result in report.results)
    remaining_fixes = [d.fix for _, d in diagnostics(report)]
    remaining = len(remaining_fixes)
    lines: list[str] = []
    if fixed > 0:
        total = fixed + remaining
        lines.append(f"Found {total} error{_plural(total, '', 's')} ({fixed} fixed, {remaining} remaining).")
    elif remaining > 0:
        lines.append(f"Found {remaining} error{_plural(remaining, '', 's')}.")
    else:
        lines.append(style("All checks passed!", "bold", "green"))

    # After `check --fix --verify`: a fix verify did not prove was held back, not left for a later --fix.
    held = sum(verified(report, result, d) is False for result, d in diagnostics(report))
    proven = [d.fix for result, d in diagnostics(report) if verified(report, result, d) is not False]
    fixable = sum(applicable(fix, report.unsafe_fixes) for fix in proven)
    hidden_count = sum(hidden(fix, report.unsafe_fixes) for fix in remaining_fixes)
    star = f"[{style('*', 'cyan')}]"
    fixes = _plural(hidden_count, "fix", "fixes")
    hint = f"{hidden_count} hidden {fixes} can be enabled with the --unsafe-fixes option"
    if fixable and hidden_count:
        lines.append(f"{star} {fixable} fixable with the --fix option ({hint}).")
    elif fixable:
        lines.append(f"{star} {fixable} fixable with the --fix option.")
    elif hidden_count:
        lines.append(f"No fixes available ({hint}).")
    if held:
        lines.append(
            f"{held} {_plural(held, 'fix', 'fixes')} held back: verify did not prove "
            f"{_plural(held, 'it', 'them')} (the reasons are on stderr)."
        )
    return lines


def write_summary(report: Report, out: TextIO, style: Style) -> None:
    if report.quiet:
        return
    if report.show_fixes:
        write_fix_list(report, out, style)
    for line in summary_lines(report, style):
        out.write(line + "\n")


def write_fix_list(report: Report, out: TextIO, style: Style) -> None:
    """Per file, how many diagnostics of each code `--fix` fixed (nothing when none was)."""
    fixed = [result for result in report.results if result.applied_fixes]
    if not fixed:
        return
    total = sum(len(result.applied_fixes) for result in fixed)
    tables = [Counter((d.code, d.name) for d in result.applied_fixes) for result in fixed]
    width = len(str(max(max(table.values()) for table in tables)))
    out.write("\n" + style(f"Fixed {total} error{_plural(total, '', 's')}:", "bold", "green") + "\n")
    for result, table in zip(fixed, tables, strict=True):
        out.write(f"{style('-', 'cyan')} {style(display_path(result.path), 'bold')}{style(':', 'cyan')}\n")
        for (code, name), count in sorted(table.items(), key=lambda item: (-item[1], item[0])):
            out.write(f"    {count:>{width}} × {style(code, 'red', 'bold')} ({name})\n")
    out.write("\n")
