"""Reading and writing Python source faithfully: encoding (PEP 263), BOM and line endings are kept."""

from __future__ import annotations

import codecs
import io
import re
import tokenize
from dataclasses import dataclass

_NEWLINE = re.compile(r"\r\n|\r|\n")


class DecodeError(Exception):
    pass


@dataclass(frozen=True)
class SourceText:
    """A decoded source file and what it takes to write it back byte-for-byte."""

    text: str
    encoding: str = "utf-8"
    bom: bool = False

    @property
    def newline(self) -> str:
        match = _NEWLINE.search(self.text)
        return match.group(0) if match else "\n"

    def encode(self, text: str) -> bytes:
        data = text.encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data


def decode(data: bytes) -> SourceText:
    """Decode bytes as Python does: BOM, coding cookie, else UTF-8. Raises DecodeError with a clear reason."""
    if b"\0" in data:
        raise DecodeError("file contains null bytes (binary?)")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as error:
        raise DecodeError(str(error)) from None
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[len(codecs.BOM_UTF8) :]
        encoding = "utf-8"
    if encoding == "utf-8-sig":
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise DecodeError(f"cannot decode as {encoding}: {error}") from None
    return SourceText(text=text, encoding=encoding, bom=bom)


class LineIndex:
    """Converts (line, column) positions, 1-based lines and 0-based code-point columns, to string offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        for match in _NEWLINE.finditer(text):
            starts.append(match.end())
        self._starts = starts

    def offset(self, line: int, column: int) -> int:
        if line - 1 >= len(self._starts):
            return len(self.text)
        return min(self._starts[line - 1] + column, len(self.text))

    def line_text(self, line: int) -> str:
        if not 1 <= line <= len(self._starts):
            return ""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        return self._starts[line - 1] if line - 1 < len(self._starts) else len(self.text)
