"""Printing verify results: rich tables for people, JSON for machines."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any, TextIO

from tfvarfix.verify.core import FileVerification, Row, RunSummary

MAX_ROWS = 200  # per file in the table; JSON has them all


def _number(value: float | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return "0" if value == 0 else f"{value:.3g}"


def _run(summary: RunSummary | None) -> str:
    if summary is None:
        return "not run"
    if summary.status != "ok":
        return f"{summary.status}: {summary.message}"
    parts = [f"ran in {summary.seconds:.2f} s on {summary.device}"]
    if summary.error:
        parts.append(f"raised {summary.error}")
    if summary.entry_errors:
        parts.append(f"{len(summary.entry_errors)} entries raised")
    if summary.stdout.strip():
        parts.append(f"printed {len(summary.stdout.splitlines())} lines")
    return ", ".join(parts)


def write_full(verifications: Sequence[FileVerification], out: TextIO, color: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, force_terminal=color, no_color=not color, width=160, highlight=False)
    for v in verifications:
        style = "green" if v.passed else "red"
        console.print(f"[bold]{v.path}[/bold]: [{style}]{v.status}[/{style}]")
        if v.environment:
            console.print(f"  environment: {v.environment}")
        console.print(f"  original: {_run(v.original)}")
        console.print(f"  rewrite:  {_run(v.rewritten)}")
        for note in v.notes:
            console.print(f"  note: {note}")
        if v.fixes:
            fixes = Table(title=None, show_edge=False, pad_edge=False)
            for column in ("line", "code", "check", "scope", "verdict", "why"):
                fixes.add_column(column, overflow="fold")
            for f in v.fixes:
                mark = "[green]pass[/green]" if f.passed else "[red]FAIL[/red]"
                fixes.add_row(
                    f"{f.line}:{f.column + 1}", f.code, f.check, f.scope or "module", mark, f.reason
                )
            console.print(fixes)
        if v.rows:
            table = Table(show_edge=False, pad_edge=False)
            for column in (
                "scope",
                "object",
                "weight / output",
                "shape",
                "max abs err",
                "max rel err",
                "tolerance",
                "verdict",
            ):
                table.add_column(column, overflow="fold")
            for row in v.rows[:MAX_ROWS]:
                table.add_row(*_cells(row))
            console.print(table)
            if len(v.rows) > MAX_ROWS:
                console.print(
                    f"  ... {len(v.rows) - MAX_ROWS} more rows (--output-format json lists them all)"
                )
        console.print()
    passed = sum(v.passed for v in verifications)
    console.print(f"{passed} of {len(verifications)} files verified")


def _cells(row: Row) -> list[str]:
    verdict = row.verdict if row.ok else f"[{'yellow' if row.allowed else 'red'}]{row.verdict}[/]"
    what = row.path if row.kind == "weight" else (f"output {row.path}" if row.kind == "output" else "value")
    return [
        row.scope or "module",
        row.label,
        what,
        "x".join(map(str, row.shape)) or "scalar",
        _number(row.max_abs),
        _number(row.max_rel),
        f"rtol {row.rtol:g} atol {row.atol:g}",
        verdict,
    ]


def as_json(verifications: Sequence[FileVerification]) -> list[dict[str, Any]]:
    def run(summary: RunSummary | None) -> dict[str, Any] | None:
        if summary is None:
            return None
        return {
            "status": summary.status,
            "message": summary.message,
            "error": summary.error,
            "entry_errors": summary.entry_errors,
            "stdout": summary.stdout[-4000:],
            "stderr": summary.stderr[-4000:],
            "seconds": round(summary.seconds, 4),
            "device": summary.device,
        }

    def finite(value: float | None) -> float | None:
        return None if value is None or math.isnan(value) else value

    return [
        {
            "path": v.path,
            "status": v.status,
            "seconds": round(v.seconds, 4),
            "startup_seconds": round(v.startup_s, 4),
            "environment": v.environment,
            "original": run(v.original),
            "rewritten": run(v.rewritten),
            "notes": v.notes,
            "fixes": [
                {
                    "code": f.code,
                    "line": f.line,
                    "column": f.column + 1,
                    "check": f.check,
                    "scope": f.scope,
                    "verified": f.passed,
                    "reason": f.reason,
                }
                for f in v.fixes
            ],
            "arrays": [
                {
                    "scope": r.scope,
                    "object": r.label,
                    "kind": r.kind,
                    "path": r.path,
                    "shape": list(r.shape),
                    "dtype": r.dtype,
                    "max_abs": finite(r.max_abs),
                    "max_rel": finite(r.max_rel),
                    "rtol": r.rtol,
                    "atol": r.atol,
                    "verdict": r.verdict,
                }
                for r in v.rows
            ],
        }
        for v in verifications
    ]


def write_json(verifications: Sequence[FileVerification], out: TextIO) -> None:
    out.write(json.dumps(as_json(verifications), indent=2) + "\n")
