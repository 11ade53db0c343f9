"""Notebook positions in the outputs, as ruff writes them: `path:cell 3:2:8:`, and a `cell` field in JSON.

A notebook's diagnostics keep their ranges in the lines of the program its code cells make
(`FileResult.notebook`); here they are turned into (cell, line in cell), and a code frame shows the cell.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tfvarfix.output.report import FILE_LEVEL_CODES
from tfvarfix.types import CellMap, Diagnostic, Edit, FileResult, Position, Range


def cell_of(result: FileResult, diagnostic: Diagnostic) -> int | None:
    """The 1-based cell of a notebook diagnostic; None for a plain file or a file-level code."""
    if result.notebook is None or not result.notebook.starts or diagnostic.code in FILE_LEVEL_CODES:
        return None
    return result.notebook.locate(diagnostic.range.start.line)[0]


def position(result: FileResult, diagnostic: Diagnostic, where: Position) -> Position:
    """`where` (a position of `diagnostic`) in its cell's lines for a notebook, else unchanged."""
    cells = result.notebook
    if cells is None or cell_of(result, diagnostic) is None:
        return where
    return Position(_line_in(cells, diagnostic, where.line), where.column)


def label(result: FileResult, diagnostic: Diagnostic) -> str:
    """`cell N:` for a notebook diagnostic (to follow `path:`), else ``."""
    cell = cell_of(result, diagnostic)
    return "" if cell is None else f"cell {cell}:"


def in_cell(result: FileResult, diagnostic: Diagnostic) -> tuple[Diagnostic, str | None]:
    """The diagnostic in its cell's lines and the cell's (masked) text; for a plain file, as given.

    Edits of the fix that lie in other cells are dropped from the copy (it is only shown, never applied).
    """
    cells = result.notebook
    cell = cell_of(result, diagnostic)
    if cells is None or cell is None:
        return diagnostic, None
    index = cells.cells.index(cell)
    first = cells.starts[index]
    last = cells.starts[index + 1] - 2 if index + 1 < len(cells.starts) else cells.program.count("\n") - 1
    lines = cells.program.split("\n")[first - 1 : last]
    text = "\n".join(lines)

    def moved(where: Range) -> Range:
        return Range(
            Position(where.start.line - first + 1, where.start.column),
            Position(where.end.line - first + 1, where.end.column),
        )

    fix = diagnostic.fix
    if fix is not None:
        edits = tuple(
            Edit(moved(e.range), e.content)
            for e in fix.edits
            if e.path is None and first <= e.range.start.line <= last + 1  # (an edit of another file: not here)
        )
        fix = replace(fix, edits=edits)
    return replace(diagnostic, range=moved(diagnostic.range), fix=fix), text


def _line_in(cells: CellMap, diagnostic: Diagnostic, line: int) -> int:
    cell, _ = cells.locate(diagnostic.range.start.line)
    index = cells.cells.index(cell)
    return line - cells.starts[index] + 1


def in_notebook(entry: dict[str, Any], result: FileResult, diagnostic: Diagnostic) -> None:
    """Rewrite a JSON item's rows into the cell's lines and add `cell` (1-based), as ruff does.

    Each fix edit gets the `cell` it lies in and rows counted in that cell.
    """
    cells = result.notebook
    assert cells is not None
    cell, row = cells.locate(diagnostic.range.start.line)
    entry["cell"] = cell
    entry["location"]["row"] = row
    entry["end_location"]["row"] = position(result, diagnostic, diagnostic.range.end).line
    entry["noqa_row"] = row
    fix = entry.get("fix")
    if fix is None or diagnostic.fix is None:
        return
    for edit, shown in zip(diagnostic.fix.edits, fix["edits"], strict=True):
        edit_cell, edit_row = cells.locate(edit.range.start.line)
        shown["cell"] = edit_cell
        shown["location"]["row"] = edit_row
        shown["end_location"]["row"] = edit.range.end.line - (edit.range.start.line - edit_row)
