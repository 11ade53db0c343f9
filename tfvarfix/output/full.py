"""`--output-format full`: the concise line, then the source with the range underlined, the fix's title
and, with `--show-fixes`, the fix as a diff; the summary last. Modelled on ruff's full format.

Linear in the file and its findings: a file's lines and line index are made once, not per finding, and a fix's
diff compares only the lines its edits touch (with a margin of unchanged lines), not the whole file.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import replace
from typing import TextIO

from tfvarfix.output.cells import in_cell
from tfvarfix.output.concise import header
from tfvarfix.output.report import FILE_LEVEL_CODES, Report, diagnostics, display_path, shown_source
from tfvarfix.output.style import Style
from tfvarfix.output.summary import write_summary
from tfvarfix.source import LineIndex
from tfvarfix.types import Diagnostic, Edit, Fix, FixSafety

CONTEXT = 2  # lines shown before and after the range
MAX_RANGE_LINES = 6  # longer ranges show their first and last lines around an ellipsis
TAB_WIDTH = 4
_NEWLINE = re.compile(r"\r\n|\r|\n")  # the line breaks libcst counts; str.splitlines knows more
DIFF_MARGIN = 3  # unchanged lines on each side of a fix's lines that its diff compares


class _Lines:
    """A text's lines and line index, made once for all the findings that show it."""

    def __init__(self) -> None:
        self._text: str | None = None
        self._lines: list[str] = []
        self._index: LineIndex | None = None

    def lines(self, text: str) -> list[str]:
        if text is not self._text:
            self._text, self._lines, self._index = text, _NEWLINE.split(text), None
        return self._lines

    def index(self, text: str) -> LineIndex:
        self.lines(text)
        if self._index is None:
            self._index = LineIndex(text)
        return self._index


def write(report: Report, out: TextIO, style: Style) -> None:
    cache = _Lines()
    for result, diagnostic in diagnostics(report):
        out.write(header(report, result, diagnostic, style) + "\n")
        text = shown_source(result)
        if result.notebook is not None:  # a notebook: the frame shows the cell, in the cell's lines
            diagnostic, text = in_cell(result, diagnostic)
        frame: list[str] = []
        if text is not None and diagnostic.code not in FILE_LEVEL_CODES:
            frame = code_frame(text, diagnostic, style, cache.lines(text))
        for line in frame:
            out.write(line + "\n")
        fix = diagnostic.fix
        if fix is not None and fix.title:
            indent = " " * (len(frame[0]) - len(frame[0].lstrip(" ")) if frame else 2)
            unsafe = " (unsafe)" if fix.safety is FixSafety.UNSAFE else ""
            also = (
                f"; also edits {', '.join(display_path(p) for p in fix.other_files)}"
                if fix.other_files
                else ""
            )
            out.write(f"{indent}= {style('help', 'bold', 'cyan')}: {fix.title}{unsafe}{also}\n")
        if fix is not None and report.show_fixes and not report.fix_mode and text is not None:
            out.write("\n")
            own = (
                replace(fix, edits=fix.edits_in(None)) if fix.other_files else fix
            )  # the diff is of this file
            for line in fix_diff(text, own, style, cache):
                out.write(line + "\n")
        out.write("\n")
    write_summary(report, out, style)


# ---------------------------------------------------------------------------------------- code frame
def code_frame(text: str, diagnostic: Diagnostic, style: Style, lines: list[str] | None = None) -> list[str]:
    """The lines around the diagnostic's range, numbered, with `^` under the range and the code after it.

    Columns are code points; wide and zero-width characters are measured with `unicodedata` (an approximation
    of what a terminal draws), tabs expand to stops of four and control characters show as Unicode pictures.
    `lines`: the text's lines, when the caller has them.
    """
    if lines is None:
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
def fix_diff(text: str, fix: Fix, style: Style, cache: _Lines | None = None) -> list[str]:
    """The lines a fix changes, as ruff shows them with `--show-fixes`: old and new numbers, `-` and `+`.

    What difflib gives on the whole old and new files (one line of context), in time linear in the lines the
    fix touches: the edits are taken in clusters of nearby lines, and only each cluster's changed lines go to
    difflib. The unchanged runs between clusters are the blocks difflib matches first (the longer run first,
    so where an insertion could sit on either side of equal lines, it takes them as difflib does). Where an
    unchanged run is not longer than the change next to it (a small file, a fix at its very end), the whole
    files are compared. A file whose unchanged runs are not its longest shared stretches (text repeated many
    times over) may still pair equal lines differently from a whole-file diff, never wrongly."""
    cache = cache if cache is not None else _Lines()
    old_lines = cache.lines(text)
    index = cache.index(text)
    count = len(old_lines)
    windows: list[tuple[int, list[str], list[str]]] = []  # (offset, old lines, new lines) per changed cluster
    for low, high, edits in _clusters(fix, count):
        begin_at = index.line_start(low)
        end_at = index.line_start(high) + len(old_lines[high - 1])  # the end of line `high`, before its break
        spans = [
            (
                index.offset(e.range.start.line, e.range.start.column),
                index.offset(e.range.end.line, e.range.end.column),
            )
            for e in edits
        ]
        if any(begin < begin_at or finish > end_at for begin, finish in spans):
            return _whole_diff(text, fix, style, old_lines, index)  # an edit past the end of its line
        new = text[begin_at:end_at]
        # From the end, so earlier offsets stay valid; insertions at one point keep their order.
        for position in sorted(range(len(spans)), key=lambda i: (spans[i], i), reverse=True):
            begin, finish = spans[position]
            new = new[: begin - begin_at] + edits[position].content + new[finish - begin_at :]
        old_window, new_window = old_lines[low - 1 : high], _NEWLINE.split(new)
        if new_window != old_window:
            windows.append((low - 1, old_window, new_window))
    if not windows:  # a fix that changes nothing: difflib shows the file's last line
        return _whole_diff(text, fix, style, old_lines, index)
    windows = _joined(windows, old_lines)
    middles = [_middle(offset, old_window, new_window, count) for offset, old_window, new_window in windows]
    codes: list[tuple[str, int, int, int, int]] = []
    moved = 0  # new lines minus old lines, above the current cluster
    done = 0  # old lines already in `codes`
    for number, (offset, old_window, new_window) in enumerate(windows):
        start, end, prefix, suffix = middles[number]
        before = start - (
            middles[number - 1][1] if number else 0
        )  # the unchanged run above, as difflib sees it
        after = (middles[number + 1][0] if number + 1 < len(middles) else count) - end
        shortest = min(len(old_window), len(new_window))
        if before >= after:  # difflib takes the longer run first (the upper one when they are as long)
            suffix = min(suffix, shortest - prefix)
        else:
            prefix = min(prefix, shortest - suffix)
        old_end, new_end = len(old_window) - suffix, len(new_window) - suffix
        _equal(codes, done, offset + prefix, moved)
        matcher = difflib.SequenceMatcher(
            None, old_window[prefix:old_end], new_window[prefix:new_end], autojunk=False
        )
        base_old, base_new = offset + prefix, offset + prefix + moved
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                _equal(codes, base_old + i1, base_old + i2, base_new + j1 - base_old - i1)
            else:
                codes.append((tag, base_old + i1, base_old + i2, base_new + j1, base_new + j2))
        done = offset + old_end
        moved += len(new_window) - len(old_window)
    _equal(codes, done, count, moved)
    new_count = count + moved
    width = len(str(max(count, new_count)))
    bar = style("|", "blue", "bold")
    kind = "Safe fix" if fix.safety is FixSafety.SAFE else "Unsafe fix"
    out = [style(kind, "bold")]
    new_lines = _NewLines(old_lines, windows)
    for number, group in enumerate(_grouped(codes)):
        if number:
            out.append(f"{' ' * width} {' ' * width} {bar} ...")
        out.extend(_hunk(group, old_lines, new_lines, width, style))
    return out


def _middle(offset: int, old: list[str], new: list[str], count: int) -> tuple[int, int, int, int]:
    """A window's changed middle, between the lines it starts and ends with in both texts: (its first and end
    old line, the common prefix and suffix). A window that reaches the start (end) of the file is compared
    from (to) there, as difflib compares what lies between the file's edge and the first run it matches."""
    shortest = min(len(old), len(new))
    prefix = 0
    if offset > 0:
        while prefix < shortest and old[prefix] == new[prefix]:
            prefix += 1
    suffix = 0
    if offset + len(old) < count:
        while suffix < shortest - prefix and old[-1 - suffix] == new[-1 - suffix]:
            suffix += 1
        if prefix + suffix == shortest:  # the overlap an insertion leaves may go to either side
            while suffix < shortest and old[-1 - suffix] == new[-1 - suffix]:
                suffix += 1
    return offset + prefix, offset + len(old) - suffix, prefix, suffix


def _joined(
    windows: list[tuple[int, list[str], list[str]]], old_lines: list[str]
) -> list[tuple[int, list[str], list[str]]]:
    """The windows, joined where the unchanged run between two is not longer than the changes beside it, and
    reaching the file's start (end) where the run before the first (after the last) is not: such a run need
    not be what difflib matches first, so the lines around it are compared together."""
    count = len(old_lines)
    while True:
        middles = [_middle(offset, old, new, count) for offset, old, new in windows]
        sizes = [max(m[1] - m[0], len(w[2]) - m[2] - m[3]) + 1 for m, w in zip(middles, windows, strict=True)]
        if middles[0][0] <= sizes[0] and windows[0][0] > 0:
            offset, old, new = windows[0]
            windows[0] = (0, old_lines[:offset] + old, old_lines[:offset] + new)
            continue
        last = windows[-1]
        if count - middles[-1][1] <= sizes[-1] and last[0] + len(last[1]) < count:
            tail = old_lines[last[0] + len(last[1]) :]
            windows[-1] = (last[0], last[1] + tail, last[2] + tail)
            continue
        for number in range(len(windows) - 1):
            if middles[number + 1][0] - middles[number][1] <= max(sizes[number], sizes[number + 1]):
                (offset, old, new), (next_offset, next_old, next_new) = windows[number], windows[number + 1]
                between = old_lines[offset + len(old) : next_offset]
                windows[number : number + 2] = [(offset, old + between + next_old, new + between + next_new)]
                break
        else:
            return windows


def _equal(codes: list[tuple[str, int, int, int, int]], begin: int, end: int, moved: int) -> None:
    """Add old lines `begin:end`, unchanged (new numbers `moved` further on), joining an equal run before."""
    if end <= begin:
        return
    if codes and codes[-1][0] == "equal" and codes[-1][2] == begin:
        _, i1, _, j1, _ = codes[-1]
        codes[-1] = ("equal", i1, end, j1, end + moved)
    else:
        codes.append(("equal", begin, end, begin + moved, end + moved))


def _grouped(codes: list[tuple[str, int, int, int, int]]) -> list[list[tuple[str, int, int, int, int]]]:
    """difflib's `get_grouped_opcodes(1)` over `codes`."""
    n = 1
    codes = list(codes)
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = tag, max(i1, i2 - n), i2, max(j1, j2 - n), j2
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)
    groups: list[list[tuple[str, int, int, int, int]]] = []
    group: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > n + n:
            group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
            groups.append(group)
            group = []
            i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        groups.append(group)
    return groups


class _NewLines:
    """The new file's lines, looked up by number without building the new file."""

    def __init__(self, old_lines: list[str], windows: list[tuple[int, list[str], list[str]]]) -> None:
        self._old = old_lines
        self._windows = windows

    def __getitem__(self, number: int) -> str:
        moved = 0
        for offset, old_window, new_window in self._windows:
            if number < offset + moved:
                break
            if number < offset + moved + len(new_window):
                return new_window[number - offset - moved]
            moved += len(new_window) - len(old_window)
        return self._old[number - moved]


def _hunk(
    group: list[tuple[str, int, int, int, int]],
    old: list[str] | _NewLines,
    new: list[str] | _NewLines,
    width: int,
    style: Style,
) -> list[str]:
    bar = style("|", "blue", "bold")
    out: list[str] = []
    for tag, i1, i2, j1, j2 in group:
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                gutter = f"{i + 1:>{width}} {j + 1:>{width}}"
                out.append(f"{style(gutter, 'blue', 'bold')} {bar} {_render(old[i])[0]}".rstrip())
            continue
        for i in range(i1, i2):
            gutter = f"{i + 1:>{width}} {' ' * width}"
            out.append(f"{style(gutter, 'blue', 'bold')} {bar}{style('-' + _render(old[i])[0], 'red')}")
        for j in range(j1, j2):
            gutter = f"{' ' * width} {j + 1:>{width}}"
            out.append(f"{style(gutter, 'blue', 'bold')} {bar}{style('+' + _render(new[j])[0], 'green')}")
    return out


def _clusters(fix: Fix, count: int) -> list[tuple[int, int, list[Edit]]]:
    """The fix's edits in groups whose lines are close, each with the lines its diff compares."""
    clusters: list[tuple[int, int, list[Edit]]] = []
    for edit in sorted(fix.edits, key=lambda e: (e.range.start, e.range.end)):
        low = min(max(edit.range.start.line - DIFF_MARGIN, 1), count)
        high = max(min(edit.range.end.line + DIFF_MARGIN, count), low)
        if clusters and low <= clusters[-1][1] + DIFF_MARGIN:
            first, last, edits = clusters[-1]
            clusters[-1] = (first, max(last, high), [*edits, edit])
        else:
            clusters.append((low, high, [edit]))
    return clusters


def _whole_diff(text: str, fix: Fix, style: Style, old_lines: list[str], index: LineIndex) -> list[str]:
    """The diff of the whole file with the fix applied."""
    spans = [
        (
            index.offset(e.range.start.line, e.range.start.column),
            index.offset(e.range.end.line, e.range.end.column),
        )
        for e in fix.edits
    ]
    new = text
    for position in sorted(range(len(spans)), key=lambda i: (spans[i], i), reverse=True):
        begin, finish = spans[position]
        new = new[:begin] + fix.edits[position].content + new[finish:]
    new_lines = _NEWLINE.split(new)
    width = len(str(max(len(old_lines), len(new_lines))))
    bar = style("|", "blue", "bold")
    kind = "Safe fix" if fix.safety is FixSafety.SAFE else "Unsafe fix"
    out = [style(kind, "bold")]
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for number, group in enumerate(matcher.get_grouped_opcodes(1)):
        if number:
            out.append(f"{' ' * width} {' ' * width} {bar} ...")
        out.extend(_hunk(list(group), old_lines, new_lines, width, style))
    return out
