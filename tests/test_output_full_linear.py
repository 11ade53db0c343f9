"""`--output-format full` is linear in the file and its findings, and prints exactly what it printed when it
re-split the whole file and diffed the whole file for every finding (the reference below is that code)."""

from __future__ import annotations

import difflib
import io
import itertools
import random
import re
from pathlib import Path

import pytest

from tfvarfix import api
from tfvarfix.output import OutputFormat, render
from tfvarfix.output import full as full_format
from tfvarfix.output.report import Report
from tfvarfix.output.style import Style
from tfvarfix.source import LineIndex
from tfvarfix.types import Edit, Fix, FixSafety, Position, Range, VerifyCheck

ROOT = Path(__file__).resolve().parents[1]
_NEWLINE = re.compile(r"\r\n|\r|\n")


def reference_fix_diff(text: str, fix: Fix, style: Style) -> list[str]:
    """The whole-file fix diff full.py printed before it was made linear (verbatim)."""
    index = LineIndex(text)
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
                    shown = full_format._render(old_lines[i])[0]
                    out.append(f"{style(gutter, 'blue', 'bold')} {bar} {shown}".rstrip())
                continue
            for i in range(i1, i2):
                gutter = f"{i + 1:>{width}} {' ' * width}"
                removed = style("-" + full_format._render(old_lines[i])[0], "red")
                out.append(f"{style(gutter, 'blue', 'bold')} {bar}{removed}")
            for j in range(j1, j2):
                gutter = f"{' ' * width} {j + 1:>{width}}"
                added = style("+" + full_format._render(new_lines[j])[0], "green")
                out.append(f"{style(gutter, 'blue', 'bold')} {bar}{added}")
    return out


def many_findings() -> str:
    """The repository's bad fixtures, concatenated: a module with hundreds of findings, most with fixes."""
    parts = [
        "".join(
            line for line in path.read_text(encoding="utf-8").splitlines(True) if "__future__" not in line
        )
        for path in sorted(ROOT.glob("testdata/*/bad*.py"))
    ]
    return "\n".join(parts)


def rendered(report: Report, color: bool) -> str:
    out = io.StringIO()
    render(report, OutputFormat.FULL, out, color)
    return out.getvalue()


@pytest.mark.parametrize("color", [False, True])
def test_full_output_is_byte_identical_to_the_whole_file_version(
    monkeypatch: pytest.MonkeyPatch, color: bool
) -> None:
    text = many_findings()
    result = api.check_source(text, "many.py", api.all_codes())
    with_fixes = [d for d in result.diagnostics if d.fix is not None]
    assert len(result.diagnostics) > 150 and len(with_fixes) > 50
    report = Report(results=(result,), show_fixes=True)
    linear = rendered(report, color)

    splits: list[int] = []

    class Counting:
        def split(self, value: str) -> list[str]:
            splits.append(len(value))
            return _NEWLINE.split(value)

    monkeypatch.setattr(full_format, "_NEWLINE", Counting())
    assert rendered(report, color) == linear
    assert splits.count(len(text)) == 1  # the file is split once, not once per finding
    assert sum(splits) < 3 * len(text)  # and each fix's diff splits only its own lines

    # the reference: every frame splits the whole text itself, every diff compares the whole file
    monkeypatch.setattr(full_format, "_NEWLINE", _NEWLINE)
    frame = full_format.code_frame
    monkeypatch.setattr(full_format, "code_frame", lambda text, d, style, lines=None: frame(text, d, style))
    monkeypatch.setattr(
        full_format, "fix_diff", lambda text, fix, style, cache=None: reference_fix_diff(text, fix, style)
    )
    assert rendered(report, color) == linear


def test_fix_diff_equals_the_whole_file_diff_for_random_fixes() -> None:
    """Random fixes (one to three edits, near or far apart, inserting lines that repeat nearby) on real files:
    the same diff as the whole-file comparison. (On text repeated many times over, difflib's whole-file
    pairing of equal lines may differ; fix_diff's docstring says so.)"""
    rng = random.Random(7)
    style = Style(False)
    files = sorted(ROOT.glob("testdata/*/*.py"))
    snippets = ["x = 1", "", "y = 2", "    pass", "z", "\n", "x = 1\nx = 1", "(", "new line\n"]
    for trial in range(1500):
        text = rng.choice(files).read_text(encoding="utf-8")
        index = LineIndex(text)
        edits = []
        for _ in range(rng.randint(1, 3)):
            line = rng.randint(1, index.line_count)
            column = rng.randint(0, len(index.line_text(line)))
            end_line = min(line + rng.choice([0, 0, 1, 2]), index.line_count)
            end_column = rng.randint(0, len(index.line_text(end_line))) if end_line > line else column
            end_column = max(end_column, column) if end_line == line else end_column
            edits.append(
                Edit(Range(Position(line, column), Position(end_line, end_column)), rng.choice(snippets))
            )
        edits.sort(key=lambda e: (e.range.start, e.range.end))
        if any(a.range.end > b.range.start for a, b in itertools.pairwise(edits)):
            continue  # overlapping edits: no fix has them
        fix = Fix("t", rng.choice([FixSafety.SAFE, FixSafety.UNSAFE]), tuple(edits), VerifyCheck.EQUIVALENT)
        assert full_format.fix_diff(text, fix, style) == reference_fix_diff(text, fix, style), (trial, edits)
