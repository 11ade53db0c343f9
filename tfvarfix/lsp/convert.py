"""Positions between the engine (1-based lines, columns in code points) and LSP (0-based lines, columns in
the negotiated encoding: UTF-16 code units unless the client offered UTF-8 or UTF-32), and noqa edits.

Lines are split as the engine splits them (`\\r\\n`, `\\r`, `\\n`), not as `str.splitlines` does.
"""

from __future__ import annotations

import re

from lsprotocol import types

from tfvarfix.types import Position

_NEWLINE = re.compile(r"\r\n|\r|\n")
_NOQA = re.compile(r"#\s*noqa(?P<colon>:\s?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)


def lines_of(text: str) -> list[str]:
    return _NEWLINE.split(text)


def units(text: str, encoding: str) -> int:
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def to_lsp(lines: list[str], where: Position, encoding: str, first_line: int = 1) -> types.Position:
    """An engine position (its line counted from `first_line`) as an LSP position in `lines`."""
    line = where.line - first_line
    if line >= len(lines):
        return types.Position(
            line=max(len(lines) - 1, 0), character=units(lines[-1], encoding) if lines else 0
        )
    line = max(line, 0)
    text = lines[line]
    return types.Position(line=line, character=units(text[: max(where.column, 0)], encoding))


def noqa_edit(line_text: str, line: int, code: str, encoding: str) -> types.TextEdit | None:
    """The edit that adds `code` to the line's noqa comment (or a new `  # noqa: CODE`); None when a bare
    `# noqa` (all codes) is already there or the code is already listed."""
    match = _NOQA.search(line_text)
    if match is None:
        end = units(line_text.rstrip(), encoding)
        position = types.Position(line=line, character=end)
        replaced = types.Range(
            start=position, end=types.Position(line=line, character=units(line_text, encoding))
        )
        return types.TextEdit(range=replaced, new_text=f"  # noqa: {code}")
    codes = match.group("codes")
    if codes is None:
        return None
    listed = [c.upper() for c in re.split(r"[,\s]+", codes) if c]
    if code in listed:
        return None
    start = units(line_text[: match.start("codes")], encoding)
    end = units(line_text[: match.end("codes")], encoding)
    return types.TextEdit(
        range=types.Range(
            start=types.Position(line=line, character=start), end=types.Position(line=line, character=end)
        ),
        new_text=", ".join([*listed, code]),
    )
