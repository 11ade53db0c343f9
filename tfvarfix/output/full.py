"""`--output-format full`: the concise line, then the source with the range underlined, the fix's title
and, with `--show-fixes`, the fix as a diff; the summary last. Modelled on ruff's full format.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import TextIO

from tfvarfix.output.cells import in_cell
from tfvarfix.output.concise import header
from tfvarfix.output.report import FILE_LEVEL_CODES, Report, diagnostics, shown_source
from tfvarfix.output.style import Style
from tfvarfix.output.summary import write_summary
from tfvarfix.types import Diagnostic, Fix, FixSafety

CONTEXT = 2  # lines shown before and after the range
MAX_RANGE_LINES = 6  # longer ranges show their first and last lines around an ellipsis
TAB_WIDTH = 4
_NEWLINE = re.compile(r"\r\n|\r|\n")  # the line breaks libcst counts; str.splitlines knows more


def write(report: Report, out: TextIO, style: Style) -> None:
    for result, diagnostic in diagnostics(report):
        out.write(header(report, result, diagnostic, style) + "\n")
        text = shown_source(result)
        if result.notebook is not None:  # a notebook: the frame shows the cell, in the cell's lines
            diagnostic, text = in_cell(result, diagnostic)
        frame: list[str] = []
        if text is not None and diagnostic.code not in FILE_LEVEL_CODES:
            frame = code_frame(text, diagnostic, style)
        for line in frame:
            out.write(line + "\n")
        fix = diagnostic.fix
        if fix is not None and fix.title:
            indent = " " * (len(frame[0]) - len(frame[0].lstrip(" ")) if frame else 2)
            unsafe = " (unsafe)" if fix.safety is FixSafety.UNSAFE else ""
            out.write(f"{indent}= {style('help', 'bold', 'cyan')}: {fix.title}{unsafe}\n")
        if fix is not None and report.show_fixes and not report.fix_mode and text is not None:
            out.write("\n")
            for line in fix_diff(text, fix, style):
                out.write(line + "\n")
        out.write("\n")
    write_summary(report, out, style)


# ---------------------------------------------------------------------------------------- code frame
def code_frame(text: str, diagnostic: Diagnostic, style: Style) -> list[str]:
    """The lines around the diagnostic's range, numbered, with `^` under the range and the code after it.

    Columns are code points; wide and zero-width characters are measured with `unicodedata` (an approximation
    of what a terminal draws), tabs expand to stops of four and control characters show as Unicode pictures.
    """
    lines = _NEWLINE.split(text)
    count = len(lines)
    start, end = diagnostic.range.start, diagnostic.range.end
    first = start.line
    if not 1 <= first <= count:
        return []
    last, end_column = end.line, end.column
    if last > count:
        last, end_column = count, len(lines[count - 1])
    if last < first:
        last, end_column = first, start.column
    if last > first and end_column == 0:  # a range that ends at a line break: stop at the line before
        last -= 1
        end_column = len(lines[last - 1])

    before = max(first - CONTEXT, 1)
    while before < first and not lines[before - 1].strip():
        before += 1
    after = min(last + CONTEXT, count)
    while after > last and not lines[after - 1].strip():
        after -= 1

    numbers: list[int | None] = list(range(before, first))
    if last - first + 1 > MAX_RANGE_LINES:
        numbers += [first, first + 1, first + 2, None, last - 1, last]
    else:
        numbers += list(range(first, last + 1))
    numbers += list(range(last + 1, after + 1))

    width = len(str(after))
    bar = style("|", "blue", "bold")
    blank = f"{' ' * width} {bar}"
    underlines: dict[int, tuple[int, int]] = {}
    for number in numbers:
        if number is not None and first <= number <= last:
            span = _underline(lines[number - 1], number, first, last, start.column, end_column)
            if span is not None:
                underlines[number] = span
    labelled = max(underlines, default=None)

    out = [blank]
    for number in numbers:
        if number is None:
            out.append(f"{blank} ...")
            continue
        shown, offsets = _render(lines[number - 1])
        out.append(f"{style(str(number).rjust(width), 'blue', 'bold')} {bar} {shown}".rstrip())
        if number in underlines:
            a, b = underlines[number]
            left, right = offsets[a], offsets[b]
            marks = "^" * max(right - left, 1)
            if number == labelled:
                marks += f" {diagnostic.code}"
            out.append(f"{blank} {' ' * left}{style(marks, 'red', 'bold')}")
    out.append(blank)
    return out


def _underline(line: str, number: int, first: int, last: int, start: int, end: int) -> tuple[int, int] | None:
    """The code-point span to underline on one line of a range, or None for a blank line inside it."""
    indent = len(line) - len(line.lstrip())
    stripped_end = len(line.rstrip())
    a = start if number == first else indent
    b = end if number == last else stripped_end
    a, b = min(max(a, 0), len(line)), min(max(b, 0), len(line))
    b = max(a, b)
    if first != last and a == b:
        return None if number != last else (a, a)
    return a, b


def _char_width(char: str) -> int:
    if " " <= char < "\x7f":
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _render(line: str) -> tuple[str, list[int]]:
    """The line as shown, and the display column at which each code point (and the end) starts."""
    parts: list[str] = []
    offsets: list[int] = []
    column = 0
    for char in line:
        offsets.append(column)
        if char == "\t":
            spaces = TAB_WIDTH - column % TAB_WIDTH
            parts.append(" " * spaces)
            column += spaces
            continue
        code = ord(char)
        if code < 0x20:
            char = chr(0x2400 + code)
        elif code == 0x7F:
            char = "\u2421"
        parts.append(char)
        column += _char_width(char)
    offsets.append(column)
    return "".join(parts), offsets


# -------------------------------------------------------------------------------------------- fix diff
def fix_diff(text: str, fix: Fix, style: Style) -> list[str]:
    """The lines a fix changes, as ruff shows them with `--show-fixes`: old and new numbers, `-` and `+`."""
    from tfvarfix.source import LineIndex

    index = LineIndex(text)
    spans = [
        (
            index.offset(e.range.start.line, e.range.start.column),
            index.offset(e.range.end.line, e.range.end.column),
        )
        for e in fix.edits
    ]
    new = text
    # From the end, so earlier offsets stay valid; insertions at one point keep their order.
    for position in sorted(range(len(spans)), key=lambda i: (spans[i], i), reverse=True):
        begin, finish = spans[position]
        new = new[:begin] + fix.edits[position].content + new[finish:]
    old_lines, new_lines = _NEWLINE.split(text), _NEWLINE.split(new)
    width = len(str(max(len(old_lines), len(new_lines))))
    bar = style("|", "blue", "bold")
    kind = "Safe fix" if fix.safety is FixSafety.SAFE else "Unsafe fix"
    out = [style(kind, "bold")]
    groups = list(difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_grouped_opcodes(1))
    for number, group in enumerate(groups):
        if number:
            out.append(f"{' ' * width} {' ' * width} {bar} ...")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                    gutter = f"{i + 1:>{width}} {j + 1:>{width}}"
                    out.append(f"{style(gutter, 'blue', 'bold')} {bar} {_render(old_lines[i])[0]}".rstrip())
                continue
            for i in range(i1, i2):
                gutter = f"{i + 1:>{width}} {' ' * width}"
                out.append(
                    f"{style(gutter, 'blue', 'bold')} {bar}{style('-' + _render(old_lines[i])[0], 'red')}"
                )
            for j in range(j1, j2):
                gutter = f"{' ' * width} {j + 1:>{width}}"
                out.append(
                    f"{style(gutter, 'blue', 'bold')} {bar}{style('+' + _render(new_lines[j])[0], 'green')}"
                )
    return out
