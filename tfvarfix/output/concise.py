"""`--output-format concise`: one line per diagnostic, `path:line:col: CODE [*] message`, then the summary.

A finding whose severity is warning reads `CODE [*] warning: message` (its code yellow, not red); an error has no
word, as in ruff, so every matcher of ruff's and flake8's lines still reads both.
"""

from __future__ import annotations

from typing import TextIO

from tfvarfix.output.cells import label, position
from tfvarfix.output.report import Report, applicable, diagnostics, display_path
from tfvarfix.output.style import Style
from tfvarfix.output.summary import write_summary
from tfvarfix.types import Diagnostic, FileResult, Severity


def header(report: Report, result: FileResult, diagnostic: Diagnostic, style: Style) -> str:
    """The line that starts a diagnostic in the concise and full formats (1-based column)."""
    start = position(result, diagnostic, diagnostic.range.start)  # in its cell, for a notebook (ruff's way)
    colon = style(":", "cyan")
    cell = label(result, diagnostic)
    path = style(display_path(result.path), "bold")
    where = f"{path}{colon}{cell}{start.line}{colon}{start.column + 1}{colon}"
    marker = f"[{style('*', 'cyan')}] " if applicable(diagnostic.fix, report.unsafe_fixes) else ""
    if diagnostic.severity is Severity.WARNING:
        code, word = style(diagnostic.code, "yellow", "bold"), style("warning:", "yellow") + " "
    else:
        code, word = style(diagnostic.code, "red", "bold"), ""
    return f"{where} {code} {marker}{word}{diagnostic.message}"


def write(report: Report, out: TextIO, style: Style) -> None:
    for result, diagnostic in diagnostics(report):
        out.write(header(report, result, diagnostic, style) + "\n")
    write_summary(report, out, style)
