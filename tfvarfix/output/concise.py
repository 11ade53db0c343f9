"""`--output-format concise`: one line per diagnostic, `path:line:col: CODE [*] message`, then the summary."""

from __future__ import annotations

from typing import TextIO

from tfvarfix.output.cells import label, position
from tfvarfix.output.report import Report, applicable, diagnostics, display_path
from tfvarfix.output.style import Style
from tfvarfix.output.summary import write_summary
from tfvarfix.types import Diagnostic, FileResult


def header(report: Report, result: FileResult, diagnostic: Diagnostic, style: Style) -> str:
    """The line that starts a diagnostic in the concise and full formats (1-based column)."""
    start = position(result, diagnostic, diagnostic.range.start)  # in its cell, for a notebook (ruff's way)
    colon = style(":", "cyan")
    cell = label(result, diagnostic)
    path = style(display_path(result.path), "bold")
    where = f"{path}{colon}{cell}{start.line}{colon}{start.column + 1}{colon}"
    marker = f"[{style('*', 'cyan')}] " if applicable(diagnostic.fix, report.unsafe_fixes) else ""
    return f"{where} {style(diagnostic.code, 'red', 'bold')} {marker}{diagnostic.message}"


def write(report: Report, out: TextIO, style: Style) -> None:
    for result, diagnostic in diagnostics(report):
        out.write(header(report, result, diagnostic, style) + "\n")
    write_summary(report, out, style)
