"""`--statistics`: how many diagnostics of each code remain, most frequent first, as ruff counts them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TextIO

from tfvarfix.output.report import Report, applicable, diagnostics, info_for
from tfvarfix.output.style import Style
from tfvarfix.output.summary import write_summary


@dataclass(frozen=True)
class Statistic:
    code: str
    name: str
    count: int
    fixable: bool  # some diagnostic of this code has a fix that --fix would apply


def statistics(report: Report) -> list[Statistic]:
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    fixable: dict[str, bool] = {}
    for _, diagnostic in diagnostics(report):
        code = diagnostic.code
        counts[code] = counts.get(code, 0) + 1
        names.setdefault(code, info_for(report, diagnostic).name)
        fixable[code] = fixable.get(code, False) or applicable(diagnostic.fix, report.unsafe_fixes)
    rows = [Statistic(code, names[code], count, fixable[code]) for code, count in counts.items()]
    return sorted(rows, key=lambda s: (-s.count, s.code))


def write_text(report: Report, out: TextIO, style: Style) -> None:
    """flake8's `--statistics` table as ruff prints it: count, code, fixable marker, name; tab-separated."""
    rows = statistics(report)
    if rows:
        count_width = max(len(str(s.count)) for s in rows)
        code_width = max(len(s.code) for s in rows)
        any_fixable = any(s.fixable for s in rows)
        for s in rows:
            marker = ""
            if any_fixable:
                marker = f"[{style('*', 'cyan')}] " if s.fixable else "[ ] "
            count = style(f"{s.count:>{count_width}}", "bold")
            code = style(f"{s.code:<{code_width}}", "red", "bold")
            out.write(f"{count}\t{code}\t{marker}{s.name}\n")
    write_summary(report, out, style)


def write_json(report: Report, out: TextIO) -> None:
    rows = [
        {"code": s.code, "name": s.name, "count": s.count, "fixable": s.fixable} for s in statistics(report)
    ]
    out.write(json.dumps(rows, indent=2) + "\n")
