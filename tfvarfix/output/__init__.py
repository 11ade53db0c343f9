"""Printing results: `render(report, fmt, out, color)` in one of ruff's formats.

full and concise are for people (the summary footer, `--statistics` and `--show-fixes` apply to them);
json, sarif and github are for machines. Each format lives in its own module, imported when used.
"""

from __future__ import annotations

import enum
from typing import TextIO

from tfvarfix.output.report import BUILTIN_RULES, Report, RuleInfo, VerifiedKey, rule_info
from tfvarfix.output.style import Style, color_default

__all__ = [
    "BUILTIN_RULES",
    "OutputFormat",
    "Report",
    "RuleInfo",
    "UnsupportedOutputError",
    "VerifiedKey",
    "color_default",
    "render",
    "rule_info",
]


class OutputFormat(str, enum.Enum):
    FULL = "full"
    CONCISE = "concise"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"


class UnsupportedOutputError(ValueError):
    """A combination of options the format cannot express (`--statistics` with sarif or github)."""


def render(report: Report, fmt: OutputFormat, out: TextIO, color: bool) -> None:
    """Write `report` to `out` in `fmt`. `color` adds ANSI styles to the text formats, never to the others.

    With `report.statistics`, full and concise print the statistics table and the summary, json prints the
    statistics as a JSON array; sarif and github raise UnsupportedOutputError, as ruff refuses them.
    """
    fmt = OutputFormat(fmt)
    style = Style(color and fmt in (OutputFormat.FULL, OutputFormat.CONCISE))
    if report.statistics:
        from tfvarfix.output import statistics

        if fmt is OutputFormat.JSON:
            statistics.write_json(report, out)
        elif fmt in (OutputFormat.FULL, OutputFormat.CONCISE):
            statistics.write_text(report, out, style)
        else:
            raise UnsupportedOutputError(
                f"--statistics cannot be written as {fmt.value}; use full, concise or json"
            )
        return
    if fmt is OutputFormat.FULL:
        from tfvarfix.output import full

        full.write(report, out, style)
    elif fmt is OutputFormat.CONCISE:
        from tfvarfix.output import concise

        concise.write(report, out, style)
    elif fmt is OutputFormat.JSON:
        from tfvarfix.output import json_format

        json_format.write(report, out)
    elif fmt is OutputFormat.SARIF:
        from tfvarfix.output import sarif

        sarif.write(report, out)
    else:
        from tfvarfix.output import github

        github.write(report, out)
