"""Jupyter notebooks: the code cells, masked for IPython syntax, checked as one program; fixes written back.

- Only code cells are read (`cell_type == "code"`); markdown and raw cells are left as they are.
- All code cells, in file order, form ONE program: a layer built in cell 2 and a detached variable in
  cell 5 are found together. Cells are joined with a boundary comment line, so a position in the program
  maps back to (cell, line in cell) and fixed text splits back into cells.
- IPython syntax is masked before parsing, line by line, by a harmless placeholder of the same length (`...`
  padded with spaces, after the line's indentation), so every other position stays right:
  line magics (`%matplotlib inline`), shell escapes (`!pip install x`), help (`?tf.Variable`, `model.fit??`),
  and assignments from them (`files = !ls`, `t = %timeit -o f()`: the part from `!`/`%` on). Lines inside a
  multi-line string are not masked. A cell magic on the first line (`%%...`) masks only that line when its
  body is Python run by IPython (`%%time`, `%%timeit`, `%%capture`, `%%prun`); any other cell magic
  (`%%bash`, `%%writefile`, `%%html`, ...) masks the whole cell: its body is not Python.
- A cell whose every line starts with the same indentation is dedented first, as IPython runs it (` x = 1` pasted
  with a space: `textwrap.dedent` of the cell); its findings are given at the cell's own columns, without fixes.
- Fixes never change a masked line and never span two cells; a fix that would is not written (the file stays
  as it was, with a TFV003 note). The fixed cells are written back as the notebook held them (a list of lines
  or one string), outputs, metadata and execution counts untouched. The JSON is re-serialized only in the
  formatting that reproduces the untouched file byte for byte (indentation, key order, `ensure_ascii`,
  separators, final newline); a file in any other formatting is not written.
- Re-running a cell is invisible in the saved file: the cells are seen once each, top to bottom, which is
  how `Restart & Run All` runs them. TFV304 (graph-built-twice) therefore reports a graph built twice only
  when the cells, read in order, build it twice. See docs/notebooks.md.
"""

from __future__ import annotations

import difflib
import io
import json
import re
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from tfvarfix.types import CellMap, Diagnostic, FileResult, FileStatus, Position, Range

BOUNDARY = "# -- tfvarfix: notebook cell boundary --"
#: Cell magics whose body IPython runs as Python: only their first line is masked.
PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun"})

_HELP = re.compile(r"^\s*(\?{1,2}\s*[A-Za-z_][\w.]*(\(\))?|[A-Za-z_][\w.]*(\(\))?\s*\?{1,2})\s*$")
_ASSIGNED_MAGIC = re.compile(r"^(\s*[A-Za-z_][\w.]*(\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*)[!%]")
_NEWLINE = re.compile(r"[^\n]*\n|[^\n]+")


class NotebookError(ValueError):
    """The text is not a notebook tfvarfix can read."""


class NotebookWriteError(ValueError):
    """Fixed code cannot be written back into the notebook."""


def placeholder(length: int) -> str:
    """A harmless Python expression statement of exactly `length` characters (length >= 1)."""
    if length >= 3:
        return "..." + " " * (length - 3)
    return "0" + " " * (length - 1)


def _statement_starts(text: str) -> tuple[set[int], int]:
    """0-based lines where a logical line begins, and how many lines tokenizing covered.

    A line inside brackets, after a backslash or inside a multi-line string is not a statement start, so
    `% b` continuing `(a` is never taken for a magic. Lines past a tokenizer error are judged alone.
    """
    starts: set[int] = set()
    covered = 0
    fresh = True
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            kind = token.type
            covered = token.end[0]
            if kind in (tokenize.NEWLINE, tokenize.NL):
                fresh = fresh or kind == tokenize.NEWLINE
                continue
            if kind in (tokenize.INDENT, tokenize.DEDENT, tokenize.COMMENT, tokenize.ENDMARKER):
                continue
            if fresh:
                starts.add(token.start[0] - 1)
                fresh = False
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return starts, covered


def _mask_line(line: str) -> str | None:
    """The masked line (without its newline), or None when the line is plain Python."""
    stripped = line.lstrip()
    indent = line[: len(line) - len(stripped)]
    if not stripped:
        return None
    if stripped[0] in "%!?" or _HELP.match(line):
        body = stripped.rstrip()
        return indent + placeholder(len(body)) + stripped[len(body) :]
    assigned = _ASSIGNED_MAGIC.match(line)
    if assigned is not None:
        head = assigned.group(1)
        rest = line[len(head) :]
        body = rest.rstrip()
        return head + placeholder(len(body)) + rest[len(body) :]
    return None


def mask(source: str) -> tuple[str, frozenset[int]]:
    """The cell's text with IPython syntax masked, and the 0-based indexes of the masked lines."""
    lines = _NEWLINE.findall(source)
    if not lines:
        return source, frozenset()
    first = lines[0].strip()
    if first.startswith("%%"):
        name = first[2:].split(None, 1)[0] if len(first) > 2 else ""
        if name not in PYTHON_CELL_MAGICS:
            masked_all = [_whole(line) for line in lines]
            return "".join(masked_all), frozenset(i for i, line in enumerate(lines) if line.strip())
    starts, covered = _statement_starts(source)
    out: list[str] = []
    masked: set[int] = set()
    continued = False
    for index, line in enumerate(lines):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        new: str | None = None
        if continued:
            # Blank, not a placeholder at column 0: a continued shell escape inside a block (`if x:` then
            # `  !python main.py \\` and `      --flag`) would otherwise end the block there, and the block's next
            # line would be an unexpected indent (google/automl's efficientdet tutorial).
            new = _blank(body)
        elif index in starts or index >= covered:
            new = _mask_line(body)
        if new is not None and new != body:
            masked.add(index)
            continued = body.rstrip().endswith("\\")
            out.append(new + ending)
        else:
            continued = False
            out.append(line)
    return "".join(out), frozenset(masked)


def _blank(line: str) -> str:
    """A continuation line of a masked one: spaces of the same length (a blank line, inside any block)."""
    return " " * len(line)


def _whole(line: str) -> str:
    body = line.rstrip("\r\n")
    ending = line[len(body) :]
    return (placeholder(len(body)) if body.strip() else body) + ending


@dataclass(frozen=True)
class Cell:
    index: int  # 0-based position in the notebook's cell list
    source: str
    masked: str
    masked_lines: frozenset[int]
    as_list: bool  # the notebook stores the source as a list of lines (else one string)
    dedent: int = 0  # the columns IPython strips from every line before running the cell (see `ipython_dedent`)


class Notebook:
    """A parsed notebook: its JSON, its code cells and the program they make."""

    def __init__(self, text: str) -> None:
        self.text = text
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as error:
            raise NotebookError(f"invalid notebook JSON: {error}") from None
        if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
            raise NotebookError("not a Jupyter notebook: no `cells` list (nbformat 4 is required)")
        self.data: dict[str, Any] = data
        if not _is_python(data):
            raise NotebookError("not a Python notebook (kernel language is not python)")
        self.cells: list[Cell] = []
        for index, cell in enumerate(data["cells"]):
            if not isinstance(cell, dict) or cell.get("cell_type") != "code":
                continue
            raw = cell.get("source", "")
            if isinstance(raw, list) and all(isinstance(part, str) for part in raw):
                source, as_list = "".join(raw), True
            elif isinstance(raw, str):
                source, as_list = raw, False
            else:
                raise NotebookError(f"cell {index + 1}: `source` is neither a string nor a list of strings")
            dedent = ipython_dedent(source)
            lines = _NEWLINE.findall(source)
            runs = "".join(line[dedent:] if line.strip() else line for line in lines) if dedent else source
            masked, masked_lines = mask(runs)
            self.cells.append(Cell(index, source, masked, masked_lines, as_list, dedent))
        self.boundary = BOUNDARY
        while any(self.boundary in cell.source for cell in self.cells):
            self.boundary += "-"

    # --------------------------------------------------------------------------------- the program
    def program(self) -> str:
        return join_cells([cell.masked for cell in self.cells], self.boundary)

    def cell_map(self, program: str) -> CellMap:
        parts = self.split(program)
        # A dedented cell is shown (frames of the full output) at its own columns, as the findings are given.
        parts = [
            "".join(_indent_of(c) + line if line.strip() else line for line in _NEWLINE.findall(part))
            if c.dedent
            else part
            for c, part in zip(self.cells, parts, strict=True)
        ]
        return cell_map(parts, self.boundary, [cell.index + 1 for cell in self.cells])

    def split(self, program: str) -> list[str]:
        """The program's text back in cells (still masked); raises NotebookWriteError if cells ran together."""
        parts: list[str] = []
        current: list[str] = []
        marker = self.boundary + "\n"
        for line in _NEWLINE.findall(program):
            if line == marker:
                parts.append("".join(current))
                current = []
            else:
                current.append(line)
        if "".join(current).strip() or len(parts) != len(self.cells):
            raise NotebookWriteError("a fix would move code across a cell boundary")
        return parts

    # --------------------------------------------------------------------------------- writing back
    def fixed_text(self, fixed_program: str) -> str:
        """The notebook's JSON text with the fixed program written back into its cells."""
        parts = self.split(fixed_program)
        changed: dict[int, str] = {}
        for cell, part in zip(self.cells, parts, strict=True):
            if part == cell.masked + ("\n" if cell.masked and not cell.masked.endswith("\n") else ""):
                continue
            if cell.dedent:
                raise NotebookWriteError(f"a fix would change cell {cell.index + 1}, whose lines IPython dedents")
            text = part
            if not cell.source.endswith("\n") and text.endswith("\n"):
                text = text[:-1]
            changed[cell.index] = unmask(cell, text)
        if not changed:
            return self.text
        dump = serializer(self.text, self.data)
        if dump is None:
            raise NotebookWriteError(
                "the notebook's JSON formatting cannot be reproduced, so fixes are not written into it"
            )
        data = json.loads(self.text)
        for index, text in changed.items():
            is_list = next(cell.as_list for cell in self.cells if cell.index == index)
            data["cells"][index]["source"] = _NEWLINE.findall(text) if is_list else text
        written: str = dump(data)
        return written


def join_cells(cells: Sequence[str], boundary: str) -> str:
    out: list[str] = []
    for text in cells:
        out.append(text)
        if text and not text.endswith("\n"):
            out.append("\n")
        out.append(boundary + "\n")
    return "".join(out)


def cell_map(parts: Sequence[str], boundary: str, numbers: Sequence[int]) -> CellMap:
    starts: list[int] = []
    line = 1
    for text in parts:
        starts.append(line)
        line += len(_NEWLINE.findall(text)) + 1  # the cell's lines and the boundary
    return CellMap(join_cells(parts, boundary), tuple(starts), tuple(numbers))


def unmask(cell: Cell, text: str) -> str:
    """Put the cell's masked lines back into `text` (its fixed, masked code)."""
    if not cell.masked_lines:
        return text
    old = _NEWLINE.findall(cell.masked)
    original = _NEWLINE.findall(cell.source)
    new = _NEWLINE.findall(text)
    restored = list(new)
    kept: set[int] = set()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, _ in matcher.get_opcodes():
        if tag != "equal":
            continue
        for offset in range(i2 - i1):
            if i1 + offset in cell.masked_lines:
                restored[j1 + offset] = _with_ending(original[i1 + offset], new[j1 + offset])
                kept.add(i1 + offset)
    if kept != set(cell.masked_lines):
        raise NotebookWriteError(f"a fix would change IPython syntax in cell {cell.index + 1}")
    return "".join(restored)


def _with_ending(line: str, like: str) -> str:
    body = line.rstrip("\r\n")
    return body + like[len(like.rstrip("\r\n")) :]


def _is_python(data: dict[str, Any]) -> bool:
    metadata = data.get("metadata")
    if not isinstance(metadata, dict):
        return True
    info = metadata.get("language_info")
    name = info.get("name") if isinstance(info, dict) else None
    if name is None:
        kernel = metadata.get("kernelspec")
        name = kernel.get("language") if isinstance(kernel, dict) else None
    return name is None or str(name).lower() == "python"


def serializer(text: str, data: Any) -> Any:
    """A function that writes notebook data exactly as `text` was written, or None when none does."""
    newline = text[len(text.rstrip("\r\n")) :]
    for indent in (1, 2, 4, None, 3, "\t"):
        separators = [(",", ": ")] if indent is not None else [(", ", ": "), (",", ":")]
        for ensure_ascii in (False, True):
            for sort_keys in (False, True):
                for seps in separators:

                    def dump(
                        value: Any,
                        indent: Any = indent,
                        ensure_ascii: bool = ensure_ascii,
                        sort_keys: bool = sort_keys,
                        seps: tuple[str, str] = seps,
                    ) -> str:
                        body = json.dumps(
                            value,
                            indent=indent,
                            ensure_ascii=ensure_ascii,
                            sort_keys=sort_keys,
                            separators=seps,
                        )
                        return body + newline

                    if dump(data) == text:
                        return dump
    return None


# ------------------------------------------------------------------------------------------ results
def unreadable(text: str, path: str, error: NotebookError) -> FileResult:
    """The result for a notebook whose JSON does not parse: one TFV001 where the JSON breaks."""
    from tfvarfix.engine import SYNTAX_ERROR

    where = _json_position(error)
    diagnostic = Diagnostic(SYNTAX_ERROR[0], SYNTAX_ERROR[1], str(error), Range(where, where))
    return FileResult(path, (diagnostic,), FileStatus.FAILED, source=text)


def as_notebook_result(
    notebook: Notebook, text: str, program: str, result: FileResult, unfixed: FileResult | None = None
) -> FileResult:
    """A result computed on the cells' program, as the notebook's: positions as cells, fixes written back into
    the JSON. When they cannot be written back (`NotebookWriteError`), `unfixed` (the program checked without
    fixing) is the result, with a TFV003 saying why."""
    from tfvarfix.engine import FIX_FAILED, file_diagnostic

    dedents = [cell.dedent for cell in notebook.cells]
    if result.status is FileStatus.SKIPPED:
        return FileResult(result.path, (), FileStatus.SKIPPED, source=text, notebook=notebook.cell_map(program))
    if result.fixed_source is None:
        return _as_notebook(result, text, None, notebook.cell_map(program), dedents)
    try:
        fixed_text = notebook.fixed_text(result.fixed_source)
        cells = notebook.cell_map(result.fixed_source)
    except NotebookWriteError as error:
        if unfixed is None:
            raise
        note = f"fixes not applied: {error}"
        failed = file_diagnostic(FIX_FAILED, note)
        return _as_notebook(
            replace(unfixed, diagnostics=(*unfixed.diagnostics, failed), notes=(*unfixed.notes, note)),
            text,
            None,
            notebook.cell_map(program),
            dedents,
        )
    return _as_notebook(result, text, fixed_text, cells, dedents)


def writable(notebook: Notebook, fixed_program: str) -> bool:
    """Whether a fixed program can be written back into the notebook's JSON."""
    try:
        notebook.fixed_text(fixed_program)
    except NotebookWriteError:
        return False
    return True


def _as_notebook(
    result: FileResult, text: str, fixed_text: str | None, cells: CellMap, dedents: Sequence[int] = ()
) -> FileResult:
    return replace(
        result,
        diagnostics=tuple(confine(redent(d, cells, dedents), cells) for d in result.diagnostics),
        source=text,
        fixed_source=fixed_text if fixed_text != text else None,
        notebook=cells,
    )


def ipython_dedent(source: str) -> int:
    """How many columns IPython strips from each line of a cell before it runs it: the whitespace that every
    non-blank line starts with (IPython 9's `leading_indent` is `textwrap.dedent` of the cell; measured on IPython
    9.18: google/automl's `" # install edgetpu compiler"` / `" !curl ..."` cell runs, a cell of `" Params = {"`
    then lines at column 0 is an `IndentationError` there too). Tabs and spaces mixed: 0 (not judged)."""
    widths = []
    for line in _NEWLINE.findall(source):
        body = line.rstrip("\r\n")
        if not body.strip():
            continue
        indent = body[: len(body) - len(body.lstrip())]
        if indent.strip(" ") and indent.strip("\t"):
            return 0
        widths.append(indent)
    if not widths or not widths[0]:
        return 0
    first = widths[0]
    if any(not w or w[0] != first[0] for w in widths):
        return 0
    return min(len(w) for w in widths)


def _indent_of(cell: Cell) -> str:
    """The indentation IPython strips from each line of a dedented cell."""
    first: str = next(line for line in _NEWLINE.findall(cell.source) if line.strip())
    return first[: cell.dedent]


def redent(diagnostic: Diagnostic, cells: CellMap, dedents: Sequence[int]) -> Diagnostic:
    """A diagnostic in a cell that IPython dedents, at the cell's own columns and without its fix (the program
    holds the cell dedented; a fix is never written into it)."""
    if not any(dedents) or not cells.starts:
        return diagnostic
    import bisect

    index = max(bisect.bisect_right(cells.starts, diagnostic.range.start.line) - 1, 0)
    shift = dedents[index] if index < len(dedents) else 0
    if not shift:
        return diagnostic
    start, end = diagnostic.range.start, diagnostic.range.end
    moved = Range(Position(start.line, start.column + shift), Position(end.line, end.column + shift))
    return replace(diagnostic, range=moved, fix=None)


def confine(diagnostic: Diagnostic, cells: CellMap) -> Diagnostic:
    """The diagnostic without its fix when one of the fix's edits would cross a cell boundary."""
    fix = diagnostic.fix
    if fix is None or not cells.starts:
        return diagnostic
    boundaries = [start - 1 for start in cells.starts[1:]] + [cells.program.count("\n")]
    for edit in fix.edits:
        start, end = edit.range.start, edit.range.end
        last = end.line - 1 if end.column == 0 and end.line > start.line else end.line
        if start == end:
            continue  # an insertion before a boundary line belongs to the cell above it
        if any(start.line <= line <= last for line in boundaries):
            return replace(diagnostic, fix=None)
    return diagnostic


def _json_position(error: NotebookError) -> Position:
    match = re.search(r"line (\d+) column (\d+)", str(error))
    if match is None:
        return Position(1, 0)
    return Position(int(match.group(1)), int(match.group(2)) - 1)
