"""ANSI styling for the text formats: plain escape codes, so that no terminal library is imported to print."""

from __future__ import annotations

import os
from typing import TextIO

_CODES = {
    "bold": "1",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "cyan": "36",
}


class Style:
    """Wraps text in ANSI codes when `enabled`, and returns it unchanged otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        if not self.enabled or not text or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"


def color_default(out: TextIO) -> bool:
    """Whether to color `out` when the user did not say: NO_COLOR, FORCE_COLOR, else whether it is a tty."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(out, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except (ValueError, OSError):
        return False
