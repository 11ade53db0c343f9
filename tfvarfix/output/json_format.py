"""`--output-format json`: a JSON array shaped like ruff's, with 1-based rows and columns.

Beyond ruff's keys: `severity` (error or warning, the finding's own) and, in `fix`, what `verify` checks and
`renames` (the weight, variable-scope or layer names the fix changes, which checkpoints record). `url`
is the rule page's absolute URI (see tfvarfix.catalog), null for the codes about files (TFV001-TFV005).
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from tfvarfix.output.cells import cell_of, in_notebook
from tfvarfix.output.report import Report, diagnostics, display_path, info_for, verified
from tfvarfix.types import Diagnostic, FileResult, Position


def location(position: Position) -> dict[str, int]:
    return {"row": position.line, "column": position.column + 1}


def item(report: Report, result: FileResult, diagnostic: Diagnostic) -> dict[str, Any]:
    fix: dict[str, Any] | None = None
    if diagnostic.fix is not None:
        fix = {
            "applicability": diagnostic.fix.safety.value,
            "message": diagnostic.fix.title or None,
            "edits": [
                {
                    "content": edit.content,
                    "location": location(edit.range.start),
                    "end_location": location(edit.range.end),
                    # an edit in another module of the project (the fix spans files): that file
                    **({"filename": display_path(edit.path)} if edit.path is not None else {}),
                }
                for edit in diagnostic.fix.edits
            ],
            "verify": diagnostic.fix.checks.value,
            # Names checkpoints and saved models record that the fix changes: written under `old`, no longer found.
            "renames": [{"kind": r.kind, "old": r.old, "new": r.new} for r in diagnostic.fix.renames],
        }
        confirmed = verified(report, result, diagnostic)
        if confirmed is not None:
            fix["verified"] = confirmed
    entry = {
        "code": diagnostic.code,
        "name": diagnostic.name,
        "message": diagnostic.message,
        "severity": diagnostic.severity.value,
        "filename": display_path(result.path),
        "location": location(diagnostic.range.start),
        "end_location": location(diagnostic.range.end),
        "fix": fix,
        "url": info_for(report, diagnostic).help_uri or None,
        "noqa_row": diagnostic.range.start.line,
    }
    if cell_of(result, diagnostic) is not None:
        in_notebook(entry, result, diagnostic)  # ruff's convention: a `cell`, rows counted in it
    return entry


def write(report: Report, out: TextIO) -> None:
    items = [item(report, result, diagnostic) for result, diagnostic in diagnostics(report)]
    out.write(json.dumps(items, indent=2) + "\n")
