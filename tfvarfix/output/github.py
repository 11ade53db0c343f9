"""`--output-format github`: GitHub Actions workflow commands, one annotation per diagnostic.

Escaping follows `@actions/core`: in data `%`, CR and LF; in properties also `:` and `,`.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TextIO

from tfvarfix.output.cells import label, position
from tfvarfix.output.report import Report, diagnostics, display_path
from tfvarfix.types import Severity


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(report: Report, out: TextIO) -> None:
    for result, diagnostic in diagnostics(report):
        start, end = (position(result, diagnostic, p) for p in (diagnostic.range.start, diagnostic.range.end))
        cell = label(result, diagnostic)  # a notebook: lines count in the cell, named in the message
        command = "warning" if diagnostic.severity is Severity.WARNING else "error"
        properties = {
            "title": f"tfvarfix ({diagnostic.code})",
            "file": PurePath(display_path(result.path)).as_posix(),
            "line": str(start.line),
            "col": str(start.column + 1),
            "endLine": str(end.line),
            "endColumn": str(end.column + 1),
        }
        joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
        message = f"{cell} {diagnostic.code}" if cell else diagnostic.code
        out.write(f"::{command} {joined}::{escape_data(f'{message} {diagnostic.message}')}\n")
